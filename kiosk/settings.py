"""Kiosk configuration: TOML files validated by pydantic.

Every section forbids unknown keys, so a typo in a technician's file is reported
instead of silently ignored. :func:`load_settings` turns every way a file can be
wrong into one :class:`ConfigError` whose message names the file, the key and
what was expected; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


class ConfigError(Exception):
    """A configuration file could not be used; ``str()`` is the user-facing message."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskSection(_Section):
    """Who this terminal is."""

    # Goes into every tracking number minted here, so unique in the fleet: 4 symbols
    # from the read-aloud alphabet of kiosk/tracking.py (digits and A C F H M R W X Y).
    code: Annotated[str, Field(pattern=r"^[0-9ACFHMRWXY]{4}$")] = "A001"
    name_zh: str = "政务服务自助终端"
    name_en: str = "Government self-service kiosk"
    location_zh: str = "政务服务中心一楼大厅"
    location_en: str = "Service centre, ground floor lobby"
    # The centre's name alone: the top bar falls back to it where the full location
    # does not fit (portrait, English, 长辈模式), and 办理地点 is said against it.
    centre_zh: str = "政务服务中心"
    centre_en: str = "Service centre"
    default_language: Literal["zh", "en"] = "zh"
    # Put before every queue number so two kiosks in one hall never hand out the same
    # number (A001 from both): a short hall-unique mark such as "1" or "E2". Empty: the
    # kiosk code, unique in the fleet but longer to call out.
    queue_prefix: Annotated[str, Field(pattern=r"^[0-9A-Z]{0,4}$")] = ""


# The panel the diagonal is taken to belong to when no size is configured.
REFERENCE_PANEL_PX = (1920, 1080)


class DisplaySection(_Section):
    """Window and physical screen; the size drives mm-based touch-target checks."""

    fullscreen: bool = True
    # Unset: the window takes the screen's available area (a demo on a 1280x800 laptop
    # must not run off the glass); set both to pin a windowed kiosk to one size.
    width_px: Annotated[int, Field(ge=640, le=7680)] | None = None
    height_px: Annotated[int, Field(ge=480, le=7680)] | None = None
    diagonal_in: Annotated[float, Field(gt=5, le=100)] = 21.5
    theme: Literal["light", "dark"] = "light"
    # Panel mounted turned, clockwise degrees. The kiosk session (deploy/session/)
    # rotates the output and the touchscreen with it; the kiosk itself draws upright.
    rotation: Literal[0, 90, 180, 270] = 0

    @property
    def size_px(self) -> tuple[int, int] | None:
        """The configured window size, or None to take the screen's."""
        if self.width_px is None or self.height_px is None:
            return None
        return (self.width_px, self.height_px)

    @property
    def px_per_mm(self) -> float:
        """Physical pixel density of the configured panel."""
        w, h = self.size_px or REFERENCE_PANEL_PX
        diag_px = float(w**2 + h**2) ** 0.5
        return float(diag_px / (self.diagonal_in * 25.4))


class TimeoutsSection(_Section):
    """Idle handling; assisted mode multiplies the warning delay."""

    idle_warning_s: Annotated[int, Field(ge=15, le=900)] = 60
    countdown_s: Annotated[int, Field(ge=20, le=300)] = 30
    assisted_factor: Annotated[float, Field(ge=1, le=10)] = 3.0
    # The tap guard's settle time (ui/tap_guard.py says why 350 ms); 长辈模式 multiplies
    # it by assisted_factor. 0 keeps the guard's bookkeeping but drops no tap: only for
    # runs that study something else, such as the memory soak.
    tap_settle_ms: Annotated[int, Field(ge=0, le=2000)] = 350
    # While a staff call is open the citizen was told to wait and that their work is
    # kept: the "are you still there?" warning waits this long instead (a service
    # centre's staff reach a kiosk within minutes), then warns and wipes as usual, so
    # a citizen who walked away is still protected in the end (#14, try-out 5 item 1).
    staff_wait_s: Annotated[int, Field(ge=60, le=3600)] = 600


