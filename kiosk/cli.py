"""Command line: ``kiosk [--demo | --config FILE] [--windowed] [--tour DIR]``.

Configuration problems are the technician's, not the citizen's: they are printed
as one clear message and the process exits with status 2 before any window opens.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from kiosk.settings import (
    ConfigError,
    KioskSection,
    default_config_path,
    demo_config_path,
    load_settings,
)

EXIT_CONFIG = 2
EXIT_START = 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="Government self-service kiosk",
        epilog=(
            "other commands: 'kiosk technician add|remove|list' (technicians and their PINs), "
            "'kiosk audit verify FILE' (check the audit trail), "
            "'kiosk enroll DIR' (install the client certificate kiosk-central enroll wrote); "
            "each has its own --help"
        ),
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--config", type=Path, help="configuration file (TOML)")
    src.add_argument("--demo", action="store_true", help="simulated devices, embedded platform")
    src.add_argument("--check-config", type=Path, metavar="FILE", help="validate FILE and exit")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen")
    p.add_argument("--size", default=None, help="window size WxH, e.g. 1080x1920")
    p.add_argument("--tour", type=Path, metavar="DIR", help="save a PNG of every screen, then exit")
    p.add_argument("--data-dir", type=Path, help="override the data directory")
    p.add_argument(
        "--kiosk-id",
        metavar="CODE",
        help=(
            "demo only: this kiosk's code instead of demo.toml's M001 (4 symbols, e.g. M002), "
            "so a second demo kiosk mints its own tracking numbers and queue numbers (M002: 2-A001)"
        ),
    )
    p.add_argument(
        "--print-setting",
        metavar="SECTION.KEY",
        help="print one setting of the configuration (for the session scripts) and exit",
    )
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kiosk`` console script."""
    words = sys.argv[1:] if argv is None else argv
    if words and words[0] == "technician":
        from kiosk.technicians.cli import main as technician_main

        return technician_main(words[1:])
    if words and words[0] == "audit":
        from kiosk.audit.cli import main as audit_main

        return audit_main(words[1:])
    if words and words[0] == "enroll":
        from kiosk.enroll import main as enroll_main

        return enroll_main(words[1:])
    args = parse_args(argv)
    if args.check_config is not None:
        return _check_config(args.check_config)
    path = demo_config_path() if args.demo else (args.config or default_config_path())
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.kiosk_id is not None:
        # Two demo kiosks on one desk both read demo.toml and so both minted
        # M001-…-0001 (try-out 12, N11); a real kiosk's code lives in its own
        # configuration file, so the flag is for the demo only.
        if not args.demo:
            print("--kiosk-id is for the demo: kiosk --demo --kiosk-id M002", file=sys.stderr)
            return EXIT_CONFIG
        try:
            kiosk = KioskSection.model_validate(
                {**settings.kiosk.model_dump(), "code": args.kiosk_id}
            )
        except ValidationError:
            print(
                f"--kiosk-id: expected 4 symbols of 0-9 A C F H M R W X Y, got {args.kiosk_id!r}",
                file=sys.stderr,
            )
            return EXIT_CONFIG
        # demo.toml's queue mark "1" is M001's: kept, a second demo kiosk handed out the
        # same 1-E001 as the first (try-out 13, R1). Its mark follows its id: M002 -> 2,
        # M00A -> A, AC3F -> AC3F.
        prefix = args.kiosk_id.lstrip("M").lstrip("0") or args.kiosk_id
        kiosk = kiosk.model_copy(update={"queue_prefix": prefix})
        settings = settings.model_copy(update={"kiosk": kiosk})
    if args.print_setting:
        return _print_setting(settings, args.print_setting)
    if args.data_dir is not None:
        storage = settings.storage.model_copy(update={"data_dir": args.data_dir})
        settings = settings.model_copy(update={"storage": storage})
    size = None
    if args.size:
        try:
            w, h = (int(x) for x in args.size.lower().split("x"))
            size = (w, h)
        except ValueError:
            print(f"--size: expected WxH such as 1080x1920, got {args.size!r}", file=sys.stderr)
            return EXIT_CONFIG
    if args.tour is not None and not args.demo:
        # The tour moves the hall clock and taps through journeys (tickets, bookings,
        # staff calls): on a real kiosk's configuration they would reach its platform.
        print("--tour runs on the demo only: kiosk --demo --tour DIR", file=sys.stderr)
        return EXIT_CONFIG
    # The one place the core hands over to the GUI layer (allowed by the layer contract).
    from ui.launcher import run

    try:
        return run(
            settings,
            windowed=args.windowed or args.tour is not None,
            size=size,
            tour=args.tour,
            demo=args.demo,
        )
    except OSError as exc:
        # Disk full, data directory not writable, device node missing: a technician's fix.
        print(f"cannot start: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return EXIT_START


def _check_config(path: Path) -> int:
    """Validate the file, then technician access (production refuses default credentials)."""
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return EXIT_CONFIG
    import datetime as dt

    from kiosk.enroll import certificate_warnings
    from kiosk.technicians.check import access_problem

    problem = access_problem(settings, path)
    if problem is not None:
        print(f"configuration refused: {problem}", file=sys.stderr)
        return EXIT_CONFIG
    # A certificate problem does not stop the kiosk (it keeps taking submissions
    # offline), so it is a warning the technician sees, not a refusal.
    for warning in certificate_warnings(settings, dt.datetime.now(dt.UTC)):
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{path}: OK")
    return 0


def _print_setting(settings: object, dotted: str) -> int:
    """Print ``section.key`` of the loaded settings; exit 2 naming an unknown key."""
    value: object = settings
    for part in dotted.split("."):
        if not part or part.startswith("_") or not hasattr(value, part):
            print(f"--print-setting: no setting {dotted!r}", file=sys.stderr)
            return EXIT_CONFIG
        value = getattr(value, part)
    print(value)
    return 0


if __name__ == "__main__":  # ``python -m kiosk.cli`` as ``python -m kiosk`` (try-out 17, R1)
    sys.exit(main())
