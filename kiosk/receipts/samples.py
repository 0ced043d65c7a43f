"""Fixed sample data for every template: demo, previews, snapshot tests and the benchmark.

The identity here is the GB 11643 specimen style number, not a real person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from drivers.printer.document import Document

from .data import (
    AppointmentSlipData,
    ComplaintSlipData,
    DailySummaryData,
    PrinterTestPageData,
    QueueTicketData,
    RatingThanksData,
    StatusSlipData,
    StatusStep,
    SubmissionReceiptData,
)
from .templates import (
    appointment_slip,
    complaint_slip,
    daily_summary,
    printer_test_page,
    queue_ticket,
    rating_thanks,
    status_slip,
    submission_receipt,
)

AT = dt.datetime(2026, 11, 23, 10, 15)
TRACKING = "KS0107-20261123-0042-K"
RECEIPT_QR = "ZWKR1.KS0107-20261123-0042-K.20261123T1015.Yx3fQ0pVb1c2WmN4aE1RdGh3"

_SERVICE = {"zh": "居住证办理", "en": "Residence permit"}
_MATERIALS = {
    "zh": ("户口簿原件及复印件", "近期一寸免冠照片两张"),
    "en": ("Household register, original and copy", "Two recent passport photos"),
}


def submission(lang: str) -> SubmissionReceiptData:
    """A receipt with a fee, missing materials and an expected date."""
    return SubmissionReceiptData(
        service_name=_SERVICE[lang],
        tracking_number=TRACKING,
        applicant_name="张三丰" if lang == "zh" else "ERIKSSON ANNA MARIA",
        id_number="11010519491231002X",
        submitted_at=AT,
        kiosk_id="KS0107",
        qr_payload=RECEIPT_QR,
        materials_to_bring=_MATERIALS[lang],
        expected_completion=dt.date(2026, 12, 7),
        fee_fen=2050,
        kiosk_location="市民中心 B1" if lang == "zh" else "Civic Centre B1",
    )


def proxy_submission(lang: str) -> SubmissionReceiptData:
    """A receipt for an application made by an agent (代办) on the applicant's behalf."""
    return replace(
        submission(lang),
        agent_name="王小明" if lang == "zh" else "WANG XIAOMING",
        agent_id_number="11010519800101018X",
    )


def ticket(lang: str) -> QueueTicketData:
    """A queue ticket."""
    return QueueTicketData(
        number="A023",
        service_name=_SERVICE[lang],
        issued_at=AT,
        kiosk_id="KS0107",
        waiting_ahead=5,
        counter="3",
        appointment_slot="10:30-11:00",
        qr_payload="Q.A023.20261123",
    )


def booking(lang: str) -> AppointmentSlipData:
    """A booking made offline, not yet confirmed."""
    zh = lang == "zh"
    return AppointmentSlipData(
        booking_number=TRACKING,
        service_name=_SERVICE[lang],
        day="2026年11月24日" if zh else "2026-11-24",
        time="10:30-11:00",
        booked_at=AT,
        kiosk_id="KS0107",
        provisional=True,
        qr_payload=RECEIPT_QR,
    )


def status(lang: str) -> StatusSlipData:
    """A status slip half-way through."""
    zh = lang == "zh"
    return StatusSlipData(
        tracking_number=TRACKING,
        service_name=_SERVICE[lang],
        status_text="审核中" if zh else "Under review",
        updated_at=AT + dt.timedelta(days=2),
        printed_at=AT + dt.timedelta(days=3),
        kiosk_id="KS0107",
        steps=(
            StatusStep("受理" if zh else "Received", True, AT),
            StatusStep("审核" if zh else "Review", False),
            StatusStep("办结" if zh else "Completed", False),
        ),
        note="请留意短信通知。" if zh else "You will get a text message.",
        qr_payload=RECEIPT_QR,
    )


def thanks(lang: str) -> RatingThanksData:
    """A 4-star thank-you."""
    return RatingThanksData(
        stars=4, printed_at=AT, kiosk_id="KS0107", tracking_number=TRACKING, comment_received=True
    )


def complaint(lang: str) -> ComplaintSlipData:
    """A complaint with a reply number, printed before the platform had it."""
    return ComplaintSlipData(
        reference=TRACKING,
        printed_at=AT,
        kiosk_id="KS0107",
        follow_up_days=15,
        reply_phone_masked="139****1111",
    )


def testpage(lang: str) -> PrinterTestPageData:
    """The technician's test page."""
    return PrinterTestPageData(
        kiosk_id="KS0107", printed_at=AT, software_version="0.1.0", paper="80mm"
    )


def summary(lang: str) -> DailySummaryData:
    """A day's counts."""
    zh = lang == "zh"
    return DailySummaryData(
        day=AT.date(),
        kiosk_id="KS0107",
        printed_at=AT.replace(hour=22),
        submissions=37,
        by_service=(
            ("居住证办理" if zh else "Residence permit", 21),
            ("社保查询" if zh else "Social insurance", 16),
        ),
        queue_tickets=112,
        ratings=30,
        rating_average=4.6,
        print_failures=1,
        outbox_pending=2,
        outbox_failed=0,
    )


SAMPLES: dict[str, Callable[[str], Document]] = {
    "submission_receipt": lambda lang: submission_receipt(submission(lang), lang),
    "submission_receipt_proxy": lambda lang: submission_receipt(proxy_submission(lang), lang),
    "queue_ticket": lambda lang: queue_ticket(ticket(lang), lang),
    "appointment_slip": lambda lang: appointment_slip(booking(lang), lang),
    "status_slip": lambda lang: status_slip(status(lang), lang),
    "rating_thanks": lambda lang: rating_thanks(thanks(lang), lang),
    "complaint_slip": lambda lang: complaint_slip(complaint(lang), lang),
    "test_page": lambda lang: printer_test_page(testpage(lang), lang),
    "daily_summary": lambda lang: daily_summary(summary(lang), lang),
}
