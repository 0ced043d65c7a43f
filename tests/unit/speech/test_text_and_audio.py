"""Mandarin number reading, WAV handling, gain, and the choice of audio output."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest

from drivers.speech.player import NullPlayer, SubprocessPlayer, apply_gain, detect_player
from drivers.speech.types import Clip, Language, parse_language
from drivers.speech.wav import clip_to_wav, wav_to_clip
from drivers.speech.zh_numbers import cardinal_zh, numbers_to_zh


@pytest.mark.parametrize(
    ("n", "spoken"),
    [(0, "零"), (7, "七"), (10, "十"), (11, "十一"), (30, "三十"), (105, "一百零五"),
     (1010, "一千零一十"), (2026, "二千零二十六")],
)  # fmt: skip
def test_cardinal_numbers(n: int, spoken: str) -> None:
    assert cardinal_zh(n) == spoken


def test_numbers_in_mandarin_prompts_are_read_as_people_say_them() -> None:
    assert numbers_to_zh("第 2 步，共 4 步") == "第 二 步，共 四 步"
    assert numbers_to_zh("2026年11月30日") == "二零二六年十一月三十日"
    assert numbers_to_zh("请到3号窗口，电话12345") == "请到三号窗口，电话一二三四五"
    assert numbers_to_zh("编号007") == "编号零零七"


def test_language_codes() -> None:
    assert parse_language("zh-CN") is Language.ZH and parse_language("cmn") is Language.ZH
    assert parse_language("en_GB") is Language.EN
    with pytest.raises(ValueError):
        parse_language("fr")


def tone(n: int = 800, amp: int = 20000) -> bytes:
    return b"".join(struct.pack("<h", int(amp * math.sin(i / 5))) for i in range(n))


def test_wav_round_trip() -> None:
    clip = Clip(tone(), 22050, 1, "x", Language.EN)
    back = wav_to_clip(clip_to_wav(clip))
    assert back is not None and back.pcm == clip.pcm and back.sample_rate == 22050


def test_streamed_wav_with_oversized_lengths_is_read() -> None:
    # espeak-ng --stdout cannot seek back, so it writes 0x7ffff000-ish lengths.
    data = bytearray(clip_to_wav(Clip(tone(), 22050)))
    data[4:8] = struct.pack("<I", 0x7FFFF024)
    data[40:44] = struct.pack("<I", 0x7FFFF000)
    clip = wav_to_clip(bytes(data))
    assert clip is not None and clip.frames == 800


@pytest.mark.parametrize("data", [b"", b"RIFF", b"not a wav at all" * 10])
def test_non_wav_is_rejected(data: bytes) -> None:
    assert wav_to_clip(data) is None


def test_gain_scales_samples() -> None:
    pcm = struct.pack("<3h", 20000, -20000, 100)
    assert struct.unpack("<3h", apply_gain(pcm, 0.5)) == (10000, -10000, 50)
    assert apply_gain(pcm, 1.0) == pcm


@pytest.fixture
def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the commands a test creates."""
    monkeypatch.setenv("PATH", str(tmp_path))
    return tmp_path


def install(path: Path, name: str) -> None:
    exe = path / name
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(0o755)


def test_aplay_is_chosen_when_an_alsa_card_exists(fake_path: Path) -> None:
    install(fake_path, "aplay")
    cards = fake_path / "cards"
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n")
    p = detect_player(proc_cards=cards, env={})
    assert isinstance(p, SubprocessPlayer) and p.options.command[0] == "aplay"


def test_paplay_needs_a_sound_server(fake_path: Path) -> None:
    install(fake_path, "paplay")
    nocards = fake_path / "missing"
    assert isinstance(detect_player(proc_cards=nocards, env={}), NullPlayer)
    runtime = fake_path / "run"
    (runtime / "pulse").mkdir(parents=True)
    (runtime / "pulse" / "native").touch()
    p = detect_player(proc_cards=nocards, env={"XDG_RUNTIME_DIR": str(runtime)})
    assert isinstance(p, SubprocessPlayer) and p.options.command[0] == "paplay"


def test_no_player_no_device_gives_a_null_sink_with_a_reason(fake_path: Path) -> None:
    p = detect_player(proc_cards=fake_path / "missing", env={})
    assert isinstance(p, NullPlayer) and "no player installed" in p.reason
    install(fake_path, "play")
    p = detect_player(proc_cards=fake_path / "missing", env={})
    assert isinstance(p, NullPlayer) and "no ALSA card and no sound server" in p.reason
