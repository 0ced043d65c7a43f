"""Every console button is readable, measured as the browser paints it (try-out 8, K1:
退出登录 was white text on Chromium's light-grey default button, nearly invisible, so
staff on a shared counter PC could not find how to sign out and the next person acted
under their name). WCAG AA asks 4.5:1 for text; disabled buttons are exempt."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.test_console_chromium import _sign_in
from tests.integration.console.test_hall import _call
from tests.support.chromium import headless_chromium

pytest.importorskip("selenium.webdriver")

pytestmark = pytest.mark.integration

SID = "renshe.ss_card_replace"
AA_TEXT = 4.5

# Each enabled button (and link drawn as a button) with its text colour and the colour
# it is painted on: its own background, else the nearest ancestor's, else the page's.
_MEASURE = """
function rgba(s) {
  const m = s.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return [255, 255, 255, 1];
  const p = m[1].split(',').map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
const out = [];
for (const el of document.querySelectorAll('button, input[type=submit], a.danger')) {
  if (el.disabled || el.offsetParent === null) continue;
  let bg = [255, 255, 255, 1];
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) { bg = c; break; }
  }
  out.push({id: el.id || el.className || el.tagName, text: (el.innerText || el.value).trim(),
            fg: rgba(getComputedStyle(el).color), bg: bg});
}
return out;
"""


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG 2 contrast ratio; a translucent text colour is blended onto its background."""
    a = fg[3]
    blended = [fg[i] * a + bg[i] * (1 - a) for i in range(3)]
    hi, lo = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_of_a_light_grey_button_is_low() -> None:
    # The measurement itself: white on Chromium's default button face fails AA.
    assert contrast([255, 255, 255, 1], [239, 239, 239, 1]) < 1.2
    assert contrast([0, 0, 0, 1], [255, 255, 255, 1]) == pytest.approx(21.0)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    with headless_chromium(tmp_path / "chromium-profile") as driver:
        driver.set_window_size(1366, 900)
        yield driver


def _ticket_today(kiosk: requests.Session, base: str) -> None:
    body = {
        "kind": "appointment",
        "kiosk_id": "A7H3",
        "payload": {
            "type": "queue_ticket",
            "department_id": "gongan.huzheng",
            "number": "1-A001",
            "hall": "政务服务中心一楼大厅",
            "issued_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        },
    }
    key = str(uuid.uuid4())
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text


def test_every_console_button_meets_aa_contrast_in_both_languages(
    platform: EmbeddedPlatform, kiosk: requests.Session, chromium: Any
) -> None:
    base = platform.base_url
    _call(
        kiosk, base, hall="政务服务中心一楼大厅"
    )  # the hall page's 确认收到 (one hall: the ticket's)
    _ticket_today(kiosk, base)  # and its 叫号
    pages = [
        "/console/hall",
        "/console/fleet",
        "/console/cases",
        "/console/catalog",
        f"/console/catalog/services/{SID}",
        f"/console/catalog/services/{SID}/withdraw",
        "/console/catalog/advanced",
        "/console/catalog/review",
        "/console/audit",
    ]
    chromium.get(base + "/console/signin")
    signin = chromium.execute_script(_MEASURE)
    _sign_in(chromium, base, "zhao")
    seen: dict[str, float] = {}
    low = []
    for lang in ("zh", "en"):
        for n, path in enumerate(pages):
            chromium.get(f"{base}{path}?lang={lang}" if n == 0 else base + path)
            for b in chromium.execute_script(_MEASURE) + (signin if lang == "zh" else []):
                ratio = contrast(b["fg"], b["bg"])
                seen[b["id"]] = min(ratio, seen.get(b["id"], 99.0))
                if ratio < AA_TEXT:
                    low.append(f"{lang} {path} {b['id']} '{b['text']}' {ratio:.2f}:1")
    # The buttons staff rely on were all on the pages measured.
    for must in ("signout", "signin", "ack", "call-next", "search", "save", "confirm-withdraw"):
        assert must in seen, (must, sorted(seen))
    assert not low, "\n".join(low)
