"""The fleet page names each kiosk by where it stands (try-out 9, K6): the real sync
agent says its configured location in its heartbeat, the platform keeps it, and the
console's 终端 page shows it beside the code an operator need not know by heart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform
from kiosk.sync.agent import SyncAgent
from kiosk.sync.clock import ManualClock
from tests.integration.console.conftest import PASSWORDS, sign_in


def test_the_fleet_page_names_the_kiosk_by_its_place(
    platform: EmbeddedPlatform, clock: ManualClock, make_agent: Callable[..., SyncAgent]
) -> None:
    agent = make_agent(kiosk_id="M002", location="政务服务中心二楼西侧")
    for _ in range(3):
        clock.advance(max(agent.run_once(), 0.001))
    [beat] = platform.platform.store.kiosks()
    assert beat["last"]["location"] == "政务服务中心二楼西侧"

    role, password = PASSWORDS["li"]
    platform.platform.staff.add("li", Role(role), password, dt.datetime.now(dt.UTC))
    page = sign_in(platform.base_url, "li").get(platform.base_url + "/console/fleet").text
    row = page.split('data-kiosk-id="M002"', 1)[1].split("</tr>", 1)[0]
    assert '<strong class="location">政务服务中心二楼西侧</strong>' in row and "M002" in row
