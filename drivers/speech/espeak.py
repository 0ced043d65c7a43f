"""espeak-ng as a :class:`SpeechEngine`, run as a subprocess per clip.

A subprocess per clip (15-40 ms here) keeps the engine out of our address space
and needs no binding; clips are cached, so each string is rendered once.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from drivers.speech.types import Language, RenderResult, RenderStatus
from drivers.speech.wav import wav_to_clip
from drivers.speech.zh_numbers import numbers_to_zh

log = logging.getLogger(__name__)

DEFAULT_VOICES: Mapping[Language, str] = {Language.ZH: "cmn", Language.EN: "en"}


@dataclass(frozen=True, slots=True)
class EspeakOptions:
    """How espeak-ng speaks; the listeners are elderly, so a little slower than usual.

    ``-s`` counts each Chinese character as a word: at its default 175 the Mandarin
    voice managed only ~2.6 characters a second here, well below the 3-4 of calm
    speech, so Mandarin gets a higher number than English (140 wpm, below the
    default 175).
    """

    executable: str = "espeak-ng"
    voices: Mapping[Language, str] = field(default_factory=lambda: dict(DEFAULT_VOICES))
    rates_wpm: Mapping[Language, int] = field(
        default_factory=lambda: {Language.ZH: 220, Language.EN: 140}
    )
    pitch: int = 50  # 0-99
    timeout_s: float = 10.0


class EspeakEngine:
    """Renders Mandarin (``-v cmn``) and English (``-v en``) with espeak-ng."""

    def __init__(self, options: EspeakOptions | None = None) -> None:
        self.options = options or EspeakOptions()
        self._version: str | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """Engine name."""
        return "espeak-ng"

    @property
    def version(self) -> str:
        """``espeak-ng --version`` output's version token, or ``missing``."""
        with self._lock:
            if self._version is None:
                self._version = self._probe_version()
            return self._version

    def available(self) -> bool:
        """True when the executable is installed."""
        return self.version != "missing"

    def voice_id(self, language: Language) -> str:
        """Voice name plus the options that change the audio."""
        o = self.options
        return f"{o.voices[language]};s={o.rates_wpm[language]};p={o.pitch}"

    def render(self, text: str, language: Language) -> RenderResult:
        """Render ``text`` to a clip (blocking; 15-40 ms for a prompt here)."""
        if not text.strip():
            return RenderResult(RenderStatus.EMPTY_TEXT)
        exe = shutil.which(self.options.executable)
        if exe is None:
            return RenderResult(RenderStatus.ENGINE_MISSING, detail=self.options.executable)
        spoken = numbers_to_zh(text) if language is Language.ZH else text
        o = self.options
        # Text goes on stdin, never argv: a prompt starting with "-" would be read
        # as an option, and argv is visible to every process on the machine.
        cmd = [exe, "-v", o.voices[language], "-s", str(o.rates_wpm[language]), "-p", str(o.pitch)]
        cmd += ["-b", "1", "--stdout"]
        try:
            proc = subprocess.run(
                cmd, input=spoken.encode("utf-8"), capture_output=True, timeout=o.timeout_s
            )
        except subprocess.TimeoutExpired:
            return RenderResult(RenderStatus.TIMEOUT, detail=f"{o.timeout_s}s")
        except OSError as exc:
            return RenderResult(RenderStatus.FAILED, detail=type(exc).__name__)
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace")[:200]
            log.warning("espeak-ng exited %s", proc.returncode)
            return RenderResult(RenderStatus.FAILED, detail=f"exit {proc.returncode}: {detail}")
        clip = wav_to_clip(proc.stdout, text=text, language=language)
        if clip is None:
            return RenderResult(RenderStatus.FAILED, detail="no audio in espeak-ng output")
        return RenderResult(RenderStatus.OK, clip)

    def _probe_version(self) -> str:
        exe = shutil.which(self.options.executable)
        if exe is None:
            return "missing"
        try:
            out = subprocess.run(
                [exe, "--version"], capture_output=True, text=True, timeout=5
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return "missing"
        # "eSpeak NG text-to-speech: 1.51  Data at: ..." → "1.51"
        head = out.split("Data at:")[0]
        return head.rsplit(":", 1)[-1].strip() or "unknown"
