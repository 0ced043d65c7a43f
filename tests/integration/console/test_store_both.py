"""The console's accounts, sessions, acknowledgements and follow-ups, and the store's
console queries, behave the same on SQLite and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.console import accounts
from central.console.accounts import (
    MAX_FAILURES,
    SOURCE_MAX_FAILURES,
    SOURCE_WINDOW,
    AccountError,
    Role,
    StaffStore,
)
from central.crypto import FieldCipher
from central.store import PlatformStore
from tests.integration.central.test_store_contract import (  # noqa: F401  (fixture)
    cluster,
    fresh_pg_database,
)
from tests.support import pg_cluster

NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
PASSWORD = "Hall-staff-2026!"


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite3")
    if not pg_cluster.available():
        pytest.skip("needs the Debian package postgresql")
    return fresh_pg_database(request.getfixturevalue("cluster"))


@pytest.fixture
def staff(target: str) -> Iterator[StaffStore]:
    s = StaffStore(target)
    yield s
    s.close()


def test_accounts_sessions_and_lockout(staff: StaffStore, target: str) -> None:
    staff.add("wang", Role.HALL, PASSWORD, NOW)
    with pytest.raises(AccountError):
        staff.add("wang", Role.ADMIN, "Another-pass-2026", NOW)
    assert staff.list() == [("wang", Role.HALL)]
    ok = staff.sign_in("wang", PASSWORD, NOW)
    assert ok.token and ok.csrf
    # A second platform process on the same database sees the same session.
    other = StaffStore(target)
    try:
        found = other.session(ok.token, NOW)
        assert found is not None and found[0].username == "wang" and found[1] == ok.csrf
    finally:
        other.close()
    for _ in range(MAX_FAILURES):
        assert staff.sign_in("wang", "wrong-password-1", NOW).token is None
    locked = staff.sign_in("wang", PASSWORD, NOW)
    assert locked.token is None and locked.locked
    assert staff.sign_in("wang", PASSWORD, NOW + dt.timedelta(minutes=6)).token is not None
    assert staff.remove("wang") and not staff.remove("wang")
    assert staff.session(ok.token, NOW) is None


def test_acknowledgements_and_follow_ups(staff: StaffStore) -> None:
    staff.acknowledge("call-1", "A7H3", "wang", NOW)
    staff.acknowledge("call-1", "A7H3", "li", NOW + dt.timedelta(seconds=5))  # first stands
    assert staff.acknowledgements(["call-1", "call-2"]) == {
        "call-1": ("wang", "2026-12-04T09:00:00+00:00")
    }
    staff.add_follow_up("r1", "wang", "已回访", NOW)
    staff.add_follow_up("r1", "li", "再次回访", NOW + dt.timedelta(days=1))
    assert [n for _at, _who, n in staff.follow_ups(["r1", "r2"])["r1"]] == ["已回访", "再次回访"]


def test_call_steps_and_console_events(staff: StaffStore) -> None:
    """确认收到, 正在前往, 已处理 (try-out 9, K1): each step once, the first press stands,
    a later step answers the call too; what staff did is kept for the audit (K3)."""
    later = NOW + dt.timedelta(seconds=30)
    assert staff.call_step("call-1", "A7H3", "coming", "wang", NOW)  # straight to 正在前往
    assert not staff.call_step("call-1", "A7H3", "coming", "li", later)
    assert not staff.call_step("call-1", "A7H3", "acknowledged", "li", later)
    assert staff.acknowledgements(["call-1"]) == {"call-1": ("wang", "2026-12-04T09:00:00+00:00")}
    assert staff.call_step("call-1", "A7H3", "done", "li", later)
    assert staff.call_steps(["call-1", "call-2"]) == {
        "call-1": {
            "coming": ("wang", "2026-12-04T09:00:00+00:00"),
            "done": ("li", "2026-12-04T09:00:30+00:00"),
        }
    }
    staff.record_event("wang", "signin", "", None, NOW)
    staff.record_event("wang", "call.coming", "call-1", "A7H3", NOW)
    staff.record_event("li", "call.done", "call-1", "A7H3", later)
    assert [(e.username, e.action, e.target, e.kiosk_id) for e in staff.events()] == [
        ("li", "call.done", "call-1", "A7H3"),
        ("wang", "call.coming", "call-1", "A7H3"),
        ("wang", "signin", "", None),
    ]


def test_console_queries_of_the_store(target: str, tmp_path: Path) -> None:
    store = PlatformStore(target, FieldCipher.load_or_create(tmp_path / "keys" / "data.key"))
    try:
        for n in range(3):
            body = {"kind": "staff_call", "payload": {"n": n}}
            store.insert_submission(f"k{n}", f"h{n}", body, {"id": f"k{n}"}, NOW, "A7H3")
        store.insert_submission("r", "hr", {"kind": "rating", "payload": {}}, {"id": "r"}, NOW)
        rows = store.submissions_of_kind("staff_call", limit=2)
        assert [r["idempotency_key"] for r in rows] == ["k2", "k1"]  # newest first
        assert rows[0]["body"]["payload"] == {"n": 2} and rows[0]["kiosk_id"] == "A7H3"
        assert store.submission_owner("k0") == ("staff_call", "A7H3")
        assert store.submission_owner("nope") is None
        # The calls the audit page names by kiosk and screen (try-out 10, K3), by key,
        # more than one chunk of them, an absent key left out.
        for n in range(3, 503):
            body = {"kind": "staff_call", "payload": {"n": n}}
            store.insert_submission(f"k{n}", f"h{n}", body, {"id": f"k{n}"}, NOW, "A7H3")
        found = store.submissions_by_key(["k1", "nope", "r", *(f"k{n}" for n in range(3, 503))])
        assert len(found) == 502 and "nope" not in found
        assert found["k1"]["body"]["payload"] == {"n": 1} and found["k1"]["kiosk_id"] == "A7H3"
        assert (found["k1"]["kind"], found["r"]["kind"]) == ("staff_call", "rating")
        assert found["k502"]["body"]["payload"] == {"n": 502}
    finally:
        store.close()


def test_catalog_draft_and_publication_record(staff: StaffStore, target: str) -> None:
    drafts = staff.catalog_drafts
    assert drafts.draft() is None and drafts.publications() == []
    drafts.save_draft({"version": "2026.11", "services": [{"id": "a"}]}, 0, "zhao", NOW)
    drafts.save_draft({"version": "2026.11", "services": [{"id": "b"}]}, 0, "qian", NOW)
    # Another platform process on the same database sees the same (one) draft.
    other = StaffStore(target)
    try:
        draft = other.catalog_drafts.draft()
        assert draft is not None and draft.doc["services"] == [{"id": "b"}]
        assert (draft.base_version, draft.username) == (0, "qian")
    finally:
        other.close()
    # Publishing claims the draft it reviewed: not one changed since, and only once.
    assert drafts.claim("0" * 32) is None and drafts.draft() == draft
    assert drafts.claim(draft.stamp) == draft
    assert drafts.draft() is None and drafts.claim(draft.stamp) is None
    drafts.restore(draft)  # the publication failed: the draft is back as it was
    assert drafts.draft() == draft and drafts.claim(draft.stamp) == draft
    changes = {"added": ["b"], "changed": [], "removed": ["a"]}
    drafts.record(1, "2026.12", "qian", NOW, changes)
    assert drafts.draft() is None  # published: the draft is gone with the record made
    (pub,) = drafts.publications()
    assert (pub.version, pub.catalog_version, pub.username) == (1, "2026.12", "qian")
    assert (pub.added, pub.changed, pub.removed) == (["b"], [], ["a"])
    drafts.save_draft({"services": []}, 1, "zhao", NOW)
    drafts.discard()
    assert drafts.draft() is None


def test_failed_sign_ins_are_kept_collapsed_and_never_the_password(staff: StaffStore) -> None:
    """Failed sign-ins for the audit page (time, name as typed, address, reason), the
    repeats of a minute collapsed into one row with a count."""
    staff.add("wang", Role.HALL, PASSWORD, NOW)
    assert staff.sign_in("nobody", PASSWORD, NOW).reason == "unknown"
    assert staff.sign_in("wang", "wrong-password-1", NOW).reason == "wrong_password"
    for n in range(3):  # one minute, one address, one name, one reason: one row
        staff.record_failure("wang", "10.0.0.5", "wrong_password", NOW + dt.timedelta(seconds=n))
    later = NOW + dt.timedelta(seconds=70)  # the next minute
    staff.record_failure("wnag", "10.0.0.5", "unknown", later)
    staff.record_failure("wang", "10.0.0.7", "locked", later)
    staff.record_failure("x" * 300, "10.0.0.9", "unknown", later)
    rows = staff.signin_failures()
    assert {(f.username, f.source, f.reason, f.times) for f in rows} == {
        ("w＊＊＊", "10.0.0.5", "unknown", 1),  # no account's name: masked
        ("wang", "10.0.0.7", "locked", 1),
        ("x＊＊＊", "10.0.0.9", "unknown", 1),
        ("wang", "10.0.0.5", "wrong_password", 3),
    }
    assert rows[-1].first_at == "2026-12-04T09:00:00+00:00"
    assert rows[-1].last_at == "2026-12-04T09:00:02+00:00"
    assert all(f.first_at.startswith("2026-12-04T09:01") for f in rows[:-1])  # newest first
    # Searchable: by the name or address (any case), by reason, and a LIKE wildcard is
    # a character like any other.
    assert {f.source for f in staff.signin_failures("WANG")} == {"10.0.0.5", "10.0.0.7"}
    assert [f.username for f in staff.signin_failures("10.0.0.9")] == ["x＊＊＊"]
    with staff._db.read() as db:  # kept truncated as typed, shown only masked
        assert (
            db.execute(
                "SELECT COUNT(*) FROM console_signin_failures WHERE username = ?", ("x" * 64,)
            ).fetchone()[0]
            == 1
        )
    assert {f.username for f in staff.signin_failures("密码", ["wrong_password"])} == {"wang"}
    assert staff.signin_failures("%") == [] and staff.signin_failures("w_ng") == []


def test_an_address_that_keeps_failing_is_throttled(staff: StaffStore) -> None:
    for n in range(SOURCE_MAX_FAILURES - 1):
        staff.record_failure(f"guess{n}", "10.0.0.5", "unknown", NOW + dt.timedelta(seconds=n))
    assert not staff.source_throttled("10.0.0.5", NOW + dt.timedelta(minutes=1))
    staff.record_failure("wang", "10.0.0.5", "wrong_password", NOW + dt.timedelta(minutes=1))
    assert staff.source_throttled("10.0.0.5", NOW + dt.timedelta(minutes=1))
    assert not staff.source_throttled("10.0.0.6", NOW + dt.timedelta(minutes=1))
    # Tries refused while throttled are kept (one row a minute, whatever the names) but
    # do not prolong the refusal: the address is let in once its failures are old.
    for name in ("a", "b", "c"):
        staff.record_failure(name, "10.0.0.5", "throttled", NOW + dt.timedelta(minutes=5))
    (refused,) = [f for f in staff.signin_failures() if f.reason == "throttled"]
    assert (refused.username, refused.times) == ("", 3)
    assert staff.source_throttled("10.0.0.5", NOW + dt.timedelta(minutes=9))
    assert not staff.source_throttled("10.0.0.5", NOW + SOURCE_WINDOW + dt.timedelta(minutes=2))


def test_a_flood_of_names_and_addresses_adds_few_rows(
    staff: StaffStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "NAME_ROWS_PER_MINUTE", 3)
    monkeypatch.setattr(accounts, "SOURCE_ROWS_PER_MINUTE", 6)
    for n in range(10):  # one address spraying names
        staff.record_failure(f"name{n}", "10.0.0.5", "unknown", NOW)
    for n in range(10):  # then many addresses
        staff.record_failure("wang", f"10.1.0.{n}", "wrong_password", NOW)
    rows = staff.signin_failures()
    assert len(rows) <= 6 + 1  # the caps, and one merged row of names and addresses
    assert sum(f.times for f in rows) == 20  # every try counted
    assert ("*", "10.0.0.5", 7) in {(f.username, f.source, f.times) for f in rows}
    assert ("*", "*", "wrong_password") in {(f.username, f.source, f.reason) for f in rows}


def test_unknown_names_are_locked_as_accounts_are_and_counted_apart(
    staff: StaffStore, target: str
) -> None:
    """Issue 16: an unknown name is answered "locked" after MAX_FAILURES tries, as an
    account is, for LOCKOUT, then again after each further try; its count is its own
    (another store process on the database sees it; no account is locked by it) and is
    forgotten UNKNOWN_KEEP after its last failure."""
    staff.add("wang", Role.HALL, PASSWORD, NOW)
    got = [staff.sign_in("nobody", "Wrong-guess-123", NOW) for _ in range(MAX_FAILURES)]
    assert [(r.token, r.locked, r.reason) for r in got] == [(None, False, "unknown")] * 5
    other = StaffStore(target)  # a second platform process on the same database
    try:
        locked = other.sign_in("nobody", "Wrong-guess-123", NOW)
        assert (locked.locked, locked.reason) == (True, "unknown_locked")
    finally:
        other.close()
    assert staff.sign_in("nobody", "x", NOW + accounts.LOCKOUT - dt.timedelta(seconds=1)).locked
    later = NOW + accounts.LOCKOUT + dt.timedelta(seconds=1)
    assert staff.sign_in("nobody", "x", later).reason == "unknown"  # checked again
    assert staff.sign_in("nobody", "x", later).locked  # and locked again at once
    assert not staff.sign_in("someone", "x", later).locked  # each name its own count
    assert staff.sign_in("wang", PASSWORD, later).token  # no account's count
    with staff._db.read() as db:
        stored = [r[0] for r in db.execute("SELECT name_sha256 FROM console_signin_unknown")]
    assert "nobody" not in stored and len(stored) == 2 and all(len(k) == 64 for k in stored)
    # A week after its last failure a name's count is gone (the next failure clears it).
    week = later + accounts.UNKNOWN_KEEP + dt.timedelta(minutes=1)
    assert staff.sign_in("else", "x", week).reason == "unknown"
    with staff._db.read() as db:
        assert db.execute("SELECT COUNT(*) FROM console_signin_unknown").fetchone()[0] == 1
    assert staff.sign_in("nobody", "x", week).reason == "unknown"


def test_a_flood_that_fills_the_audit_cap_opens_no_window_without_throttle(
    staff: StaffStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review10: past the audit table's cap a minute's failures were kept under address
    "*", which the throttle did not count, so once ~50 addresses filled the cap every
    address guessed unthrottled for the rest of the minute. The throttle counts apart."""
    monkeypatch.setattr(accounts, "NAME_ROWS_PER_MINUTE", 3)
    monkeypatch.setattr(accounts, "SOURCE_ROWS_PER_MINUTE", 6)
    for n in range(10):  # the flood fills the audit cap
        staff.record_failure("wang", f"10.1.0.{n}", "wrong_password", NOW)
    for n in range(SOURCE_MAX_FAILURES):
        staff.record_failure(f"guess{n}", "10.9.0.1", "unknown", NOW + dt.timedelta(seconds=1))
    assert {f.source for f in staff.signin_failures("10.9.0.1")} == set()  # merged: "*"
    assert staff.source_throttled("10.9.0.1", NOW + dt.timedelta(seconds=2))
    assert not staff.source_throttled("10.8.0.1", NOW + dt.timedelta(seconds=2))


