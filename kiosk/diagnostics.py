"""The diagnostics archive a technician takes away on a removable drive.

One zip: the (already redacted) logs, the configuration without secrets, the
versions of the kiosk and its libraries, and the device and queue states. Log
lines are redacted once more on the way out, because the archive leaves the
kiosk: an identity-shaped number that slipped past the logger stops here.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.logging_setup import redact
from kiosk.workers import ExpectedCondition

# Where desktop automounters and technicians put USB drives.
MOUNT_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
# Setting names whose values are secrets or point at them: left out of the archive.
SECRET_WORDS = ("key", "pin", "secret", "token", "password", "cert")
LIBRARIES = (
    "PySide6-Essentials",
    "cryptography",
    "pydantic",
    "pyscard",
    "python-escpos",
    "zxing-cpp",
    "opencv-python-headless",
    "requests",
    "argon2-cffi",
)
LOG_LINES_KEPT = 20_000


class NoDriveError(ExpectedCondition):
    """No writable removable drive is mounted (and none is configured)."""


def find_drive(configured: Path | None, roots: Iterable[Path] = MOUNT_ROOTS) -> Path:
    """The configured export folder, or the first writable mount under the usual roots."""
    if configured is not None:
        if configured.is_dir() and os.access(configured, os.W_OK):
            return configured
        raise NoDriveError(str(configured))
    for root in roots:
        for candidate in _mounts_under(root):
            if os.access(candidate, os.W_OK):
                return candidate
    raise NoDriveError("no drive under " + ", ".join(str(r) for r in roots))


def _mounts_under(root: Path) -> list[Path]:
    # /media/LABEL, /media/USER/LABEL, /run/media/USER/LABEL, /mnt/LABEL: real mount points only.
    if not root.is_dir():
        return []
    found: list[Path] = []
    try:
        children = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return []
    for child in children:
        if os.path.ismount(child):
            found.append(child)
            continue
        try:
            found += sorted(g for g in child.iterdir() if g.is_dir() and os.path.ismount(g))
        except OSError:
            continue
    return found


def public_config(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration with every secret (or secret's location) replaced by a mark."""

    def clean(value: Any, name: str = "") -> Any:
        if any(word in name.lower() for word in SECRET_WORDS) and value not in (None, "", {}):
            return "(withheld)"
        if isinstance(value, Mapping):
            return {k: clean(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        if isinstance(value, Path):
            return str(value)
        return value

    cleaned: dict[str, Any] = clean(dict(settings))
    return cleaned


def versions() -> dict[str, str]:
    """The kiosk's, Python's and the main libraries' versions."""
    out = {"kiosk": __version__, "python": platform.python_version(), "os": platform.platform()}
    for name in LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "(not installed)"
    return out


def write_archive(
    path: Path, *, status: Mapping[str, Any], config: Mapping[str, Any], log_files: list[Path]
) -> Path:
    """Write the archive atomically (a pulled drive leaves no half-written zip)."""
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("status.json", _json(status))
        zf.writestr("config.json", _json(public_config(config)))
        zf.writestr("versions.json", _json(versions()))
        for log_file in log_files:
            try:
                lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            text = "\n".join(redact(line) for line in lines[-LOG_LINES_KEPT:])
            zf.writestr(f"logs/{log_file.name}", text + "\n" if text else "")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def archive_name(kiosk_code: str, now: dt.datetime) -> str:
    """``diagnostics-<kiosk>-<UTC time>.zip``."""
    return f"diagnostics-{kiosk_code}-{now.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}.zip"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
