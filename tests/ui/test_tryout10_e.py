"""Try-out 10: nothing moves under an elder's finger (E1, E2, E3, E5) and the layouts hold
still as devices fail and steps go by (C1, C5). Taps on the real window.

- E1: 长辈模式, 确认提交吗？ up, the paper runs out: the 温馨提示 notice, 好的, and the
  paper's sentence went over the question as a tall box, pushing 确认提交 from y≈530 to
  y≈1390 on a 1080x1920 panel. Now the question says it in the room its body keeps.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.events import CodeScanned, Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_call_staff import _close_notice, _tap_call_staff
from tests.ui.test_elder_form_forward import SERVICE as ELDER_SERVICE
from tests.ui.test_elder_form_forward import _rect as _elder_rect
from tests.ui.test_elder_identified_check import CLAIMS
from tests.ui.test_review_printer_stays import _at_review, _notice, _printer
from tests.ui.test_staff_chip_still import _controls, _setup
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage
from ui.widgets.fit_keys import key_max

SIZES = [(1080, 1920), (1280, 800), (1920, 1080)]


def _where(r: ApplyRig, *names: str) -> dict[str, QRect]:
    r.settle()
    out = {}
    for name in names:
        w = r.button(name)
        out[name] = QRect(w.mapTo(r.window, QPoint(0, 0)), w.size())
    return out


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_paper_out_while_asked_to_submit_moves_nothing(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    step: int,
) -> None:
    r = rig
    r.window.resize(*size)
    r.window._set_display(step, r.window.display_prefs()[1])
    r = _at_review(r, size, assisted=True)
    r.check_every_page()
    r.click("btn_submit")
    assert r.shown("btn_choice_yes")
    body = r.window.findChild(QLabel, "choice_body")
    assert "打印" not in body.text()  # the printer can print: nothing said
    before = _where(r, "btn_choice_yes", "btn_choice_no")

    _printer(r, Health.FAULT, "paper_out")
    assert not _notice(r)  # no notice over the question (try-out 11, C5)
    # The answers stay under the finger; the question says it, over them.
    assert _where(r, "btn_choice_yes", "btn_choice_no") == before
    assert not r.shown("review_printer")  # not over the question
    assert "打印机缺纸。" in body.text() and body.isVisible()
    # The whole sentence is on screen, not cut by the room kept.
    assert body.height() >= body.heightForWidth(body.width())
    # The printer back: said in place, nothing moves.
    _printer(r, Health.OK, "ready")
    assert "打印机缺纸" not in body.text()
    assert _where(r, "btn_choice_yes", "btn_choice_no") == before
    # Out again, then back to the page (返回检查): the page's note says what is true.
    _printer(r, Health.FAULT, "paper_out")
    assert not _notice(r)
    r.click("btn_choice_no")
    # Said once, in the question (try-out 11, E7): not again on the page.
    assert not r.shown("review_printer")
    assert r.core.screen() == Screen.REVIEW


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
def test_call_back_keys_sit_right_under_the_number(window, qtbot, clock, step: int) -> None:  # type: ignore[no-untyped-def]
    """E5: 长辈模式 on a portrait panel, 请留下回访电话: the keypad sat at the foot of the
    screen, ~450 px under the number it types into; as on a form it sits right under
    it (only the number's own kept rows between: its problem line)."""
    window.resize(1080, 1920)
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes["rate_callback"], "zh", True, text_step=step)
    window.resize(1080, 1920)
    _settle()
    phone = _shown_named(window, "callback_phone")
    keypad = _shown_named(window, "callback_keypad")
    problem = window.findChild(QWidget, "callback_problem")
    assert problem is not None
    above = problem if not problem.isHidden() or _kept(problem) else phone
    under = _rect(above).bottom()
    gap = _rect(keypad).top() - under
    assert 0 < gap <= window.ctx.tokens().gap() + 1, (gap, _rect(phone), _rect(keypad))
    # Keys as large as the room lets them be (as the form's), not their least size.
    key = keypad.findChild(QWidget, "key_5")
    assert key is not None and key.height() >= key_max(window.ctx.tokens()) - 1


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def _kept(w: QWidget) -> bool:
    return w.sizePolicy().retainSizeWhenHidden()