class PlatformSection(_Section):
    """The central platform the outbox drains to."""

    # "embedded" starts the reference platform on loopback (demo, development).
    mode: Literal["embedded", "remote"] = "remote"
    base_url: str = "https://platform.invalid/"
    connect_timeout_s: Annotated[float, Field(gt=0, le=60)] = 3.0
    read_timeout_s: Annotated[float, Field(gt=0, le=120)] = 10.0
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    # Or (and) a per-kiosk bearer token: a file holding it, mode 0600.
    token_file: Path | None = None
    backoff_base_s: Annotated[float, Field(gt=0, le=60)] = 1.0
    backoff_cap_s: Annotated[float, Field(gt=0, le=3600)] = 300.0
    # The longest Retry-After obeyed (a proxy's "come back tomorrow" is cut to this).
    retry_after_cap_s: Annotated[float, Field(gt=0, le=86400)] = 900.0
    batch_size: Annotated[int, Field(ge=1, le=500)] = 50
    heartbeat_s: Annotated[int, Field(ge=5, le=3600)] = 60
    max_attempts: Annotated[int, Field(ge=1, le=10000)] = 200
    # Ed25519 public key of the platform (PEM or base64url raw), for e-ID tokens and
    # appointment codes, and the issuer those tokens must name (None: not checked).
    public_key: str | None = None
    eid_issuer: str | None = None
    # The platform's public status page: receipt QR codes read
    # "<public_status_url>/r/<signed receipt code>", so a phone scan opens the status
    # there; None prints the bare signed code. https only (http on loopback).
    public_status_url: str | None = None

    @field_validator("public_key")
    @classmethod
    def _key_parses(cls, key: str | None) -> str | None:
        if key is not None:
            from kiosk.payloads.keys import load_public_key

            load_public_key(key)  # ValueError: "not an Ed25519 public key"
        return key

    @field_validator("public_status_url")
    @classmethod
    def _status_url(cls, url: str | None) -> str | None:
        if url is None:
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not parts.hostname or not (
            parts.scheme == "https" or (parts.scheme == "http" and loopback)
        ):
            raise ValueError("an https:// URL (http:// only on loopback)")
        if parts.query or parts.fragment:
            raise ValueError("a base URL without query or fragment")
        return url.rstrip("/")

    @model_validator(mode="after")
    def _client_pair(self) -> PlatformSection:
        if (self.client_cert is None) != (self.client_key is None):
            raise ValueError("client_cert and client_key must be given together")
        return self


class FleetSection(_Section):
    """Other kiosks whose receipts this one can verify offline."""

    # "KIOSK.GEN" = "<Ed25519 public key>", e.g. "C013.1" = "MCowBQYDK2VwAyEA...".
    receipt_keys: dict[str, str] = {}

    @field_validator("receipt_keys")
    @classmethod
    def _keys_parse(cls, keys: dict[str, str]) -> dict[str, str]:
        if keys:  # cryptography is imported only when there is something to check
            from kiosk.payloads.keys import VerificationKeys

            VerificationKeys.from_config(receipt=keys)  # ValueError naming the bad entry
        return keys


class StorageSection(_Section):
    """Local data; empty paths mean the per-user data directory (platformdirs)."""

    data_dir: Path | None = None
    # Keys apart from the data (kiosk/paths.py): default the per-user config dir, or
    # "<data_dir>-keys" beside a configured data_dir; e.g. /etc/zhengwu-kiosk/keys.
    keys_dir: Path | None = None
    key_file: Path | None = None  # the outbox key ring alone, if it must be elsewhere
    retention_days: Annotated[int, Field(ge=0, le=3650)] = 7
    # Below this much free space on the data disk the kiosk takes no new submissions
    # (kiosk/storage_guard.py); what was accepted stays safe either way.
    min_free_mib: Annotated[int, Field(ge=1, le=100_000)] = 64


class CardSection(_Section):
    """Identity document reader."""

    driver: Literal["simulator", "pcsc"] = "pcsc"
    reader_name: str | None = None  # substring; None = first reader
    read_timeout_s: Annotated[float, Field(gt=0, le=120)] = 30.0
    # Per command: a chip silent this long is mute; the read ends with a timeout and
    # the reader is free again once the chip leaves it (drivers/card/pcsc.py).
    command_timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0
    # CSCA trust list for passive authentication: an ICAO master list file, or a
    # folder of CSCA certificates (PEM/DER). None = chips are "not verifiable".
    csca_trust_list: Path | None = None

    @field_validator("csca_trust_list")
    @classmethod
    def _trust_list_loads(cls, path: Path | None) -> Path | None:
        if path is not None:
            from drivers.card.passive_auth import load_trust_list

            load_trust_list(path)  # TrustListError (a ValueError) says what is wrong
        return path


