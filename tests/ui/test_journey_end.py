"""Once an application is submitted the pages before its receipt are closed (try-out 7,
C-a, C-e): 返回 on the receipt led back into the submitted form (确认提交 greyed, "本次申请
已提交"), a dead end where only 首页 led on, and that 首页 kept the citizen's 字号 and
colours for the next citizen. Now the receipt has no 返回 (nothing behind it is the
citizen's to change), 返回 from the rating leads to the receipt, and every way out after
a submission ends the visit as 完成 does. Every step is a tap on the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401  (rig: fixture)
from tests.ui.test_finished_journey_resets import ENDS, _submitted
from tests.ui.test_home_keeps_display import _choose_display


def _visible(r: ApplyRig, name: str) -> bool:
    r.settle()
    return any(b.isVisible() for b in r.window.findChildren(QAbstractButton, name))


def _reset(r: ApplyRig) -> bool:
    """The next citizen's defaults: 字号 1/4, 标准色, 中文, not 长辈模式."""
    s = r.core.sessions.current
    return (
        r.window.display_prefs() == (0, "standard")
        and s.language == "zh"
        and not s.assisted
        and r.window.findChild(QAbstractButton, "btn_text_size").text() == "字号 1/4"
    )


def _receipts_printed(r: ApplyRig) -> int:
    jobs = r.backend.printing.recent_jobs(50)
    return sum(1 for j in jobs if j.kind == "submission_receipt")


def test_the_receipt_has_no_way_back_into_the_submitted_form(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    _choose_display(r.window, r.qtbot, False, "dark")
    _submitted(r)
    assert not _visible(r, "btn_back")  # behind the receipt: only the form already sent
    assert _visible(r, "btn_home")
    printed = _receipts_printed(r)
    # On to the rating, and back: the receipt again, not the review (and not printed twice).
    r.click("btn_rate")
    r.at(Screen.RATE)
    assert _visible(r, "btn_back")
    r.click("btn_back")
    r.at(Screen.SUBMITTED)
    assert r.label("tracking_number")
    assert not _visible(r, "btn_back")
    assert _receipts_printed(r) == printed
    # 首页 from there ends the visit: the next citizen finds the defaults.
    r.click("btn_home")
    r.at(Screen.HOME)
    assert _reset(r)


def test_home_from_the_rating_after_a_submission_ends_the_visit(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """No rating given: the citizen leaves from the rating's page, application sent."""
    r = rig
    _choose_display(r.window, r.qtbot, True, "high")
    _submitted(r)
    r.click("btn_rate")
    r.at(Screen.RATE)
    r.click("btn_home")
    r.at(Screen.HOME)  # nothing unsent: no "leave and clear what you gave?" question
    assert _reset(r)


def test_back_out_of_a_finished_journey_ends_the_visit_too(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """返回 is a way out as well: where it leads home from a journey's end (a rating's
    thanks, feedback's thanks), it ends the visit like 首页 and 完成."""
    r = rig
    for end in ("rating", "feedback"):
        _choose_display(r.window, r.qtbot, False, "dark")
        ENDS[end](r)
        assert r.window.display_prefs() == (3, "dark")
        if _visible(r, "btn_back"):
            r.click("btn_back")
            r.at(Screen.HOME)
        else:
            r.click("btn_home")
            r.at(Screen.HOME)
        assert _reset(r), end


def test_a_number_taken_or_a_booking_made_closes_the_pages_before_it(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The same for a queue number and a booking: 返回 led back to the counter's times
    (a dead end where 首页 then asked "leave and clear what you gave?" and kept the
    citizen's 字号 and colours). The ticket has no 返回; 首页 ends the visit."""
    r = rig
    for end in ("ticket", "booking"):
        _choose_display(r.window, r.qtbot, False, "dark")
        ENDS[end](r)
        r.at(Screen.TICKET)
        assert not _visible(r, "btn_back"), end
        r.click("btn_home")
        r.at(Screen.HOME)  # no question: the number is the citizen's
        assert _reset(r), end