def _shown_named(window: QWidget, name: str) -> QWidget:
    found = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
    assert found, f"{name} is not on screen"
    return found[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_staff_chip_stays_as_the_network_word_changes(  # type: ignore[no-untyped-def]
    window, qtbot, size: tuple[int, int], lang: str, step: int
) -> None:
    """E3: 长辈模式 on a portrait panel, staff called: 网络正常 → 离线 beside the chip moved
    the chip ~30 px sideways. Every bar control, the staff chip and the step chip keep
    their places, at every size (stop 31: with the step chip named, portrait English at
    字号 4/4 moved the staff chip 1 px; on 1280x800 the bar's buttons gave 在线's room
    to 离线 where the row was full)."""
    _setup(window, size, True, step)
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes["form"], lang, True, text_step=step)
    window.resize(*size)
    _settle()
    window.core.backend.sync = None  # the call waits on the kiosk first
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    _settle()
    _tap_call_staff(window, qtbot)
    qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=2000)
    _close_notice(window, qtbot)  # 好的
    qtbot.waitUntil(lambda: window.staff_banner.isVisible(), timeout=2000)
    _settle()
    online = window.net_label.text()

    def _places() -> dict[str, QRect]:
        steps = [lab for lab in window.step_labels if lab.isVisible()]
        assert len(steps) == 1, [lab.text() for lab in steps]
        chips = {"chip": _rect(window.staff_banner), "step": _rect(steps[0])}
        return {**_controls(window, texts=False), **chips}

    before = _places()
    for health in (Health.FAULT, Health.OK, Health.FAULT):
        window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
        _settle()
        assert window.net_label.text() and window.staff_banner.isVisible()
        after = _places()
        moved = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
        assert not moved, f"moved as the network word changed ({health.value}): {moved}"
    assert window.net_label.text() != online  # it did change its words


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_identify_tiles_keep_their_height_as_faults_come(
    window, qtbot, size: tuple[int, int], assisted: bool
) -> None:  # type: ignore[no-untyped-def]
    """C5: 身份核验 with the passport reader, the ID card reader and the scanner failing one
    after another: the third fault took the QR tile's second line and every tile shrank
    (bottoms from y≈578 to y≈518 at 1280x800) while the citizen was choosing."""
    window.resize(*size)
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes["identify"], "zh", assisted)
    window.resize(*size)
    _settle()
    assert window.core.screen() == Screen.IDENTIFY
    names = ("tile_card", "tile_qr", "tile_manual")

    def tiles() -> dict[str, QRect]:
        _settle()
        return {n: _rect(_shown_named(window, n)) for n in names}

    seen = []
    for device in (Device.CARD, Device.IDCARD, Device.SCANNER):
        window.core.bus.publish(DeviceStatusChanged(device, Health.FAULT, "test"))
        seen.append(tiles())
    qr = _shown_named(window, "tile_qr")
    assert not qr.isEnabled()  # the scanner is out: its way is not offered
    assert seen[2] == seen[0], f"the tiles moved as faults came: {seen[0]} → {seen[2]}"
    # Repaired one by one while the screen is up: still nothing moves.
    for device in (Device.SCANNER, Device.IDCARD):
        window.core.bus.publish(DeviceStatusChanged(device, Health.OK, "test"))
        assert tiles() == seen[0], device


@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=["text1", "text4"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_typed_questions_keep_field_and_keys_in_place(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    step: int,
) -> None:
    """E2: 长辈模式 where 上一步 / 下一步 sit under the questions (portrait), an
    identity read: 不是王*明？ over question 1, nothing over question 2, and the question,
    its field and the keys moved up ~80 px between them. Its row's room stays."""
    r = rig
    r.window.resize(*size)
    r.core.sessions.set_assisted(True)
    for _ in range(step):
        r.click("btn_text_size")  # a whole-screen switch: click waits until it settles
    r.to_identify(ELDER_SERVICE)
    token = issue_eid_token(r.eid_key, CLAIMS, kid="P1", now=r.core.clock())
    r.core.bus.publish(CodeScanned(token))
    r.confirm_identified()
    r.at(Screen.FORM)
    form = r.window.current_page()
    assert form.step()[0] == 1
    assert _shown_named(r.window, "btn_not_me").isVisible()

    def places(field: str) -> dict[str, QRect]:
        r.settle()
        keys = _shown_named(r.window, "pad_strip")  # over the keys, whichever they are
        return {
            "question": _elder_rect(r, f"label_{field}"),
            "field": _elder_rect(r, f"field_{field}"),
            "next": _elder_rect(r, "btn_step_next"),
            "keys": _rect(keys),
        }

    first = places("phone")
    r.type("13800138000")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    second = places("address")
    assert second["question"].top() == first["question"].top()
    assert second["field"].top() == first["field"].top()
    # 下一步 in one place on every question (try-out 12, N5: under the tallest question,
    # in portrait; at the field's row's end at 1920x1080), and the keys under it too.
    assert second["next"] == first["next"]
    assert second["keys"].top() == first["keys"].top()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_step_bar_keeps_its_spacing_from_step_to_step(window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """C1: 选择事项 → 身份核验 → 填写 …: on 选择事项 every step's words stood wider apart
    than from 身份核验 on (each shifted 30-40 px sideways as the citizen moved on). A
    step's width is the same on every screen where it is not the current one, and the
    gaps between steps are the same on every screen."""
    window.resize(*size)
    scenes = {s.name: s for s in SCENES}
    seen: dict[str, list[QRect]] = {}
    for name in ("catalog", "identify", "form"):
        stage(window, scenes[name], "zh", False)
        window.resize(*size)
        _settle()
        assert window.steps_bar.isVisible(), name
        seen[name] = [_rect(lab) for lab in window.step_labels]
    current = {"catalog": 0, "identify": 1, "form": 2}
    for a, b in (("catalog", "identify"), ("catalog", "form"), ("identify", "form")):
        for i in range(len(window.step_labels)):
            if i not in (current[a], current[b]):
                assert seen[a][i].width() == seen[b][i].width(), (a, b, i, seen[a], seen[b])
        gaps = [
            [r[i + 1].left() - r[i].right() for i in range(len(r) - 1)] for r in (seen[a], seen[b])
        ]
        assert gaps[0] == gaps[1], (a, b, gaps)
