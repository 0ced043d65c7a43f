"""Personal data never goes through the loudspeaker unless a headset is fitted."""

from __future__ import annotations

import random
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from drivers.speech.cache import ClipCache
from drivers.speech.simulator import FakeEngine, FakePlayer
from drivers.speech.types import Language
from kiosk.identity import mask_name, mask_number, resident_id_check_char
from kiosk.voice import VoiceService
from kiosk.voice_guard import SpeechGuard

from .conftest import Harness

MakeVoice = Callable[..., Harness]
ZH, EN = Language.ZH, Language.EN

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华玉兰桂珍"
ZH_NUMERALS = str.maketrans("零〇一二三四五六七八九", "00123456789")


def compact(s: str) -> str:
    """Independent of the guard: width/case folded, Chinese digits, only letters/digits/CJK/*."""
    s = unicodedata.normalize("NFKC", s).casefold().translate(ZH_NUMERALS)
    return "".join(c for c in s if c.isalnum() or c == "*")


def resident_id(rnd: random.Random) -> str:
    first17 = (
        "110101" + f"{rnd.randint(1930, 2005)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
    )
    first17 += f"{rnd.randint(0, 999):03d}"
    return first17 + resident_id_check_char(first17)


def spoken_forms(number: str) -> list[str]:
    digits_zh = "".join("零一二三四五六七八九"[int(c)] if c.isdigit() else c for c in number)
    return [
        number,
        mask_number(number),
        " ".join(number),
        "-".join(number[i : i + 4] for i in range(0, len(number), 4)),
        digits_zh,
        " ".join(digits_zh),
        number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")),  # full width
    ]


TEMPLATES = {
    ZH: ["您好，{x}，请取走证件。", "{x}", "证件号码：{x}。请核对", "{x}先生您好"],
    EN: ["Hello {x}, please take your card.", "{x}", "Document number {x}, please check"],
}


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_no_spoken_text_contains_personal_data_without_a_headset(seed: int) -> None:
    rnd = random.Random(seed)
    surname = rnd.choice(SURNAMES)
    given_name = "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
    zh_name = surname + given_name
    latin_surname = "".join(
        rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(4, 9))
    )
    latin_given = "".join(
        rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(4, 9))
    )
    latin_name = f"{latin_given} {latin_surname}".upper()
    id_number = resident_id(rnd)
    passport = "E" + "".join(rnd.choice("0123456789") for _ in range(8))
    # What the session registers (kiosk.session.Session.set_identity) plus the masked name.
    sensitive = {zh_name, surname, given_name, id_number, mask_number(id_number), latin_name}
    sensitive |= {latin_given.upper(), latin_surname.upper(), passport, mask_name(zh_name)}

    secrets = [
        *spoken_forms(id_number),
        *spoken_forms(passport),
        zh_name,
        " ".join(zh_name),
        " ".join(lazy_pinyin(zh_name)).title(),  # as written in an English prompt
        mask_name(zh_name),
        latin_name,
        latin_name.title(),
        " ".join(latin_surname),
        mask_name(latin_name),
    ]
    lang = rnd.choice([ZH, EN])
    text = rnd.choice(TEMPLATES[lang]).format(x=rnd.choice(secrets))

    with tempfile.TemporaryDirectory() as d:
        engine, player = FakeEngine(), FakePlayer()
        voice = VoiceService(
            ClipCache(engine, Path(d)),
            player,
            SpeechGuard(private_audio=False),
            sensitive=lambda: sensitive,
        )
        try:
            voice.say(text, lang)
            assert voice.wait_idle()
        finally:
            voice.close()
        reached_engine = [t for t, _ in engine.rendered]
    for spoken in [*reached_engine, *player.texts]:
        c = compact(spoken)
        assert "*" not in c
        assert compact(id_number) not in c and compact(passport) not in c
        assert compact(id_number)[-8:] not in c  # not even the tail
        assert compact(zh_name) not in c
        assert "".join(lazy_pinyin(zh_name)) not in c.replace(" ", "")
        for word in (latin_given, latin_surname):
            assert not re.search(rf"(?<![a-z]){word}(?![a-z])", spoken.casefold())
            assert word not in c


def test_names_may_be_spoken_through_a_headset_but_are_never_cached_on_disk(
    make_voice: MakeVoice, cache: ClipCache
) -> None:
    h = make_voice(private_audio=True, sensitive={"张三丰", "ANNA MARIA ERIKSSON"})
    h.voice.say("张三丰，您好", "zh")
    assert h.voice.wait_idle()
    h.voice.say("Hello Anna Maria Eriksson", "en")
    assert h.voice.wait_idle()
    assert h.player.texts == ["张三丰，您好", "Hello Anna Maria Eriksson"]
    assert list(cache.directory.glob("*.wav")) == []


def test_without_a_headset_the_rest_of_the_sentence_is_still_spoken(make_voice: MakeVoice) -> None:
    h = make_voice(sensitive={"李四"})
    h.voice.say("李四，请将身份证放在读卡区", "zh")
    assert h.voice.wait_idle()
    assert h.player.texts == ["（已隐去），请将身份证放在读卡区"]


def test_unregistered_id_numbers_are_caught_by_pattern() -> None:
    guard = SpeechGuard(private_audio=False)
    for text in (
        "代办人证件号 44030119850101123X",
        "旧证 440301850101123",
        "号码 440301********123X",
        "联系电话 13812345678",
        "编号 4 4 0 3 0 1 1 9 8 5 0 1 0 1 1 2 3 X",
    ):
        out = guard.screen(text, ZH).text
        assert out is not None and not re.search(r"\d{4}", out.replace(" ", "")), text


def test_a_lone_chinese_surname_is_hidden_only_as_a_form_of_address() -> None:
    guard = SpeechGuard(private_audio=False)
    assert guard.screen("张先生，请拿好这张回执", ZH, {"张"}).text == "（已隐去），请拿好这张回执"


def test_pinyin_of_a_chinese_name_is_hidden_in_english() -> None:
    guard = SpeechGuard(private_audio=False)
    out = guard.screen("Hello Zhang Sanfeng", EN, {"张三丰"}).text
    assert out is not None and "zhang" not in out.casefold() and "sanfeng" not in out.casefold()


def test_ordinary_prompts_pass_unchanged() -> None:
    guard = SpeechGuard(private_audio=False)
    for text, lang in (
        ("第 2 步，共 4 步。请确认您的信息", ZH),
        ("请在3个工作日内带上两张照片", ZH),
        ("Step 2 of 4. Please confirm.", EN),
    ):
        assert guard.screen(text, lang, {"王伟", "110101199003074578"}).text == text


def test_public_strings_cannot_smuggle_personal_data() -> None:
    guard = SpeechGuard(private_audio=False)
    number = "110101199003074578"
    # A spelled tracking number declared public is spoken…
    ok = guard.screen(
        "编号 K 0 0 1 2 2 0 2 6 1 1 2 3 0 0 4 2 7", ZH, (), ["K 0 0 1 2 2 0 2 6 1 1 2 3 0 0 4 2 7"]
    )
    assert ok.text is not None and "K 0 0 1 2" in ok.text
    # …but "public" text holding an ID number is not exempt.
    bad = guard.screen(f"号码 {number}", ZH, {number}, [number])
    assert bad.text is not None and "4578" not in bad.text
