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


# --- rated once, call-back and contact (整改回访) -------------------------------------------


def test_a_receipt_is_rated_once_even_after_a_restart(
    tmp_path, backend: CitizenBackend, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    from offline_cache.db import Database
    from offline_cache.sqlite_caches import SqliteSequences

    tn = "A7H3-261123-0042X"
    path = tmp_path / "rated.sqlite3"
    db = Database(path)
    svc = FeedbackService(backend, clock, "A7H3", SqliteSequences(db))
    assert svc.submit_rating(make_rating(RatingLevel.SATISFIED, tracking_number=tn), "zh").ok
    second = svc.submit_rating(make_rating(RatingLevel.VERY_SATISFIED, tracking_number=tn), "zh")
    assert second.problem is Problem.ALREADY_RATED
    db.close()
    db2 = Database(path)  # the kiosk restarted
    try:
        again = FeedbackService(backend, clock, "A7H3", SqliteSequences(db2))
        after = again.submit_rating(make_rating(RatingLevel.SATISFIED, tracking_number=tn), "zh")
        assert after.problem is Problem.ALREADY_RATED
        other = make_rating(RatingLevel.SATISFIED, tracking_number="A7H3-261123-0043V")
        assert again.submit_rating(other, "zh").ok  # another receipt is still welcome
    finally:
        db2.close()
    assert [r["level"] for r in backend.records()] == [4, 4]


def test_a_poor_rating_can_ask_for_a_call_back_with_consent(
    backend: CitizenBackend, clock: Clock
) -> None:
    from kiosk.services.contact import ContactRequest

    svc = FeedbackService(backend, clock, "A7H3")
    low = RatingLevel.DISSATISFIED
    reasons = [RatingReason.WAITED_LONG]
    no_consent = make_rating(low, reasons, callback=ContactRequest("13800138000", False))
    assert svc.submit_rating(no_consent, "zh").problem is Problem.CONSENT_REQUIRED
    bad_phone = make_rating(low, reasons, callback=ContactRequest("1380013", True))
    assert svc.submit_rating(bad_phone, "zh").problem is Problem.PHONE_INVALID
    assert backend.records() == []
    ok = make_rating(low, reasons, callback=ContactRequest("13800138000", True))
    assert svc.submit_rating(ok, "zh").ok
    [rec] = backend.records()
    assert rec["follow_up"]["phone"] == "13800138000" and rec["follow_up"]["consent"] is True
    assert rec["follow_up"]["purpose"] == "rating_follow_up"
    # A good rating is not followed up: a number offered with it is dropped, not stored.
    good = make_rating(RatingLevel.SATISFIED, callback=ContactRequest("13800138000", True))
    assert good.callback is None


def test_a_complaint_takes_an_optional_contact_with_consent(
    backend: CitizenBackend, clock: Clock
) -> None:
    from kiosk.services.contact import ContactRequest

    svc = FeedbackService(backend, clock, "A7H3")
    plain = Feedback(FeedbackCategory.COMPLAINT, "窗口无人")
    assert svc.submit_feedback(plain, "zh").ok
    no_consent = Feedback(
        FeedbackCategory.COMPLAINT, "窗口无人", None, ContactRequest("01012345678", False)
    )
    assert svc.submit_feedback(no_consent, "zh").problem is Problem.CONSENT_REQUIRED
    landline = Feedback(
        FeedbackCategory.COMPLAINT, "窗口无人", None, ContactRequest("01012345678", True)
    )
    assert svc.submit_feedback(landline, "zh").ok
    first, second = backend.records()
    assert "contact" not in first
    assert second["contact"]["phone"] == "01012345678"


def test_a_phone_number_never_appears_in_a_repr_and_is_masked() -> None:
    from kiosk.services.contact import ContactRequest, mask_phone

    c = ContactRequest("13800138000", True)
    assert "13800138000" not in repr(c)
    assert "13800138000" not in repr(Feedback(FeedbackCategory.COMPLAINT, "x", None, c))
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("01012345678") == "010****5678"
