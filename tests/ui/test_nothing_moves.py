"""Issue #14: nothing moves under the finger. Each test taps through the real window
and compares where the other controls are before and after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_assisted_flows import _assisted, _manual
from tests.ui.test_maintenance_panel import (  # noqa: F401  (fixtures)
    WAIT_MS,
    _button,
    _has_button,
    _shown_label,
    open_panel_with_corners,
    printer,
    sign_in,
    tech_app,
    usb,
    window,
)


def _where(w: QWidget, top: QWidget) -> QRect:
    """``w``'s rectangle in window coordinates."""
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def test_wrong_pin_does_not_move_the_keypad(window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    open_panel_with_corners(window, qtbot)
    names = ["key_1", "key_5", "key_0", "btn_exit"]
    qtbot.wait(100)
    before = {n: _where(_button(window, n), window) for n in names}
    next_at = _where(_button(window, "btn_next"), window)
    sign_in(window, qtbot, "111111")
    qtbot.waitUntil(lambda: _shown_label(window, "pin_error") is not None, timeout=WAIT_MS)
    qtbot.wait(100)
    after = {n: _where(_button(window, n), window) for n in names}
    assert after == before
    # The PIN step stays (try-out 6): its 进入 is where 下一步 was.
    assert _where(_button(window, "btn_unlock"), window).contains(next_at.center())


def _chrome(top: QWidget) -> dict[str, QRect]:
    names = ["btn_lang", "btn_assisted", "btn_call_staff", "btn_text_size", "btn_contrast"]
    return {n: _where(_button(top, n), top) for n in names}


def test_display_buttons_keep_their_width(window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    qtbot.wait(100)
    before = _chrome(window)
    for _ in range(3):  # 标准色 → 深色 → 高对比 → 标准色
        wait_until_tappable(_button(window, "btn_contrast"))
        qtbot.mouseClick(_button(window, "btn_contrast"), Qt.MouseButton.LeftButton)
        qtbot.wait(100)
        assert _chrome(window) == before
    wait_until_tappable(_button(window, "btn_lang"))
    qtbot.mouseClick(_button(window, "btn_lang"), Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    english = _chrome(window)
    assert english["btn_text_size"] == before["btn_text_size"]
    assert english["btn_contrast"] == before["btn_contrast"]
    for _ in range(2):
        wait_until_tappable(_button(window, "btn_contrast"))
        qtbot.mouseClick(_button(window, "btn_contrast"), Qt.MouseButton.LeftButton)
        qtbot.wait(100)
        assert _chrome(window) == english


def _tiles(top: QWidget) -> dict[str, QRect]:
    """Where the catalog's visible buttons are (services, departments, Search)."""
    return {
        b.objectName(): _where(b, top)
        for b in top.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName().startswith(("service_", "dept_", "btn_search"))
    }


def test_pinyin_keyboard_does_not_push_the_services_down(window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    wait_until_tappable(_button(window, "tile_apply"))
    qtbot.mouseClick(_button(window, "tile_apply"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.CATALOG, timeout=WAIT_MS)
    qtbot.wait(100)
    before = _tiles(window)
    assert any(n.startswith("service_") for n in before)
    wait_until_tappable(_button(window, "btn_search"))
    qtbot.mouseClick(_button(window, "btn_search"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _has_button(window, "key_A"), timeout=WAIT_MS)
    qtbot.wait(100)
    after = _tiles(window)
    kept = [n for n in after if n.startswith("service_")]
    assert kept, "no service left on screen with the keyboard open"
    assert {n: after[n] for n in after if n in before} == {
        n: before[n] for n in after if n in before
    }
    assert after["btn_search"] == before["btn_search"]


def test_assisted_step_buttons_stay_put(rig: ApplyRig) -> None:  # noqa: F811
    """长辈模式: 上一步 / 下一步 at the same two ends of their row on a typed question and
    on a choice. The row itself comes under the answers (try-out 9, E2: where the eye
    goes once it has answered), so its height follows them; the tap guard drops a
    second touch on whatever comes where 下一步 was (test_double_tap_next_question)."""
    r = rig
    _assisted(r)
    r.to_identify()
    _manual(r, ID_NUMBER, [("zhang", "张"), ("san", "三")])
    r.confirm_identified()  # 长辈模式: "check what you typed" before the first question
    r.at(Screen.FORM)
    r.type("13800138000")
    r.click("btn_step_next")
    r.settle()
    typed = {n: _where(_button(r.window, n), r.window) for n in ("btn_step_back", "btn_step_next")}
    for word in ("ROAD", "ACME"):
        r.click("key_mode_abc")
        r.type(word)
        r.click("btn_step_next")
    r.type("20261031")
    r.click("btn_step_next")
    r.settle()
    assert _button(r.window, "choice_seeking_training_no").isVisible()  # the choice step
    choice = {n: _where(_button(r.window, n), r.window) for n in ("btn_step_back", "btn_step_next")}
    ends = {n: (w.left(), w.right(), w.size()) for n, w in typed.items()}
    assert {n: (w.left(), w.right(), w.size()) for n, w in choice.items()} == ends


def test_staff_call_keeps_the_step_names(window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """English at 字号 4/4, where the step names only just fit (found in the try-out)."""
    wait_until_tappable(_button(window, "btn_lang"))
    qtbot.mouseClick(_button(window, "btn_lang"), Qt.MouseButton.LeftButton)
    for _ in range(3):
        wait_until_tappable(_button(window, "btn_text_size"))
        qtbot.mouseClick(_button(window, "btn_text_size"), Qt.MouseButton.LeftButton)
        qtbot.wait(50)
    wait_until_tappable(_button(window, "tile_apply"))
    qtbot.mouseClick(_button(window, "tile_apply"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.CATALOG, timeout=WAIT_MS)
    qtbot.wait(100)
    labels = [w for w in window.step_labels if w.isVisible()]
    assert labels, "no steps bar on the catalog"
    before = [(w.text(), _where(w, window)) for w in labels]
    assert all(w.text() == w.texts()[0] for w in labels)  # names, not bare numbers
    wait_until_tappable(_button(window, "btn_call_staff"))
    qtbot.mouseClick(_button(window, "btn_call_staff"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.primary.isVisible(), timeout=WAIT_MS)
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)  # 好的
    qtbot.waitUntil(lambda: window.staff_banner.isVisible(), timeout=WAIT_MS)
    qtbot.wait(100)
    assert [(w.text(), _where(w, window)) for w in labels] == before


@pytest.mark.parametrize(
    ("size", "assisted"),
    [((1920, 1080), False), ((1280, 800), False), ((1920, 1080), True), ((1280, 800), True)],
)
def test_manual_id_confirm_stays_put(rig: ApplyRig, size: tuple[int, int], assisted: bool) -> None:  # noqa: F811
    """确认 on typed ID entry: a message appearing or going, the candidates bar and the
    move to the name question leave it where the finger expects it (try-out finding)."""
    r = rig
    r.to_manual_id(size, assisted)

    def confirm() -> QRect:
        r.settle()
        r.qtbot.wait(20)  # layouts settle after the event that changed them
        return _where(_button(r.window, "btn_confirm"), r.window)

    where = confirm()
    seen = {"at the start": where}
    r.click("btn_confirm")  # nothing typed: a message
    assert r.shown("error_id_number")
    seen["empty-number message"] = confirm()
    r.type("1101")  # the message goes
    assert not r.shown("error_id_number")
    seen["typing"] = confirm()
    r.click("btn_confirm")  # too short: a message again
    seen["short-number message"] = confirm()
    r.type(ID_NUMBER[4:])  # complete: on to the name
    seen["name question"] = confirm()
    r.click("btn_confirm")  # no name typed yet: asked again, a prompt (try-out 17, E3)
    assert not r.shown("error_name")
    seen["name prompt"] = confirm()
    r.type("zhang")  # the candidates bar
    seen["pinyin candidates"] = confirm()
    r.click("btn_confirm")  # spelt, no character chosen: no name, its message
    assert r.shown("error_name")
    seen["no-name message"] = confirm()
    moved = {k: v for k, v in seen.items() if v != where}
    assert moved == {}, f"确认 moved from {where}: {moved}"


@pytest.mark.parametrize("assisted", [False, True])
def test_candidate_bar_stays_put_as_pinyin_grows(rig: ApplyRig, assisted: bool) -> None:  # noqa: F811
    """‹ and the choices keep their places while the pinyin typed gets longer or shorter
    (try-out 3, 5d: ‹ moved x≈240→181→136 while a name was typed)."""
    from tests.ui.test_pinyin_candidates import _to_name

    r = rig
    _to_name(r, (1920, 1080), assisted)
    names = ("cand_prev", "cand_0", "cand_1", "cand_more")
    seen = {}
    for letters in ("z", "han", "g", "san"):  # z, zhan, zhang, zhangsan
        r.type(letters)
        r.settle()
        seen["".join(seen) + letters] = {n: _where(r.button(n), r.window) for n in names}
    r.click("key_backspace")
    r.settle()
    seen["back"] = {n: _where(r.button(n), r.window) for n in names}
    first = next(iter(seen.values()))
    moved = {k: v for k, v in seen.items() if v != first}
    assert moved == {}, f"the candidate bar moved from {first}: {moved}"


def test_eid_explanation_does_not_move_the_ways(rig: ApplyRig) -> None:  # noqa: F811
    """长辈模式, 字号 4/4, English, portrait: tapping the e-ID way shows its explanation
    in room kept for it; the ways stay where they were (try-out 3, 5f)."""
    r = rig
    r.window.resize(1080, 1920)
    _assisted(r)
    r.click("btn_lang")
    for _ in range(3):
        r.click("btn_text_size")
    r.to_identify()
    r.settle()
    r.qtbot.wait(50)

    def ways() -> dict[str, QRect]:
        r.settle()
        r.qtbot.wait(20)
        tiles = [b for b in r.window.findChildren(QAbstractButton) if b.isVisible()]
        return {b.objectName(): _where(b, r.window) for b in tiles if b.objectName()}

    before = ways()
    assert "tile_qr" in before, sorted(before)
    r.click("tile_qr")
    assert r.shown("identify_status")
    after = ways()
    moved = {n: (before[n], after.get(n)) for n in before if after.get(n) != before[n]}
    assert moved == {}


def _staff_card(top) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    o = top.overlay
    return {"card": _where(o.card, top), "ok": _where(o.primary, top)}


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_call_notice_stays_put_until_staff_answer(
    window,  # noqa: F811
    qtbot,
    online: bool,
    lang: str,
) -> None:  # type: ignore[no-untyped-def]
    """The call-staff notice keeps its size from pending to acknowledged (try-out: 好的
    moved 16 px when the acknowledgement arrived)."""
    import datetime as dt

    from kiosk.services.staff_call import StaffCallState
    from offline_cache.outbox_protocol import RecordKind
    from ui.i18n import tr

    if lang == "en":
        wait_until_tappable(_button(window, "btn_lang"))
        qtbot.mouseClick(_button(window, "btn_lang"), Qt.MouseButton.LeftButton)
    if not online:
        window.core.backend.sync = None  # the platform link is down: the call waits here
    wait_until_tappable(_button(window, "btn_call_staff"))
    qtbot.mouseClick(_button(window, "btn_call_staff"), Qt.MouseButton.LeftButton)

    def says(state: StaffCallState) -> bool:
        return window.overlay.title.text() == tr(f"staff.{state.value}.title", lang)

    pending = StaffCallState.DELIVERED if online else StaffCallState.WAITING
    outbox = window.core.backend.outbox

    def calls() -> list:  # type: ignore[type-arg]
        return [r for r in outbox.list() if r.kind is RecordKind.STAFF_CALL]

    qtbot.waitUntil(lambda: len(calls()) == 1, timeout=WAIT_MS)  # stored off the GUI thread
    [call] = calls()
    if online:
        outbox.mark_delivered(call.id, dt.datetime.now(dt.UTC))  # what the sync agent does
    qtbot.waitUntil(lambda: says(pending), timeout=WAIT_MS)
    qtbot.wait(100)
    before = _staff_card(window)
    if not online:  # the network comes back and the call is delivered
        outbox.mark_delivered(call.id, dt.datetime.now(dt.UTC))
        qtbot.waitUntil(lambda: says(StaffCallState.DELIVERED), timeout=WAIT_MS)
        qtbot.wait(100)
        assert _staff_card(window) == before
    window.core.staff_calls.acknowledge(call.id)  # staff answer on the console
    qtbot.waitUntil(lambda: says(StaffCallState.ACKNOWLEDGED), timeout=WAIT_MS)
    qtbot.wait(100)
    assert _staff_card(window) == before
    wait_until_tappable(window.overlay.primary)
    qtbot.mouseClick(window.overlay.primary, Qt.MouseButton.LeftButton)  # 好的, where it was
    assert not window.overlay.isVisible()
