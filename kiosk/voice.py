"""Voice guidance for the assisted mode (长辈模式).

:class:`VoiceService` speaks screen prompts and the receipt summary on its own
worker thread: ``say()`` returns at once, a new prompt interrupts the one
playing, ``repeat()`` says the last prompt again, and the volume moves in
bounded steps and goes back to its default when the session ends (``reset()``).

Every text passes the :class:`~kiosk.voice_guard.SpeechGuard` in
:meth:`VoiceService._speakable` before it reaches the engine, the clip cache or
the player; there is no other path. Text that contains personal data and is
allowed (headset fitted) is rendered without being written to the disk cache.
Neither logs nor events ever carry the spoken text, only catalogue keys.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from drivers.speech.cache import ClipCache, WarmUp
from drivers.speech.protocol import Player
from drivers.speech.types import (
    Clip,
    Language,
    PlaybackStatus,
    PlayerStatus,
    RenderResult,
    parse_language,
)
from drivers.speech.volume import Volume
from kiosk.voice_guard import SpeechGuard
from kiosk.voice_summary import ReceiptSummary, compose_receipt_summary

log = logging.getLogger(__name__)

PromptCatalog = Mapping[str, Mapping[Language, str]]
"""Prompt key (e.g. ``home.welcome``) → language → text."""


class VoiceEventKind(StrEnum):
    """What happened to a request."""

    STARTED = "started"  # first audio buffer handed to the player
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # a newer prompt or stop() cut it off
    WITHHELD = "withheld"  # the guard would not let any of it be spoken
    NO_AUDIO = "no_audio"  # no audio device: the screen must carry the message
    FAILED = "failed"  # render or playback error; ``detail`` says which


@dataclass(frozen=True, slots=True)
class VoiceEvent:
    """Reported to the listener from the voice worker thread. Never holds the text."""

    kind: VoiceEventKind
    prompt_key: str | None  # catalogue key, None for free text
    at: float  # time.monotonic()
    detail: str = ""


@dataclass(frozen=True, slots=True)
class _Request:
    source: str  # catalogue key or text
    language: Language
    public: tuple[str, ...]
    said_at: float
    cancel: threading.Event = field(default_factory=threading.Event)


class VoiceService:
    """Queues and plays prompts off the caller's thread; see the module docstring."""

    def __init__(
        self,
        cache: ClipCache,
        player: Player,
        guard: SpeechGuard,
        *,
        prompts: PromptCatalog | None = None,
        sensitive: Callable[[], Collection[str]] = lambda: (),
        volume: Volume | None = None,
        listener: Callable[[VoiceEvent], None] | None = None,
    ) -> None:
        """``sensitive`` returns the live session's personal strings (names, numbers)."""
        self.cache = cache
        self.player = player
        self.guard = guard
        self.prompts: PromptCatalog = prompts or {}
        self.volume = volume or Volume()
        self._sensitive = sensitive
        self._listener = listener
        self._cond = threading.Condition()
        self._pending: _Request | None = None
        self._current: _Request | None = None
        self._last: _Request | None = None
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
        self._worker.start()

    # -- the API the kiosk core calls ---------------------------------------------

    def say(
        self, prompt_key_or_text: str, lang: Language | str, *, public: Sequence[str] = ()
    ) -> None:
        """Speak a catalogue prompt (by key) or a text; interrupts whatever is playing.

        ``public`` lists substrings known not to be personal (a spelled tracking
        number). Returns at once.
        """
        req = _Request(prompt_key_or_text, parse_language(lang), tuple(public), time.monotonic())
        with self._cond:
            if self._closed:
                return
            self._cancel_all()
            self._pending = self._last = req
            self._cond.notify_all()

    def say_receipt(self, summary: ReceiptSummary, lang: Language | str) -> None:
        """Read the receipt summary aloud (through the same guard as everything else)."""
        language = parse_language(lang)
        utterance = compose_receipt_summary(summary, language)
        self.say(utterance.text, language, public=utterance.public)

    def repeat(self) -> None:
        """Say the last prompt again (no-op when nothing was said this session)."""
        with self._cond:
            last = self._last
        if last is not None:
            self.say(last.source, last.language, public=last.public)

    def volume_up(self) -> int:
        """One step louder (applies to the clip playing); returns the percent."""
        return self.volume.up()

    def volume_down(self) -> int:
        """One step quieter (applies to the clip playing); returns the percent."""
        return self.volume.down()

    def stop(self) -> None:
        """Silence now and drop anything queued."""
        with self._cond:
            self._cancel_all()
            self._pending = None
            self._cond.notify_all()

    def reset(self, keep_volume: bool = False) -> None:
        """Session ended: silence, forget the last prompt, volume back to the default
        (kept when only the task ended and the citizen is still there)."""
        with self._cond:
            self._cancel_all()
            self._pending = self._last = None
            self._cond.notify_all()
        if not keep_volume:
            self.volume.reset()

    def warm_up(
        self,
        languages: Sequence[Language] = (Language.ZH, Language.EN),
        texts: Iterable[tuple[str, Language | str]] = (),
    ) -> WarmUp:
        """Render every catalogue prompt in ``languages``, plus ``texts``, in the background.

        ``texts`` lets the caller add prompt texts kept outside the catalogue
        (e.g. the UI's strings). Anything holding personal data is skipped.
        """
        items: list[tuple[str, Language]] = []
        for entry in self.prompts.values():
            items += [(entry[lang], lang) for lang in languages if entry.get(lang)]
        items += [(text, parse_language(lang)) for text, lang in texts]
        return self.cache.warm([(t, lang) for t, lang in items if not self.guard.find(t, ())])

    def player_status(self) -> PlayerStatus:
        """Whether the audio output can make sound (for the device supervisor)."""
        return self.player.status()

    def busy(self) -> bool:
        """True while a request is queued or playing."""
        with self._cond:
            return self._pending is not None or self._current is not None

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until nothing is queued or playing (tests, benchmarks, shutdown)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: self._pending is None and self._current is None, timeout
            )

    def close(self, timeout: float = 2.0) -> None:
        """Stop playback and end the worker thread."""
        with self._cond:
            self._closed = True
            self._cancel_all()
            self._pending = None
            self._cond.notify_all()
        self._worker.join(timeout)

    # -- worker -------------------------------------------------------------------

    def _cancel_all(self) -> None:
        for req in (self._pending, self._current):
            if req is not None:
                req.cancel.set()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return
                req, self._pending = self._pending, None
                self._current = req
            assert req is not None
            try:
                self._serve(req)
            except Exception:  # a bug: keep the voice alive for the next prompt
                log.exception("voice request failed")
                self._emit(VoiceEventKind.FAILED, req, "internal error")
            finally:
                with self._cond:
                    self._current = None
                    self._cond.notify_all()

    def _serve(self, req: _Request) -> None:
        clip = self._speakable(req)
        if clip is None or req.cancel.is_set():
            return
        outcome = self.player.play(
            clip,
            gain=self.volume.gain,
            cancel=req.cancel,
            on_start=lambda: self._emit(VoiceEventKind.STARTED, req),
        )
        kind = {
            PlaybackStatus.FINISHED: VoiceEventKind.FINISHED,
            PlaybackStatus.INTERRUPTED: VoiceEventKind.INTERRUPTED,
            PlaybackStatus.NO_AUDIO_DEVICE: VoiceEventKind.NO_AUDIO,
            PlaybackStatus.DEVICE_ERROR: VoiceEventKind.FAILED,
        }[outcome.status]
        self._emit(kind, req, outcome.status.value)

    def _speakable(self, req: _Request) -> Clip | None:
        """The single gate: resolve, screen, then render (cached or not)."""
        text = self._resolve(req)
        if text is None:
            self._emit(VoiceEventKind.FAILED, req, "no text for this language")
            return None
        screened = self.guard.screen(text, req.language, self._sensitive_now(), req.public)
        if screened.text is None:
            self._emit(VoiceEventKind.WITHHELD, req, "personal data")
            return None
        result: RenderResult = (
            self.cache.render_uncached(screened.text, req.language)
            if screened.personal  # never persist personal speech, hidden or allowed
            else self.cache.get(screened.text, req.language)
        )
        if not result.ok or result.clip is None:
            self._emit(VoiceEventKind.FAILED, req, result.status.value)
            return None
        return result.clip

    def _sensitive_now(self) -> tuple[str, ...]:
        # The session's set may be updated on another thread while we copy it.
        for _ in range(5):
            try:
                return tuple(self._sensitive())
            except RuntimeError:
                continue
        return tuple(self._sensitive())

    def _resolve(self, req: _Request) -> str | None:
        texts = self.prompts.get(req.source)
        if texts is None:
            return req.source
        return texts.get(req.language)

    def _emit(self, kind: VoiceEventKind, req: _Request, detail: str = "") -> None:
        key = req.source if req.source in self.prompts else None
        log.debug("voice %s key=%s %s", kind.value, key, detail)
        if self._listener is not None:
            self._listener(VoiceEvent(kind, key, time.monotonic(), detail))


