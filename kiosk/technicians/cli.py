"""`kiosk technician add|remove|list`: manage the technician register from a shell.

PINs are typed twice without echo (or given on standard input with --pin-stdin,
for provisioning scripts); they never appear on the command line, where other
users could read them in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kiosk.settings import ConfigError, default_config_path, load_settings
from kiosk.technicians.check import register_for
from kiosk.technicians.store import RegisterError

EXIT_USAGE = 2


def main(argv: list[str]) -> int:
    """Run one ``technician`` subcommand; returns the exit status."""
    p = argparse.ArgumentParser(prog="kiosk technician", description="Technician register")
    p.add_argument("--config", type=Path, help="configuration file (names the register)")
    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="register a technician")
    add.add_argument("number", help="technician number, 3 to 10 digits")
    add.add_argument("--name", required=True, help="the technician's name (for the register)")
    add.add_argument("--card-key", type=Path, help="PEM public key of their technician card")
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    rm = sub.add_parser("remove", help="take a technician off the register")
    rm.add_argument("number")
    sub.add_parser("list", help="list registered technicians (never PINs)")
    args = p.parse_args(argv)
    try:
        settings = load_settings(args.config or default_config_path())
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    register = register_for(settings)
    try:
        if args.action == "list":
            for t in register.load():
                card = "card" if t.card_public_key else "PIN only"
                print(f"{t.id}\t{t.name}\t{card}\tadded {t.added_at}")
            return 0
        if args.action == "remove":
            register.remove(args.number)
            print(f"technician {args.number} removed from {register.path}")
            return 0
        pin = _read_pin(args.pin_stdin)
        if pin is None:
            print("the two PINs differ: nothing changed", file=sys.stderr)
            return EXIT_USAGE
        card_key = args.card_key.read_text(encoding="ascii") if args.card_key else None
        register.add(args.number, args.name, pin, card_key)
        print(f"technician {args.number} added to {register.path}")
        return 0
    except (RegisterError, ValueError, OSError) as exc:
        print(f"technician {args.action}: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN (6 to 12 digits): ")
    second = getpass.getpass("PIN again: ")
    return first if first == second else None
