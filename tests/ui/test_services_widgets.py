"""The small widgets of the services screens, on their own."""

from __future__ import annotations

from ui.theme import NORMAL
from ui.widgets.text_composer import TextComposer
from ui.widgets.tracking_pad import TrackingPad, grouped


def test_tracking_pad_groups_as_printed_and_offers_only_valid_symbols(qtbot) -> None:  # type: ignore[no-untyped-def]
    pad = TrackingPad(NORMAL, "backspace", "clear", "undo")
    qtbot.addWidget(pad)
    names = {b.objectName() for b in pad.findChildren(type(pad.back))}
    assert "key_B" not in names and "key_O" not in names and "key_X" in names
    seen: list[str] = []
    pad.changed.connect(seen.append)
    for ch in "A7H32611230042X":
        pad.findChild(type(pad.back), f"key_{ch}").click()
    # Not a valid number (its check is not X), still grouped as the receipt prints one:
    # the last symbol apart (try-out 11, C7), not glued to the serial.
    assert pad.text() == "A7H3-261123-0042-X" == seen[-1]
    pad.back.click()
    assert pad.text() == "A7H3-261123-0042"
    pad.clear_key.click()
    assert pad.text() == ""
    assert grouped("A7H3261") == "A7H3-261"


def test_composer_adds_each_phrase_once_and_bounds_the_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    c = TextComposer(NORMAL, ["feedback.phrase.wait", "feedback.phrase.fast"], "zh")
    qtbot.addWidget(c)
    c.set_texts(
        {"feedback.phrase.wait": "排队太久", "feedback.phrase.fast": "很快"},
        "（空）",
        "常用语",
        "键盘",
        "清空",
    )
    assert c.display.text() == "（空）"
    c.phrase_buttons["feedback.phrase.wait"].click()
    c.phrase_buttons["feedback.phrase.wait"].click()
    c.phrase_buttons["feedback.phrase.fast"].click()
    assert c.text() == "排队太久；很快"
    c.set_text("长" * 600)
    assert len(c.text()) == 500
    c.clear_btn.click()
    assert c.text() == ""
    c.keyboard_btn.click()
    assert not c.keyboard.isHidden() and c.phrases_host.isHidden()
    assert c.keyboard_btn.text() == "常用语"
