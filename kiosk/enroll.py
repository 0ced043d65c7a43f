"""``kiosk enroll DIR``: install the client certificate ``kiosk-central enroll`` issued.

``kiosk-central enroll KIOSK_ID --out DIR`` writes ``kiosk-cert.pem``,
``kiosk-key.pem`` and ``fleet-ca.pem``. This checks them before anything is
touched (the key belongs to the certificate, the certificate was issued by that
CA for client authentication, names this kiosk's configured id, and is valid
now), installs them into the kiosk's keys directory (never the data directory;
the key 0600, every file written atomically), then points ``[platform]
client_cert`` / ``client_key`` (and ``ca_bundle`` with ``--platform-ca``) at
them in the configuration file. A configuration file the caller cannot write
(``/etc`` in the Debian package, for a technician without root) is left alone
and the exact lines to set are printed instead.

The installed files carry the certificate's serial number in their names and
the configuration switches to them in one atomic rename, so at every moment the
configuration names a certificate and key that belong together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kiosk.private_file import write_private
from kiosk.settings import ConfigError, Settings, default_config_path, load_settings

CERT, KEY, CA = "kiosk-cert.pem", "kiosk-key.pem", "fleet-ca.pem"
INSTALLED_CA = "fleet-ca.pem"
PLATFORM_CA = "platform-ca.pem"
EXIT_REFUSED = 2
# Clocks of a new kiosk and the CA may differ a little; more than this is "not yet valid".
CLOCK_SKEW = dt.timedelta(minutes=5)
# --check-config warns this long before a certificate expires.
RENEW_WARNING = dt.timedelta(days=30)


class EnrollError(Exception):
    """A bundle or installation refused; ``str()`` is one calm line for the technician."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """A checked certificate, its key (PEM) and the CA that issued it."""

    cert: x509.Certificate
    cert_pem: bytes
    key_pem: bytes
    ca_pem: bytes

    @property
    def serial(self) -> str:
        """The serial number in hex (as ``kiosk-central`` lists it)."""
        return format(self.cert.serial_number, "x")


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise EnrollError(f"{path}: {what} not found") from None
    except OSError as exc:
        raise EnrollError(f"{path}: cannot read the {what} ({exc.strerror})") from None


def _load_cert(data: bytes, path: Path, what: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise EnrollError(f"{path}: not a PEM certificate ({what})") from None


def subject_cn(cert: x509.Certificate) -> str | None:
    """The subject common name (the kiosk id the platform authenticates)."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else None


def _public_der(obj: object) -> bytes:
    public = obj.public_key()  # type: ignore[attr-defined]
    der: bytes = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return der


