"""espeak-ng renders real Mandarin and English clips; the subprocess player streams them."""

from __future__ import annotations

import os
import subprocess
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from drivers.speech.cache import ClipCache
from drivers.speech.espeak import EspeakEngine
from drivers.speech.player import SubprocessPlayer, SubprocessPlayerOptions
from drivers.speech.types import Clip, Language, PlaybackStatus, PlayerStatus, RenderStatus
from drivers.speech.wav import clip_to_wav
from kiosk.voice import VoiceEvent, VoiceEventKind, VoiceService
from kiosk.voice_guard import SpeechGuard

pytestmark = pytest.mark.integration

ZH_PROMPT = "请将身份证放在读卡区，第 2 步，共 4 步。"
EN_PROMPT = "Please place your identity card on the reader. Step 2 of 4."


def rms(pcm: bytes) -> float:
    return float(np.sqrt(np.mean(np.frombuffer(pcm, "<i2").astype(np.float64) ** 2)))


@pytest.mark.parametrize(("text", "lang"), [(ZH_PROMPT, Language.ZH), (EN_PROMPT, Language.EN)])
def test_espeak_renders_a_valid_wav_of_real_speech(
    espeak: EspeakEngine, tmp_path: Path, text: str, lang: Language
) -> None:
    result = espeak.render(text, lang)
    assert result.status is RenderStatus.OK and result.clip is not None
    path = tmp_path / "clip.wav"
    path.write_bytes(clip_to_wav(result.clip))
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        assert w.getframerate() == 22050
        seconds = w.getnframes() / w.getframerate()
        pcm = w.readframes(w.getnframes())
    assert 1.0 < seconds < 20.0  # a sentence, not a click and not a runaway
    assert rms(pcm) > 500  # speech, not silence
    soxi = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True)
    assert abs(float(soxi.stdout) - seconds) < 0.01


def test_mandarin_and_english_voices_differ(espeak: EspeakEngine) -> None:
    zh, en = espeak.render("你好", Language.ZH), espeak.render("你好", Language.EN)
    assert espeak.voice_id(Language.ZH) != espeak.voice_id(Language.EN)
    assert zh.clip is not None and en.clip is not None and zh.clip.pcm != en.clip.pcm


def test_text_starting_with_a_dash_is_spoken_not_parsed_as_an_option(espeak: EspeakEngine) -> None:
    assert espeak.render("-v en --help", Language.EN).ok


def test_missing_executable_is_a_status(tmp_path: Path) -> None:
    from drivers.speech.espeak import EspeakOptions

    engine = EspeakEngine(EspeakOptions(executable=str(tmp_path / "no-espeak")))
    assert engine.render("你好", Language.ZH).status is RenderStatus.ENGINE_MISSING
    assert not engine.available()


def test_cache_in_front_of_espeak_renders_once(espeak: EspeakEngine, tmp_path: Path) -> None:
    cache = ClipCache(espeak, tmp_path)
    first = cache.get(ZH_PROMPT, Language.ZH)
    second = cache.get(ZH_PROMPT, Language.ZH)
    assert first.clip is not None and second.clip is not None
    assert first.clip.pcm == second.clip.pcm
    assert (cache.stats().misses, cache.stats().hits) == (1, 1)
    (f,) = tmp_path.glob("*.wav")
    assert float(subprocess.run(["soxi", "-D", str(f)], capture_output=True, text=True).stdout) > 1


def test_player_streams_the_whole_clip_at_the_chosen_volume(
    espeak: EspeakEngine, sox_sink: tuple[list[str], Path]
) -> None:
    cmd, out = sox_sink
    clip = espeak.render(EN_PROMPT, Language.EN).clip
    assert clip is not None
    started = threading.Event()
    player = SubprocessPlayer(SubprocessPlayerOptions(cmd))
    outcome = player.play(clip, gain=lambda: 0.5, cancel=threading.Event(), on_start=started.set)
    assert outcome.status is PlaybackStatus.FINISHED and started.is_set()
    with wave.open(str(out)) as w:
        played = w.readframes(w.getnframes())
    assert len(played) == len(clip.pcm)
    assert rms(played) == pytest.approx(rms(clip.pcm) * 0.5, rel=0.01)


