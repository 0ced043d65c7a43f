"""In-memory engine and player for the demo and UI tests: they record what was "spoken".

Not a substitute for the integration tests of espeak-ng and the real player.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass

from drivers.speech.types import (
    Clip,
    Language,
    PlaybackOutcome,
    PlaybackStatus,
    PlayerStatus,
    RenderResult,
    RenderStatus,
)

SIM_RATE = 8000


class FakeEngine:
    """Renders a short tone per character and records every render request."""

    def __init__(self, *, version: str = "1", ms_per_char: int = 20) -> None:
        self._version = version
        self.ms_per_char = ms_per_char
        self.rendered: list[tuple[str, Language]] = []
        self.fail_next: RenderStatus | None = None  # make the next render fail with this
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """Engine name."""
        return "fake"

    @property
    def version(self) -> str:
        """Settable version, to test cache invalidation on upgrade."""
        return self._version

    @version.setter
    def version(self, value: str) -> None:
        self._version = value

    def voice_id(self, language: Language) -> str:
        """One voice per language."""
        return f"fake-{language.value}"

    def render(self, text: str, language: Language) -> RenderResult:
        """A 440 Hz tone, ``ms_per_char`` long per character."""
        with self._lock:
            self.rendered.append((text, language))
            fail, self.fail_next = self.fail_next, None
        if fail is not None:
            return RenderResult(fail)
        if not text.strip():
            return RenderResult(RenderStatus.EMPTY_TEXT)
        n = max(1, len(text) * self.ms_per_char * SIM_RATE // 1000)
        pcm = b"".join(
            int(8000 * math.sin(2 * math.pi * 440 * i / SIM_RATE)).to_bytes(
                2, "little", signed=True
            )
            for i in range(n)
        )
        return RenderResult(RenderStatus.OK, Clip(pcm, SIM_RATE, 1, text, language))


@dataclass(frozen=True, slots=True)
class Spoken:
    """One playback as the simulator saw it."""

    text: str
    language: Language
    gain: float
    status: PlaybackStatus


class FakePlayer:
    """Records playbacks instead of making sound.

    ``hold=True`` keeps each playback going until it is cancelled or
    :meth:`release` is called, so tests can interrupt a prompt deterministically;
    ``pace`` > 0 plays for that fraction of the clip's real duration (demo).
    """

    def __init__(self, *, hold: bool = False, pace: float = 0.0) -> None:
        self.hold = hold
        self.pace = pace
        self.spoken: list[Spoken] = []
        self.status_value = PlayerStatus.READY
        self._release = threading.Event()
        self._cond = threading.Condition()
        self._started = 0

    def status(self) -> PlayerStatus:
        """Settable status (``status_value``)."""
        return self.status_value

    @property
    def started(self) -> int:
        """How many playbacks have started."""
        return self._started

    def release(self) -> None:
        """Let held playbacks finish."""
        self._release.set()

    def wait_started(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until ``count`` playbacks have started."""
        with self._cond:
            return self._cond.wait_for(lambda: self._started >= count, timeout)

    @property
    def texts(self) -> list[str]:
        """The texts spoken, in order."""
        return [s.text for s in self.spoken]

    def play(
        self,
        clip: Clip,
        *,
        gain: Callable[[], float],
        cancel: threading.Event,
        on_start: Callable[[], None] | None = None,
    ) -> PlaybackOutcome:
        """Record the clip; block per ``hold`` / ``pace``; honour ``cancel``."""
        if self.status_value is PlayerStatus.NO_AUDIO_DEVICE:
            return PlaybackOutcome(PlaybackStatus.NO_AUDIO_DEVICE)
        g = gain()
        if on_start is not None:
            on_start()
        with self._cond:
            self._started += 1
            self._cond.notify_all()
        status = PlaybackStatus.FINISHED
        if self.hold:
            while not self._release.is_set():
                if cancel.wait(0.005):
                    status = PlaybackStatus.INTERRUPTED
                    break
        elif self.pace > 0 and cancel.wait(clip.duration_s * self.pace):
            status = PlaybackStatus.INTERRUPTED
        with self._cond:
            self.spoken.append(Spoken(clip.text, clip.language, g, status))
            self._cond.notify_all()
        return PlaybackOutcome(status)
