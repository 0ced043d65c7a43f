"""``kiosk-central``: run the reference platform standalone."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import uvicorn

from central.app import PlatformConfig, create_app
from central.embedded import TlsFiles, uvicorn_config
from central.faults import FaultRule


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="kiosk-central", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument("--db", default="central.sqlite3", help="SQLite file (':memory:' for none)")
    p.add_argument("--eid-key", help="Ed25519 PEM key file (default: next to --db)")
    p.add_argument("--eid-kid", default="1", help="e-ID key id ('' = RFC 7638 thumbprint)")
    p.add_argument("--eid-issuer", default="kiosk-central", help="iss claim of e-ID tokens")
    p.add_argument("--tls-cert", help="server certificate (PEM); enables HTTPS")
    p.add_argument("--tls-key", help="server private key (PEM)")
    p.add_argument("--client-ca", help="CA bundle; when given, client certificates are required")
    p.add_argument("--admin-token", help="require X-Admin-Token on /admin and e-ID issuing")
    p.add_argument(
        "--advance-every",
        type=float,
        metavar="SECONDS",
        help="demo timer: statuses move one step on after this many seconds",
    )
    p.add_argument("--faults", help="JSON file: a list of fault rules (see central.faults)")
    p.add_argument("--no-batch", action="store_true", help="do not offer batch submissions")
    p.add_argument("--log-level", default="info")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``kiosk-central``."""
    args = build_parser().parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    if args.client_ca and not args.tls_cert:
        print("--client-ca needs --tls-cert/--tls-key", file=sys.stderr)
        return 2
    eid_key = (
        Path(args.eid_key)
        if args.eid_key
        else (None if args.db == ":memory:" else Path(args.db + ".eid.pem"))
    )
    faults = []
    if args.faults:
        faults = [FaultRule.from_dict(r) for r in json.loads(Path(args.faults).read_text())]
    config = PlatformConfig(
        db_path=args.db,
        eid_key_path=eid_key,
        admin_token=args.admin_token,
        eid_kid=args.eid_kid or None,
        eid_issuer=args.eid_issuer,
        advance_every_s=args.advance_every,
        batch_enabled=not args.no_batch,
        faults=faults,
    )
    tls = TlsFiles(args.tls_cert, args.tls_key, args.client_ca) if args.tls_cert else None
    server = uvicorn.Server(
        uvicorn_config(create_app(config), tls, args.log_level, host=args.host, port=args.port)
    )
    server.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
