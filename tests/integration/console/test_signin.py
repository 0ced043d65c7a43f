"""Sign-in, sessions, CSRF, roles and lockout of the console, over real HTTP."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from central.console import accounts
from central.console.accounts import (
    LOCKOUT,
    MAX_FAILURES,
    SOURCE_MAX_FAILURES,
    SOURCE_WINDOW,
    Role,
)
from central.embedded import EmbeddedPlatform, TlsFiles, start_embedded
from tests.integration.central.conftest import Creds
from tests.integration.console.conftest import (
    PASSWORDS,
    Clock,
    browser,
    csrf_of,
    session_cookie,
    sign_in,
)
from tests.support.tls_pki import make_pki


def test_nothing_answers_without_signing_in(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = browser()
    for path in ("/console", "/console/hall", "/console/fleet"):
        r = s.get(base + path, allow_redirects=False, timeout=5)
        assert r.status_code == 303 and r.headers["location"] == "/console/signin", path
    r = s.post(base + "/console/hall/calls/x/ack", data={"csrf": "x"}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/signin"
    # A made-up session cookie is no session.
    s.cookies.set(session_cookie(base), "forged", path="/console")
    r = s.get(base + "/console/hall", allow_redirects=False, timeout=5)
    assert r.status_code == 303


def test_sign_in_sets_a_strict_http_only_cookie_and_shows_the_hall(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    s = browser()
    form = s.get(base + "/console/signin", timeout=5)
    r = s.post(
        base + "/console/signin",
        data={"csrf": csrf_of(form.text), "username": "wang", "password": PASSWORDS["wang"][1]},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert session_cookie(base) + "=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP here
    hall = s.get(base + "/console/hall", timeout=5)
    assert hall.status_code == 200
    assert "wang" in hall.text and "大厅工作人员" in hall.text
    assert hall.headers["cache-control"] == "no-store"


def test_sign_in_form_needs_its_csrf_token(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = browser()
    s.get(base + "/console/signin", timeout=5)
    r = s.post(
        base + "/console/signin",
        data={"csrf": "guessed", "username": "wang", "password": PASSWORDS["wang"][1]},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403 and "console_session" not in r.headers.get("set-cookie", "")


def test_a_wrong_password_is_refused_calmly(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = browser()
    r = _try(s, base, "wang", "not-the-password")
    assert r.status_code == 401 and "用户名或密码不正确" in r.text
    # An unknown name reads exactly the same.
    r = _try(s, base, "nobody", "whatever-it-is")
    assert r.status_code == 401 and "用户名或密码不正确" in r.text


def _try(
    s: requests.Session, base: str, username: str, password: str, source: str | None = None
) -> requests.Response:
    """Open the sign-in form and send it (from ``source``: as a trusted reverse proxy on
    loopback names the client, X-Forwarded-For, which uvicorn trusts from 127.0.0.1)."""
    headers = {"X-Forwarded-For": source} if source else {}
    form = s.get(base + "/console/signin", headers=headers, timeout=5)
    return s.post(
        base + "/console/signin",
        data={"csrf": csrf_of(form.text), "username": username, "password": password},
        headers=headers,
        allow_redirects=False,
        timeout=10,
    )


def test_repeated_wrong_passwords_lock_the_account(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = browser()
    for _ in range(MAX_FAILURES):
        _try(s, base, "wang", "wrong-guess-123")
    r = _try(s, base, "wang", PASSWORDS["wang"][1])
    assert r.status_code == 401 and "暂时锁定" in r.text  # even the right password waits
    sign_in(base, "li")  # other accounts are not affected


def test_every_post_needs_the_session_csrf_token(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = sign_in(base, "wang")
    r = s.post(base + "/console/signout", data={"csrf": "forged"}, allow_redirects=False)
    assert r.status_code == 403 and "表单已过期" in r.text
    assert s.get(base + "/console/hall", allow_redirects=False).status_code == 200


def test_sign_out_ends_the_session(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = sign_in(base, "wang")
    token = s.cookies.get(session_cookie(base))
    hall = s.get(base + "/console/hall", timeout=5)
    r = s.post(base + "/console/signout", data={"csrf": csrf_of(hall.text)}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/signin"
    # The old cookie, replayed, no longer opens anything.
    replay = browser()
    replay.cookies.set(session_cookie(base), token, path="/console")
    assert replay.get(base + "/console/hall", allow_redirects=False).status_code == 303


def test_roles_decide_the_pages(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    hall_staff = sign_in(base, "wang")
    r = hall_staff.get(base + "/console/fleet", timeout=5)
    assert r.status_code == 403 and "无权" in r.text
    assert 'id="nav-fleet"' not in hall_staff.get(base + "/console/hall").text
    operator = sign_in(base, "li")
    assert operator.get(base + "/console/fleet", timeout=5).status_code == 200
    admin = sign_in(base, "zhao")
    for path in ("/console/hall", "/console/fleet"):
        assert admin.get(base + path, timeout=5).status_code == 200


def test_pages_come_in_chinese_and_english(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    s = sign_in(base, "wang")
    assert "呼叫工作人员" in s.get(base + "/console/hall").text
    en = s.get(base + "/console/hall?lang=en", timeout=5)
    assert "Staff calls" in en.text and "呼叫工作人员" not in en.text
    # The choice is remembered.
    assert "Staff calls" in s.get(base + "/console/hall").text
    sign = requests.get(base + "/console/signin?lang=en", timeout=5)
    assert re.search(r"Staff sign-in", sign.text)


def test_over_tls_the_session_cookie_is_secure(creds: Creds, tmp_path: Path) -> None:
    pki = make_pki(tmp_path, ("A7H3",))
    tls = TlsFiles(str(pki["srv"]), str(pki["srv_key"]))
    with start_embedded(creds.config(), tls=tls) as p:
        p.platform.staff.add("wang", Role.HALL, PASSWORDS["wang"][1], dt.datetime.now(dt.UTC))
        s = browser()
        s.verify = str(pki["ca"])
        form = s.get(p.base_url + "/console/signin", timeout=5)
        assert "Secure" in form.headers["set-cookie"]  # the sign-in form's token too
        r = s.post(
            p.base_url + "/console/signin",
            data={"csrf": csrf_of(form.text), "username": "wang", "password": PASSWORDS["wang"][1]},
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == 303
        cookie = r.headers["set-cookie"]
        assert (
            session_cookie(p.base_url) + "=" in cookie
            and "Secure" in cookie
            and "HttpOnly" in cookie
        )


def _failure_rows(html: str) -> list[tuple[str, str, str, str]]:
    """(name typed, address, reason words, times) of each failed sign-in on the audit page."""
    return re.findall(
        r'<tr class="signin-failure">.*?<td class="who">(.*?)</td><td class="source">(.*?)</td>'
        r'<td class="reason"[^>]*>(.*?)</td><td class="times">(\d+)</td>',
        html,
    )


def test_failed_sign_ins_are_on_the_audit_page_and_never_the_password(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    s = browser()
    for _ in range(2):
        assert _try(s, base, "wang", "Secret-guess-4711").status_code == 401
    assert _try(s, base, "nobody.here", "Other-guess-0815").status_code == 401
    page = admin.get(base + "/console/audit", timeout=5).text
    assert "Secret-guess-4711" not in page and "Other-guess-0815" not in page
    assert set(_failure_rows(page)) == {
        ("wang", "127.0.0.1", "登录失败：密码错误", "2"),  # the repeat counted, not listed
        ("n＊＊＊", "127.0.0.1", "登录失败：无此账号", "1"),  # no account's name: masked
    }
    assert "nobody.here" not in page  # perhaps a password typed into the wrong box
    # Searchable like the sign-ins: by an account's name, by the reason's words; a name
    # no account has is not found by its text (the page would confirm a guess of it).
    found = admin.get(base + "/console/audit", params={"q": "nobody"}, timeout=5).text
    assert _failure_rows(found) == [] and "nobody.here" not in found.replace("q=nobody", "")
    found = admin.get(base + "/console/audit", params={"q": "无此账号"}, timeout=5).text
    assert [r[0] for r in _failure_rows(found)] == ["n＊＊＊"]
    found = admin.get(base + "/console/audit", params={"q": "wang"}, timeout=5).text
    assert [r[0] for r in _failure_rows(found)] == ["wang"]
    found = admin.get(base + "/console/audit", params={"q": "密码错误"}, timeout=5).text
    assert [r[0] for r in _failure_rows(found)] == ["wang"]


def test_an_address_that_keeps_failing_is_refused_for_a_while(
    clocked_platform: EmbeddedPlatform, clock: Clock
) -> None:
    base = clocked_platform.base_url
    clocked_platform.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], clock.now)
    admin = sign_in(base, "zhao")
    s = browser()
    for n in range(SOURCE_MAX_FAILURES):  # names no lockout would ever stop
        assert _try(s, base, f"guess{n}", "Wrong-guess-123").status_code == 401
    r = _try(s, base, "li", PASSWORDS["li"][1])  # the right password waits too
    assert r.status_code == 429 and "console_session" not in r.headers.get("set-cookie", "")
    assert "登录失败的次数过多" in r.text and "请 10 分钟后再试" in r.text
    refused = _failure_rows(admin.get(base + "/console/audit").text)
    assert ("", "127.0.0.1", "登录失败：该地址失败过多，暂不受理", "1") in refused
    clock.now += SOURCE_WINDOW + dt.timedelta(minutes=1)
    sign_in(base, "li")


def test_a_flood_that_fills_the_audit_cap_leaves_no_address_unthrottled(
    clocked_platform: EmbeddedPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review10: once a minute's failures filled the audit table's cap (1,000 rows, here
    6), further ones were kept under address "*", which the throttle did not count:
    ~50 addresses filled it and every address then guessed unthrottled for the rest of
    the minute. Staff at an address that has not failed still sign in."""
    monkeypatch.setattr(accounts, "NAME_ROWS_PER_MINUTE", 3)
    monkeypatch.setattr(accounts, "SOURCE_ROWS_PER_MINUTE", 6)
    base = clocked_platform.base_url
    s = browser()
    for n in range(8):  # the flood
        assert _try(s, base, "wang", "Wrong-guess-123", f"198.51.100.{n}").status_code == 401
    for n in range(SOURCE_MAX_FAILURES):
        r = _try(s, base, f"guess{n}", "Wrong-guess-123", "203.0.113.9")
        assert r.status_code == 401
    r = _try(s, base, "li", PASSWORDS["li"][1], "203.0.113.9")
    assert r.status_code == 429 and "console_session" not in r.headers.get("set-cookie", "")
    r = _try(s, base, "li", PASSWORDS["li"][1], "192.0.2.44")  # staff elsewhere
    assert r.status_code == 303 and session_cookie(base) + "=" in r.headers["set-cookie"]


