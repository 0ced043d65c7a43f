"""Ratings and feedback: the rules a citizen meets, and the records the platform gets."""

from __future__ import annotations

from kiosk.services.feedback import (
    Feedback,
    FeedbackCategory,
    FeedbackService,
    Problem,
    RatingLevel,
    RatingReason,
    make_rating,
)
from tests.support.citizen_backend import CitizenBackend
from tests.unit.services.citizen_fixtures import (  # noqa: F401  (fixtures)
    Clock,
    backend_fixture,
    clock_fixture,
    utc_local_time_fixture,
)


def test_five_levels_best_first_and_the_two_lowest_need_a_reason() -> None:
    assert [int(lv) for lv in RatingLevel] == [5, 4, 3, 2, 1]
    assert [lv.needs_reason for lv in RatingLevel] == [False, False, False, True, True]


def test_low_rating_without_reason_is_refused_and_not_stored(
    backend: CitizenBackend, clock: Clock
) -> None:
    svc = FeedbackService(backend, clock, "A7H3")
    for level in (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED):
        result = svc.submit_rating(make_rating(level, comment="太慢"), "zh")
        assert result.problem is Problem.REASON_REQUIRED
    assert backend.records() == []


def test_rating_with_reason_is_stored_linked_to_the_application(
    backend: CitizenBackend, clock: Clock
) -> None:
    svc = FeedbackService(backend, clock, "A7H3")
    rating = make_rating(
        RatingLevel.VERY_DISSATISFIED,
        [RatingReason.OTHER, RatingReason.WAITED_LONG, RatingReason.OTHER],
        "  排队太久  ",
        tracking_number="A7H3-261123-0042X",
        service_id="gongan.id_card_renewal",
    )
    assert svc.submit_rating(rating, "zh").ok
    [rec] = backend.records()
    assert rec["kind"] == "rating" and rec["level"] == 1 and rec["label"] == "very_dissatisfied"
    assert rec["reasons"] == ["waited_long", "other"]  # de-duplicated, stable order
    assert rec["comment"] == "排队太久"
    assert rec["tracking_number"] == "A7H3-261123-0042X"
    assert rec["service_id"] == "gongan.id_card_renewal"
    assert backend.sync.wakes == 1


def test_good_rating_needs_nothing_more(backend: CitizenBackend, clock: Clock) -> None:
    svc = FeedbackService(backend, clock, "A7H3")
    assert svc.submit_rating(make_rating(RatingLevel.VERY_SATISFIED), "en").ok
    assert backend.records()[0]["tracking_number"] is None


def test_feedback_needs_text_and_is_stored_with_its_category(
    backend: CitizenBackend, clock: Clock
) -> None:
    svc = FeedbackService(backend, clock, "A7H3")
    empty = svc.submit_feedback(Feedback(FeedbackCategory.COMPLAINT, "  "), "zh")
    assert empty.problem is Problem.TEXT_REQUIRED
    too_long = Feedback(FeedbackCategory.SUGGESTION, "长" * 501)
    assert too_long.problem() is Problem.TEXT_TOO_LONG
    assert svc.submit_feedback(Feedback(FeedbackCategory.COMPLAINT, "排队等候时间太长"), "zh").ok
    [rec] = backend.records()
    assert rec["kind"] == "feedback" and rec["category"] == "complaint"
    assert rec["text"] == "排队等候时间太长"


def test_thank_you_slip_prints(backend: CitizenBackend, clock: Clock) -> None:
    svc = FeedbackService(backend, clock, "A7H3")
    assert svc.print_thanks(make_rating(RatingLevel.SATISFIED), "zh").printed
