"""Where the kiosk keeps its files: the per-user data directory unless configured."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kiosk.settings import Settings

APP_NAME = "zhengwu-kiosk"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """Every file location the app writes to, resolved once at start-up."""

    root: Path
    database: Path
    print_jobs: Path
    key_file: Path
    logs: Path
    speech_cache: Path
    printed: Path  # PNGs of the simulated printer
    captures: Path

    def create(self) -> None:
        """Make the directories (owner-only: they hold encrypted personal data)."""
        for d in (self.root, self.logs, self.speech_cache, self.printed, self.captures):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)


def resolve_paths(settings: Settings) -> DataPaths:
    """Resolve configured paths, falling back to platformdirs' user data dir."""
    root = settings.storage.data_dir or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root = root.expanduser()
    return DataPaths(
        root=root,
        database=root / "kiosk.sqlite3",
        print_jobs=root / "print_jobs.sqlite3",
        key_file=(settings.storage.key_file or root / "outbox.key").expanduser(),
        logs=root / "logs",
        speech_cache=root / "speech-cache",
        printed=root / "printed",
        captures=root / "captures",
    )
