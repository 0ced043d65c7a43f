"""`kiosk audit verify FILE`: intact, or the first broken entry and why.

The key is the kiosk's audit key (``--key``), or the one beside the outbox key
of the configuration (``--config``, default config/default.toml). Exit status 0
when intact, 1 when broken, 2 when the check could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.audit.chain import KEY_BYTES, verify
from kiosk.settings import ConfigError, default_config_path, load_settings

EXIT_BROKEN = 1
EXIT_USAGE = 2


def main(argv: list[str]) -> int:
    """Run ``audit verify``; returns the exit status."""
    p = argparse.ArgumentParser(prog="kiosk audit", description="Audit trail")
    sub = p.add_subparsers(dest="action", required=True)
    v = sub.add_parser("verify", help="check an audit log file")
    v.add_argument("file", type=Path)
    src = v.add_mutually_exclusive_group()
    src.add_argument("--key", type=Path, help="the kiosk's audit key file")
    src.add_argument("--config", type=Path, help="configuration naming the key's folder")
    args = p.parse_args(argv)
    key_path = args.key
    if key_path is None:
        from kiosk.paths import resolve_paths

        try:
            settings = load_settings(args.config or default_config_path())
        except ConfigError as exc:
            print(f"configuration error:\n{exc}", file=sys.stderr)
            return EXIT_USAGE
        key_path = resolve_paths(settings).key_file.with_name("audit.key")
    try:
        key = key_path.read_bytes()
    except OSError as exc:
        print(f"{key_path}: cannot read the audit key ({exc.strerror})", file=sys.stderr)
        return EXIT_USAGE
    if len(key) != KEY_BYTES:
        print(f"{key_path}: not an audit key", file=sys.stderr)
        return EXIT_USAGE
    verdict = verify(args.file, key)
    print(f"{args.file}: {verdict}")
    return 0 if verdict.intact else EXIT_BROKEN
