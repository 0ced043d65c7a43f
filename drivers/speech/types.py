"""Values the speech driver hands back: languages, clips, render and playback outcomes.

Expected conditions (no engine installed, no audio device, interrupted playback)
are values here, not exceptions, so the voice service can report them calmly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Language(StrEnum):
    """Languages the kiosk speaks."""

    ZH = "zh"  # Mandarin
    EN = "en"


def parse_language(value: Language | str) -> Language:
    """Map a session or locale code (``zh``, ``zh-CN``, ``cmn``, ``en-GB``) to a Language."""
    if isinstance(value, Language):
        return value
    code = value.strip().lower().replace("_", "-")
    if code.startswith(("zh", "cmn")):
        return Language.ZH
    if code.startswith("en"):
        return Language.EN
    raise ValueError(f"unsupported speech language: {value!r}")


@dataclass(frozen=True, slots=True)
class Clip:
    """Rendered speech: 16-bit little-endian signed PCM plus its format.

    ``text`` and ``language`` say what the clip is of; they let the simulator
    record what was "spoken" and are never written to disk by the cache.
    """

    pcm: bytes = field(repr=False)
    sample_rate: int
    channels: int = 1
    text: str = field(default="", repr=False)
    language: Language = Language.ZH

    @property
    def frames(self) -> int:
        """Number of sample frames."""
        return len(self.pcm) // (2 * self.channels)

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0


class RenderStatus(StrEnum):
    """How a render request ended."""

    OK = "ok"
    EMPTY_TEXT = "empty_text"
    ENGINE_MISSING = "engine_missing"  # the executable is not installed
    TIMEOUT = "timeout"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RenderResult:
    """A clip, or why there is none."""

    status: RenderStatus
    clip: Clip | None = None
    detail: str = ""  # never contains the text being rendered

    @property
    def ok(self) -> bool:
        """True when a clip was produced."""
        return self.status is RenderStatus.OK and self.clip is not None


class PlayerStatus(StrEnum):
    """Whether the player can make sound."""

    READY = "ready"
    NO_AUDIO_DEVICE = "no_audio_device"
    DEVICE_ERROR = "device_error"  # last playback failed (device busy, unplugged, ...)


class PlaybackStatus(StrEnum):
    """How one playback ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"
    NO_AUDIO_DEVICE = "no_audio_device"
    DEVICE_ERROR = "device_error"


@dataclass(frozen=True, slots=True)
class PlaybackOutcome:
    """Result of :meth:`Player.play`."""

    status: PlaybackStatus
    detail: str = ""
