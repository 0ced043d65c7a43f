"""Try-out 9, C5: over the passport keypad (1280x800, English) "Document number" stood
in larger bold type than "Date of birth (YYYYMMDD)" and "Expiry date (YYYYMMDD)" beside
it, and stayed larger when the focus moved on: each label shrank to its own room, and
the longer two had less. It read as an emphasis on the first field, or a slip. The
three questions side by side are one size now, at every panel and text step; in
长辈模式 (one question a page) each has the page's width to itself."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.widgets.fit_heading import FitHeading

QUESTIONS = ("question_document_number", "question_birth_date", "question_expiry_date")


def _sizes(r: ApplyRig) -> dict[str, tuple[int, str]]:
    """Each question's type size and the words it shows (the visible ones)."""
    r.settle()
    out = {}
    for name in QUESTIONS:
        box = r.window.findChild(QWidget, name)
        assert box is not None, name
        if not box.isVisible():
            continue
        (head,) = box.findChildren(FitHeading)
        assert head.shown_text(), name
        out[name] = (head.shown_px(), head.shown_text())
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
# The two tightest panels (1920x1080's questions have the room; CI's time).
@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)], ids=str)
def test_the_three_questions_are_one_size(rig: ApplyRig, lang: str, size: tuple[int, int]) -> None:  # noqa: F811
    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify()
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    for step in range(4):
        while r.window.display_prefs()[0] != step:
            r.click("btn_text_size")
        sizes = _sizes(r)
        assert len(sizes) == 3, sizes
        assert len({px for px, _ in sizes.values()}) == 1, (step, sizes)
        if step == 0:
            # Focus on the next field: still one size (the try-out saw the first stay larger).
            r.type("E12345678")
            r.click("field_birth_date")
            assert len({px for px, _ in _sizes(r).values()}) == 1, _sizes(r)
