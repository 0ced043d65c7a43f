"""A poor rating on the cases page carries what the call-back clerk opens the call with
(try-out 9, K4): the service rated, or plainly that a rating from the home screen's 评价
tile names none; when it was given, in hall time; and the kiosk by where it stands."""

from __future__ import annotations

import datetime as dt
import re

import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_cases import _rating, _send


def _row(page: str, key: str) -> str:
    m = re.search(rf'<tr class="case" data-key="{key}">(.*?)</tr>', page, re.S)
    assert m, "the rating is not on the cases page"
    return m.group(1)


def test_a_rating_says_what_when_and_where(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    beat = {"kiosk_id": "A7H3", "version": "1", "location": "政务服务中心二楼西侧"}
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200
    alone = _send(kiosk, base, "rating", _rating(1, "very_dissatisfied", ""))
    rated = _send(
        kiosk,
        base,
        "rating",
        _rating(2, "dissatisfied", "等了很久", service_id="renshe.ss_card_replace"),
        "M001-261204-00012",
    )
    page = sign_in(base, "li").get(base + "/console/cases", timeout=5).text
    hall = dt.datetime.fromisoformat("2026-12-04T10:00:00+08:00").astimezone()
    row = _row(page, alone)
    assert "首页“评价”按钮所评，未关联具体办理事项" in row
    # As read: the date and the time are each kept whole on the page by their own span.
    assert f"评价时间：{hall:%Y-%m-%d %H:%M}" in re.sub(r"<[^>]+>", "", row)
    assert "政务服务中心二楼西侧" in row and "A7H3" in row
    row = _row(page, rated)
    assert "评价事项：社会保障卡补换" in row and "未关联" not in row
    en = sign_in(base, "li").get(base + "/console/cases?lang=en", timeout=5).text
    assert "Service rated: Social security card replacement" in _row(en, rated)
    # Try-out 20, K2: plain English, not "...the home screen's Rate tile: no service named".
    assert "Rated from the home screen (no service)" in _row(en, alone)
