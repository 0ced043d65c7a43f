"""``kiosk-central staff add|remove|list|unlock|passwd``: the console's staff accounts.

``unlock`` lifts the lock that MAX_FAILURES wrong passwords put on an account (it
would lift by itself after LOCKOUT); ``passwd`` sets a new password for someone who
forgot theirs (and lifts the lock, ending the account's sessions). Both are on the
console's audit page, with who ran them on this computer.

Passwords are asked for twice on the terminal (or read from one line of standard
input with ``--password-stdin``, for provisioning scripts) and never taken on the
command line, where ``ps`` and shell history would keep them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import socket
import sys

from central.console.accounts import AccountError, Role, StaffStore
from central.sql import SchemaTooNew, SchemaTooOld


def build_parser() -> argparse.ArgumentParser:
    """The ``staff`` sub-commands."""
    p = argparse.ArgumentParser(prog="kiosk-central staff", description=__doc__)
    p.add_argument("--db", default="central.sqlite3", help="the platform's SQLite file")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    rm = sub.add_parser("remove", help="delete an account and end its sessions")
    rm.add_argument("username")
    sub.add_parser("list", help="every account and its role")
    unlock = sub.add_parser(
        "unlock", help="lift an account's lock after too many wrong passwords (audited)"
    )
    unlock.add_argument("username")
    passwd = sub.add_parser(
        "passwd", help="set a new password for an account, lift its lock (audited)"
    )
    passwd.add_argument("username")
    passwd.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    return p


def _who() -> str:
    """Who ran an admin command, as the audit page names them: this computer's user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{user}@{socket.gethostname()}"


# Said instead of getpass's GetPassWarning and an EOFError traceback (try-out 7, 31):
# a provisioning script has no terminal to be asked on.
NO_TERMINAL = (
    "no terminal to ask for the password on: pipe it in with --password-stdin"
    ' (echo "$PW" | kiosk-central staff --db DB add NAME --role ROLE --password-stdin)'
    " or run the command in a terminal"
)


class _NoTerminal(Exception):
    """No terminal to ask on, or it closed before the password was typed."""


def _has_terminal() -> bool:
    """True when getpass can ask on a terminal (it opens /dev/tty, whatever stdin is)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not _has_terminal():
        # Without one getpass falls back to standard input with a warning, and a
        # script's empty input ends in EOFError.
        raise _NoTerminal
    try:
        first = getpass.getpass("Password: ")
        again = getpass.getpass("Again: ")
    except EOFError:
        raise _NoTerminal from None
    if again != first:
        raise AccountError("the two passwords differ")
    return first


def schema_too_old(db: str, old: SchemaTooOld) -> str:
    """Why an admin command left an older database alone, and the command that upgrades it."""
    return (
        f"the database {db} is at schema version {old.current}; this kiosk-central is at"
        f" version {old.newest}. Nothing was changed: upgrading it here would leave the"
        f" platform that uses it (version {old.current}) unable to open it. Use the"
        f" kiosk-central of that platform, or upgrade the database and the platform"
        f" together: kiosk-central migrate --db {db}"
    )


def main(argv: list[str]) -> int:
    """Run one staff command; 0 on success, 1 when refused, 2 with no way to ask for
    the password or a database at another schema version than this code's."""
    args = build_parser().parse_args(argv)
    try:
        # Never upgrades the schema: a newer kiosk-central run against a running
        # platform's database would leave that platform unable to open it (try-out 10, R1).
        store = StaffStore(args.db, migrate=False)
    except SchemaTooOld as old:
        print(f"kiosk-central staff: {schema_too_old(args.db, old)}", file=sys.stderr)
        return 2
    except SchemaTooNew as exc:
        print(f"kiosk-central staff: {exc}; nothing was changed", file=sys.stderr)
        return 2
    try:
        if args.command == "add":
            store.add(
                args.username,
                Role(args.role),
                _password(args.password_stdin),
                dt.datetime.now(dt.UTC),
            )
            print(f"added {args.username} ({args.role})")
        elif args.command == "remove":
            if not store.remove(args.username):
                print(f"no account {args.username}", file=sys.stderr)
                return 1
            print(f"removed {args.username}")
        elif args.command in ("unlock", "passwd"):
            done = (
                store.unlock(args.username)
                if args.command == "unlock"
                else store.set_password(args.username, _password(args.password_stdin))
            )
            if not done:
                print(f"no account {args.username}", file=sys.stderr)
                return 1
            store.record_event(
                _who(), f"staff.{args.command}", args.username, None, dt.datetime.now(dt.UTC)
            )
            print(
                f"unlocked {args.username}"
                if args.command == "unlock"
                else f"new password set for {args.username} (unlocked; its sessions ended)"
            )
        else:
            for name, role in store.list():
                print(f"{name}\t{role.value}")
    except AccountError as exc:
        print(f"kiosk-central staff: {exc}", file=sys.stderr)
        return 1
    except _NoTerminal:
        print(f"kiosk-central staff: {NO_TERMINAL}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0
