"""Ratings (好差评, five levels) and feedback or complaints, both through the outbox.

The two lowest ratings need at least one reason: the platform must follow up
every poor rating (差评回访), and a reason tells it where to start. Validation
problems are values (:class:`Problem`), never exceptions; the submit methods
block (one durable SQLite commit) and must run through ``core.run``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any, Protocol

from kiosk.printing import PrintResult
from kiosk.receipts import ComplaintSlipData, RatingThanksData, complaint_slip, rating_thanks
from kiosk.services.contact import ContactProblem, ContactRequest, mask_phone
from kiosk.services.track import Printing
from kiosk.session import Clock
from kiosk.tracking import SequenceSource
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState

log = logging.getLogger(__name__)

MAX_TEXT = 500  # characters of free text kept with a rating or a complaint
MIN_FEEDBACK_TEXT = 2
# A receipt may be rated once. The claim is a durable counter keyed by the tracking
# number (the kiosk's sequence store: one fsynced statement, survives a restart);
# the day is fixed because the claim never expires.
RATED_DAY = dt.date(2000, 1, 1)


class RatingLevel(IntEnum):
    """五级评价, best first; the value is the score the platform averages."""

    VERY_SATISFIED = 5  # 非常满意
    SATISFIED = 4  # 满意
    BASICALLY_SATISFIED = 3  # 基本满意 (the national scheme's word, not 一般)
    DISSATISFIED = 2  # 不满意
    VERY_DISSATISFIED = 1  # 非常不满意

    @property
    def code(self) -> str:
        """Stable lower-case name (message key ``rate.level.<code>``)."""
        return self.name.lower()

    @property
    def needs_reason(self) -> bool:
        """The two lowest levels must say why."""
        return self <= RatingLevel.DISSATISFIED


class RatingReason(StrEnum):
    """Reasons offered for a poor rating (message key ``rate.reason.<value>``)."""

    WAITED_LONG = "waited_long"
    HARD_TO_USE = "hard_to_use"
    DEVICE_FAULT = "device_fault"
    UNCLEAR_MATERIALS = "unclear_materials"
    STAFF_ATTITUDE = "staff_attitude"
    RESULT = "result"
    OTHER = "other"


class FeedbackCategory(StrEnum):
    """Kinds of feedback (message key ``feedback.category.<value>``)."""

    COMPLAINT = "complaint"  # 投诉
    SUGGESTION = "suggestion"  # 建议
    PRAISE = "praise"  # 表扬
    QUESTION = "question"  # 咨询


class Problem(StrEnum):
    """What is missing before a rating or feedback can be sent (``feedback.problem.<value>``)."""

    NONE = "none"
    REASON_REQUIRED = "reason_required"
    TEXT_REQUIRED = "text_required"
    TEXT_TOO_LONG = "text_too_long"
    PHONE_INVALID = "phone_invalid"
    CONSENT_REQUIRED = "consent_required"
    ALREADY_RATED = "already_rated"  # this receipt has been rated here before


@dataclass(frozen=True, slots=True)
class Rating:
    """A citizen's rating, optionally linked to an application."""

    level: RatingLevel
    reasons: tuple[RatingReason, ...] = ()
    comment: str = ""
    tracking_number: str | None = None
    service_id: str | None = None
    callback: ContactRequest | None = None  # 整改回访: only offered for a poor rating

    def problem(self) -> Problem:
        """What still stops this rating from being sent."""
        if self.level.needs_reason and not self.reasons:
            return Problem.REASON_REQUIRED
        if len(self.comment) > MAX_TEXT:
            return Problem.TEXT_TOO_LONG
        return _contact_problem(self.callback)


@dataclass(frozen=True, slots=True)
class Feedback:
    """A suggestion, complaint, praise or question."""

    category: FeedbackCategory
    text: str
    tracking_number: str | None = None
    contact: ContactRequest | None = None  # optional: a reply by phone

    def problem(self) -> Problem:
        """What still stops this feedback from being sent."""
        if len(self.text.strip()) < MIN_FEEDBACK_TEXT:
            return Problem.TEXT_REQUIRED
        if len(self.text) > MAX_TEXT:
            return Problem.TEXT_TOO_LONG
        return _contact_problem(self.contact)


def _contact_problem(contact: ContactRequest | None) -> Problem:
    if contact is None:
        return Problem.NONE
    found = contact.problem()
    return Problem.NONE if found is ContactProblem.NONE else Problem(found.value)


@dataclass(frozen=True, slots=True)
class SendResult:
    """Stored in the outbox (``problem`` NONE), or refused with the reason."""

    problem: Problem
    delivered_later: bool = True  # always queued; the sync agent delivers it
    reference: str | None = None  # a complaint's own reference number (受理编号)
    online: bool = False  # the platform link was up when it was stored (not a delivery)
    record_id: uuid.UUID | None = None  # its outbox record: the screen follows its delivery

    @property
    def ok(self) -> bool:
        """True when the record is stored."""
        return self.problem is Problem.NONE


class FeedbackDeps(Protocol):
    """The parts of the backend this service uses (read at call time)."""

    @property
    def outbox(self) -> Outbox:
        """The durable outbox."""
        ...

    @property
    def sync(self) -> Any:
        """The sync agent (woken after an enqueue), or None."""
        ...

    @property
    def printing(self) -> Printing:
        """The print service."""
        ...


