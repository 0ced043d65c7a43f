"""``kiosk-central staff`` beside a running platform (try-out 13, K1 + K2): the CLI run
against the platform's own database file while it serves, as the README tells an
administrator to. An unlock or a new password works at the very next sign-in, and both
runs are on the console's audit page in words.

They did neither: opening the database a second time in the platform's process closed a
descriptor of the file, which drops every POSIX lock the process held on it; the first
CLI run then deleted the WAL under the live platform, which went on in a copy of its own
(it never saw the unlock, and the CLI's audit rows never reached its page)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from central.console.accounts import MAX_FAILURES, Role
from central.embedded import TlsFiles, start_embedded
from tests.integration.central.conftest import Creds
from tests.integration.central.test_store_contract import (  # noqa: F401  (fixture)
    cluster,
    fresh_pg_database,
)
from tests.integration.console.conftest import PASSWORDS, csrf_of
from tests.support import pg_cluster
from tests.support.tls_pki import make_pki

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
NEW_PASSWORD = "Fresh-start-2026!"


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The platform's database: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    if not pg_cluster.available():
        pytest.skip("needs the Debian package postgresql")
    return fresh_pg_database(request.getfixturevalue("cluster"))


def _cli(db: str, *args: str, stdin: str = "") -> str:
    """One ``kiosk-central staff`` run in its own process (as an administrator types it)."""
    done = subprocess.run(
        [sys.executable, "-m", "central", "staff", "--db", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _try(base: str, ca: str, name: str, password: str) -> tuple[int, requests.Session, str]:
    """A sign-in over HTTPS: the status, the browser session, the page's words."""
    s = requests.Session()
    s.trust_env = False
    s.verify = ca
    form = s.get(base + "/console/signin", timeout=10)
    r = s.post(
        base + "/console/signin",
        data={"csrf": csrf_of(form.text), "username": name, "password": password},
        allow_redirects=False,
        timeout=20,
    )
    return r.status_code, s, r.text


def test_unlock_and_passwd_take_effect_at_once_on_a_running_platform(
    creds: Creds, tmp_path: Path, target: str
) -> None:
    pki = make_pki(tmp_path, ("A7H3",))
    db = target
    tls = TlsFiles(str(pki["srv"]), str(pki["srv_key"]))
    ca = str(pki["ca"])
    with start_embedded(creds.config(db_path=db), tls=tls) as p:
        base = p.base_url
        assert base.startswith("https://")
        now = dt.datetime.now(dt.UTC)
        p.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], now)
        # Accounts made with the CLI while the platform runs, as the README says.
        assert _cli(db, "add", "wang", "--role", "hall", "--password-stdin",
                    stdin=PASSWORDS["wang"][1] + "\n") == "added wang (hall)"  # fmt: skip
        assert _cli(db, "add", "li", "--role", "operator", "--password-stdin",
                    stdin=PASSWORDS["li"][1] + "\n") == "added li (operator)"  # fmt: skip
        assert _try(base, ca, "wang", PASSWORDS["wang"][1])[0] == 303

        for name in ("wang", "li"):
            for _ in range(MAX_FAILURES):
                assert _try(base, ca, name, "Wrong-guess-123")[0] == 401
            status, _, said = _try(base, ca, name, PASSWORDS[name][1])
            assert status == 401 and "已暂时锁定" in said

        # The administrator lifts wang's lock: the right password works at once.
        assert _cli(db, "unlock", "wang") == "unlocked wang"
        status, _, said = _try(base, ca, "wang", PASSWORDS["wang"][1])
        assert status == 303, re.sub(r"\s+", " ", said)[-400:]

        # li forgot the password: a new one works at once, the old one no longer.
        assert _cli(db, "passwd", "li", "--password-stdin", stdin=NEW_PASSWORD + "\n") == (
            "new password set for li (unlocked; its sessions ended)"
        )
        assert _try(base, ca, "li", NEW_PASSWORD)[0] == 303
        assert _try(base, ca, "li", PASSWORDS["li"][1])[0] == 401

        # Both runs on the audit page, in words, with the computer's user who ran them.
        status, admin, _ = _try(base, ca, "zhao", PASSWORDS["zhao"][1])
        assert status == 303
        page = admin.get(base + "/console/audit", timeout=20).text
        rows = re.findall(
            r'<tr class="console-event"><td class="at">[^<]*</td><td class="who">([^<]*)</td>'
            r'<td class="kind"[^>]*>([^<]*)</td><td>[^<]*</td><td class="about"[^>]*>([^<]*)</td>',
            page,
        )
        cli_rows = [(kind, about) for who, kind, about in rows if "@" in who]
        assert ("解除账号锁定（命令行）", "wang") in cli_rows, rows
        assert ("重设账号密码（命令行）", "li") in cli_rows, rows