def certificate_problems(
    cert: x509.Certificate,
    key_pem: bytes | None,
    ca: x509.Certificate | None,
    kiosk_id: str,
    now: dt.datetime,
) -> list[str]:
    """Everything wrong with a kiosk certificate, as calm sentences (empty: usable).

    ``key_pem`` None skips the key check, ``ca`` None the issuer check.
    """
    problems: list[str] = []
    if key_pem is not None:
        try:
            key = serialization.load_pem_private_key(key_pem, password=None)
        except (ValueError, TypeError):
            problems.append("the key file is not an unencrypted PEM private key")
        else:
            if _public_der(key) != _public_der(cert):
                problems.append("the key does not belong to the certificate")
    if ca is not None:
        try:
            cert.verify_directly_issued_by(ca)
        except (ValueError, TypeError, InvalidSignature):
            problems.append(
                f"the certificate was not issued by the fleet CA ({ca.subject.rfc4514_string()})"
            )
    cn = subject_cn(cert)
    if cn != kiosk_id:
        problems.append(
            f"the certificate is for kiosk {cn!r}, but this kiosk is {kiosk_id!r}"
            " ([kiosk] code in the configuration)"
        )
    if cert.not_valid_after_utc <= now:
        problems.append(f"the certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}")
    elif cert.not_valid_before_utc > now + CLOCK_SKEW:
        problems.append(
            f"the certificate is valid only from {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC"
            " (check this kiosk's clock)"
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and ExtendedKeyUsageOID.CLIENT_AUTH not in usage:
        problems.append("the certificate is not for client authentication")
    return problems


def check_bundle(
    folder: Path, kiosk_id: str, now: dt.datetime, trusted_ca: bytes | None = None
) -> Bundle:
    """Read and check what ``kiosk-central enroll`` wrote into ``folder``.

    ``trusted_ca``: the fleet CA this kiosk already trusts (from an earlier
    enrolment); a bundle from another CA is refused.
    """
    if not folder.is_dir():
        raise EnrollError(f"{folder}: no such directory (kiosk-central enroll --out DIR)")
    cert_pem = _read(folder / CERT, "certificate")
    key_pem = _read(folder / KEY, "private key")
    ca_pem = _read(folder / CA, "fleet CA certificate")
    cert = _load_cert(cert_pem, folder / CERT, "the kiosk's certificate")
    ca = _load_cert(ca_pem, folder / CA, "the fleet CA")
    try:
        is_ca = ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise EnrollError(f"{folder / CA}: not a CA certificate")
    if trusted_ca is not None and trusted_ca.strip() != ca_pem.strip():
        raise EnrollError(
            f"{folder / CA} is not the fleet CA this kiosk was enrolled with"
            " (use --new-ca to move this kiosk to another fleet CA)"
        )
    if ca.not_valid_after_utc <= now:
        raise EnrollError(f"the fleet CA expired on {ca.not_valid_after_utc:%Y-%m-%d}")
    problems = certificate_problems(cert, key_pem, ca, kiosk_id, now)
    if problems:
        raise EnrollError(problems[0])
    return Bundle(cert, cert_pem, key_pem, ca_pem)


def _owner_of(folder: Path) -> tuple[int, int] | None:
    """(uid, gid) to give new files when root installs into someone else's folder."""
    if os.geteuid() != 0:
        return None
    st = folder.stat()
    return None if st.st_uid == 0 else (st.st_uid, st.st_gid)


def _write(path: Path, data: bytes, owner: tuple[int, int] | None) -> None:
    write_private(path, data)
    if owner is not None:
        os.chown(path, *owner)


def install(bundle: Bundle, keys_dir: Path, data_dir: Path) -> tuple[Path, Path, Path]:
    """Write certificate, key and CA into ``keys_dir``; returns (cert, key, CA) paths.

    Refuses a keys directory inside the data directory: keys stay apart from the data.
    """
    keys, data = keys_dir.resolve(), data_dir.resolve()
    if keys == data or data in keys.parents:
        raise EnrollError(f"{keys_dir} is inside the data directory {data_dir}; keys stay apart")
    try:
        keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        owner = _owner_of(keys_dir)
        cert_path = keys_dir / f"kiosk-{bundle.serial}-cert.pem"
        key_path = keys_dir / f"kiosk-{bundle.serial}-key.pem"
        _write(key_path, bundle.key_pem, owner)
        _write(cert_path, bundle.cert_pem, owner)
        _write(keys_dir / INSTALLED_CA, bundle.ca_pem, owner)
    except OSError as exc:
        raise EnrollError(
            f"cannot write into {keys_dir} ({exc.strerror}); run as the kiosk's user or root"
        ) from None
    return cert_path, key_path, keys_dir / INSTALLED_CA


def config_lines(values: dict[str, Path]) -> list[str]:
    """The ``[platform]`` lines that select the installed files."""
    return [f'{name} = "{path}"' for name, path in values.items()]


def config_writable(path: Path) -> bool:
    """Whether the file can be replaced atomically (file and its folder writable)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def update_config(path: Path, values: dict[str, Path]) -> None:
    """Set ``[platform]`` keys in a TOML file, keeping its comments and layout.

    The new text is checked with the kiosk's own loader before it replaces the
    file (atomically, with the file's mode and owner kept).
    """
    import tomlkit  # only this command edits TOML

    text = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(text)
    section = doc.get("platform")
    if section is None:
        section = tomlkit.table()
        doc["platform"] = section
    for name, value in values.items():
        section[name] = str(value)
    new = tomlkit.dumps(doc)
    st = path.stat()
    tmp = path.with_name(f".{path.name}.enroll")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IMODE(st.st_mode))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new)
            fh.flush()
            os.fsync(fh.fileno())
        if os.geteuid() == 0:
            os.chown(tmp, st.st_uid, st.st_gid)
        try:
            load_settings(tmp)
        except ConfigError as exc:
            raise EnrollError(f"{path}: the updated configuration would not load: {exc}") from None
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _remove_replaced(old: Path | None, new: Path, keys_dir: Path) -> None:
    """Delete a previous enrolment's file once the configuration no longer names it."""
    if old is None or old == new or old.parent.resolve() != keys_dir.resolve():
        return
    if old.name.startswith("kiosk-") and old.name.endswith(("-cert.pem", "-key.pem")):
        old.unlink(missing_ok=True)


def run(
    folder: Path, config: Path, platform_ca: Path | None, new_ca: bool, now: dt.datetime
) -> list[str]:
    """Check, install and configure; returns the lines to print (EnrollError: refused)."""
    from kiosk.paths import resolve_paths

    try:
        settings: Settings = load_settings(config)
    except ConfigError as exc:
        raise EnrollError(str(exc).splitlines()[0]) from None
    paths = resolve_paths(settings)
    trusted = paths.keys_dir / INSTALLED_CA
    trusted_pem = None if new_ca or not trusted.exists() else trusted.read_bytes()
    bundle = check_bundle(folder, settings.kiosk.code, now, trusted_pem)
    platform_ca_pem = None
    if platform_ca is not None:
        platform_ca_pem = _read(platform_ca, "platform CA certificate")
        _load_cert(platform_ca_pem, platform_ca, "the platform's CA")
    cert_path, key_path, _ = install(bundle, paths.keys_dir, paths.root)
    values = {"client_cert": cert_path, "client_key": key_path}
    if platform_ca_pem is not None:
        target = paths.keys_dir / PLATFORM_CA
        _write(target, platform_ca_pem, _owner_of(paths.keys_dir))
        values["ca_bundle"] = target
    out = [
        f"kiosk {settings.kiosk.code}: certificate {bundle.serial} valid until"
        f" {bundle.cert.not_valid_after_utc:%Y-%m-%d}, installed in {paths.keys_dir}"
    ]
    if config_writable(config):
        update_config(config, values)
        old = settings.platform
        _remove_replaced(old.client_cert, cert_path, paths.keys_dir)
        _remove_replaced(old.client_key, key_path, paths.keys_dir)
        out.append(f"{config}: [platform] {', '.join(values)} updated")
    else:
        out.append(f"{config} is read-only here: set these lines in its [platform] section:")
        out.extend("    " + line for line in config_lines(values))
        out.append(f"then check it: kiosk --check-config {config}")
    if platform_ca_pem is None and settings.platform.ca_bundle is None:
        out.append(
            "note: [platform] ca_bundle is not set, so the platform's server certificate is"
            " checked against the system's CAs (--platform-ca FILE sets it)"
        )
    return out


def certificate_warnings(settings: Settings, now: dt.datetime) -> list[str]:
    """What ``kiosk --check-config`` says about the configured client certificate."""
    p = settings.platform
    if p.client_cert is None or p.client_key is None:
        return []
    if not p.client_cert.exists():
        # Not enrolled yet (the Debian package's state before `kiosk enroll`): the
        # agent reports the platform unreachable until then; nothing to check here.
        return []
    try:
        cert = x509.load_pem_x509_certificate(p.client_cert.read_bytes())
    except (OSError, ValueError):
        return [f"{p.client_cert}: not a readable PEM certificate"]
    try:
        key_pem: bytes | None = p.client_key.read_bytes()
    except PermissionError:
        key_pem = None  # readable by the kiosk's user only; not ours to check
    except OSError as exc:
        return [f"{p.client_key}: cannot read the client key ({exc.strerror})"]
    found = certificate_problems(cert, key_pem, None, settings.kiosk.code, now)
    if not found and cert.not_valid_after_utc - now < RENEW_WARNING:
        found.append(
            f"the certificate expires on {cert.not_valid_after_utc:%Y-%m-%d}: enrol again soon"
        )
    return [f"{p.client_cert}: {problem}" for problem in found]


def main(argv: list[str]) -> int:
    """Entry point of ``kiosk enroll``."""
    p = argparse.ArgumentParser(
        prog="kiosk enroll",
        description="Install the client certificate 'kiosk-central enroll KIOSK_ID --out DIR'"
        " wrote, and point the configuration at it.",
    )
    p.add_argument("dir", type=Path, help="the folder kiosk-central enroll wrote")
    p.add_argument("--config", type=Path, help="configuration file (default: the kiosk's)")
    p.add_argument(
        "--platform-ca",
        type=Path,
        metavar="FILE",
        help="the CA of the platform's server certificate; installed and set as ca_bundle",
    )
    p.add_argument(
        "--new-ca",
        action="store_true",
        help="accept a fleet CA other than the one this kiosk was enrolled with",
    )
    args = p.parse_args(argv)
    config = args.config or default_config_path()
    try:
        lines = run(args.dir, config, args.platform_ca, args.new_ca, dt.datetime.now(dt.UTC))
    except EnrollError as exc:
        print(f"kiosk enroll: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print("\n".join(lines))
    return 0
