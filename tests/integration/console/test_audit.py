"""Audit trails over real HTTP: entries from the kiosk's real audit log, delivered as
"audit" records, searched, and their chain verified (gaps, broken links, conflicts)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import requests

from central.embedded import EmbeddedPlatform
from kiosk.audit.chain import AuditLog
from kiosk.audit.trail import label
from tests.integration.console.conftest import PASSWORDS, sign_in


def _deliver(kiosk: requests.Session, base: str, entry: dict[str, Any], key: str) -> None:
    body = {
        "kind": "audit",
        "kiosk_id": entry["kiosk"],
        "tracking_number": label(entry["kiosk"], entry["seq"]),
        "payload": entry,
    }
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text


def test_audit_entries_are_searched_and_chains_verified(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    other_kiosk: requests.Session,
    tmp_path: Path,
) -> None:
    base = platform.base_url
    shipped: list[dict[str, Any]] = []
    clock = lambda: dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)  # noqa: E731
    good = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", clock, ship=shipped.append)
    for i in range(4):
        good.append("technician_sign_in" if i % 2 == 0 else "printer_reset", {"tech": f"T{i}"})
    bad = AuditLog(tmp_path / "c.log", os.urandom(32), "C012", clock, ship=shipped.append)
    for i in range(4):
        bad.append("config_changed", {"n": i})
    a_entries = [e for e in shipped if e["kiosk"] == "A7H3"]
    c_entries = [e for e in shipped if e["kiosk"] == "C012"]
    assert len(a_entries) == 4 and len(c_entries) == 4

    for e in reversed(a_entries):  # any order of arrival
        _deliver(kiosk, base, e, f"a-{e['seq']}")
    # C012: entry 2 still in the outbox, entry 4's link edited, entry 1 sent twice, altered.
    _deliver(other_kiosk, base, c_entries[0], "c-1")
    _deliver(other_kiosk, base, {**c_entries[0], "kind": "nothing_happened"}, "c-1-again")
    _deliver(other_kiosk, base, c_entries[2], "c-3")
    _deliver(other_kiosk, base, {**c_entries[3], "prev": "f" * 64}, "c-4")

    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/audit", timeout=5).text
    a_row = page.split('data-kiosk-id="A7H3"', 1)[1].split("</tr>", 1)[0]
    c_row = page.split('data-kiosk-id="C012"', 1)[1].split("</tr>", 1)[0]
    assert "完整" in a_row and "缺少" not in a_row and "断裂" not in a_row
    assert "缺少条目" in c_row and ">2<" not in c_row
    assert "链断裂: 4" in c_row and "同序号内容不一致: 1" in c_row and "完整" not in c_row

    found = admin.get(base + "/console/audit", params={"kiosk": "A7H3", "q": "printer"}).text
    assert found.count('class="entry"') == 2 and "technician_sign_in" not in found
    none = admin.get(base + "/console/audit", params={"q": "<script>"}).text
    assert "没有符合条件的审计条目" in none and "<script>" not in none  # escaped

    # Audit trails are for administrators.
    for name in ("wang", "li"):
        assert name in PASSWORDS
        assert sign_in(base, name).get(base + "/console/audit").status_code == 403


def test_audit_times_are_labelled_utc_to_the_second(
    platform: EmbeddedPlatform, kiosk: requests.Session, tmp_path: Path
) -> None:
    """The trail keeps the kiosk's real UTC on purpose (README's clock story): the page
    says so instead of showing raw ISO text with microseconds (try-out 7, 35)."""
    base = platform.base_url
    shipped: list[dict[str, Any]] = []
    at = dt.datetime(2026, 12, 5, 7, 9, 15, 869288, tzinfo=dt.UTC)
    log = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", lambda: at, ship=shipped.append)
    log.append("device.fault", {"device": "printer"})
    _deliver(kiosk, base, shipped[0], "m-1")
    page = sign_in(base, "zhao").get(base + "/console/audit", timeout=5).text
    row = page.split('<tr class="entry">', 1)[1].split("</tr>", 1)[0]
    assert "2026-12-05 07:09:15 UTC" in row and "869288" not in row and "+00:00" not in row
    assert "时间（UTC）" in page and "不是大厅时间" in page


def test_audit_entries_are_told_in_words_in_both_languages(
    platform: EmbeddedPlatform, kiosk: requests.Session, tmp_path: Path
) -> None:
    """Try-out 8, K5: the page showed ``panel.view_logs {"problems_only": true,
    "technician": "1000"}``; an administrator reads what happened, in their language."""
    base = platform.base_url
    shipped: list[dict[str, Any]] = []
    at = dt.datetime(2026, 12, 5, 10, 24, 31, tzinfo=dt.UTC)
    log = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", lambda: at, ship=shipped.append)
    log.append("panel.view_logs", {"problems_only": True, "technician": "1000"})
    log.append("device.fault", {"detail": "printer.offline", "device": "printer"})
    log.append("signout", {"reason": "signed_out", "technician": "1000"})
    log.append("panel.restart_devices", {"card": "ok", "scanner": "fault"})
    job = "e84914adfb184556aa877aa83f5ae5e5"
    reprint = {"job": job, "printed": False, "technician": "1000"}
    log.append("panel.reprint", {**reprint, "tracking_number": "M001-261207-0001-0"})
    for e in shipped:
        _deliver(kiosk, base, e, f"w-{e['seq']}")
    admin = sign_in(base, "zhao")

    def rows(lang: str, q: str = "") -> dict[str, str]:
        page = admin.get(base + "/console/audit", params={"lang": lang, "q": q}, timeout=5).text
        out = {}
        for row in page.split('<tr class="entry">')[1:]:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row.split("</tr>", 1)[0], re.S)
            out[cells[3]] = cells[4]
        return out

    zh = rows("zh")
    assert zh["查看日志"] == "只看问题：是；技术员：1000"
    assert zh["设备故障"] == "详情：未连接或未开机；设备：凭条打印机"  # as the panel says it
    assert zh["技术员退出维护面板"] == "原因：主动退出；技术员：1000"
    assert zh["重启证件读卡器和摄像头"] == "证件读卡器：正常；摄像头：故障"
    # A reprint named by its 受理编号 first, as the citizen's paper says (try-out 15, K3).
    assert (
        zh["补打凭条"] == f"受理编号：M001-261207-0001-0；打印任务：{job}；已打印：否；技术员：1000"
    )
    en = rows("en")
    assert en["Viewed the log"] == "Problems only: yes; Technician: 1000"
    assert en["Device fault"] == "Detail: Not connected or switched off; Device: Receipt printer"
    assert en["Reprinted a slip"].startswith("Tracking number: M001-261207-0001-0; Print job: ")
    for page in (zh, en):
        text = " ".join(page) + " ".join(page.values())
        assert "panel." not in text and "{" not in text and "&#34;" not in text
    # What the page shows is what one searches for.
    assert list(rows("zh", "查看日志")) == ["查看日志"]
