"""A receipt printed again says where its application stands now (try-out 10, T1).

The print service reprints a stored receipt (the maintenance panel's 补打, the citizen's
补打回执, the print offered once paper is back). One printed while the network was down
said "saved here, sent once the network is back"; by the time it is printed again the
platform may have it. This asks this kiosk's outbox where the application stands and
has the receipt say so (kiosk/receipts/as_of_now.py): delivered, when, and the expected
date counted from then, as the online receipt carries it; or refused. Runs on the print
service's worker (it reads the outbox): never on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from drivers.printer.document import Document
from kiosk.catalog import Catalog
from kiosk.receipts.as_of_now import Delivery, as_of_now, said_pending
from kiosk.services.apply import RECEIPT_KIND, add_working_days
from offline_cache.by_tracking import record_by_tracking
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState
from offline_cache.own_submissions import OwnSubmissionStore
from offline_cache.print_jobs import PrintJobInfo

log = logging.getLogger(__name__)

RECEIPTS = frozenset({RECEIPT_KIND, "receipt"})  # "receipt": older kiosks' receipts


class ReceiptsAsOfNow:
    """The print service's ``as_of_now`` hook: (job, stored document) -> what to print."""

    def __init__(
        self, outbox: Outbox, own: OwnSubmissionStore | None, catalog: Callable[[], Catalog]
    ) -> None:
        self._outbox = outbox
        self._own = own
        self._catalog = catalog

    def __call__(self, job: PrintJobInfo, doc: Document) -> Document:
        """``doc`` as of now when it is a receipt that was printed offline."""
        if job.kind not in RECEIPTS or not job.tracking_number or said_pending(doc) is None:
            return doc
        try:
            return as_of_now(doc, self.delivery(job.tracking_number))
        except Exception:
            # The stored words were true when printed: print them rather than nothing.
            log.exception("where receipt %s stands could not be read", job.id)
            return doc

    def delivery(self, tracking_number: str) -> Delivery:
        """Where the application ``tracking_number`` stands in this kiosk's outbox."""
        done = frozenset({RecordState.DELIVERED, RecordState.DEAD})
        record = record_by_tracking(self._outbox, RecordKind.APPLICATION, tracking_number, done)
        if record is None:
            return Delivery()  # still waiting (or not this kiosk's): as printed
        if record.state is RecordState.DEAD:
            return Delivery(refused=True)
        if record.delivered_at is None:
            return Delivery()
        at = record.delivered_at.astimezone()
        return Delivery(at.replace(tzinfo=None), self._expected(tracking_number, at.date()))

    def _expected(self, tracking_number: str, delivered_on: dt.date) -> dt.date | None:
        """The expected date as the submitted screen counts it once delivered: the
        service's time limit in working days from the day of delivery; None when this
        kiosk no longer knows the service (its record gone, or the catalog changed)."""
        own = self._own.get(tracking_number) if self._own is not None else None
        service = self._catalog().by_id(own.service_id) if own is not None else None
        if service is None:
            return None
        return add_working_days(delivered_on, max(0, service.time_limit_days))
