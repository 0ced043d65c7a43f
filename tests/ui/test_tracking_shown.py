"""A tracking number reads as what it is (try-out 7, C-f): "M001-261207-00010", its check
character glued to the sequence, read as "the tenth". The screen and the paper show the
check character as a group of its own (M001-261207-0001-0); the number stored, sent and
looked up is unchanged, and a number typed from a receipt of either kind is found.
Every step is a tap on the real window."""

from __future__ import annotations

import re

from kiosk.flow import Screen
from kiosk.tracking import parse_tracking_number
from offline_cache.outbox_protocol import RecordKind
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401  (rig: fixture)
from tests.ui.helpers import visible_texts
from tests.ui.test_finished_journey_resets import _submitted
from tests.ui.test_identity_truth import _receipt_text
from tests.ui.test_services_flow import (
    _seed_status,
    click,
    start,
    text_of,
    type_id_ending,
    type_number,
)

SHOWN = re.compile(r"^[0-9A-Z]{4}-\d{6}-\d{4,6}-[0-9A-Z]$")


def _shown(tn: str) -> str:
    return f"{tn[:-1]}-{tn[-1]}"


def test_the_receipt_shows_the_check_character_apart_on_screen_and_paper(rig, citizen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r: ApplyRig = rig
    _submitted(r)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    stored = rec.tracking_number
    assert parse_tracking_number(stored) is not None and not SHOWN.match(stored)  # unchanged
    on_screen = r.label("tracking_number")
    assert SHOWN.match(on_screen) and on_screen == _shown(stored)
    paper = _receipt_text(r, stored)
    assert _shown(stored) in paper and stored not in paper


def test_a_number_typed_from_either_receipt_is_found_and_shown_apart(
    window, qtbot, citizen
) -> None:  # type: ignore[no-untyped-def]
    tn = _seed_status(citizen)
    for typed in (tn, _shown(tn)):  # as an older receipt printed it, and as now
        start(window, qtbot, "track")
        type_number(window, qtbot, typed)
        # Typed whole, it reads as the receipt shows it (the same keys from either form).
        echo = text_of(window, "track_number_text")
        assert _shown(tn) in echo and tn not in echo
        click(qtbot, window, "btn_track_lookup")
        type_id_ending(window, qtbot, "002X")
        qtbot.waitUntil(lambda: "已受理" in text_of(window, "result_status"), timeout=3000)
        assert window.core.screen() == Screen.TRACK_RESULT
        shown = " ".join(visible_texts(window))
        assert _shown(tn) in shown and tn not in shown
        click(qtbot, window, "btn_done")
