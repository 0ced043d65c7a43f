"""Receipt templates: turn the kiosk's data into printable documents (zh and en)."""

from .data import (
    DailySummaryData,
    PrinterTestPageData,
    QueueTicketData,
    RatingThanksData,
    StatusSlipData,
    StatusStep,
    SubmissionReceiptData,
)
from .templates import (
    daily_summary,
    printer_test_page,
    queue_ticket,
    rating_thanks,
    status_slip,
    submission_receipt,
)

__all__ = [
    "DailySummaryData",
    "PrinterTestPageData",
    "QueueTicketData",
    "RatingThanksData",
    "StatusSlipData",
    "StatusStep",
    "SubmissionReceiptData",
    "daily_summary",
    "printer_test_page",
    "queue_ticket",
    "rating_thanks",
    "status_slip",
    "submission_receipt",
]
