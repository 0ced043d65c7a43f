"""Device state codes on the audit page in words (try-out 11, K3): "详情：scanner.no_picture"
and "详情：platform.down" stood next to worded rows in the Chinese page; the kiosk's own
panel says 没有画面（请检查摄像头连线）. Every code the panel words, the console words
alike, in both languages; in Debian's headless Chromium no code is left in the text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import requests

from central.console.i18n import labels
from central.embedded import EmbeddedPlatform
from kiosk.audit.chain import AuditLog
from tests.integration.console.test_audit import _deliver
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401
from ui.strings.device_states import STRINGS

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.integration

# The panel's entries that are no state code: templates and its own fallbacks.
NOT_CODES = {"unknown", "none", "idcard.sam", "idcard.no_photo"}


def test_every_state_the_panel_words_the_console_words_alike() -> None:
    panel = {
        k.removeprefix("devstate."): {"zh": zh, "en": en}
        for k, (zh, en) in STRINGS.items()
        if k.removeprefix("devstate.") not in NOT_CODES
    }
    assert panel, "no device states found"
    assert labels()["devstate"] == panel


def test_the_audit_page_says_device_faults_in_words(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    tmp_path: Path,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    shipped: list[dict[str, Any]] = []
    at = dt.datetime(2026, 12, 7, 2, 18, 4, tzinfo=dt.UTC)
    log = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", lambda: at, ship=shipped.append)
    log.append("device.fault", {"device": "scanner", "detail": "scanner.no_picture"})
    log.append("device.fault", {"device": "platform", "detail": "platform.down"})
    log.append("device.fault", {"device": "idcard", "detail": "idcard.not_answering"})
    for e in shipped:
        _deliver(kiosk, base, e, f"k3-{e['seq']}")
    _sign_in(chromium, base, "zhao")
    seen = {}
    for lang in ("zh", "en"):
        chromium.get(f"{base}/console/audit?lang={lang}")
        seen[lang] = [
            c.text for c in chromium.find_elements(By.CSS_SELECTOR, "tr.entry td.details")
        ]
    assert "详情：没有画面（请检查摄像头连线）；设备：摄像头" in seen["zh"], seen
    assert "详情：连接不上；设备：政务平台" in seen["zh"], seen
    assert "详情：读卡器没有应答（请检查连线和电源）；设备：身份证阅读器" in seen["zh"], seen
    assert "Detail: Not reachable; Device: Platform" in seen["en"], seen
    assert "Detail: No picture (check the camera's cable); Device: Camera" in seen["en"], seen
    for text in seen["zh"] + seen["en"]:
        assert "." not in text.replace("...", ""), text  # no code such as scanner.no_picture


def test_a_reprint_has_one_word_on_the_panel_and_the_console() -> None:
    """Try-out 17, K5: the panel's recent jobs offered 重打, its failed jobs 补打, and the
    console's audit page called either 补打凭条: one act, one word, 补打 (as the slip's
    own heading and the citizen's 补打回执 say it)."""
    from central.console.audit_words import kind_words
    from central.console.i18n import strings
    from ui.strings.maintenance import STRINGS as PANEL

    zh, en = PANEL["maint.reprint"]
    assert kind_words("panel.reprint", "zh").startswith(zh)
    assert kind_words("panel.reprint", "en").startswith(en)
    panel = [z for z, _ in PANEL.values()]
    console = [w["zh"] for w in strings().values()] + list(labels()["screen"]["reprint"].values())
    assert not [t for t in panel + console if "重打" in t]
