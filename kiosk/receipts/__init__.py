"""Receipt templates: turn the kiosk's data into printable documents (zh and en)."""

from .data import (
    DailySummaryData,
    QueueTicketData,
    RatingThanksData,
    StatusSlipData,
    StatusStep,
    SubmissionReceiptData,
    TestPageData,
)
from .templates import (
    daily_summary,
    queue_ticket,
    rating_thanks,
    status_slip,
    submission_receipt,
    test_page,
)

__all__ = [
    "DailySummaryData",
    "QueueTicketData",
    "RatingThanksData",
    "StatusSlipData",
    "StatusStep",
    "SubmissionReceiptData",
    "TestPageData",
    "daily_summary",
    "queue_ticket",
    "rating_thanks",
    "status_slip",
    "submission_receipt",
    "test_page",
]