def test_addresses_rotated_within_an_ipv6_64_are_throttled_as_one(
    clocked_platform: EmbeddedPlatform, clock: Clock
) -> None:
    """review10: IPv6 was throttled per full address, so one subscriber's /64 (2^64
    addresses) guessed freely. Its addresses now count as one source; the next /64 is
    another (staff there sign in)."""
    base = clocked_platform.base_url
    s = browser()
    for n in range(SOURCE_MAX_FAILURES):
        r = _try(s, base, f"guess{n}", "Wrong-guess-123", f"2001:db8:5:6::{n + 1:x}")
        assert r.status_code == 401
    r = _try(s, base, "li", PASSWORDS["li"][1], "2001:db8:5:6:abcd::beef")
    assert r.status_code == 429 and "登录失败的次数过多" in r.text
    r = _try(s, base, "li", PASSWORDS["li"][1], "2001:db8:5:7::1")
    assert r.status_code == 303
    clock.now += SOURCE_WINDOW + dt.timedelta(minutes=1)
    assert _try(s, base, "li", PASSWORDS["li"][1], "2001:db8:5:6::99").status_code == 303


def test_failed_sign_ins_older_than_their_retention_go_at_start_up(
    creds: Creds, tmp_path: Path
) -> None:
    """A name typed may be a password: failed sign-ins are not kept for ever. A platform
    started with ``signin_failures_keep_days`` deletes older ones before it serves."""
    db = tmp_path / "central.sqlite3"
    now = dt.datetime.now(dt.UTC)
    with start_embedded(creds.config(db_path=db)) as p:
        p.platform.staff.record_failure(
            "Old-secret-1", "10.0.0.1", "unknown", now - dt.timedelta(days=31)
        )
        p.platform.staff.record_failure(
            "recent", "10.0.0.2", "unknown", now - dt.timedelta(days=29)
        )
    with start_embedded(creds.config(db_path=db, signin_failures_keep_days=30)) as p:
        p.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], now)
        page = sign_in(p.base_url, "zhao").get(p.base_url + "/console/audit", timeout=5).text
    assert [(r[0], r[1]) for r in _failure_rows(page)] == [("r＊＊＊", "10.0.0.2")]


