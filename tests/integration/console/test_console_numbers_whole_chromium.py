"""Numbers and dates are read aloud from the console to a citizen on the phone: none
may break over two lines (try-out 13, K4: at 1400 px "M001-261207- / 0001-0" and
"2026-12- / 07" while the free text had room). Nor may the 终端 page's status words and
heartbeat time (try-out 14, K2: 纸张 "正/常", the heartbeat's "大厅 / 时间"), nor the 评价与投诉
page's kinds (try-out 15, K2: "投/诉"). Measured in
Debian's headless Chromium on the rendered text itself, so whatever markup carries them,
at 1400 and 1024 px."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import Clock
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.integration

# Every run of letters and digits joined by - – : . / in the table's text (a tracking
# number, a date, a time, a slot "10:00–10:30"), with how many lines its glyphs take.
_LINES_OF_NUMBERS = r"""
const out = [];
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
const token = /[0-9A-Za-z]+(?:[-\u2013:.\/][0-9A-Za-z]+)+/g;
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (const m of node.data.matchAll(token)) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    out.push([m[0], tops.size]);
  }
}
return out;
"""

# Each occurrence of the given words (arguments[1]) in the element's text, with how many
# lines its glyphs take: a CJK word breaks between any two characters unless kept whole.
_LINES_OF_WORDS = r"""
const out = [];
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  for (const word of arguments[1]) {
    for (let at = node.data.indexOf(word); at >= 0; at = node.data.indexOf(word, at + 1)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const tops = new Set();
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      out.push([word, tops.size]);
    }
  }
}
return out;
"""


def _send(kiosk: requests.Session, base: str, body: dict[str, Any]) -> str:
    key = str(uuid.uuid4())
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    return key


def _numbers_on_lines(driver: Any, table_id: str) -> list[tuple[str, int]]:
    table = driver.find_element(By.ID, table_id)
    return [(str(t), int(n)) for t, n in driver.execute_script(_LINES_OF_NUMBERS, table)]


@pytest.mark.parametrize("width", [1400, 1024])
def test_case_numbers_and_dates_stay_on_one_line(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
    width: int,
) -> None:
    base = clocked_platform.base_url
    sent = (clock.now - dt.timedelta(minutes=5)).isoformat()
    _send(
        kiosk,
        base,
        {
            "kind": "rating",
            "kiosk_id": "A7H3",
            "tracking_number": "M001-261204-00012",
            "payload": {
                "level": 2,
                "label": "dissatisfied",
                "reasons": ["too_complex"],
                "comment": "",
                "rated_at": sent,
                "follow_up": {"phone": "13800138000", "consent": True},
            },
        },
    )
    _send(
        kiosk,
        base,
        {
            "kind": "feedback",
            "kiosk_id": "A7H3",
            "tracking_number": "M001-261204-00037",
            "payload": {
                "category": "complaint",
                "text": "自助机器操作不方便，排队等候时间太长，希望增加窗口",
                "sent_at": sent,
                "contact": {"phone": "13900139000", "consent": True},
            },
        },
    )
    # The kiosk's heartbeat: every device working, out of service since a hall time (the
    # alert's long words take a column's room, as on the try-out's page).
    beat = {
        "kiosk_id": "A7H3",
        "version": "0.1.0",
        "location": "政务服务中心一楼大厅",
        "devices": {
            **dict.fromkeys(("card", "scanner", "printer", "speech", "storage", "idcard"), "ok"),
            "paper": "ok",
        },
        "queue": {"pending": 0},
        "clock_offset_s": 0.4,
        "catalog_version": "2026.11",
        "service": {"state": "out_of_service", "since": clock.now.isoformat()},
    }
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200
    chromium.set_window_size(width, 900)
    _sign_in(chromium, base, "li")  # an operator: the 终端 page too
    chromium.get(base + "/console/cases")
    found = _numbers_on_lines(chromium, "cases")
    shown = {t for t, _ in found}
    # The page shows what the clerk reads out: both numbers, the days, the times.
    assert {"M001-261204-0001-2", "M001-261204-0003-7"} <= shown, found
    assert "2026-12-04" in shown and any(t.count(":") == 2 for t in shown), found
    broken = [(t, n) for t, n in found if n != 1]
    assert not broken, f"at {width} px these break over lines: {broken}"
    # The kind and its heading whole, the kiosk's place on two lines at most, while the
    # free text has room (try-out 15, K2: at 1024 px 投/诉 one character a line and
    # 政务服务中心一楼大厅 over four).
    table = chromium.find_element(By.ID, "cases")
    words = ["类型", "投诉", "评价", "不满意", "待回访", "政务服务中心一楼大厅"]
    found = [(str(t), int(n)) for t, n in chromium.execute_script(_LINES_OF_WORDS, table, words)]
    assert {t for t, _ in found} == set(words), found
    broken = [(t, n) for t, n in found if n > (2 if t == "政务服务中心一楼大厅" else 1)]
    assert not broken, f"at {width} px the 评价与投诉 page breaks these: {broken}"
    # ...and the table still fits the window: the note's box gives way, not the page.
    page, window = chromium.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert page <= window, f"at {width} px the page is {page} px wide"

    # 终端: each status word and the heartbeat's time with its clock's word, whole.
    chromium.get(base + "/console/fleet")
    fleet = chromium.find_element(By.ID, "fleet")
    last = fleet.find_element(By.CSS_SELECTOR, "td.last").text.splitlines()[0]
    at = last.removesuffix(" 大厅时间")
    words = ["正常", "暂停服务", "大厅时间", at, "身份证阅读器", "证件读卡器", "凭条打印机"]
    found = [(str(t), int(n)) for t, n in chromium.execute_script(_LINES_OF_WORDS, fleet, words)]
    assert last.endswith(" 大厅时间") and {t for t, _ in found} == set(words), found
    broken = [(t, n) for t, n in found if n != 1] + [
        (t, n) for t, n in _numbers_on_lines(chromium, "fleet") if n != 1
    ]
    assert not broken, f"at {width} px the 终端 page breaks these over lines: {broken}"
    page, window = chromium.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert page <= window, f"at {width} px the 终端 page is {page} px wide"
    # The English 评价与投诉 page fits too (its words break between words, not kept whole).
    chromium.get(base + "/console/cases?lang=en")
    page, window = chromium.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert page <= window, f"at {width} px the English cases page is {page} px wide"