def test_a_volume_change_applies_to_the_clip_already_playing(
    sox_sink: tuple[list[str], Path],
) -> None:
    cmd, out = sox_sink
    clip = Clip(b"\x10\x27" * 22050, 22050)  # 1 s of a constant 10000
    calls = 0

    def gain() -> float:  # the citizen presses "louder" after the first half second
        nonlocal calls
        calls += 1
        return 0.25 if calls <= 25 else 1.0

    player = SubprocessPlayer(SubprocessPlayerOptions(cmd))
    assert player.play(clip, gain=gain, cancel=threading.Event()).status is PlaybackStatus.FINISHED
    with wave.open(str(out)) as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    assert samples[0] == 2500 and samples[-1] == 10000


def test_a_new_prompt_kills_the_playing_one(
    espeak: EspeakEngine, paced_sink: tuple[list[str], Path, Path]
) -> None:
    cmd, out, pid_file = paced_sink
    clip = espeak.render(ZH_PROMPT, Language.ZH).clip
    assert clip is not None and clip.duration_s > 2
    cancel = threading.Event()
    player = SubprocessPlayer(SubprocessPlayerOptions(cmd))

    def interrupt_once_audible() -> None:  # as a new say() would, mid-sentence
        while not (out.exists() and out.stat().st_size > 0 and pid_file.exists()):
            if cancel.wait(0.005):
                return
        cancel.set()

    watcher = threading.Thread(target=interrupt_once_audible)
    watcher.start()
    try:
        outcome = player.play(clip, gain=lambda: 1.0, cancel=cancel)
    finally:
        cancel.set()
        watcher.join()
    assert outcome.status is PlaybackStatus.INTERRUPTED
    assert out.stat().st_size < len(clip.pcm) // 2  # cut short, not played to the end
    with pytest.raises(ProcessLookupError):  # and no player process left behind
        os.kill(int(pid_file.read_text()), 0)


def test_a_player_that_fails_is_reported_as_device_error() -> None:
    clip = Clip(b"\x00\x01" * 4410, 22050)
    player = SubprocessPlayer(SubprocessPlayerOptions(["sh", "-c", "echo no card >&2; exit 3"]))
    outcome = player.play(clip, gain=lambda: 1.0, cancel=threading.Event())
    assert outcome.status is PlaybackStatus.DEVICE_ERROR and "no card" in outcome.detail
    assert player.status() is PlayerStatus.DEVICE_ERROR


def test_a_player_that_stops_reading_early_is_not_reported_as_finished() -> None:
    clip = Clip(b"\x00\x01" * 220500, 22050)  # 10 s: far more than a pipe holds
    player = SubprocessPlayer(SubprocessPlayerOptions(["sh", "-c", "head -c 100 >/dev/null"]))
    outcome = player.play(clip, gain=lambda: 1.0, cancel=threading.Event())
    assert outcome.status is PlaybackStatus.DEVICE_ERROR


def test_voice_service_speaks_a_mandarin_prompt_end_to_end(
    espeak: EspeakEngine, sox_sink: tuple[list[str], Path], tmp_path: Path
) -> None:
    cmd, out = sox_sink
    events: list[VoiceEvent] = []
    voice = VoiceService(
        ClipCache(espeak, tmp_path / "cache"),
        SubprocessPlayer(SubprocessPlayerOptions(cmd)),
        SpeechGuard(private_audio=False),
        prompts={"card.insert": {Language.ZH: ZH_PROMPT, Language.EN: EN_PROMPT}},
        listener=events.append,
    )
    try:
        voice.say("card.insert", "zh-CN")
        assert voice.wait_idle(10)
    finally:
        voice.close()
    assert [e.kind for e in events] == [VoiceEventKind.STARTED, VoiceEventKind.FINISHED]
    with wave.open(str(out)) as w:
        assert w.getnframes() / w.getframerate() > 1.0