def test_an_unknown_name_is_locked_as_an_account_is(
    clocked_platform: EmbeddedPlatform, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: "locked" came only for real accounts, so five tries told which names
    exist. An unknown name now reads the same after the same count, with an Argon2
    check exactly where an account's try has one (none while locked), and counted
    apart: tries at unknown names lock no real account, nor one made later."""
    base = clocked_platform.base_url
    staff = clocked_platform.platform.staff
    checks: list[str] = []
    verify = staff._verify
    monkeypatch.setattr(staff, "_verify", lambda d, p: checks.append(d) or verify(d, p))
    s = browser()

    def seen(name: str, tries: int) -> list[tuple[int, bool, bool, int]]:
        """(status, says locked, says wrong, Argon2 checks) of each try."""
        out = []
        for _ in range(tries):
            before = len(checks)
            r = _try(s, base, name, "Wrong-guess-123")
            out.append(
                (
                    r.status_code,
                    "暂时锁定" in r.text,
                    "用户名或密码不正确" in r.text,
                    len(checks) - before,
                )
            )
        return out

    real, unknown = seen("wang", MAX_FAILURES + 1), seen("nobody", MAX_FAILURES + 1)
    assert unknown == real
    # The last wrong try says it locked the account (try-out 11, K1), for both alike.
    locking = (401, True, True, 1)
    assert unknown == [(401, False, True, 1)] * (MAX_FAILURES - 1) + [
        locking,
        (401, True, False, 0),
    ]
    # After the lockout, one more wrong try locks again, for both alike.
    clock.now += LOCKOUT + dt.timedelta(seconds=1)
    assert seen("nobody", 2) == seen("wang", 2) == [locking, (401, True, False, 0)]
    # The noise locked no real account: not li (other names typed at it), not an
    # account made later under the name tried (the address's own throttle let go first).
    clock.now += SOURCE_WINDOW + dt.timedelta(minutes=1)
    for name in ("LI", "li.", "li x"):
        seen(name, MAX_FAILURES)
    sign_in(base, "li")
    staff.add("nobody", Role.ADMIN, "Quiet-harbor-7731", clock.now)
    r = _try(s, base, "nobody", "Quiet-harbor-7731")
    assert r.status_code == 303 and session_cookie(base) + "=" in r.headers["set-cookie"]
    # The audit page tells the truth: no such account then, answered as locked.
    found = _failure_rows(s.get(base + "/console/audit", params={"q": "nobody"}).text)
    assert ("nobody", "127.0.0.1", "登录失败：无此账号（已按锁定答复）", "1") in found, found
    assert ("nobody", "127.0.0.1", "登录失败：无此账号", "5") in found, found


def test_tries_sent_side_by_side_are_counted_as_tries_one_after_another(
    clocked_platform: EmbeddedPlatform, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The throttle and the accounts' lock count a failure once its password was checked:
    tries sent at once from one address all passed both checks before the first was
    counted, so 30 side by side had 30 passwords checked (against one account too),
    where one after another the address is refused after SOURCE_MAX_FAILURES and the
    account after MAX_FAILURES."""
    base = clocked_platform.base_url
    staff = clocked_platform.platform.staff
    checked: list[str] = []
    verify = staff._verify
    wang = PASSWORDS["wang"][1]

    def slow_verify(digest: str, password: str) -> bool:
        checked.append(digest)
        time.sleep(0.05)  # an Argon2 check takes a while: the others arrive meanwhile
        return bool(verify(digest, password))

    monkeypatch.setattr(staff, "_verify", slow_verify)
    forms = [browser() for _ in range(30)]

    def send(names: list[str]) -> list[int]:
        tokens = [csrf_of(s.get(base + "/console/signin", timeout=5).text) for s in forms]

        def one(i: int) -> int:
            data = {"csrf": tokens[i], "username": names[i], "password": "Wrong-guess-123"}
            r = forms[i].post(base + "/console/signin", data=data, timeout=30)
            return r.status_code

        with ThreadPoolExecutor(len(names)) as pool:
            return list(pool.map(one, range(len(names))))

    # Names no lockout stops: the address's throttle alone.
    codes = send([f"guess{n}" for n in range(30)])
    assert len(checked) <= SOURCE_MAX_FAILURES, len(checked)
    assert codes.count(429) == 30 - codes.count(401) >= 30 - SOURCE_MAX_FAILURES
    # One account: its lock.
    clock.now += SOURCE_WINDOW + dt.timedelta(minutes=1)
    checked.clear()
    codes = send(["wang"] * 15)
    assert len(checked) <= MAX_FAILURES, len(checked)
    assert codes.count(401) == 15
    clock.now += LOCKOUT + dt.timedelta(seconds=1)
    sign_in(base, "wang", wang)


def test_an_address_refused_is_logged_once_a_minute_not_once_a_try(
    clocked_platform: EmbeddedPlatform, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """A refused try costs no password check, so a flood of them came fast, each a
    warning in the platform's log (the audit page already folds them into one row a
    minute): the log says so once a minute, as the audit page does."""
    base = clocked_platform.base_url
    s = browser()
    for n in range(SOURCE_MAX_FAILURES):
        assert _try(s, base, f"guess{n}", "Wrong-guess-123").status_code == 401
    caplog.set_level(logging.WARNING, logger="central.console.routes")
    for n in range(5):
        assert _try(s, base, f"more{n}", "Wrong-guess-123").status_code == 429
    clock.now += dt.timedelta(minutes=1)
    assert _try(s, base, "later", "Wrong-guess-123").status_code == 429
    refused = [r for r in caplog.records if "too many failures" in r.getMessage()]
    assert len(refused) == 2, [r.getMessage() for r in refused]
