"""#14: the review's printer note, when the printer failed while the review was open,
pushed the answers down and took some onto another page. Now nothing on the page moves:
a printer failing mid-review is said at once as a notice over the page (before 确认提交
can be tapped; the note is on the page as soon as the notice closes, saying what is true
then), and a note already on the
page changes its words in place (a new fault, the printer back). Both modes, three sizes,
by taps on the real window."""

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


@pytest.mark.parametrize("assisted", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_printer_failing_mid_review_moves_nothing(rig: ApplyRig, size, assisted: bool) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    r = _at_review(rig, size, assisted)
    before = _page(r)
    assert not r.shown("review_printer")  # the printer can print: nothing said

    _printer(r, Health.FAULT, "paper_out")
    said = _notice(r)
    assert "打印机缺纸。" in said and "请用手机拍下或抄下屏幕上的受理编号" in said
    if assisted:  # came without a tap: spoken too
        assert any("打印机缺纸" in t for t in _spoken(r))
    notice_ok = r.button("overlay_primary")
    ok_at = QRect(notice_ok.mapTo(r.window, QPoint(0, 0)), notice_ok.size())
    assert _page(r) == before, "the page moved under the notice"
    # Another fault while the notice is up: its words follow, its button stays.
    _printer(r, Health.FAULT, "offline")
    assert _notice(r).startswith("打印机未连接。")
    assert QRect(notice_ok.mapTo(r.window, QPoint(0, 0)), notice_ok.size()) == ok_at
    r.click("overlay_primary")
    assert not _notice(r)
    # Closed, the page says it at once, in its own note, with the words true now.
    assert r.shown("review_printer")
    assert r.label("review_printer").startswith("打印机未连接。")
    closed = _page(r)
    # The printer back, and failing again: said in the note's place, nothing moves.
    _printer(r, Health.OK, "ready")
    assert not _notice(r)
    assert r.label("review_printer").startswith("打印机已恢复")
    assert _same_places(_page(r), closed)
    _printer(r, Health.FAULT, "paper_out")
    assert not _notice(r)
    assert "打印机缺纸。" in r.label("review_printer")
    assert _same_places(_page(r), closed)
    # Coming back to the review (上一步 and 下一步), the note is on the page.
    r.core.back()
    r.window.show_screen()
    r.core.next()
    r.window.show_screen()
    r.settle()
    assert r.shown("review_printer")
    assert "打印机缺纸。" in r.label("review_printer")


def _same_places(a: dict[str, QRect], b: dict[str, QRect]) -> bool:
    """The same controls and lines in the same places, whatever the note says."""
    return {k.split(":")[0]: v for k, v in a.items()} == {k.split(":")[0]: v for k, v in b.items()}


@pytest.mark.parametrize(
    ("then", "words"),
    [
        ("", "打印机缺纸。"),
        ("offline", "打印机未连接。"),
        ("ready", ""),
    ],
    ids=["paper_out", "then_offline", "then_restored"],
)
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_note_is_on_the_page_as_the_notice_closes(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
    then: str,
    words: str,
) -> None:
    """The notice closed by its own button: the page's note is there at once (not on
    the review's next arrival), saying what is true now: paper out, offline, or
    nothing once the printer prints again (until it fails again); 确认提交 stays under
    the finger."""
    r = _at_review(rig, size, assisted)
    submit = r.button("btn_submit")
    submit_at = QRect(submit.mapTo(r.window, QPoint(0, 0)), submit.size())
    _printer(r, Health.FAULT, "paper_out")
    assert "打印机缺纸。" in _notice(r)
    if then:
        _printer(r, Health.OK if then == "ready" else Health.FAULT, then)
    assert not r.shown("review_printer")  # covered: said by the notice alone
    r.click("overlay_primary")
    assert not _notice(r)
    if words:
        assert r.shown("review_printer")
        note = r.label("review_printer")
        assert note.startswith(words) and "请用手机拍下或抄下屏幕上的受理编号" in note
    else:
        assert not r.shown("review_printer")  # the printer prints: no warning left
        # Failing again: a notice again, and once it is closed the note says so.
        _printer(r, Health.FAULT, "paper_out")
        assert "打印机缺纸。" in _notice(r)
        r.click("overlay_primary")
        assert r.shown("review_printer")
        assert r.label("review_printer").startswith("打印机缺纸。")
    assert QRect(submit.mapTo(r.window, QPoint(0, 0)), submit.size()) == submit_at


@pytest.mark.parametrize("assisted", [False, True])
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
