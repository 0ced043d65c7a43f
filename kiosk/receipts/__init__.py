"""Receipt templates: turn the kiosk's data into printable documents (zh and en)."""

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

__all__ = [
    "AppointmentSlipData",
    "ComplaintSlipData",
    "DailySummaryData",
    "PrinterTestPageData",
    "QueueTicketData",
    "RatingThanksData",
    "StatusSlipData",
    "StatusStep",
    "SubmissionReceiptData",
    "appointment_slip",
    "complaint_slip",
    "daily_summary",
    "printer_test_page",
    "queue_ticket",
    "rating_thanks",
    "status_slip",
    "submission_receipt",
]
