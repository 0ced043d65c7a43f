"""VoiceService: off-thread playback, interruption, repeat, volume, reset, status."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drivers.speech.cache import ClipCache
from drivers.speech.player import NullPlayer
from drivers.speech.simulator import FakeEngine, FakePlayer
from drivers.speech.types import Language, PlaybackStatus, PlayerStatus, RenderStatus
from kiosk.voice import VoiceEventKind, VoiceService, build_voice_service
from kiosk.voice_guard import SpeechGuard

from .conftest import Harness

MakeVoice = Callable[..., Harness]


def test_say_returns_before_playback_and_speaks_the_catalogue_text(make_voice: MakeVoice) -> None:
    h = make_voice(player=FakePlayer(hold=True))
    h.voice.say("home.welcome", "zh")  # would block forever if played on this thread
    assert h.player.wait_started(1)
    h.player.release()
    assert h.voice.wait_idle()
    assert h.player.texts == ["欢迎使用自助终端"]
    assert h.kinds() == ["started", "finished"]
    assert h.events[0].prompt_key == "home.welcome"


def test_language_codes_from_the_session_are_accepted(make_voice: MakeVoice) -> None:
    h = make_voice()
    h.voice.say("home.welcome", "en-GB")
    assert h.voice.wait_idle()
    assert h.player.texts == ["Welcome"]


def test_a_new_prompt_interrupts_the_one_playing(make_voice: MakeVoice) -> None:
    h = make_voice(player=FakePlayer(hold=True))
    h.voice.say("第一句", "zh")
    assert h.player.wait_started(1)
    h.voice.say("第二句", "zh")
    assert h.player.wait_started(2)
    h.player.release()
    assert h.voice.wait_idle()
    assert [(s.text, s.status) for s in h.player.spoken] == [
        ("第一句", PlaybackStatus.INTERRUPTED),
        ("第二句", PlaybackStatus.FINISHED),
    ]


def test_only_the_latest_of_several_queued_prompts_is_spoken(make_voice: MakeVoice) -> None:
    h = make_voice(player=FakePlayer(hold=True))
    h.voice.say("一", "zh")
    assert h.player.wait_started(1)
    for t in ("二", "三", "四"):
        h.voice.say(t, "zh")
    assert h.player.wait_started(2)
    h.player.release()
    assert h.voice.wait_idle()
    assert h.player.texts == ["一", "四"]


def test_repeat_says_the_last_prompt_again(make_voice: MakeVoice) -> None:
    h = make_voice()
    h.voice.repeat()  # nothing said yet: nothing happens
    h.voice.say("home.welcome", "zh")
    assert h.voice.wait_idle()
    h.voice.repeat()
    assert h.voice.wait_idle()
    assert h.player.texts == ["欢迎使用自助终端"] * 2


def test_stop_silences_the_current_prompt(make_voice: MakeVoice) -> None:
    h = make_voice(player=FakePlayer(hold=True))
    h.voice.say("请稍候", "zh")
    assert h.player.wait_started(1)
    h.voice.stop()
    assert h.voice.wait_idle()
    assert h.player.spoken[0].status is PlaybackStatus.INTERRUPTED


def test_volume_changes_are_heard_and_bounded(make_voice: MakeVoice) -> None:
    h = make_voice()
    h.voice.say("一", "zh")
    assert h.voice.wait_idle()
    for _ in range(10):
        h.voice.volume_up()
    h.voice.say("二", "zh")
    assert h.voice.wait_idle()
    quiet, loud = (s.gain for s in h.player.spoken)
    assert loud > quiet and loud == 1.0
    assert h.voice.volume.percent == 100


def test_reset_at_session_end_restores_volume_silences_and_forgets(make_voice: MakeVoice) -> None:
    h = make_voice(player=FakePlayer(hold=True))
    h.voice.volume_up()
    h.voice.volume_up()
    h.voice.say("张先生的上一句", "zh")
    assert h.player.wait_started(1)
    h.voice.reset()
    assert h.voice.wait_idle()
    assert h.voice.volume.percent == h.voice.volume.policy.default_percent
    assert h.player.spoken[0].status is PlaybackStatus.INTERRUPTED
    h.voice.repeat()  # the next citizen must not hear the previous citizen's prompt
    assert h.voice.wait_idle()
    assert h.player.started == 1


def test_no_audio_device_is_reported_as_a_value(cache: ClipCache) -> None:
    events = []
    voice = VoiceService(
        cache, NullPlayer(), SpeechGuard(private_audio=False), listener=events.append
    )
    try:
        voice.say("请稍候", "zh")
        assert voice.wait_idle()
        assert [e.kind for e in events] == [VoiceEventKind.NO_AUDIO]
        assert voice.player_status() is PlayerStatus.NO_AUDIO_DEVICE
    finally:
        voice.close()


def test_render_failure_is_reported_and_the_next_prompt_still_plays(
    make_voice: MakeVoice, engine: FakeEngine
) -> None:
    h = make_voice()
    engine.fail_next = RenderStatus.ENGINE_MISSING
    h.voice.say("一", "zh")
    assert h.voice.wait_idle()
    h.voice.say("二", "zh")
    assert h.voice.wait_idle()
    assert h.kinds() == ["failed", "started", "finished"]
    assert h.events[0].detail == "engine_missing"
    assert h.player.texts == ["二"]


def test_prompt_missing_in_a_language_fails_calmly(cache: ClipCache) -> None:
    events = []
    voice = VoiceService(
        cache,
        FakePlayer(),
        SpeechGuard(private_audio=False),
        prompts={"only.zh": {Language.ZH: "只有中文"}},
        listener=events.append,
    )
    try:
        voice.say("only.zh", "en")
        assert voice.wait_idle()
        assert [(e.kind, e.prompt_key) for e in events] == [(VoiceEventKind.FAILED, "only.zh")]
    finally:
        voice.close()


def test_events_never_carry_free_text(make_voice: MakeVoice) -> None:
    h = make_voice()
    h.voice.say("您好张三", "zh")
    assert h.voice.wait_idle()
    assert all(e.prompt_key is None and "张三" not in e.detail for e in h.events)


def test_warm_up_renders_the_catalogue_so_the_first_prompt_is_a_hit(
    make_voice: MakeVoice, cache: ClipCache
) -> None:
    h = make_voice()
    assert h.voice.warm_up().wait(5)
    assert cache.contains("欢迎使用自助终端", Language.ZH) and cache.contains(
        "Welcome", Language.EN
    )
    misses = cache.stats().misses
    h.voice.say("home.welcome", "zh")
    assert h.voice.wait_idle()
    assert cache.stats().misses == misses


def test_warm_up_takes_extra_texts_but_never_personal_ones(
    make_voice: MakeVoice, cache: ClipCache, engine: FakeEngine
) -> None:
    h = make_voice()
    warm = h.voice.warm_up(
        languages=(), texts=[("请选择业务", "zh-CN"), ("证件号 110101199003074578", "zh")]
    )
    assert warm.wait(5)
    assert cache.contains("请选择业务", Language.ZH)
    assert engine.rendered == [("请选择业务", Language.ZH)]


def test_simulator_driver_from_settings(tmp_path: Path) -> None:
    voice = build_voice_service(
        driver="simulator", private_audio=False, default_volume=0, cache_dir=tmp_path
    )
    try:
        assert voice.volume.percent == voice.volume.policy.min_percent  # 0 % would be silence
        voice.say("Welcome", "en")
        assert voice.wait_idle()
        assert isinstance(voice.player, FakePlayer) and voice.player.texts == ["Welcome"]
    finally:
        voice.close()
