"""The cases page as the call-back clerk works it, in Debian's headless Chromium
(try-out 10, K4): each case says its state (待回访, 已逾期, or 已回访 with who and when),
the record form folds away once a follow-up is recorded, cases still waiting come
first by due date, and the page filters by state."""

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
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration


def _rate(kiosk: requests.Session, base: str, comment: str) -> str:
    key = str(uuid.uuid4())
    payload = {
        "level": 2,
        "label": "dissatisfied",
        "reasons": ["too_complex"],
        "comment": comment,
        "follow_up": {"phone": "13800138000", "consent": True, "purpose": "rating_follow_up"},
    }
    body = {"kind": "rating", "kiosk_id": "A7H3", "payload": payload}
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    return key


def _rows(driver: Any) -> list[tuple[str, str]]:
    """(key, state words) of each case listed, top to bottom."""
    return [
        (str(r.get_attribute("data-key")), r.find_element(By.CSS_SELECTOR, "td.state").text)
        for r in driver.find_elements(By.CSS_SELECTOR, "tr.case")
    ]


def _filter(driver: Any, state: str) -> list[tuple[str, str]]:
    driver.find_element(By.CSS_SELECTOR, f'#case-filter a[data-state="{state}"]').click()
    WebDriverWait(driver, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'#case-filter strong[data-state="{state}"]')
    )
    return _rows(driver)


def test_cases_show_their_state_fold_the_form_and_filter(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    base = clocked_platform.base_url
    waited = _rate(kiosk, base, "等了很久")
    broken = _rate(kiosk, base, "机器坏了")
    clock.now += dt.timedelta(days=22)  # both past their 15 working days
    small = _rate(kiosk, base, "字太小")  # just in: due in 15 working days
    _sign_in(chromium, base, "wang")
    chromium.find_element(By.ID, "nav-cases").click()

    # What still waits comes first, the soonest due first.
    rows = _rows(chromium)
    assert [s for _, s in rows] == ["已逾期", "已逾期", "待回访"]
    assert {k for k, _ in rows[:2]} == {waited, broken} and rows[2][0] == small
    assert "原因：" in chromium.find_element(By.CSS_SELECTOR, "tr.case .reasons").text

    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{waited}"]')
    row.find_element(By.NAME, "note").send_keys("已电话回访，演示了操作步骤")
    row.find_element(By.CSS_SELECTOR, "button.save").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "recorded"))
    assert "已回访" in chromium.find_element(By.ID, "recorded").text

    # Handled: its state says who and when (hall time), it goes below the waiting ones,
    # and the record form has folded away.
    rows = _rows(chromium)
    assert [k for k, _ in rows] == [broken, small, waited]
    hall = clock.now.astimezone()
    assert rows[2][1] == f"已回访 · wang · {hall:%Y-%m-%d %H:%M:%S} 大厅时间"
    handled = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{waited}"]')
    assert not handled.find_element(By.NAME, "note").is_displayed()
    assert chromium.find_element(
        By.CSS_SELECTOR, f'tr.case[data-key="{broken}"] textarea[name="note"]'
    ).is_displayed()

    # One filter per state; 待回访 keeps the overdue ones (they wait too).
    assert _filter(chromium, "overdue") == [(broken, "已逾期")]
    assert _filter(chromium, "open") == [(broken, "已逾期"), (small, "待回访")]
    assert [k for k, _ in _filter(chromium, "handled")] == [waited]
    counts = chromium.find_element(By.ID, "case-filter").text
    assert "全部 (3)" in counts and "待回访 (2)" in counts and "已逾期 (1)" in counts

    # A later call is still recorded: the folded form opens.
    handled = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{waited}"]')
    handled.find_element(By.CSS_SELECTOR, "details.more summary").click()
    assert handled.find_element(By.NAME, "note").is_displayed()


