"""A running platform (real HTTP on loopback) with staff accounts, and browser-like sessions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import requests

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform, start_embedded
from tests.integration.central.conftest import (  # noqa: F401  (fixtures)
    Creds,
    creds,
    kiosk,
    other_kiosk,
    session,
)

PASSWORDS = {
    "wang": ("hall", "Hall-staff-2026!"),
    "li": ("operator", "Operator-pass-77"),
    "zhao": ("admin", "Admin-pass-88xyz"),
}


@pytest.fixture
def platform(creds: Creds) -> Iterator[EmbeddedPlatform]:  # noqa: F811
    with start_embedded(creds.config(heartbeat_interval_s=60)) as p:
        now = dt.datetime.now(dt.UTC)
        for name, (role, password) in PASSWORDS.items():
            p.platform.staff.add(name, Role(role), password, now)
        yield p


INTERVAL_S = 60


class Clock:
    """The platform's wall clock, moved by the test (a Friday, 10:00 in Beijing)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 4, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def clocked_platform(creds: Creds, clock: Clock) -> Iterator[EmbeddedPlatform]:  # noqa: F811
    """A platform on the test's clock, with the hall and operator accounts."""
    with start_embedded(creds.config(heartbeat_interval_s=INTERVAL_S, now=clock)) as p:
        for name in ("wang", "li"):
            role, password = PASSWORDS[name]
            p.platform.staff.add(name, Role(role), password, clock.now)
        yield p


def session_cookie(base: str) -> str:
    """The name of the session cookie of the platform at ``base`` (its port in it: K4)."""
    return "console_session_" + base.rsplit(":", 1)[1].split("/")[0]


def browser() -> requests.Session:
    """A session that keeps cookies and does not follow redirects by itself."""
    s = requests.Session()
    s.trust_env = False
    return s


def csrf_of(html: str) -> str:
    """The CSRF token in a page's first form."""
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "the page has no CSRF field"
    return m.group(1)


def sign_in(base: str, username: str, password: str | None = None) -> requests.Session:
    """A browser session signed in as ``username`` (asserts success)."""
    s = browser()
    form = s.get(base + "/console/signin", timeout=5)
    assert form.status_code == 200
    r = s.post(
        base + "/console/signin",
        data={
            "csrf": csrf_of(form.text),
            "username": username,
            "password": password or PASSWORDS[username][1],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303, r.text
    return s
