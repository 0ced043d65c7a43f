"""A receipt sent whole but never confirmed is told as "check the slot", never as failed."""

from __future__ import annotations

from kiosk.flow import Screen
from offline_cache.print_jobs import JobState
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401


def test_unconfirmed_receipt_says_check_the_slot_and_offers_no_second_copy(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.backend.printer.silent_after_job()
    put_on(r.window, Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    state = r.label("print_state")
    assert "出纸口" in state and "无法打印" not in state
    assert len(r.backend.printer.printed) == 1  # it did come out
    assert not r.shown("btn_reprint_receipt_now")
    # The job waits for staff as "unconfirmed", not as a failure to reprint blindly.
    (job,) = r.backend.printing.failed_jobs()
    assert job.state is JobState.UNCONFIRMED
    r.backend.printer.ready()  # the printer answering again must not bring a reprint offer
    r.settle()
    assert not r.shown("btn_reprint_receipt_now")
