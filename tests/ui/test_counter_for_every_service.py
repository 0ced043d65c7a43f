"""Try-out 8, C14: 预约取号 offered 户政/婚姻/办税/公积金 only, while receipts of 人社 and 医保
services sent citizens to "人社服务专区" / "医保服务窗口". Every service names its counter in
the hall (catalog data), and the queue screen offers it: the citizen told to go to a window
can take a number for it here, and one coming from a service's guide finds its counter first."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from kiosk.flow import Journey, Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import manual_identity
from tests.ui.test_services_flow import click, text_of
from ui.widgets.pager import PagedGrid


def _counters(window, qtbot, service_id: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """预约取号 with an identity proven: the counters offered, in order, over every page."""
    window.core.start(Journey.APPOINTMENT)
    window.core.sessions.current.service_id = service_id
    window.core.sessions.current.set_identity(manual_identity())
    window.core.next()
    window.show_screen()
    qtbot.waitUntil(
        lambda: window.findChild(QAbstractButton, "dept_gongan.huzheng") is not None,
        timeout=3000,
    )
    [pager] = [p for p in window.findChildren(PagedGrid, "appt") if p.isVisible()]
    return [w.objectName().removeprefix("dept_") for w in pager.items()]


def test_every_service_has_a_counter_to_queue_at(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    offered = _counters(window, qtbot)
    for service in window.core.catalog.services:
        assert service.counter in offered, (service.id, service.counter, offered)
    # 人社 and 医保 were the ones missing; a number can be taken for them by taps.
    assert {"renshe.chuangkou", "yibao.chuangkou"} <= set(offered)


def test_from_a_service_its_own_counter_comes_first(window, qtbot, citizen) -> None:  # type: ignore[no-untyped-def]
    first = _counters(window, qtbot, "yibao.transfer")[0]
    assert first == "yibao.chuangkou"
    click(qtbot, window, "dept_yibao.chuangkou")
    click(qtbot, window, "mode_queue")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TICKET, timeout=3000)
    assert text_of(window, "ticket_number").startswith("1-")
    [ticket] = [r for r in citizen.records() if r.get("type") == "queue_ticket"]
    assert ticket["department_id"] == "yibao.chuangkou"
