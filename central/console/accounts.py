"""Staff accounts, sign-in sessions, staff-call acknowledgements and queue calls.

Kept in the platform's database (SQLite or PostgreSQL, through central.sql), so
several platform processes on one PostgreSQL share accounts and sessions.

Passwords are kept only as Argon2id hashes (argon2-cffi's default type). A session
cookie holds a random token; the database keeps only its SHA-256, with the
session's CSRF token and expiry. Repeated wrong passwords lock the account for a
while, and an unknown name costs the same hash check as a known one and is "locked"
after as many tries (counted apart: a real account is never locked by them), so
neither timing nor the lock message tells which names exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from central.console.drafts import CatalogDrafts
from central.sql import Database, open_database

# The tables are made by the platform's numbered migrations (central/migrations/*/0003_console.sql).

# After this many wrong passwords in a row the account waits LOCKOUT before any
# further try is even checked (a right password included).
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=5)
# Per address: after this many failed sign-ins within SOURCE_WINDOW, that address is
# refused before any password is checked until the window holds fewer again (each
# name, known or not, is locked only after MAX_FAILURES tries, each an Argon2 check).
SOURCE_MAX_FAILURES = 20
SOURCE_WINDOW = dt.timedelta(minutes=10)
# The throttle counts apart from the audit rows (console_signin_sources, migration 0014):
# a source is an IPv4 address or an IPv6 /64 (one subscriber's network, where rotating
# addresses costs nothing). A minute's new rows there are capped so a flood of sources
# costs bounded rows: past THROTTLE_KEYS_PER_MINUTE a new source counts under its network
# (IPv4 /24, IPv6 /48), past THROTTLE_ROWS_PER_MINUTE under "*". A source's count is its
# own row's, its network's and "*"'s together: a flood only ever throttles more.
THROTTLE_KEYS_PER_MINUTE = 2000
THROTTLE_ROWS_PER_MINUTE = 3000
# Unknown names' failure counts are forgotten this long after their last failure.
UNKNOWN_KEEP = dt.timedelta(days=7)
# Why a sign-in failed, as the audit page lists it ("unknown_locked": no such account,
# answered as a locked one would be).
FAILURE_REASONS = ("unknown", "wrong_password", "locked", "unknown_locked", "throttled")
# A name as typed is kept to this length (the longest name an account may have).
MAX_TYPED_NAME = 64
# New failure rows a minute: past the first cap the typed names of new rows are merged
# into one ("*") per address and reason, past the second the addresses too, so a
# flood of names and addresses adds a bounded number of rows a minute.
NAME_ROWS_PER_MINUTE = 200
SOURCE_ROWS_PER_MINUTE = 1000
MERGED = "*"
# Failed sign-ins are kept this long for the audit page (a name typed into the name box
# may be a password: not kept for ever); PlatformConfig.signin_failures_keep_days.
FAILURES_KEEP = dt.timedelta(days=180)
# A typed name no account has is shown as its first character and this (the full text,
# perhaps a password typed into the wrong box, is never on a page).
MASK = "＊＊＊"
SESSION_TTL = dt.timedelta(hours=10)  # one working day in the hall
MIN_PASSWORD_LENGTH = 12
USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


class Role(StrEnum):
    """What a member of staff may see: hall staff < operator < admin."""

    HALL = "hall"
    OPERATOR = "operator"
    ADMIN = "admin"


# A hall's steps on a staff call, in order: 确认收到, 正在前往, 已处理 (try-out 9, K1).
CALL_STEPS = ("acknowledged", "coming", "done")


@dataclass(frozen=True, slots=True)
class ConsoleEvent:
    """One thing a member of staff did on the console (the audit page lists them)."""

    at: str  # ISO UTC
    username: str
    action: str  # signin, call.acknowledged, call.coming, call.done
    target: str  # the call's id, or ""
    kiosk_id: str | None


@dataclass(frozen=True, slots=True)
class SigninFailure:
    """Failed sign-ins of one minute from one address under one typed name and reason."""

    first_at: str  # ISO UTC
    last_at: str
    source: str  # the client address, or MERGED
    # As typed (truncated) when an account has that name, else masked (first character
    # and MASK); MERGED, or "" for a throttled address.
    username: str
    reason: str  # FAILURE_REASONS
    times: int


class AccountError(ValueError):
    """A staff account that cannot be created as asked (the message says why)."""


@dataclass(frozen=True, slots=True)
class Staff:
    """A signed-in member of staff."""

    username: str
    role: Role


@dataclass(frozen=True, slots=True)
class SignIn:
    """The outcome of a sign-in: a session token and CSRF token, or why not."""

    token: str | None
    csrf: str | None
    locked: bool = False
    reason: str | None = None  # why it failed: FAILURE_REASONS
    # A wrong password: how many more wrong ones lock the account (0: this one did).
    tries_left: int | None = None
    # Locked (just now or before): how long the lock still runs.
    wait: dt.timedelta | None = None


def _wrong(reason: str, failed: int) -> SignIn:
    """A wrong password's refusal after ``failed`` wrong tries in a row: the tries left,
    and the lock's length when this try locked the account."""
    left = max(0, MAX_FAILURES - failed)
    return SignIn(None, None, reason=reason, tries_left=left, wait=None if left else LOCKOUT)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def source_keys(address: str) -> tuple[str, str]:
    """The throttle's key of a client address and of its network: an IPv4 address and
    its /24, an IPv6 address's /64 and /48 (an IPv4-mapped one as IPv4); anything else
    (a name, "unknown") is its own key and network."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address[:64], address[:64]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip), str(ipaddress.ip_network(f"{ip}/24", strict=False))
    own, net = (ipaddress.ip_network(f"{ip}/{n}", strict=False) for n in (64, 48))
    return str(own), str(net)


def masked(name: str) -> str:
    """A typed name as the audit page shows one that is no account's."""
    return name[:1] + MASK if name and name != MERGED else name


