"""#14: the review's printer note, when the printer failed while the review was open,
pushed the answers down and took some onto another page. Now nothing on the page moves:
a printer failing mid-review is said in the line over 确认提交 (its room kept), and
确认提交 asks first with the whole note — not a notice popping over the page being read
(try-out 11, C5); a note already on the page changes its words in place (a new fault,
the printer back). Both modes, three sizes, by taps on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted, _spoken

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _page(r: ApplyRig) -> dict[str, QRect]:
    """Where every control and line on the review page is (the page, not the notice)."""
    r.settle()
    page = r.window.findChild(QWidget, "screen_review")
    assert page is not None and page.isVisible()
    seen: dict[str, QRect] = {}
    for w in page.findChildren(QWidget):
        if w.isVisible() and w.objectName() and isinstance(w, QAbstractButton | QLabel):
            seen[f"{w.objectName()}:{w.text()[:12]}"] = QRect(
                w.mapTo(r.window, QPoint(0, 0)), w.size()
            )
    assert any(k.startswith("btn_submit:") for k in seen), sorted(seen)
    return seen


def _printer(r: ApplyRig, health: Health, state: str) -> None:
    """The printer's supervisor reports a new state (as kiosk/supervisor.py publishes it)."""
    if state == "paper_out":
        r.backend.printer.paper_out()
    elif state == "ready":
        r.backend.printer.ready()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, health, f"printer.{state}"))
    r.settle()


def _notice(r: ApplyRig) -> str:
    r.settle()
    overlay = r.window.findChild(QWidget, "overlay")
    if overlay is None or not overlay.isVisible():
        return ""
    return str(r.window.findChild(QLabel, "overlay_body").text())


def _at_review(r: ApplyRig, size: tuple[int, int], assisted: bool, fault: str = "") -> ApplyRig:
    """The review of a ``size`` window (长辈模式 if ``assisted``; the printer in ``fault``)."""
    r.window.resize(*size)
    if assisted:
        _assisted(r)
    if fault:
        _printer(r, Health.FAULT, fault)
    put_on(r.window, Screen.REVIEW)
    return r


# 长辈模式 says the printer only in 确认提交吗？ (try-out 11, E7: test_elder_paper_once.py)
@pytest.mark.parametrize("assisted", [False])
@pytest.mark.parametrize("size", SIZES)
def test_printer_failing_mid_review_moves_nothing(rig: ApplyRig, size, assisted: bool) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """Said in the line over 确认提交 (its room kept), never a notice over the page being
    read (try-out 11, C5); 确认提交 then asks with the whole note."""
    r = _at_review(rig, size, assisted)
    before = _page(r)
    assert not r.shown("review_printer")  # the printer can print: nothing said

    _printer(r, Health.FAULT, "paper_out")
    assert not _notice(r), "a notice popped over the review unasked"
    assert _line(r) == "打印机缺纸。提交后无法打印回执，请拍下受理编号和二维码。"
    if assisted:  # came without a tap: spoken too
        assert any("打印机缺纸" in t for t in _spoken(r))
    assert _kept(_page(r), before), "the page moved"
    # Another fault, the printer back, failing again: the line follows, nothing moves.
    for health, state, words in (
        (Health.FAULT, "offline", "打印机未连接。"),
        (Health.OK, "ready", "打印机已恢复，提交后会打印回执。"),
        (Health.FAULT, "paper_out", "打印机缺纸。"),
    ):
        _printer(r, health, state)
        assert not _notice(r)
        assert _line(r).startswith(words), state
        assert _kept(_page(r), before), state
    # 确认提交: asked first, with what to do instead of the paper receipt.
    r.check_every_page()
    r.click("btn_submit")
    assert r.core.screen() == Screen.REVIEW and r.shown("btn_choice_yes")
    body = r.label("choice_body")
    assert "打印机缺纸。" in body and "请用手机拍下回执页上的受理编号和二维码" in body
    r.click("btn_choice_no")  # 返回检查: the page's own note says it now
    assert r.shown("review_printer") and "打印机缺纸。" in r.label("review_printer")
    # Coming back to the review (上一步 and 下一步), the note is on the page.
    r.core.back()
    r.window.show_screen()
    r.core.next()
    r.window.show_screen()
    r.settle()
    assert r.shown("review_printer")
    assert "打印机缺纸。" in r.label("review_printer")


def _line(r: ApplyRig) -> str:
    """The line over 确认提交, whole in its room."""
    r.settle()
    status = r.window.findChild(QLabel, "review_status")
    assert status is not None and status.isVisible(), "nothing said over 确认提交"
    # The words' own height (the label's asks for its kept lines at least).
    assert QLabel.heightForWidth(status, status.width()) <= status.height(), "cut"
    return str(status.text())


def _kept(now: dict[str, QRect], before: dict[str, QRect]) -> bool:
    """Everything on the page before is where it was (the line over 确认提交 may have
    appeared in its kept room)."""
    now = {k.split(":")[0]: v for k, v in now.items()}
    before = {k.split(":")[0]: v for k, v in before.items()}
    return all(now.get(k) == v for k, v in before.items() if k != "review_status")


def _same_places(a: dict[str, QRect], b: dict[str, QRect]) -> bool:
    """The same controls and lines in the same places, whatever the note says."""
    return {k.split(":")[0]: v for k, v in a.items()} == {k.split(":")[0]: v for k, v in b.items()}


@pytest.mark.parametrize("then", ["", "offline", "ready"], ids=["paper_out", "offline", "ready"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_submit_asks_only_while_the_printer_cannot_print(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    then: str,
) -> None:
    """Standard mode: 确认提交 submits at one tap, unless the printer failed with the review
    open (the page's note not on it): then it asks, with the note true now."""
    r = _at_review(rig, size, assisted=False)
    _printer(r, Health.FAULT, "paper_out")
    if then:
        _printer(r, Health.OK if then == "ready" else Health.FAULT, then)
    r.check_every_page()
    r.click("btn_submit")
    if then == "ready":
        r.at(Screen.SUBMITTED)  # the printer prints: nothing to ask
        return
    assert r.shown("btn_choice_yes")
    words = "打印机未连接。" if then == "offline" else "打印机缺纸。"
    assert words in r.label("choice_body")
    r.click("btn_choice_yes")
    r.at(Screen.SUBMITTED)


# 长辈模式 says the printer only in 确认提交吗？ (try-out 11, E7: test_elder_paper_once.py)
@pytest.mark.parametrize("assisted", [False])
@pytest.mark.parametrize("size", SIZES)
def test_note_on_the_page_changes_in_place(rig: ApplyRig, size, assisted: bool) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    r = _at_review(rig, size, assisted, fault="cover_open")
    assert r.label("review_printer").startswith("打印机盖未关好。")
    before = {k.split(":")[0]: v for k, v in _page(r).items()}
    for health, state, words in (
        (Health.OK, "ready", "打印机已恢复，提交后会打印回执。"),
        (Health.FAULT, "error", "打印机出现故障。"),
        (Health.FAULT, "paper_out", "打印机缺纸。"),
    ):
        _printer(r, health, state)
        assert not _notice(r)  # said where it was
        assert r.label("review_printer").startswith(words)
        after = {k.split(":")[0]: v for k, v in _page(r).items()}
        assert after == before, state
