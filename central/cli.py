"""``kiosk-central``: run the reference platform standalone; ``kiosk-central
ca-init|enroll|revoke`` manage the fleet's client certificates (central.enroll);
``kiosk-central migrate`` upgrades the database's schema, which serving also does
and no other command does (``staff`` refuses an older database instead).

Closed by default: it refuses to start without a way to authenticate kiosks
(``--client-ca`` for mTLS and/or ``--kiosk-registry`` for per-kiosk tokens);
``--insecure-dev`` is the only exception, binds to loopback and says so on
every start. Admin routes exist only with an admin token.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import os
import sys
from pathlib import Path

from central.app import PlatformConfig, create_app
from central.auth import KioskRegistry, SetupError
from central.console import cases
from central.embedded import PlatformServer, TlsFiles, uvicorn_config
from central.faults import FaultRule
from central.sql import SchemaTooNew, SchemaTooOld, is_postgres, newest_version, open_database

INSECURE_BANNER = (
    "!!! kiosk-central --insecure-dev: KIOSKS ARE NOT AUTHENTICATED (the X-Kiosk-Id header"
    " is trusted). Loopback only, for development. Never run a fleet like this. !!!"
)
# systemd LoadCredential= puts secrets here, outside the state directory.
CREDENTIALS_ENV = "CREDENTIALS_DIRECTORY"
ADMIN_TOKEN_ENV = "KIOSK_CENTRAL_ADMIN_TOKEN"


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="kiosk-central", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument(
        "--db",
        default="central.sqlite3",
        help="SQLite file (':memory:' for none) or a postgresql:// URL",
    )
    p.add_argument(
        "--data-key",
        help="AES key file of the personal data at rest, in another directory than --db"
        f" (default: ${CREDENTIALS_ENV}/central-data.key)",
    )
    p.add_argument("--eid-key", help="Ed25519 PEM key file (default: next to --db)")
    p.add_argument("--eid-kid", default="1", help="e-ID key id ('' = RFC 7638 thumbprint)")
    p.add_argument("--eid-issuer", default="kiosk-central", help="iss claim of e-ID tokens")
    p.add_argument("--tls-cert", help="server certificate (PEM); enables HTTPS")
    p.add_argument("--tls-key", help="server private key (PEM)")
    p.add_argument("--client-ca", help="CA bundle; client certificates are required, CN = kiosk id")
    p.add_argument(
        "--crl",
        help="CRL of the client CA (kiosk-central revoke writes it); re-read when it changes",
    )
    p.add_argument(
        "--kiosk-registry", help="TOML file of kiosks: id, code, token_sha256 (see central.auth)"
    )
    p.add_argument(
        "--admin-token-file",
        help=f"file holding the admin credential (or set ${ADMIN_TOKEN_ENV});"
        " without one there is no admin access",
    )
    p.add_argument(
        "--insecure-dev",
        action="store_true",
        help="development only: no kiosk authentication, loopback only, announced loudly",
    )
    p.add_argument(
        "--advance-every",
        type=float,
        metavar="SECONDS",
        help="demo timer: statuses move one step on after this many seconds",
    )
    p.add_argument(
        "--working-days",
        metavar="FILE",
        help="the operator's working-day calendar (public holidays, make-up working days) for"
        " 整改回访 due dates; default: the packaged one, which lists none",
    )
    p.add_argument(
        "--signin-failures-keep-days",
        type=int,
        default=180,
        metavar="DAYS",
        help="failed console sign-ins stay on the audit page this long (default 180)",
    )
    p.add_argument("--faults", help="JSON file: a list of fault rules (see central.faults)")
    p.add_argument("--no-batch", action="store_true", help="do not offer batch submissions")
    p.add_argument(
        "--opentelemetry",
        action="store_true",
        help="FastAPI's OpenTelemetry spans, metrics and logs (to the configured providers)",
    )
    p.add_argument("--log-level", default="info")
    return p


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _data_key(args: argparse.Namespace) -> Path | None:
    if args.db == ":memory:" and not args.data_key:
        return None
    if args.data_key:
        key = Path(args.data_key)
    elif os.environ.get(CREDENTIALS_ENV):
        key = Path(os.environ[CREDENTIALS_ENV]) / "central-data.key"
    else:
        raise SetupError("--data-key is required: the data key lives apart from the database")
    if (
        args.db != ":memory:"
        and not is_postgres(args.db)
        and key.resolve().parent == Path(args.db).resolve().parent
    ):
        raise SetupError("--data-key must not sit in the database's directory")
    return key


def _eid_key(args: argparse.Namespace) -> Path | None:
    if args.eid_key:
        return Path(args.eid_key)
    if args.db == ":memory:":
        return None
    if not is_postgres(args.db):
        return Path(args.db + ".eid.pem")
    if os.environ.get(CREDENTIALS_ENV):
        return Path(os.environ[CREDENTIALS_ENV]) / "central-eid.pem"
    raise SetupError("--eid-key is required with a PostgreSQL --db")


def _admin_token(args: argparse.Namespace) -> str | None:
    if args.admin_token_file:
        return Path(args.admin_token_file).read_text(encoding="utf-8").strip()
    return os.environ.get(ADMIN_TOKEN_ENV) or None


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``kiosk-central``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["staff"]:  # the console's accounts (central/console/cli.py)
        from central.console import cli as staff_cli

        return staff_cli.main(argv[1:])
    if argv[:1] == ["check-calendar"]:
        return _check_calendar(argv[1:])
    if argv[:1] == ["migrate"]:
        return _migrate(argv[1:])
    if argv and argv[0] in ("ca-init", "enroll", "revoke", "crl"):
        from central import enroll

        return enroll.main(argv)
    args = build_parser().parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    if args.client_ca and not args.tls_cert:
        print("--client-ca needs --tls-cert/--tls-key", file=sys.stderr)
        return 2
    if not args.tls_cert and not _is_loopback(args.host):
        # Tokens and personal data in clear text on a network: only behind a TLS proxy
        # on the same host (loopback).
        print("without --tls-cert the platform binds to loopback only", file=sys.stderr)
        return 2
    if args.insecure_dev:
        if not _is_loopback(args.host):
            print("--insecure-dev binds to loopback only (--host 127.0.0.1)", file=sys.stderr)
            return 2
        print(INSECURE_BANNER, file=sys.stderr, flush=True)
    try:
        eid_key = _eid_key(args)
    except SetupError as exc:
        print(f"kiosk-central: refusing to start: {exc}", file=sys.stderr)
        return 2
    try:
        cases.use_calendar(Path(args.working_days) if args.working_days else None)
    except cases.CalendarError as exc:
        print(f"kiosk-central: refusing to start: {exc}", file=sys.stderr)
        return 2
    warning = cases.calendar_warning(dt.date.today())
    if warning:
        print(f"kiosk-central: warning: {warning}", file=sys.stderr, flush=True)
    if args.signin_failures_keep_days < 1:
        print("--signin-failures-keep-days: at least 1", file=sys.stderr)
        return 2
    faults = []
    if args.faults:
        faults = [FaultRule.from_dict(r) for r in json.loads(Path(args.faults).read_text())]
    try:
        registry = KioskRegistry.load(Path(args.kiosk_registry)) if args.kiosk_registry else None
        config = PlatformConfig(
            db_path=args.db,
            eid_key_path=eid_key,
            data_key_path=_data_key(args),
            admin_token=_admin_token(args),
            mtls=bool(args.client_ca),
            registry=registry,
            insecure_dev=args.insecure_dev,
            eid_kid=args.eid_kid or None,
            eid_issuer=args.eid_issuer,
            advance_every_s=args.advance_every,
            batch_enabled=not args.no_batch,
            opentelemetry=args.opentelemetry,
            faults=faults,
            signin_failures_keep_days=args.signin_failures_keep_days,
        )
        app = create_app(config)
    except (SetupError, SchemaTooNew, OSError) as exc:
        print(f"kiosk-central: refusing to start: {exc}", file=sys.stderr)
        return 2
    if args.crl and not args.client_ca:
        print("--crl needs --client-ca", file=sys.stderr)
        return 2
    tls = TlsFiles(args.tls_cert, args.tls_key, args.client_ca, args.crl) if args.tls_cert else None
    server = PlatformServer(
        uvicorn_config(app, tls, args.log_level, host=args.host, port=args.port)
    )
    server.run()
    return 0


def _migrate(argv: list[str]) -> int:
    """``kiosk-central migrate --db DB``: bring the database's schema up to this code's
    (serving does the same at start); 0 when it is, 2 when it is newer than this code."""
    p = argparse.ArgumentParser(
        prog="kiosk-central migrate",
        description="Upgrade the platform database's schema to this kiosk-central's."
        " Platforms of an older version can no longer open it afterwards.",
    )
    p.add_argument("--db", default="central.sqlite3", help="SQLite file or postgresql:// URL")
    args = p.parse_args(argv)
    try:
        open_database(args.db, migrate=False).close()
    except SchemaTooNew as exc:
        print(f"kiosk-central migrate: {exc}; nothing was changed", file=sys.stderr)
        return 2
    except SchemaTooOld as old:
        open_database(args.db).close()
        print(
            f"{args.db}: migrated from schema version {old.current} to {old.newest}"
            f" (platforms made before schema version {old.newest} can no longer open it)"
        )
        return 0
    print(f"{args.db}: at schema version {newest_version(_dialect(args.db))}, nothing to do")
    return 0


def _dialect(db: str) -> str:
    return "postgres" if is_postgres(db) else "sqlite"


def _check_calendar(argv: list[str]) -> int:
    """``kiosk-central check-calendar [FILE]``: 0 when the calendar covers this year,
    1 with the warning when it does not, 2 when the file cannot be used."""
    p = argparse.ArgumentParser(
        prog="kiosk-central check-calendar",
        description="Check a working-day calendar (default: the packaged one).",
    )
    p.add_argument("file", nargs="?", type=Path)
    args = p.parse_args(argv)
    try:
        cases.use_calendar(args.file)
    except cases.CalendarError as exc:
        print(f"kiosk-central check-calendar: {exc}", file=sys.stderr)
        return 2
    warning = cases.calendar_warning(dt.date.today())
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
        return 1
    print(f"{args.file or 'packaged calendar'}: OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
