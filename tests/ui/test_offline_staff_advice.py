"""A failed print never tells the citizen to call staff while a call cannot reach them:
offline the submitted screen and the track result send them to the 服务台 instead;
online they still offer the staff call."""

from __future__ import annotations

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_truth_offline_track import _look_up, _submit_and_deliver


def _platform(r: ApplyRig, health: Health) -> None:
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
    r.settle()


def _submit_without_paper(r: ApplyRig) -> str:
    r.backend.printer.paper_out()
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    r.qtbot.waitUntil(lambda: "缺纸" in r.label("print_state"), timeout=3000)
    return r.label("print_state")


def test_offline_submitted_without_paper_sends_to_the_desk(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _platform(r, Health.FAULT)
    state = _submit_without_paper(r)
    assert "服务台" in state and "呼叫工作人员" not in state
    r.click("btn_lang")
    assert "service desk" in r.label("print_state") and "call staff" not in r.label("print_state")


def test_online_submitted_without_paper_offers_the_staff_call(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _platform(r, Health.OK)
    state = _submit_without_paper(r)
    assert "呼叫工作人员补打" in state


def test_offline_track_slip_without_paper_sends_to_the_desk(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    tn = _submit_and_deliver(r)
    _look_up(r, tn, "002X")
    _platform(r, Health.FAULT)
    r.backend.printer.paper_out()
    r.click("btn_print_slip")
    r.qtbot.waitUntil(lambda: "缺纸" in r.label("result_print_state"), timeout=3000)
    state = r.label("result_print_state")
    assert "服务台" in state and "呼叫工作人员" not in state
