"""查询 repeats the receipt's 预计办结 (try-out 8, C20): the result of an application not
yet finished says by when it is expected, as the receipt worked it out (the service's
working days from the day the platform received it)."""

from __future__ import annotations

from kiosk.receipts.strings import fmt_date
from kiosk.services.apply import add_working_days
from tests.support.citizen_backend import platform_status, tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import visible_texts
from tests.ui.test_services_flow import (
    DAY,
    _seed_status,
    click,
    start,
    text_of,
    type_id_ending,
    type_number,
)

SERVICE = "gongan.id_card_renewal"


def _look_up(window, qtbot, tn: str) -> str:  # type: ignore[no-untyped-def]
    start(window, qtbot, "track")
    type_number(window, qtbot, tn)
    click(qtbot, window, "btn_track_lookup")
    type_id_ending(window, qtbot, "002X")
    qtbot.waitUntil(lambda: "当前状态" in text_of(window, "result_status"), timeout=3000)
    return " ".join(visible_texts(window))


def test_the_result_says_the_expected_completion_date(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    tn = _seed_status(citizen)  # received and accepted on DAY
    service = window.core.catalog.by_id(SERVICE)
    assert service is not None and service.time_limit_days > 0
    expected = add_working_days(DAY, service.time_limit_days)
    page = _look_up(window, qtbot, tn)
    assert f"预计 {fmt_date(expected, 'zh')} 前" in page
    click(qtbot, window, "btn_lang")
    assert f"expected by {fmt_date(expected, 'en')}" in " ".join(visible_texts(window))


def test_a_finished_certificate_says_where_it_is_collected(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    """Try-out 16, C6: 户籍证明开具 read 已办结 alone on 查询, where the receipt says the
    certificate is collected at the 派出所户籍窗口: 已办结 with what is still to do there."""
    tn = str(tracking_number(DAY, 43))
    citizen.sync.statuses[tn] = platform_status(
        tn,
        [("received", "2026-11-23T08:00:00Z"), ("completed", "2026-11-23T09:00:00Z")],
        "gongan.hukou_certificate",
    )
    citizen.sync.id_last4[tn] = "002X"
    service = window.core.catalog.by_id("gongan.hukou_certificate")
    assert service is not None and not service.pickup_depends
    pickup = service.pickup_for({})
    assert pickup is not None and pickup.at_counter
    page = _look_up(window, qtbot, tn)
    assert "已办结" in page
    assert f"还需到窗口：{pickup.text.get('zh')}" in page, page
    click(qtbot, window, "btn_lang")
    assert pickup.text.get("en") in " ".join(visible_texts(window))
