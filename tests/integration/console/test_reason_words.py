"""A reason a citizen taps on the kiosk reads the same on the console (try-out 3: 操作复杂
on the kiosk appeared as 操作不方便 in 评价与投诉). The kiosk's string table is the source;
the platform may not import the kiosk (import-linter), so its copy is pinned here."""

from __future__ import annotations

import pytest

from central.console.i18n import label, labels
from kiosk.services.feedback import RatingReason
from ui.i18n import tr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rating_reason_reads_the_same_on_kiosk_and_console(lang: str) -> None:
    for reason in RatingReason:
        assert label("reason", reason.value, lang) == tr(f"rate.reason.{reason.value}", lang)
    # And the console knows no reason the kiosk cannot send.
    assert set(labels()["reason"]) == {r.value for r in RatingReason}


def test_the_reported_case() -> None:
    assert label("reason", "hard_to_use", "zh") == "操作复杂"