class IdCardSection(_Section):
    """Resident ID card (居民身份证) reader with a SAM: serial frames or the vendor SDK."""

    # "none": no such reader; "simulator": a simulated reader on a pseudo-terminal,
    # driven by the real serial driver (demo); "serial": GA 467-style frames on
    # ``port``; "sdk": the vendor's shared library at ``sdk_library``.
    driver: Literal["none", "simulator", "serial", "sdk"] = "none"
    port: str = "/dev/ttyUSB0"
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 115200
    poll_ms: Annotated[int, Field(ge=50, le=2000)] = 150
    read_fingerprint: bool = False  # the 30 10 read (fingerprint data; never stored)
    sdk_library: Path | None = None  # libtermb.so or the vendor's equivalent
    sdk_port: Annotated[int, Field(ge=1, le=9999)] = 1001  # 1-16 serial, 1001-1016 USB
    sdk_output_dir: Path | None = None  # where the SDK writes wz.txt / zp.wlt (default: its folder)
    wlt_library: Path | None = None  # the vendor's WLT photo decoder; none: "photo not available"

    @model_validator(mode="after")
    def _sdk_needs_library(self) -> IdCardSection:
        if self.driver == "sdk" and self.sdk_library is None:
            raise ValueError('driver = "sdk" needs sdk_library (path of the vendor library)')
        return self


class MrzSection(_Section):
    """Reading a passport's or ID card's MRZ with the document camera, for BAC without typing."""

    # Try the camera first on the keypad screen; typing stays possible. The engine is
    # the OCR-B glyph matcher: tesseract read fewer frames, 25x slower, and once
    # accepted a wrong MRZ on the corpus (docs/mrz-ocr.md), so it is not offered.
    camera: bool = True
    attempts: Annotated[int, Field(ge=1, le=30)] = 4  # frames tried before leaving it to typing


class ScannerSection(_Section):
    """QR camera."""

    driver: Literal["simulator", "opencv"] = "opencv"
    # Camera index ("0"), a video file, an image folder, or a stream URL.
    source: str = "0"
    fps: Annotated[float, Field(gt=0, le=120)] = 15.0
    decoder: Literal["zxing", "zbar", "combined"] = "zxing"
    width: Annotated[int, Field(ge=160, le=7680)] | None = None  # resolution to ask the camera for
    height: Annotated[int, Field(ge=120, le=4320)] | None = None
    # Part of the frame to decode, as fractions (x, y, w, h); None = the whole frame.
    roi: tuple[float, float, float, float] | None = None
    max_decode_width: Annotated[int, Field(ge=320, le=7680)] = 1280
    preview_fps: Annotated[float, Field(gt=0, le=60)] = 10.0

    @model_validator(mode="after")
    def _camera_geometry(self) -> ScannerSection:
        # Refused here (--check-config), not silently ignored by the driver.
        if (self.width is None) != (self.height is None):
            raise ValueError("width and height must be given together")
        if self.roi is not None:
            x, y, w, h = self.roi
            if not (0 <= x < 1 and 0 <= y < 1 and 0 < w <= 1 and 0 < h <= 1):
                raise ValueError("roi is (x, y, width, height) as fractions between 0 and 1")
            if x + w > 1.0001 or y + h > 1.0001:
                raise ValueError("roi reaches outside the frame (x + width and y + height ≤ 1)")
            small = self.width is not None and self.height is not None
            if small and (w * (self.width or 0) < 64 or h * (self.height or 0) < 64):
                raise ValueError("roi is smaller than 64 × 64 pixels at this resolution")
        return self


class PrinterSection(_Section):
    """Thermal receipt printer."""

    driver: Literal["simulator", "network", "usb", "serial", "file"] = "network"
    paper_mm: Literal[58, 80] = 80
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 9100
    usb_vendor: Annotated[int, Field(ge=0, le=0xFFFF)] = 0
    usb_product: Annotated[int, Field(ge=0, le=0xFFFF)] = 0
    serial_device: str = "/dev/ttyS0"
    baudrate: Annotated[int, Field(ge=1200, le=921600)] = 19200
    file_device: str = "/dev/usb/lp0"
    status_timeout_s: Annotated[float, Field(gt=0, le=10)] = 1.0
    # Model profile from drivers/printer/data/profiles.json (dots per line, columns,
    # how to clear held data, presenter); None = the generic one for paper_mm.
    profile: str | None = None
    # Override the profile's status support: "dle_eot" for printers without GS r,
    # "none" for write-only printers (receipts are then sent, never confirmed).
    status: Literal["full", "dle_eot", "none"] | None = None

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from drivers.printer.types import PROFILES

        if value not in PROFILES:
            raise ValueError(f"unknown printer profile; one of {', '.join(sorted(PROFILES))}")
        return value


