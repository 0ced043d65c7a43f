"""Issue #14 (try-out 5, item 5): a printer that cannot print is announced before
确认提交, on the review page and in 长辈模式's confirm question, with what the citizen
gets instead, in both languages and for every fault (paper out, offline, cover open,
error); the note goes when the printer is back."""

from __future__ import annotations

import pytest

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted, _shown, _text

WORDS = {
    "zh": {
        "paper_out": "打印机缺纸。",
        "offline": "打印机未连接。",
        "cover_open": "打印机盖未关好。",
        "error": "打印机出现故障。",
        "instead": "请用手机拍下或抄下屏幕上的受理编号",
    },
    "en": {
        "paper_out": "The printer is out of paper.",
        "offline": "The printer is not connected.",
        "cover_open": "The printer cover is open.",
        "error": "The printer has a problem.",
        "instead": "photograph or write down the tracking number",
    },
}


def _printer(r: ApplyRig, health: Health, state: str) -> None:
    """The printer's supervisor reports a new state (as kiosk/supervisor.py publishes it)."""
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, health, f"printer.{state}"))
    r.settle()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assisted", [False, True])
def test_no_paper_receipt_is_said_before_submitting(
    rig: ApplyRig,  # noqa: F811
    lang: str,
    assisted: bool,
) -> None:
    r = rig
    if assisted:
        _assisted(r)
    if lang == "en":
        r.click("btn_lang")
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    assert not _shown(r, "review_printer")  # printer fine: nothing said
    words = WORDS[lang]
    r.backend.printer.paper_out()
    _printer(r, Health.FAULT, "paper_out")
    note = _text(r, "review_printer")
    assert words["paper_out"] in note and words["instead"] in note
    for state in ("offline", "cover_open", "error"):
        _printer(r, Health.FAULT, state)
        assert _text(r, "review_printer").startswith(words[state])
    _printer(r, Health.FAULT, "paper_out")
    r.check_every_page()
    r.click("btn_submit")
    if assisted:
        body = _text(r, "choice_body")  # the question before the step that cannot be undone
        assert words["paper_out"] in body and words["instead"] in body
        r.click("btn_choice_no")
        assert _shown(r, "review_printer")
    else:
        r.at(Screen.SUBMITTED)  # one tap submits: the note was on the page it was tapped on
        return
    r.backend.printer.ready()
    _printer(r, Health.OK, "ready")
    assert not _shown(r, "review_printer")
    r.click("btn_submit")
    assert "打印" not in _text(r, "choice_body") and "print" not in _text(r, "choice_body")