def test_an_ipv6_64_is_one_source(staff: StaffStore) -> None:
    """review10: IPv6 was throttled per full address, so rotating the addresses of one
    /64 (one subscriber's network) guessed freely. A /64 is one source; an IPv4-mapped
    address is its IPv4 address."""
    for n in range(SOURCE_MAX_FAILURES):
        staff.record_failure("wang", f"2001:db8:1:2::{n:x}", "wrong_password", NOW)
    assert staff.source_throttled("2001:db8:1:2:ffff::1", NOW)
    assert not staff.source_throttled("2001:db8:1:3::1", NOW)  # the next /64: its own
    for _ in range(SOURCE_MAX_FAILURES):
        staff.record_failure("wang", "::ffff:10.0.0.5", "wrong_password", NOW)
    assert staff.source_throttled("10.0.0.5", NOW)
    assert accounts.source_keys("2001:db8:1:2::7") == ("2001:db8:1:2::/64", "2001:db8:1::/48")
    assert accounts.source_keys("::ffff:10.0.0.5") == ("10.0.0.5", "10.0.0.0/24")
    assert accounts.source_keys("unknown") == ("unknown", "unknown")


def test_a_flood_of_sources_costs_bounded_rows_and_only_ever_throttles_more(
    staff: StaffStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past THROTTLE_KEYS_PER_MINUTE new sources a minute count under their network, past
    THROTTLE_ROWS_PER_MINUTE under "*"; a source's count includes both, so no failure
    ever counts for less. At the extreme (the "*" row full) every source is refused
    until the window passes, a clean one too; below it clean sources are not."""
    monkeypatch.setattr(accounts, "THROTTLE_KEYS_PER_MINUTE", 3)
    monkeypatch.setattr(accounts, "THROTTLE_ROWS_PER_MINUTE", 5)

    def rows() -> int:
        with staff._db.read() as db:
            return int(db.execute("SELECT COUNT(*) FROM console_signin_sources").fetchone()[0])

    for n in range(3):  # own rows
        staff.record_failure("wang", f"10.0.{n}.1", "wrong_password", NOW)
    for n in range(SOURCE_MAX_FAILURES):  # rotating within one /24: its network's row
        staff.record_failure("wang", f"10.5.5.{n + 1}", "wrong_password", NOW)
    assert rows() == 4
    assert staff.source_throttled("10.5.5.200", NOW)  # the whole /24: more, never less
    assert not staff.source_throttled("10.0.0.1", NOW) and not staff.source_throttled(
        "10.6.0.1", NOW
    )
    staff.record_failure("wang", "10.6.6.1", "wrong_password", NOW)  # the 5th row
    for n in range(SOURCE_MAX_FAILURES - 1):  # then "*", the flood spread wide
        staff.record_failure("wang", f"10.{n}.7.1", "wrong_password", NOW)
    assert rows() == 6
    assert not staff.source_throttled("192.0.2.1", NOW)  # clean: 19 under "*"
    staff.record_failure("wang", "10.99.7.1", "wrong_password", NOW)
    assert rows() == 6  # bounded: 5 rows and "*" a minute
    assert staff.source_throttled("192.0.2.1", NOW)  # the extreme: everyone refused
    later = NOW + SOURCE_WINDOW + dt.timedelta(minutes=2)
    assert not staff.source_throttled("192.0.2.1", later)
    staff.record_failure("wang", "10.0.0.1", "wrong_password", later)
    assert rows() == 1  # the old minutes went with the next new row


def test_failed_sign_ins_are_kept_for_their_retention_only(target: str) -> None:
    """A name typed into the name box may be a password: failed sign-ins are deleted
    after ``failures_keep`` (180 days by default), at start-up (the platform calls
    prune_failures) and an hour later as failures come in."""
    staff = StaffStore(target, failures_keep=dt.timedelta(days=180))
    try:
        assert staff.failures_keep == accounts.FAILURES_KEEP
        staff.record_failure("old-secret", "10.0.0.1", "unknown", NOW - dt.timedelta(days=181))
        staff.record_failure("recent", "10.0.0.2", "unknown", NOW - dt.timedelta(days=179))
        assert staff.prune_failures(NOW) == 1
        assert [f.source for f in staff.signin_failures()] == ["10.0.0.2"]
        # Periodically: the next failure an hour on prunes again, not every failure.
        staff.record_failure("x", "10.0.0.3", "unknown", NOW + dt.timedelta(minutes=30))
        staff.record_failure("x", "10.0.0.3", "unknown", NOW + dt.timedelta(days=2))
        assert {f.source for f in staff.signin_failures()} == {"10.0.0.3"}
    finally:
        staff.close()
