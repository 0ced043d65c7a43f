"""``kiosk-central staff add|remove|list``: the console's staff accounts.

Passwords are asked for twice on the terminal (or read from one line of standard
input with ``--password-stdin``, for provisioning scripts) and never taken on the
command line, where ``ps`` and shell history would keep them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys

from central.console.accounts import AccountError, Role, StaffStore


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
    return p


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def main(argv: list[str]) -> int:
    """Run one staff command; 0 on success, 1 when refused."""
    args = build_parser().parse_args(argv)
    store = StaffStore(args.db)
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
        else:
            for name, role in store.list():
                print(f"{name}\t{role.value}")
    except AccountError as exc:
        print(f"kiosk-central staff: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0
