"""Interfaces a speech engine and an audio player implement.

The engine turns text into a :class:`Clip`; the player turns a clip into sound.
Keeping them apart lets a better engine replace espeak-ng without touching
playback, and lets tests swap either side for the simulator.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from drivers.speech.types import Clip, Language, PlaybackOutcome, PlayerStatus, RenderResult


class SpeechEngine(Protocol):
    """Renders text in a language to a PCM clip."""

    @property
    def name(self) -> str:
        """Engine name, e.g. ``espeak-ng``."""
        ...

    @property
    def version(self) -> str:
        """Engine version; part of the clip cache key so an upgrade re-renders."""
        ...

    def voice_id(self, language: Language) -> str:
        """Voice and options used for ``language``; part of the clip cache key."""
        ...

    def render(self, text: str, language: Language) -> RenderResult:
        """Render ``text``; blocking, call off the GUI thread."""
        ...


class Player(Protocol):
    """Plays clips on an audio output, one at a time."""

    def status(self) -> PlayerStatus:
        """Whether playback can currently make sound."""
        ...

    def play(
        self,
        clip: Clip,
        *,
        gain: Callable[[], float],
        cancel: threading.Event,
        on_start: Callable[[], None] | None = None,
    ) -> PlaybackOutcome:
        """Play ``clip``, blocking until it ends or ``cancel`` is set.

        ``gain`` is read for each buffer so a volume change applies mid-clip.
        ``on_start`` is called once, when the first audio buffer has been
        handed to the output.
        """
        ...
