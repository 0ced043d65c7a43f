"""Two platforms on one host in one browser (try-out 17, K4): the demo's kiosks side by
side each run a platform on 127.0.0.1, on its own port. A browser keeps cookies by host,
not port, so both consoles' sessions were one cookie: signing in to the second signed
staff out of the first (a 工作人员登录 page in the middle of a run). Each console's
cookies are named for its port now; both stay signed in, with every cookie flag."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform, start_embedded
from tests.integration.central.conftest import Creds
from tests.integration.console.conftest import PASSWORDS, session_cookie
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.integration


def test_signing_in_to_a_second_console_on_the_host_keeps_the_first(
    platform: EmbeddedPlatform,
    creds: Creds,
    chromium: Any,  # noqa: F811
) -> None:
    first = platform.base_url
    with start_embedded(creds.config()) as other:
        second = other.base_url
        role, password = PASSWORDS["wang"]
        other.platform.staff.add("wang", Role(role), password, dt.datetime.now(dt.UTC))
        assert first.split(":")[:2] == second.split(":")[:2] and first != second  # one host

        _sign_in(chromium, first, "zhao")
        _sign_in(chromium, second, "wang")
        chromium.get(first + "/console/hall")
        who = chromium.find_elements(By.ID, "who")
        assert who and "zhao" in who[0].text, "the first console signed its staff out"
        chromium.get(second + "/console/hall")
        assert "wang" in chromium.find_element(By.ID, "who").text

        # Two cookies, one per console, each HttpOnly and SameSite=Strict (plain HTTP
        # here: Secure is test_signin.py's, over TLS).
        cookies = {c["name"]: c for c in chromium.get_cookies()}
        for base in (first, second):
            kept = cookies[session_cookie(base)]
            assert kept["httpOnly"] and kept["sameSite"] == "Strict" and kept["path"] == "/console"
