"""The passport's last page (MRZ entry, expiry date typed), 长辈模式, portrait, 字号 4/4,
as another engineer met it after try-out 19:

- Untrue: the line over the keys said 请把证件资料页朝下放在读卡区，然后点“读取证件”
  while the passport lay on the reader, as it does for anyone who came to these pages by
  laying it there. Now it asks to put it down only while it is not there, and says only
  to tap 读取证件 while it is.
- Cut: wrapped, that line broke inside the button's quoted name, 然后点“读取证 over
  件”。: a quoted name never breaks inside now (ui.widgets.tile.no_widow).

Through the real window: 长辈模式 and 字号 tapped, the passport laid on the reader, the
three pages typed, then the passport lifted and laid back."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.demo import sample_citizen, sample_document
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_tile_no_widow import _lines, wrapped_at
from ui.i18n import tr
from ui.theme import TEXT_STEPS

SHOWN_OVER_THE_KEYS = ("pad_hint", "mrz_status")  # the hint, or a message in its place


def _over_the_keys(r: ApplyRig) -> list[str]:
    """The lines shown over the keys, as Qt wraps them (the joiners drawn as nothing)."""
    r.settle()
    shown = [
        w for n in SHOWN_OVER_THE_KEYS for w in r.window.findChildren(QLabel, n) if w.isVisible()
    ]
    assert len(shown) == 1, [w.objectName() for w in shown]
    return [line.replace("\u00a0", " ") for line in _lines(shown[0])]


def test_the_last_page_says_what_is_true_and_keeps_the_button_s_name_whole(
    rig: ApplyRig,  # noqa: F811
) -> None:
    r = rig
    who = sample_citizen("elder")
    r.to_passport((1080, 1920), assisted=True)  # the passport laid on the reader
    for _ in range(len(TEXT_STEPS) - 1):
        r.click("btn_text_size")
    for answer in (who.passport_number, f"{who.birth_date:%Y%m%d}"):
        r.type(answer)
        r.click("btn_step_next")
    r.type(f"{who.passport_expiry:%Y%m%d}")
    # It lies on the reader: only the tap is asked for.
    assert "".join(_over_the_keys(r)) == tr("mrz.read_chip", "zh")
    r.card.remove_card()
    r.qtbot.waitUntil(lambda: "".join(_over_the_keys(r)) == tr("mrz.place_card", "zh"))
    lines = _over_the_keys(r)
    assert len(lines) > 1, lines  # wrapped, as on the panel it was seen on
    assert any("“读取证件”" in line for line in lines), lines
    r.card.insert_document(sample_document("elder"))  # laid back: not asked for any more
    r.qtbot.waitUntil(lambda: "".join(_over_the_keys(r)) == tr("mrz.read_chip", "zh"))


def test_an_english_button_name_does_not_break_either(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The English words of the same hint, "Read my document" in quotes, in a line as
    wide as the text up to "Read my": that is where it would break."""
    hint = tr("mrz.place_card", "en")
    name = '"Read my document"'
    assert name in hint
    lines = wrapped_at(qtbot, hint, hint.index(name) + len('"Read my'))
    assert "".join(lines).replace(" ", "") == hint.replace(" ", ""), lines
    assert any(name in line for line in lines), lines
