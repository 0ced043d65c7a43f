"""Try-out 8, C10: after a typed identity the receipt screen said "请携带以下材料到窗口：
本人有效身份证件" in the smallest grey text, under 预计办结, while "请带好您的随身物品"
was a large heading. It is the one thing the citizen must act on: now in large type near
the top of the screen, and first on the paper, in tall bold type. By taps."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from drivers.printer.document import KeyValue, Size, Text
from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_apply_flow import _fill_form
from tests.ui.test_identity_truth import type_manual_identity


def _shown(r: ApplyRig, name: str) -> QLabel:
    (w,) = [w for w in r.window.findChildren(QLabel, name) if w.isVisible()]
    return w


def test_what_to_bring_is_prominent_on_screen_and_paper(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    type_manual_identity(r)
    r.at(Screen.FORM)
    _fill_form(r, pinyin=False)
    r.click("btn_skip")  # the paper is not photographed: bring it
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    r.settle()
    bring = _shown(r, "submitted_bring")
    said = bring.text()
    assert said.startswith("请携带以下材料到窗口") and "本人有效身份证件" in said, said
    details = r.label("submitted_details")
    assert "本人有效身份证件" not in details  # said once, where it is seen
    px = bring.fontInfo().pixelSize()
    grey = _shown(r, "submitted_details").fontInfo().pixelSize()
    assert px > grey, (px, grey)
    take = [w for w in r.window.findChildren(QLabel, "take_items") if w.isVisible()]
    if take:
        assert px >= take[0].fontInfo().pixelSize()
    # Above the other texts of the screen's body, after the printer's state only.
    assert bring.y() < _shown(r, "submitted_details").y()

    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    doc = r.backend.printing.latest_document(rec.tracking_number)
    assert doc is not None
    blocks = [b for b in doc.blocks if isinstance(b, Text | KeyValue)]
    first_kv = next(i for i, b in enumerate(blocks) if isinstance(b, KeyValue))
    head = blocks[:first_kv]
    words = [b.text for b in head if isinstance(b, Text)]
    assert any(w.startswith("请携带以下材料到窗口") for w in words), words
    assert any("本人有效身份证件" in w for w in words), words
    for b in head:  # (the title is a block of its own kind)
        assert isinstance(b, Text) and b.bold and b.size is Size.TALL, b