class SpeechSection(_Section):
    """Voice guidance for the assisted mode."""

    driver: Literal["simulator", "espeak"] = "espeak"
    # Personal data is spoken only through a headset, never the lobby loudspeaker.
    private_audio: bool = False
    # A safe start in a quiet lobby; the citizen can go up or down, reset after each session.
    default_volume: Annotated[int, Field(ge=20, le=100)] = 60


class MaintenanceSection(_Section):
    """Technician access (see docs/maintenance.md)."""

    # The technician register (numbers, Argon2id PIN hashes, card keys), managed with
    # `kiosk technician add|remove|list`; kept apart from the data directory.
    # None: technicians.json in the per-user configuration directory.
    technicians_file: Path | None = None
    # DEMO ONLY: technician 1000 with this PIN. --check-config refuses it outside demo mode.
    demo_technician_pin: Annotated[str, Field(pattern=r"^[0-9]{6,12}$")] | None = None
    # The old shared PIN: still parsed so --check-config can name it, always refused.
    pin: str | None = None
    # Where diagnostics archives go; None: the first drive mounted under /media, /run/media, /mnt.
    export_dir: Path | None = None
    # Technician cards (drivers/techcard/): "none", "pcsc" (a PC/SC reader of its own,
    # named by card_reader, a substring of its name) or "simulator" (demo).
    card_driver: Literal["none", "pcsc", "simulator"] = "none"
    card_reader: str = ""


class DailySection(_Section):
    """The nightly window (kiosk/daily_maintenance.py): self-test, fresh logs, restart."""

    enabled: bool = True
    at: dt.time = dt.time(3, 30)  # local time; the window waits until nobody is using it
    window_min: Annotated[int, Field(ge=5, le=720)] = 60
    restart: bool = True  # exit cleanly so systemd (Restart=always) starts a fresh process


class LoggingSection(_Section):
    """Log files rotate so a kiosk running for months never fills its disk."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: Annotated[int, Field(ge=10_000, le=1_000_000_000)] = 5_000_000
    backups: Annotated[int, Field(ge=1, le=100)] = 10


class DemoSection(_Section):
    """Demo-only helpers."""

    enabled: bool = False
    controls: bool = True  # the small demo-controls panel and keyboard shortcuts


class Settings(_Section):
    """The whole configuration of one kiosk."""

    kiosk: KioskSection = KioskSection()
    display: DisplaySection = DisplaySection()
    timeouts: TimeoutsSection = TimeoutsSection()
    platform: PlatformSection = PlatformSection()
    fleet: FleetSection = FleetSection()
    storage: StorageSection = StorageSection()
    card: CardSection = CardSection()
    idcard: IdCardSection = IdCardSection()
    mrz: MrzSection = MrzSection()
    scanner: ScannerSection = ScannerSection()
    printer: PrinterSection = PrinterSection()
    speech: SpeechSection = SpeechSection()
    maintenance: MaintenanceSection = MaintenanceSection()
    daily: DailySection = DailySection()
    logging: LoggingSection = LoggingSection()
    demo: DemoSection = DemoSection()


def default_config_path() -> Path:
    """The file used when no ``--config`` is given."""
    return CONFIG_DIR / "default.toml"


def demo_config_path() -> Path:
    """The file ``--demo`` uses."""
    return CONFIG_DIR / "demo.toml"


def load_settings(path: Path) -> Settings:
    """Read and validate one TOML file; raises :class:`ConfigError` with a clear message."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML syntax error: {exc}") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None


def _describe(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"{path}: {key}: {_expected(err)}")
    return "\n".join(lines)


def _expected(err: Any) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "extra_forbidden":
        return "unknown key (check the spelling against config/production.example.toml)"
    if kind == "missing":
        return "required key is missing"
    msg = str(err["msg"]).removeprefix("Value error, ")
    if isinstance(got, dict):
        return f"expected {msg.lower()}"
    return f"{msg} (got {got!r})"
