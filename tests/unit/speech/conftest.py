"""Fixtures for the speech unit tests: the simulator engine and player, a temp cache."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.speech.cache import ClipCache
from drivers.speech.simulator import FakeEngine, FakePlayer
from drivers.speech.types import Language
from kiosk.voice import VoiceEvent, VoiceService
from kiosk.voice_guard import SpeechGuard


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def cache(engine: FakeEngine, tmp_path: Path) -> ClipCache:
    return ClipCache(engine, tmp_path / "clips")


class Harness:
    """A voice service wired to the simulator, with the events it reported."""

    def __init__(
        self, cache: ClipCache, player: FakePlayer, *, private_audio: bool, sensitive: set[str]
    ) -> None:
        self.player = player
        self.sensitive = sensitive
        self.events: list[VoiceEvent] = []
        self.voice = VoiceService(
            cache,
            player,
            SpeechGuard(private_audio=private_audio),
            prompts={"home.welcome": {Language.ZH: "欢迎使用自助终端", Language.EN: "Welcome"}},
            sensitive=lambda: self.sensitive,
            listener=self.events.append,
        )

    def kinds(self) -> list[str]:
        return [e.kind.value for e in self.events]


@pytest.fixture
def make_voice(cache: ClipCache) -> Iterator[Callable[..., Harness]]:
    made: list[Harness] = []

    def make(
        *,
        player: FakePlayer | None = None,
        private_audio: bool = False,
        sensitive: set[str] | None = None,
    ) -> Harness:
        h = Harness(
            cache, player or FakePlayer(), private_audio=private_audio, sensitive=sensitive or set()
        )
        made.append(h)
        return h

    yield make
    for h in made:
        h.player.release()
        h.voice.close()
