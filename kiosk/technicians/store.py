"""The technician register: one JSON file, kept apart from the kiosk's data.

Each technician has a number (typed on the keypad or read from their card), a
name for the people who manage the register, an Argon2id hash of their PIN and,
when they carry a technician card, the card's public key (PEM) that the kiosk's
challenge must verify against. The file is written atomically, owner-only; the
kiosk only reads it. In production it lives under /etc/zhengwu-kiosk, away from
/var/lib: a copied data disk carries no PIN hashes, and wiping the data keeps
the register.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from kiosk.private_file import write_private
from kiosk.technicians.pins import hash_pin, is_known

ID_PATTERN = re.compile(r"^[0-9]{3,10}$")
FORMAT_VERSION = 1


class RegisterError(ValueError):
    """The register file cannot be used, or a change to it is refused; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class Technician:
    """One person allowed into the maintenance panel."""

    id: str
    name: str
    pin_hash: str
    card_public_key: str | None = None  # PEM; None: PIN-only sign-in
    added_at: str = ""
    demo_only: bool = False


def default_register_path() -> Path:
    """Per-user configuration directory (not the data directory)."""
    return Path(platformdirs.user_config_dir("zhengwu-kiosk", appauthor=False)) / "technicians.json"


class TechnicianRegister:
    """Read and change the register file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[Technician]:
        """Every technician; an absent file is an empty register."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise RegisterError(f"{self.path}: cannot read ({exc.strerror})") from None
        try:
            doc = json.loads(raw)
            if doc.get("version") != FORMAT_VERSION:
                raise RegisterError(f"{self.path}: unknown format version {doc.get('version')!r}")
            return [Technician(**t) for t in doc["technicians"]]
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            if isinstance(exc, RegisterError):
                raise
            raise RegisterError(f"{self.path}: not a technician register ({exc})") from None

    def get(self, tech_id: str) -> Technician | None:
        """The technician with number ``tech_id``."""
        return next((t for t in self.load() if t.id == tech_id), None)

    def add(
        self,
        tech_id: str,
        name: str,
        pin: str,
        card_public_key: str | None = None,
        now: dt.datetime | None = None,
    ) -> Technician:
        """Register a technician (refusing known PINs and taken numbers)."""
        if not ID_PATTERN.match(tech_id):
            raise RegisterError("a technician number is 3 to 10 digits")
        if is_known(pin):
            raise RegisterError("that PIN is a known example or default PIN: choose another")
        techs = self.load()
        if any(t.id == tech_id for t in techs):
            raise RegisterError(f"technician {tech_id} is already registered")
        if card_public_key is not None:
            from kiosk.technicians.card_keys import check_public_key

            check_public_key(card_public_key)
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        tech = Technician(tech_id, name, hash_pin(pin), card_public_key, stamp)
        self._write([*techs, tech])
        return tech

    def remove(self, tech_id: str) -> None:
        """Take a technician off the register."""
        techs = self.load()
        if not any(t.id == tech_id for t in techs):
            raise RegisterError(f"no technician {tech_id}")
        self._write([t for t in techs if t.id != tech_id])

    def _write(self, techs: list[Technician]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        doc = {"version": FORMAT_VERSION, "technicians": [asdict(t) for t in techs]}
        write_private(self.path, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
