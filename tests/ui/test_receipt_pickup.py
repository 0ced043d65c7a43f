"""Try-out 15, C3/C4: 户籍证明开具 submitted with the printer offline said 提交成功 and
预计办结 and nothing of the 派出所户籍窗口 where the certificate is issued (the guide says
so): read literally, the citizen was done. The catalog now says where a result is
collected at a counter, and the receipt page's first page and the paper say it with
what is still to do there, heading the paper as the papers to bring do (a fee, too).
One window, the tightest case: English 长辈模式 字号 4/4 on 1280x800."""

from __future__ import annotations

import pytest

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.receipts import templates
from kiosk.receipts.samples import submission
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401
from tests.ui.test_fee_after_guide import _paper, _words
from tests.ui.test_receipt_first_page import every_page, submit

SERVICE = "gongan.hukou_certificate"
PICKUP = {
    "zh": "凭回执到派出所户籍窗口领取证明",
    "en": "collect the certificate at a police station's registration counter",
}


def test_the_certificate_to_collect_is_said_first_on_screen_and_paper(
    rig: ApplyRig,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r = rig
    docs = _paper(monkeypatch)
    r.window.resize(1280, 800)
    r.click("btn_lang")
    r.click("btn_assisted")
    while r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    r.backend.printer.offline()  # as in the try-out (F11)
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.offline"))
    values = {"purpose": "school", "copies": "1"}
    to_review(r, SERVICE, values, identity=manual_identity(latin=True), size=(1280, 800))
    submit(r)
    pages = every_page(r)
    # On the first page, with what is still to do at a counter, each text whole.
    # (On this short panel, the catalog's few words for it.)
    assert "collect it at a police station" in pages[0].get("submitted_bring", ""), pages
    # The paper (printed later, or reprinted in the other language) heads with it.
    for lang in ("en", "zh"):
        [doc] = [d for in_lang, d in docs if in_lang == lang]
        head = _words(doc).split("\n")[:2]
        todo = "还需到窗口：" if lang == "zh" else "Still to do at a counter:"
        assert head[0] == todo and PICKUP[lang].lower() in head[1].lower(), head


def test_a_fee_heads_the_paper_as_the_papers_to_bring_do() -> None:
    """C4: the fee the kiosk cannot take was a row among the details."""
    for lang in ("zh", "en"):
        data = submission(lang)
        assert data.fee_fen
        lines = _words(templates.submission_receipt(data, lang)).split("\n")
        todo = "还需到窗口：" if lang == "zh" else "Still to do at a counter:"
        assert lines[0] == todo, lines[:4]
        assert "20.50" in lines[1], lines[:4]