def build_voice_service(
    *,
    driver: str,
    private_audio: bool,
    default_volume: int,
    cache_dir: Path,
    prompts: PromptCatalog | None = None,
    sensitive: Callable[[], Collection[str]] = lambda: (),
    listener: Callable[[VoiceEvent], None] | None = None,
    cache_max_bytes: int | None = None,
) -> VoiceService:
    """Compose the service from ``[speech]`` settings (``driver``: espeak or simulator)."""
    from drivers.speech.cache import DEFAULT_MAX_BYTES
    from drivers.speech.espeak import EspeakEngine
    from drivers.speech.player import detect_player
    from drivers.speech.protocol import SpeechEngine
    from drivers.speech.simulator import FakeEngine, FakePlayer
    from drivers.speech.volume import VolumePolicy

    engine: SpeechEngine
    player: Player
    if driver == "simulator":
        engine, player = FakeEngine(), FakePlayer()
    else:
        engine, player = EspeakEngine(), detect_player()
    cache = ClipCache(engine, cache_dir, max_bytes=cache_max_bytes or DEFAULT_MAX_BYTES)
    return VoiceService(
        cache,
        player,
        SpeechGuard(private_audio=private_audio),
        prompts=prompts,
        sensitive=sensitive,
        volume=Volume(VolumePolicy.with_default(default_volume)),
        listener=listener,
    )
