"""Try-out 17, E5: in 长辈模式, 确认提交吗？ covers the review and said nothing of the network
being down (the standard page keeps the bar's 离线办理中，联网后自动发送 beside 确认提交).
Offline, the question says what submitting does now, in its big type, whole, with the
printer's note too when the printer is out as well; and it says it again, in place, as
the network comes back while it is up. By taps, the tightest case: English at 字号 4/4 on
1280x800, the network and the printer both down."""

from __future__ import annotations

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401  (fixture)
from tests.ui.test_dialogs_whole import SMALL, _question, assisted_at

NETWORK = "The network is down: it is saved at this kiosk and sent by it once the network"
PRINTER = "The printer is not connected."


def test_the_elder_confirm_says_the_network_is_down(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    assisted_at(r, SMALL, "en")
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    r.backend.printer.offline()
    r.core.bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.offline"))
    put_on(r.window, Screen.REVIEW, latin=True)
    r.settle()
    r.check_every_page()
    r.click("btn_submit")
    body = _question(r)  # whole, both answers whole, nothing on screen cut
    assert "Do you want to submit now?" in body and NETWORK in body and PRINTER in body, body
    assert body.index(NETWORK) < body.index(PRINTER), body
    # The network comes back while the question is up: it no longer says it is down.
    r.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, ""))
    body = _question(r)
    assert NETWORK not in body and PRINTER in body, body
