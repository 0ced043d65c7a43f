"""The receipt summary read aloud: service, tracking number spelled out, what to bring, when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from drivers.speech.types import Language
from kiosk.voice_summary import ReceiptSummary, compose_receipt_summary, spell_code

from .conftest import Harness

MakeVoice = Callable[..., Harness]
ZH, EN = Language.ZH, Language.EN
RECEIPT = ReceiptSummary(
    service_name="居住证签注",
    tracking_number="K0012-20261123-0042-7",
    bring=("身份证原件", "一寸照片两张"),
    ready_on=dt.date(2026, 11, 30),
)


def test_tracking_number_is_spelled_one_character_at_a_time() -> None:
    assert spell_code("K0012-7", ZH) == "K 零 零 一 二，七"
    assert spell_code("k0012-7", EN) == "K 0 0 1 2, 7"


def test_mandarin_summary_has_service_number_items_and_date() -> None:
    text = compose_receipt_summary(RECEIPT, ZH).text
    assert "居住证签注" in text
    assert "K 零 零 一 二，二 零 二 六 一 一 二 三，零 零 四 二，七" in text
    assert "身份证原件、一寸照片两张" in text
    assert "2026年11月30日" in text


def test_english_summary_with_working_days() -> None:
    r = ReceiptSummary("Residence permit", "K0012-20261123-0042-7", ("your ID card",), None, 5)
    text = compose_receipt_summary(r, EN).text
    assert "Residence permit" in text and "K 0 0 1 2, 2 0 2 6 1 1 2 3, 0 0 4 2, 7" in text
    assert "your ID card" in text and "within 5 working days" in text
    one = ReceiptSummary("Residence permit", "K0012-20261123-0042-7", (), None, 1)
    assert "within 1 working day." in compose_receipt_summary(one, EN).text


def test_summary_is_spoken_with_the_tracking_number_intact(make_voice: MakeVoice) -> None:
    h = make_voice(sensitive={"王伟", "110101199003074578"})
    h.voice.say_receipt(RECEIPT, "zh")
    assert h.voice.wait_idle()
    assert h.player.texts == [compose_receipt_summary(RECEIPT, ZH).text]


def test_summary_goes_through_the_guard(make_voice: MakeVoice) -> None:
    # A service name that (wrongly) carries the citizen's name must not be read out.
    h = make_voice(sensitive={"王伟"})
    h.voice.say_receipt(ReceiptSummary("王伟的居住证", "K0012-20261123-0042-7"), "zh")
    assert h.voice.wait_idle()
    (spoken,) = h.player.texts
    assert "王伟" not in spoken and "K 零 零 一 二" in spoken
