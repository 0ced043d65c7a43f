"""The result page is named for what the answer says the number is (try-out 8): a
booking slip's page was still titled and spoken as 办理进度 (result.title). Until the
answer comes the page's name is true of all; then 预约查询 for a booking, 办理进度 for
an application. The real window, the real sync agent and the embedded platform."""

from __future__ import annotations

import pytest

from kiosk.flow import Screen
from tests.ui.test_booking_lookup_truth import _book, _scan_slip
from tests.ui.test_console_queue_call import _start
from ui.i18n import tr

pytestmark = pytest.mark.integration


def test_a_booking_is_called_a_booking_once_the_answer_says_so(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, clock, monkeypatch
) -> None:
    _start(kiosk_app)
    kiosk_app.backend.platform.platform.config.now = clock
    _book(window, qtbot)
    said: list[str] = []
    monkeypatch.setattr(window.core, "say", said.append)
    _scan_slip(window, kiosk_app, qtbot)
    assert window.core.screen() == Screen.TRACK_RESULT
    assert window.windowTitle() == tr("result.title.booking", "zh") == "预约查询"
    spoken = " ".join(said)
    assert "预约查询" in spoken and "预约状态：已确认" in spoken
    assert "办理进度" not in spoken