def make_rating(
    level: RatingLevel,
    reasons: Sequence[RatingReason] = (),
    comment: str = "",
    tracking_number: str | None = None,
    service_id: str | None = None,
    callback: ContactRequest | None = None,
) -> Rating:
    """A rating with reasons de-duplicated in a stable order and the comment trimmed.

    A call-back is kept only for a poor rating (the others are not followed up)."""
    ordered = tuple(r for r in RatingReason if r in set(reasons))
    if not level.needs_reason:
        callback = None
    return Rating(level, ordered, comment.strip(), tracking_number, service_id, callback)


class FeedbackService:
    """Sends ratings and feedback through the outbox; prints the thank-you slip."""

    def __init__(
        self,
        deps: FeedbackDeps,
        clock: Clock,
        kiosk_id: str,
        rated: SequenceSource | None = None,
    ) -> None:
        self._deps = deps
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._rated = rated  # durable "this receipt was rated" claims; None: not enforced

    def submit_rating(self, rating: Rating, lang: str) -> SendResult:
        """Store ``rating`` durably (blocking)."""
        problem = rating.problem()
        if problem is not Problem.NONE:
            return SendResult(problem)
        tn = rating.tracking_number
        if (
            tn
            and self._rated is not None
            and self._rated.next_sequence(f"rated:{tn}", RATED_DAY) > 1
        ):
            return SendResult(Problem.ALREADY_RATED)
        now = self._clock().isoformat(timespec="seconds")
        body: dict[str, Any] = {
            "level": int(rating.level),
            "label": rating.level.code,
            "reasons": [r.value for r in rating.reasons],
            "comment": rating.comment,
            "language": lang,
            "rated_at": now,
        }
        if rating.service_id:
            body["service_id"] = rating.service_id
        if rating.callback is not None:
            body["follow_up"] = rating.callback.record("rating_follow_up", now)  # 整改回访
        record_id = self._enqueue(RecordKind.RATING, body, tn)
        return SendResult(Problem.NONE, online=self._online(), record_id=record_id)

    def submit_feedback(self, feedback: Feedback, lang: str) -> SendResult:
        """Store ``feedback`` durably (blocking)."""
        problem = feedback.problem()
        if problem is not Problem.NONE:
            return SendResult(problem)
        now = self._clock().isoformat(timespec="seconds")
        body: dict[str, Any] = {
            "category": feedback.category.value,
            "text": feedback.text.strip(),
            "language": lang,
            "sent_at": now,
        }
        if feedback.contact is not None:
            body["contact"] = feedback.contact.record("feedback_reply", now)
        tn = feedback.tracking_number
        reference = self._reference() if feedback.category is FeedbackCategory.COMPLAINT else None
        if reference is not None:
            # The complaint is followed up under its own number; the application it is
            # about (if any) stays named in the record.
            if tn:
                body["about_tracking_number"] = tn
            tn = reference
        record_id = self._enqueue(RecordKind.FEEDBACK, body, tn)
        return SendResult(
            Problem.NONE, online=self._online(), reference=reference, record_id=record_id
        )

    def delivered(self, record_id: uuid.UUID) -> bool:
        """True once the platform has confirmed the record (blocking: reads the outbox)."""
        record = self._deps.outbox.get(record_id)
        return record is not None and record.state is RecordState.DELIVERED

    def _reference(self) -> str | None:
        # A fleet-unique number from the same durable minter as receipts, so staff and
        # citizen can name the complaint; none (and no number promised) if it fails.
        minter = getattr(self._deps, "tracking", None)
        if minter is None:
            return None
        try:
            return str(minter.mint(self._clock().astimezone().date()))
        except Exception:
            log.exception("no reference number for a complaint")
            return None

    def _online(self) -> bool:
        agent = self._deps.sync
        return bool(
            agent is not None
            and getattr(agent, "online", False) is True
            and not getattr(agent, "blocked_for_s", 0)
        )

    def print_complaint_slip(
        self,
        reference: str,
        lang: str,
        *,
        follow_up_days: int | None,
        reply_phone: str | None,
        delivered: bool,
    ) -> PrintResult:
        """A complaint's slip (blocking): its number is the citizen's only handle on it
        (try-out 8, C15). The reply number is printed masked, as on the screen."""
        data = ComplaintSlipData(
            reference=reference,
            printed_at=self._clock().astimezone(),
            kiosk_id=self._kiosk_id,
            follow_up_days=follow_up_days,
            reply_phone_masked=mask_phone(reply_phone) if reply_phone else None,
            delivered=delivered,
        )
        return self._deps.printing.print_document(
            "complaint_slip", complaint_slip(data, lang), reference, personal=bool(reply_phone)
        )

    def print_thanks(self, rating: Rating, lang: str) -> PrintResult:
        """The thank-you slip (blocking)."""
        data = RatingThanksData(
            stars=int(rating.level),
            printed_at=self._clock().astimezone(),
            kiosk_id=self._kiosk_id,
            tracking_number=rating.tracking_number,
            comment_received=bool(rating.comment or rating.reasons),
        )
        return self._deps.printing.print_document(
            "rating_thanks", rating_thanks(data, lang), rating.tracking_number, personal=False
        )

    def _enqueue(self, kind: RecordKind, body: dict[str, Any], tn: str | None) -> uuid.UUID:
        payload = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        record = self._deps.outbox.enqueue(kind, payload, tn, self._clock())
        agent = self._deps.sync
        if agent is not None:
            agent.wake()
        return record.id
