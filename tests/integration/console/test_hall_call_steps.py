"""The steps a hall runs on a staff call, over real HTTP (try-out 9, K1, K3): after
确认收到 the console offers 正在前往 (only then may the kiosk say 工作人员正在赶来) and
已处理 (the call closes); the kiosk's status answer says how far staff got, and each
step, like each sign-in, is on the searchable audit page with who and when."""

from __future__ import annotations

import re
import uuid

import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import csrf_of, sign_in
from tests.integration.console.test_hall import _call


def _row(hall: str, call_id: str) -> str:
    m = re.search(rf'<tr class="call" data-call-id="{call_id}">(.*?)</tr>', hall, re.S)
    assert m, "the call is not on the hall page"
    return m.group(1)


def _buttons(row: str) -> list[str]:
    return re.findall(r'<button type="submit" class="(\w+)">', row)


def _press(staff: requests.Session, base: str, call_id: str, step: str) -> None:
    hall = staff.get(base + "/console/hall", timeout=5).text
    r = staff.post(
        base + f"/console/hall/calls/{call_id}/{step}",
        data={"csrf": csrf_of(hall)},
        allow_redirects=False,
        timeout=5,
    )
    assert r.status_code == 303, r.text


def test_ack_then_on_my_way_then_handled_each_told_to_the_kiosk_and_audited(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    staff = sign_in(base, "wang")
    call_id = _call(kiosk, base)
    status = base + f"/v1/staff-calls/{call_id}"
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    assert _buttons(row) == ["ack", "coming", "done"] and "正在前往" in row and "已处理" in row

    _press(staff, base, call_id, "ack")
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    assert "确认收到 · wang" in row and _buttons(row) == ["coming", "done"]
    answer = kiosk.get(status, timeout=5).json()
    assert answer["state"] == "acknowledged" and answer["step"] == "acknowledged"

    _press(staff, base, call_id, "coming")
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    assert "正在前往 · wang" in row and _buttons(row) == ["done"]
    assert kiosk.get(status, timeout=5).json()["step"] == "coming"

    _press(staff, base, call_id, "done")
    row = _row(staff.get(base + "/console/hall", timeout=5).text, call_id)
    assert "已处理 · wang" in row and _buttons(row) == []
    answer = kiosk.get(status, timeout=5).json()
    assert answer["state"] == "acknowledged" and answer["step"] == "done"
    _press(staff, base, call_id, "done")  # pressed again (a stale page): the first stands

    hall = staff.get(base + "/console/hall", timeout=5).text
    r = staff.post(
        base + f"/console/hall/calls/{call_id}/forget", data={"csrf": csrf_of(hall)}, timeout=5
    )
    assert r.status_code == 404
    r = staff.post(
        base + f"/console/hall/calls/{uuid.uuid4()}/coming", data={"csrf": csrf_of(hall)}
    )
    assert r.status_code == 404

    # The audit page: the sign-in and each step, once, with who; searchable by words.
    admin = sign_in(base, "zhao")
    audit = admin.get(base + "/console/audit", timeout=5).text
    rows = re.findall(r'<tr class="console-event">(.*?)</tr>', audit, re.S)
    kinds = [re.search(r'class="kind"[^>]*>([^<]*)<', r).group(1) for r in rows]  # type: ignore[union-attr]
    assert kinds == [
        "登录控制台",  # zhao, just now
        "呼叫工作人员：已处理",
        "呼叫工作人员：正在前往",
        "呼叫工作人员：确认收到",
        "登录控制台",  # wang
    ]
    assert all(call_id in r and "A7H3" in r and "wang" in r for r in rows[1:4])
    found = admin.get(base + "/console/audit", params={"q": "正在前往"}, timeout=5).text
    assert found.count('class="console-event"') == 1
    found = admin.get(base + "/console/audit", params={"kiosk": "A7H3"}, timeout=5).text
    assert found.count('class="console-event"') == 3  # the sign-ins are no kiosk's
    english = admin.get(base + "/console/audit?lang=en", timeout=5).text
    assert "Staff call: on the way" in english and "Signed in to the console" in english
    hall_en = staff.get(base + "/console/hall?lang=en", timeout=5).text
    assert "Handled · wang" in hall_en
