"""Issue #14 (try-out 5, item 1): waiting for the staff one called does not lose one's work.

The call notice says 请在此稍候 and that what was entered is kept. While the call is
open the idle warning waits [timeouts] staff_wait_s (10 minutes) instead of one minute
(three in 长辈模式), then warns in words that say staff were called, and only then
wipes: the promise is kept, and a citizen who walked away is still protected.
"""

from __future__ import annotations

import pytest

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted
from tests.ui.test_call_staff import _calls, _close_notice, _tap_call_staff

WORK = {"phone": "13800138000", "address": "东城路 1 号"}


def _tick(r: ApplyRig, clock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Let ``seconds`` pass with nobody touching the kiosk (the window's idle check runs)."""
    step = 10.0
    while seconds > 0:
        clock.advance(min(step, seconds))
        seconds -= step
        r.window.check_idle()
    r.settle()


@pytest.mark.parametrize("assisted", [False, True])
def test_waiting_for_called_staff_keeps_the_work(rig: ApplyRig, clock, assisted: bool) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if assisted:
        _assisted(r)
    put_on(r.window, Screen.FORM)
    r.core.sessions.current.form_values.update(WORK)
    r.core.backend.sync = None  # the call waits on the kiosk: its state is "saved"
    _tap_call_staff(r.window, r.qtbot)  # 呼叫工作人员, through the real button
    r.qtbot.waitUntil(lambda: r.window.overlay.title.text() == "呼叫已保存，等待送达", timeout=2000)
    body = r.window.overlay.body.text()
    assert "您填写的内容会保留（无操作最长 10 分钟）" in body  # what the screen promises
    [call] = _calls(r.window)
    r.core.backend.outbox.mark_delivered(call.id, clock())
    r.qtbot.waitUntil(lambda: r.window.overlay.title.text() == "已通知大厅工作人员", timeout=3000)
    assert "请在此稍候" in r.window.overlay.body.text()
    _close_notice(r.window, r.qtbot)  # 好的, and the citizen waits as told

    # Well past the usual warning (60 s; 180 s in 长辈模式) and its countdown.
    _tick(r, clock, 9 * 60)
    assert not r.window.overlay.isVisible()
    assert r.core.screen() == Screen.FORM
    session = r.core.sessions.current
    assert session.identity is not None and WORK.items() <= session.form_values.items()
    assert r.window.staff_banner.isVisible()  # still told the call stands

    # Staff answer on the console: still waiting, still kept.
    r.core.staff_calls.acknowledge(call.id)
    r.qtbot.waitUntil(
        lambda: r.window.staff_banner.text() in ("工作人员已收到，请稍候", "工作人员已收到"),
        timeout=3000,
    )
    _tick(r, clock, 50)
    assert (
        r.core.screen() == Screen.FORM
        and WORK.items() <= r.core.sessions.current.form_values.items()
    )

    # Ten minutes without a touch: the warning comes, and says staff were called.
    _tick(r, clock, 20)
    assert r.window.overlay.is_idle_warning()
    assert "已呼叫工作人员" in r.window.overlay.body.text()
    assert WORK.items() <= r.core.sessions.current.form_values.items()

    # Nobody answers the countdown: privacy wins in the end.
    _tick(r, clock, r.core.sessions.countdown_s() + 1)
    assert r.core.screen() == Screen.HOME
    assert not r.core.sessions.current.form_values
    assert r.core.sessions.current.identity is None
    assert not r.window.staff_banner.isVisible()
    # The next citizen has called nobody: the usual minute applies again.
    assert not r.core.sessions.current.staff_called


def test_the_longer_wait_comes_only_with_a_call(rig: ApplyRig, clock) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Without a call the usual minute stands (the fix does not keep everyone's data)."""
    r = rig
    put_on(r.window, Screen.FORM)
    r.core.sessions.current.form_values.update(WORK)
    _tick(r, clock, 70)
    assert r.window.overlay.is_idle_warning()
    assert "已呼叫工作人员" not in r.window.overlay.body.text()
