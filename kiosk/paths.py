"""Where the kiosk keeps its files: the per-user data directory unless configured.

Keys live apart from the data (a copied data directory or disk image carries no
key): ``[storage] keys_dir`` if set; else the per-user config directory when the
data directory is the per-user default (``~/.config/zhengwu-kiosk/keys`` next to
``~/.local/share/zhengwu-kiosk``); else a sibling of the configured data
directory (``<data_dir>-keys``). A key file that systemd hands over as a
credential (``LoadCredential=``/``LoadCredentialEncrypted=`` put it in
``$CREDENTIALS_DIRECTORY``) is used from there. Keys found in the data directory
by an older version are moved out at start-up (:func:`move_legacy_keys`).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kiosk.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = "zhengwu-kiosk"
OUTBOX_KEY = "outbox.key"
PRINT_KEY = "print-jobs.key"
SIGNING_KEY = "receipt-signing.key"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """Every file location the app writes to, resolved once at start-up."""

    root: Path
    database: Path
    print_jobs: Path
    key_file: Path  # the outbox and status-cache key ring
    keys_dir: Path
    print_key: Path
    signing_key: Path
    logs: Path
    speech_cache: Path
    printed: Path  # PNGs of the simulated printer
    captures: Path

    def create(self) -> None:
        """Make the directories (owner-only: they hold encrypted personal data)."""
        for d in (self.root, self.logs, self.speech_cache, self.printed, self.captures):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        for key in (self.key_file, self.print_key, self.signing_key):
            if not key.exists():
                key.parent.mkdir(parents=True, exist_ok=True, mode=0o700)


def resolve_paths(settings: Settings) -> DataPaths:
    """Resolve configured paths, falling back to platformdirs' user data dir."""
    root = settings.storage.data_dir or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root = root.expanduser()
    keys = keys_dir(settings, root)
    return DataPaths(
        root=root,
        database=root / "kiosk.sqlite3",
        print_jobs=root / "print_jobs.sqlite3",
        key_file=(
            settings.storage.key_file or _credential(OUTBOX_KEY) or keys / OUTBOX_KEY
        ).expanduser(),
        keys_dir=keys,
        print_key=_credential(PRINT_KEY) or keys / PRINT_KEY,
        signing_key=_credential(SIGNING_KEY) or keys / SIGNING_KEY,
        logs=root / "logs",
        speech_cache=root / "speech-cache",
        printed=root / "printed",
        captures=root / "captures",
    )


def keys_dir(settings: Settings, root: Path) -> Path:
    """Where key files are created: never inside the data directory ``root``."""
    if settings.storage.keys_dir is not None:
        return settings.storage.keys_dir.expanduser()
    if settings.storage.data_dir is None:
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "keys"
    return root.parent / f"{root.name}-keys"


def _credential(name: str) -> Path | None:
    """A key handed over by systemd (read-only, in ``$CREDENTIALS_DIRECTORY``), if any."""
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if not directory:
        return None
    path = Path(directory) / name
    return path if path.is_file() else None


def move_legacy_keys(paths: DataPaths) -> DataPaths:
    """Move keys an older version left in the data directory to their place apart.

    Nothing is lost: a key ring is merged into one already at the new place, and a
    legacy file is removed only once its keys are safely at the new place. If that
    cannot be done (two different keys), the legacy file stays and keeps being used,
    so everything sealed with it stays readable; the log says what to do. Returns
    the paths to use.
    """
    # Imported here: the launcher resolves paths before the window, cryptography is heavy.
    from offline_cache.crypto import move_key_ring, move_secret_file

    moves = {
        "key_file": (paths.root / OUTBOX_KEY, paths.key_file, move_key_ring),
        "print_key": (paths.root / PRINT_KEY, paths.print_key, move_secret_file),
        "signing_key": (paths.root / SIGNING_KEY, paths.signing_key, move_secret_file),
    }
    use: dict[str, Path] = {}
    for field, (legacy, target, move) in moves.items():
        if legacy == target or not legacy.exists():
            continue
        if target.parent == Path(os.environ.get("CREDENTIALS_DIRECTORY") or "/nonexistent"):
            # systemd credentials are read-only: the technician moved the key already.
            log.warning("%s is also a systemd credential; remove the copy in the data dir", legacy)
            continue
        try:
            move(legacy, target)
        except (OSError, ValueError) as exc:
            log.error(
                "could not move %s out of the data directory (%s); still using it", legacy.name, exc
            )
            use[field] = legacy
    return dataclasses.replace(paths, **use) if use else paths
