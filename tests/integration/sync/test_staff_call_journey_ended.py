"""Try-out 15, K4: a staff call stayed 待处理 on the hall's console after the citizen who
made it had finished and left (the kiosk back at 首页): staff walked to a kiosk where
nobody waited for them. The kiosk's next heartbeat names the calls whose journey ended,
and the hall page says 市民已结束办理 with the time on the call's row, which stays listed
but no longer as 待处理. The kiosk's StaffCalls and sync agent against a real platform;
the page over real HTTP. K5: the English page names the hall in English (the kiosk's
heartbeat says it), with an English colon."""

from __future__ import annotations

import datetime as dt
import re

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform
from kiosk.services.staff_call import StaffCalls
from kiosk.sync.agent import SyncAgent
from kiosk.sync.clock import ManualClock
from kiosk.sync.config import SyncConfig
from offline_cache.outbox_protocol import Outbox
from tests.integration.console.conftest import PASSWORDS, sign_in

HALL = "政务服务中心一楼大厅"
HALL_EN = "Service centre, ground floor lobby"


class _Deps:
    def __init__(self, outbox: Outbox, agent: SyncAgent) -> None:
        self.outbox, self.sync = outbox, agent


def _row(page: str, call_id: str) -> str:
    m = re.search(rf'<tr class="call" data-call-id="{call_id}">(.*?)</tr>', page, re.S)
    assert m, "the call is not on the hall page"
    return " ".join(re.sub(r"<[^>]+>", " ", m.group(1)).split())


def test_a_call_whose_citizen_has_finished_says_so_on_the_hall_page(
    platform: EmbeddedPlatform, outbox: Outbox, clock: ManualClock
) -> None:
    config = SyncConfig(
        base_url=platform.base_url,
        kiosk_id="K0001",
        version="test",
        location=HALL,
        location_en=HALL_EN,
    )
    holder: list[StaffCalls] = []
    # Wired as kiosk/backend.py wires it: the heartbeat asks the kiosk's StaffCalls.
    agent = SyncAgent(config, outbox, clock=clock, calls_ended=lambda: holder[0].ended())
    try:
        calls = StaffCalls(_Deps(outbox, agent), clock.now)
        holder.append(calls)
        body = {"kiosk": "K0001", "location": HALL, "hall": HALL, "screen": "submitted"}
        calls.call({**body, "at": clock.now().isoformat()}, None)
        first = calls.last_call()
        # Its citizen finishes (完成, the kiosk back at 首页); the next citizen calls too.
        ended_at = clock.now() + dt.timedelta(minutes=2)
        assert calls.journey_ended(ended_at.isoformat())
        assert not calls.journey_ended(ended_at.isoformat())  # nothing open: nothing said
        calls.call({**body, "at": ended_at.isoformat()}, None)
        second = calls.last_call()
        assert first is not None and second is not None
        for _ in range(5):
            clock.advance(max(agent.run_once(), 0.001))
    finally:
        agent.stop()

    wang, password = "wang", PASSWORDS["wang"][1]
    platform.platform.staff.add(wang, Role.HALL, password, dt.datetime.now(dt.UTC))
    page = sign_in(platform.base_url, wang, password).get(
        platform.base_url + "/console/hall?lang=zh", timeout=5
    )
    assert page.status_code == 200, page.text
    row = _row(page.text, str(first))
    hm = ended_at.astimezone().strftime("%H:%M")
    assert "市民已结束办理" in row and hm in row, row
    assert "待处理" not in row and "未处理" in row, row
    assert "确认收到" in row  # still listed, still answerable
    # The next citizen's call is waiting as before.
    next_row = _row(page.text, str(second))
    assert "待处理" in next_row and "市民已结束办理" not in next_row, next_row

    # K5: the English page names the hall and the call's place as the kiosk's heartbeat
    # says them in English, with an English colon (it read "Hall：政务服务中心一楼大厅").
    en = sign_in(platform.base_url, wang, password).get(
        platform.base_url + "/console/hall?lang=en", timeout=5
    )
    heading = re.search(r'<p id="hall-name">(.*?)</p>', en.text, re.S)
    assert heading is not None
    said = " ".join(re.sub(r"<[^>]+>", " ", heading.group(1)).split())
    assert said.startswith(f"Hall: {HALL_EN}"), said
    assert HALL not in said and "：" not in said, said
    assert HALL_EN in _row(en.text, str(first)) and HALL not in _row(en.text, str(first))