def check_password(username: str, password: str) -> None:
    """Refuse passwords a guess would find (short, the name itself, one repeated character)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if username.lower() in password.lower() or len(set(password)) < 4:
        raise AccountError("password is too easy to guess")


class StaffStore:
    """Staff accounts, sessions and acknowledgements in the platform's database file."""

    def __init__(
        self,
        target: str | Path,
        *,
        migrate: bool = True,
        failures_keep: dt.timedelta = FAILURES_KEEP,
    ) -> None:
        """``target``: the platform's SQLite file, ``:memory:`` or ``postgresql://`` URL;
        ``migrate``: upgrade an older schema (else refused: central.sql.SchemaTooOld);
        ``failures_keep``: how long failed sign-ins stay on the audit page."""
        self._db: Database = open_database(target, migrate=migrate)
        self.failures_keep = failures_keep
        self._next_prune: dt.datetime | None = None  # record_failure's next pruning
        self._hasher = PasswordHasher()  # Argon2id, the library's tuned defaults
        self._dummy = self._hasher.hash(secrets.token_hex(16))
        self.catalog_drafts = CatalogDrafts(self._db)  # the catalog editor's draft

    def close(self) -> None:
        """Close the database connection(s)."""
        self._db.close()

    # --- accounts ----------------------------------------------------------

    def add(self, username: str, role: Role, password: str, now: dt.datetime) -> None:
        """Create an account (AccountError: bad name, weak password, name taken)."""
        if not username or not set(username) <= USERNAME_CHARS or len(username) > 64:
            raise AccountError("username: lowercase letters, digits, '.', '_' or '-'")
        check_password(username, password)
        digest = self._hasher.hash(password)
        with self._db.tx() as db:
            cur = db.execute(
                "INSERT INTO console_staff (username, role, password_hash, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING",
                (username, role.value, digest, _iso(now)),
            )
            if cur.rowcount != 1:
                raise AccountError(f"{username} already exists")

    def remove(self, username: str) -> bool:
        """Delete an account and end its sessions; False if there was none."""
        with self._db.tx() as db:
            db.execute("DELETE FROM console_sessions WHERE username = ?", (username,))
            cur = db.execute("DELETE FROM console_staff WHERE username = ?", (username,))
            return bool(cur.rowcount > 0)

    def list(self) -> list[tuple[str, Role]]:
        """Every account's name and role."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT username, role FROM console_staff ORDER BY username"
            ).fetchall()
        return [(r[0], Role(r[1])) for r in rows]

    # --- sign-in and sessions ------------------------------------------------

    def sign_in(self, username: str, password: str, now: dt.datetime) -> SignIn:
        """Check a password; on success open a session (token and CSRF token). A refusal
        says how many tries are left before the lock, or how long the lock still runs
        (try-out 11, K1: "稍后再试" told hall staff neither)."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT password_hash, failed, locked_until FROM console_staff WHERE username = ?",
                (username,),
            ).fetchone()
        if row is None:
            return self._unknown_name(username, password, now)
        digest, _failed, locked_until = row
        if locked_until is not None and dt.datetime.fromisoformat(locked_until) > now:
            wait = dt.datetime.fromisoformat(locked_until) - now
            return SignIn(None, None, locked=True, reason="locked", wait=wait)
        if not self._verify(digest, password):
            with self._db.tx() as db:
                db.execute(
                    "UPDATE console_staff SET failed = failed + 1,"
                    " locked_until = CASE WHEN failed + 1 >= ? THEN ? ELSE NULL END"
                    " WHERE username = ?",
                    (MAX_FAILURES, _iso(now + LOCKOUT), username),
                )
                counted = db.execute(
                    "SELECT failed FROM console_staff WHERE username = ?", (username,)
                ).fetchone()
            return _wrong("wrong_password", int(counted[0]) if counted else MAX_FAILURES)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._db.tx() as db:
            db.execute(
                "UPDATE console_staff SET failed = 0, locked_until = NULL WHERE username = ?",
                (username,),
            )
            db.execute("DELETE FROM console_sessions WHERE expires_at < ?", (_iso(now),))
            db.execute(
                "INSERT INTO console_sessions VALUES (?, ?, ?, ?)",
                (_sha(token), username, csrf, _iso(now + SESSION_TTL)),
            )
        return SignIn(token, csrf)

    def _unknown_name(self, username: str, password: str, now: dt.datetime) -> SignIn:
        """:meth:`sign_in` for a name no account has, answered as an account's wrong
        password would be: the same Argon2 check, counted the same way (the same tries
        left said), "locked" after MAX_FAILURES tries for LOCKOUT without a check (as a
        locked account: fast, the same time left said), so neither the message nor its
        timing tells whether the name exists. Counted in their own table (migration
        0012): never an account's count."""
        key = _sha(username)
        with self._db.read() as db:
            row = db.execute(
                "SELECT locked_until FROM console_signin_unknown WHERE name_sha256 = ?", (key,)
            ).fetchone()
        if row is not None and row[0] is not None and dt.datetime.fromisoformat(row[0]) > now:
            wait = dt.datetime.fromisoformat(row[0]) - now
            return SignIn(None, None, locked=True, reason="unknown_locked", wait=wait)
        self._verify(self._dummy, password)  # same cost as a real account
        lock, until = "CASE WHEN {} >= ? THEN ? ELSE NULL END", _iso(now + LOCKOUT)
        with self._db.tx() as db:
            db.execute(
                "DELETE FROM console_signin_unknown WHERE last_at < ?",
                (_iso(now - UNKNOWN_KEEP),),
            )
            db.execute(
                "INSERT INTO console_signin_unknown (name_sha256, failed, locked_until, last_at)"
                f" VALUES (?, 1, {lock.format(1)}, ?) ON CONFLICT (name_sha256) DO UPDATE"
                " SET failed = console_signin_unknown.failed + 1,"
                f" locked_until = {lock.format('console_signin_unknown.failed + 1')},"
                " last_at = excluded.last_at",
                (key, MAX_FAILURES, until, _iso(now), MAX_FAILURES, until),
            )
            counted = db.execute(
                "SELECT failed FROM console_signin_unknown WHERE name_sha256 = ?", (key,)
            ).fetchone()
        return _wrong("unknown", int(counted[0]) if counted else MAX_FAILURES)

    # --- an administrator's help: lift a lock, set a new password (try-out 11, R1) ---

    def unlock(self, username: str) -> bool:
        """Lift ``username``'s lock and forget its wrong tries; False if there is no
        such account."""
        with self._db.tx() as db:
            cur = db.execute(
                "UPDATE console_staff SET failed = 0, locked_until = NULL WHERE username = ?",
                (username,),
            )
            return bool(cur.rowcount > 0)

    def set_password(self, username: str, password: str) -> bool:
        """Give ``username`` a new password (checked as :meth:`add` checks one), lift its
        lock and end its sessions (a browser signed in with the old one signs in again);
        False if there is no such account."""
        check_password(username, password)
        digest = self._hasher.hash(password)
        with self._db.tx() as db:
            cur = db.execute(
                "UPDATE console_staff SET password_hash = ?, failed = 0, locked_until = NULL"
                " WHERE username = ?",
                (digest, username),
            )
            if cur.rowcount != 1:
                return False
            db.execute("DELETE FROM console_sessions WHERE username = ?", (username,))
            return True

    def _verify(self, digest: str, password: str) -> bool:
        try:
            return self._hasher.verify(digest, password)
        except (VerificationError, InvalidHashError):
            return False

    def session(self, token: str, now: dt.datetime) -> tuple[Staff, str] | None:
        """The member of staff behind a session token and the session's CSRF token."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT s.username, t.role, s.csrf, s.expires_at FROM console_sessions s"
                " JOIN console_staff t ON t.username = s.username WHERE s.token_sha256 = ?",
                (_sha(token),),
            ).fetchone()
        if row is None or dt.datetime.fromisoformat(row[3]) <= now:
            return None
        return Staff(row[0], Role(row[1])), row[2]

    def sign_out(self, token: str) -> None:
        """End a session."""
        with self._db.tx() as db:
            db.execute("DELETE FROM console_sessions WHERE token_sha256 = ?", (_sha(token),))

    # --- failed sign-ins: the audit page and the per-address throttle ----------

    def record_failure(self, typed: str, source: str, reason: str, now: dt.datetime) -> bool:
        """Keep a failed sign-in (never the password): the name as typed, truncated, the
        address it came from and why. Repeats within a minute from one address under one
        name and reason only count up; a throttled address's tries are one row a minute
        whatever names they type. Every failure but a throttled try also counts towards
        its source's throttle (:meth:`source_throttled`), in its own table whatever the
        audit rows' caps merged. True when it is the first of its row (not a repeat)."""
        assert reason in FAILURE_REASONS
        at = now.astimezone(dt.UTC)
        minute, stamp = at.strftime("%Y-%m-%dT%H:%M"), _iso(at)
        name = "" if reason == "throttled" else typed[:MAX_TYPED_NAME]
        address = source[:64]
        if self._next_prune is None or at >= self._next_prune:
            self.prune_failures(at)  # hourly while failures come in (and at start-up)
        with self._db.tx() as db:
            if reason != "throttled":
                self._count_for_throttle(db, source, minute, stamp, at)
            return self._audit_row(db, (minute, address, name, reason), stamp)

    def _count_for_throttle(
        self, db: Any, source: str, minute: str, stamp: str, at: dt.datetime
    ) -> None:
        """One failure more for ``source`` in console_signin_sources (see
        THROTTLE_KEYS_PER_MINUTE): its own row of the minute if it has one or the minute
        has room, else its network's, else "*"; rows older than the window go."""
        own, network = source_keys(source)
        bump = (
            "UPDATE console_signin_sources SET failures = failures + 1, last_at = ?"
            " WHERE source = ? AND minute = ?"
        )
        if db.execute(bump, (stamp, own, minute)).rowcount:
            return
        since = (at - SOURCE_WINDOW - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
        db.execute("DELETE FROM console_signin_sources WHERE minute < ?", (since,))
        rows = int(
            db.execute(
                "SELECT COUNT(*) FROM console_signin_sources WHERE minute = ?", (minute,)
            ).fetchone()[0]
        )
        key = own
        if rows >= THROTTLE_ROWS_PER_MINUTE:
            key = MERGED
        elif rows >= THROTTLE_KEYS_PER_MINUTE:
            key = network
        # An upsert: another platform process may have made the row since the UPDATE.
        db.execute(
            "INSERT INTO console_signin_sources (source, minute, failures, last_at)"
            " VALUES (?, ?, 1, ?) ON CONFLICT (source, minute) DO UPDATE"
            " SET failures = console_signin_sources.failures + 1, last_at = excluded.last_at",
            (key, minute, stamp),
        )

    def _audit_row(self, db: Any, row: tuple[str, str, str, str], stamp: str) -> bool:
        """The audit page's row of a failure (console_signin_failures), its flood cap."""
        minute, source, name, reason = row
        bump = (
            "UPDATE console_signin_failures SET times = times + 1, last_at = ?"
            " WHERE minute = ? AND source = ? AND username = ? AND reason = ?"
        )
        if db.execute(bump, (stamp, minute, source, name, reason)).rowcount:
            return False
        rows = int(
            db.execute(
                "SELECT COUNT(*) FROM console_signin_failures WHERE minute = ?", (minute,)
            ).fetchone()[0]
        )
        if rows >= SOURCE_ROWS_PER_MINUTE:
            source, name = MERGED, MERGED
        elif rows >= NAME_ROWS_PER_MINUTE:
            name = MERGED
        if (
            rows >= NAME_ROWS_PER_MINUTE
            and db.execute(bump, (stamp, minute, source, name, reason)).rowcount
        ):
            return False
        db.execute(
            "INSERT INTO console_signin_failures"
            " (minute, source, username, reason, times, first_at, last_at)"
            " VALUES (?, ?, ?, ?, 1, ?, ?)",
            (minute, source, name, reason, stamp, stamp),
        )
        return True

    def prune_failures(self, now: dt.datetime) -> int:
        """Delete the failed sign-ins older than ``failures_keep`` (under the platform's
        one write lock); how many rows went. The platform calls it at start-up, and
        :meth:`record_failure` again an hour later at the earliest."""
        cutoff = (now - self.failures_keep).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")
        with self._db.tx() as db:
            cur = db.execute("DELETE FROM console_signin_failures WHERE minute < ?", (cutoff,))
            gone = int(cur.rowcount or 0)
        self._next_prune = now.astimezone(dt.UTC) + dt.timedelta(hours=1)
        return gone

    def source_throttled(self, source: str, now: dt.datetime) -> bool:
        """Whether ``source`` (its IPv4 address or IPv6 /64) failed to sign in
        SOURCE_MAX_FAILURES times or more within the last SOURCE_WINDOW, counting the
        failures a flood of other sources put under its network or "*" as its own (tries
        refused for it do not count: it is let in again once its failures are that old)."""
        since = (now - SOURCE_WINDOW).astimezone(dt.UTC)
        own, network = source_keys(source)
        with self._db.read() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(failures), 0) FROM console_signin_sources"
                " WHERE source IN (?, ?, ?) AND minute >= ? AND last_at > ?",
                (own, network, MERGED, since.strftime("%Y-%m-%dT%H:%M"), _iso(since)),
            ).fetchone()
        return int(row[0]) >= SOURCE_MAX_FAILURES

    def signin_failures(
        self, text: str = "", reasons: Collection[str] = (), limit: int = 500
    ) -> list[SigninFailure]:
        """The newest ``limit`` failed sign-ins (collapsed rows, newest first) whose
        address or account name contains ``text``, or whose reason is one of ``reasons``
        (the page's words for them matched); all of them when ``text`` is empty. A typed
        name no account has comes masked (:func:`masked`) and is not searched by its text
        either: the page tells nothing of it beyond its first character."""
        account = "EXISTS (SELECT 1 FROM console_staff s WHERE s.username = f.username)"
        sql = (
            f"SELECT first_at, last_at, source, username, reason, times, {account}"
            " FROM console_signin_failures f"
        )
        params: list[Any] = []
        needle = text.strip().lower()
        if needle:
            like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            found = [
                f"(LOWER(username) LIKE ? ESCAPE '\\' AND {account})",
                "LOWER(source) LIKE ? ESCAPE '\\'",
            ]
            params += [like, like]
            wanted = [r for r in FAILURE_REASONS if r in reasons]
            if wanted:
                found.append(f"reason IN ({','.join('?' * len(wanted))})")
                params += wanted
            sql += " WHERE " + " OR ".join(found)
        sql += " ORDER BY minute DESC, last_at DESC LIMIT ?"
        with self._db.read() as db:
            rows = db.execute(sql, (*params, limit)).fetchall()
        return [
            SigninFailure(r[0], r[1], r[2], r[3] if r[6] else masked(r[3]), r[4], int(r[5]))
            for r in rows
        ]

    # --- staff-call acknowledgements -----------------------------------------

    def acknowledge(
        self, call_id: str, kiosk_id: str | None, username: str, now: dt.datetime
    ) -> None:
        """Record that ``username`` answered a staff call (the first answer stands)."""
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_staff_call_acks VALUES (?, ?, ?, ?)"
                " ON CONFLICT (call_id) DO NOTHING",
                (call_id, kiosk_id, username, _iso(now)),
            )

    def acknowledgements(self, call_ids: list[str]) -> dict[str, tuple[str, str]]:
        """``call_id -> (username, at)`` for the acknowledged ones among ``call_ids``."""
        rows = self._rows_for(
            "SELECT call_id, username, at FROM console_staff_call_acks WHERE call_id", call_ids
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def call_step(
        self, call_id: str, kiosk_id: str | None, step: str, username: str, now: dt.datetime
    ) -> bool:
        """Record a hall's step on a staff call (CALL_STEPS); a step taken means the call
        was answered too. False if that step was taken already (the first stands)."""
        assert step in CALL_STEPS
        with self._db.tx() as db:
            if step == "acknowledged":
                cur = db.execute(
                    "INSERT INTO console_staff_call_acks VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (call_id) DO NOTHING",
                    (call_id, kiosk_id, username, _iso(now)),
                )
                return bool(cur.rowcount)
            db.execute(
                "INSERT INTO console_staff_call_acks VALUES (?, ?, ?, ?)"
                " ON CONFLICT (call_id) DO NOTHING",
                (call_id, kiosk_id, username, _iso(now)),
            )
            cur = db.execute(
                "INSERT INTO console_staff_call_steps VALUES (?, ?, ?, ?)"
                " ON CONFLICT (call_id, step) DO NOTHING",
                (call_id, step, username, _iso(now)),
            )
            return bool(cur.rowcount)

    def call_steps(self, call_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """``call_id -> {step: (username, at)}`` for the steps after 确认收到 among ``call_ids``."""
        rows = self._rows_for(
            "SELECT call_id, step, username, at FROM console_staff_call_steps WHERE call_id",
            call_ids,
        )
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for call_id, step, username, at in rows:
            out.setdefault(call_id, {})[step] = (username, at)
        return out

    # --- what staff did on the console (the audit page) -------------------------

    def record_event(
        self, username: str, action: str, target: str, kiosk_id: str | None, now: dt.datetime
    ) -> None:
        """Keep one thing a member of staff did (signed in, answered a call) for the audit."""
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_events (at, username, action, target, kiosk_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (_iso(now), username, action, target, kiosk_id),
            )

    def events(self, limit: int = 2000) -> list[ConsoleEvent]:
        """The newest ``limit`` console events, newest first."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT at, username, action, target, kiosk_id FROM console_events"
                " ORDER BY at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [ConsoleEvent(*r) for r in rows]

    # --- queue calls (叫号): who called which ticket to which counter, when ----------

    def call_ticket(
        self, ticket_key: str, number: str, counter: str, username: str, now: dt.datetime
    ) -> bool:
        """Record the call of one ticket; False if someone called it first (the first stands)."""
        with self._db.tx() as db:
            cur = db.execute(
                "INSERT INTO console_ticket_calls VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (ticket_key) DO NOTHING",
                (ticket_key, number, counter, username, _iso(now)),
            )
            return bool(cur.rowcount)

    def ticket_calls(self, keys: list[str]) -> dict[str, tuple[str, str, str]]:
        """``ticket_key -> (counter, username, at)`` for the called ones among ``keys``."""
        rows = self._rows_for(
            "SELECT ticket_key, counter, username, at FROM console_ticket_calls WHERE ticket_key",
            keys,
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def _rows_for(self, select: str, keys: list[str], order: str = "") -> list[Any]:
        """``select … IN (keys) order`` (``select`` ends with the key column)."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        with self._db.read() as db:
            return list(db.execute(f"{select} IN ({marks}) {order}", keys).fetchall())

    # --- 整改回访: follow-ups of poor ratings and complaints ---------------------

    def add_follow_up(self, record_key: str, username: str, note: str, now: dt.datetime) -> None:
        """Record a follow-up of a rating or complaint (who, when, what was done)."""
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_follow_ups VALUES (?, ?, ?, ?)"
                " ON CONFLICT (record_key, at, username) DO NOTHING",
                (record_key, _iso(now), username, note),
            )

    def follow_ups(self, keys: list[str]) -> dict[str, list[tuple[str, str, str]]]:
        """``record_key -> [(at, username, note), …]`` (oldest first) for ``keys``."""
        rows = self._rows_for(
            "SELECT record_key, at, username, note FROM console_follow_ups WHERE record_key",
            keys,
            "ORDER BY at",
        )
        out: dict[str, list[tuple[str, str, str]]] = {}
        for key, at, username, note in rows:
            out.setdefault(key, []).append((at, username, note))
        return out