def test_a_complaint_says_when_it_was_sent_and_whose_number_it_shows(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    """A complaint read "评价时间：…" under 受理编号 (try-out 10, K5): it is no rating."""
    base = clocked_platform.base_url
    key = str(uuid.uuid4())
    sent = clock.now - dt.timedelta(minutes=30)  # saved offline, delivered later
    body = {
        "kind": "feedback",
        "kiosk_id": "A7H3",
        "tracking_number": "M001-261204-00052",
        "payload": {
            "category": "complaint",
            "text": "排队等候时间太长",
            "sent_at": sent.isoformat(),
        },
    }
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    rated = _rate(kiosk, base, "等了很久")
    _sign_in(chromium, base, "wang")
    chromium.get(base + "/console/cases")
    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{key}"]')
    when = row.find_element(By.CSS_SELECTOR, ".when").text
    assert when == f"投诉时间：{sent.astimezone():%Y-%m-%d %H:%M:%S} 大厅时间", when
    assert "评价" not in row.text
    number = row.find_element(By.CSS_SELECTOR, "td.number").text
    assert number.startswith("投诉编号") and "M001-261204-0005" in number
    other = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{rated}"]')
    assert other.find_element(By.CSS_SELECTOR, ".when").text.startswith("评价时间：")


def test_a_case_with_no_number_says_it_cannot_be_called_back(
    clocked_platform: EmbeddedPlatform,
    clock: Clock,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    """A complaint sent without a number (try-out 13, C3/K4) was listed 待回访 with an
    empty 回访电话 and a due date, then 已逾期: a case nobody can close by calling. It
    says so instead, in both languages, and is never counted as a call back due; a
    number given without consent to use it is no number to call."""
    base = clocked_platform.base_url
    key = str(uuid.uuid4())
    body = {
        "kind": "feedback",
        "kiosk_id": "A7H3",
        "tracking_number": "M001-261204-00037",
        "payload": {"category": "complaint", "text": "自助机器操作不方便"},
    }
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text
    unsure = str(uuid.uuid4())
    payload = {
        "level": 1,
        "label": "very_dissatisfied",
        "reasons": ["too_complex"],
        "follow_up": {"phone": "13900139000", "consent": False},
    }
    body = {"kind": "rating", "kiosk_id": "A7H3", "payload": payload}
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": unsure})
    assert r.status_code in (200, 201), r.text
    waited = _rate(kiosk, base, "等了很久")
    clock.now += dt.timedelta(days=22)  # all three past their 15 working days
    _sign_in(chromium, base, "wang")
    chromium.find_element(By.ID, "nav-cases").click()

    rows = dict(_rows(chromium))
    assert rows[waited] == "已逾期"
    assert rows[key] == rows[unsure] == "无联系方式，无法回访"
    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{key}"]')
    assert row.find_element(By.CSS_SELECTOR, "td.phone").text == "未留电话"
    assert row.find_element(By.CSS_SELECTOR, "td.due").text == "不回访"
    assert "13900139000" not in chromium.page_source  # no consent: not shown
    counts = chromium.find_element(By.ID, "case-filter").text
    assert "待回访 (1)" in counts and "已逾期 (1)" in counts and "无联系方式 (2)" in counts
    assert _filter(chromium, "open") == [(waited, "已逾期")]
    assert {k for k, _ in _filter(chromium, "no_contact")} == {key, unsure}

    # What the department did is still recorded, and said as that, not as a call back.
    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{key}"]')
    assert "处理情况" in row.text
    row.find_element(By.NAME, "note").send_keys("已转交设备厂家改进")
    row.find_element(By.CSS_SELECTOR, "button.save").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "recorded"))
    recorded = chromium.find_element(By.ID, "recorded").text
    assert "已记录处理情况" in recorded and "不回访" in recorded and "已回访" not in recorded
    assert dict(_rows(chromium))[key] == "无联系方式，无法回访"

    chromium.get(base + "/console/cases?lang=en")
    rows = dict(_rows(chromium))
    assert rows[key] == "No number given: cannot be called back" and rows[waited] == "Overdue"
    row = chromium.find_element(By.CSS_SELECTOR, f'tr.case[data-key="{key}"]')
    assert row.find_element(By.CSS_SELECTOR, "td.phone").text == "None given"
    assert "No number given (2)" in chromium.find_element(By.ID, "case-filter").text
