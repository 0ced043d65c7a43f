"""Every kiosk screen has a name staff can act on, in both languages (try-out 6, C1: a
call made from a booking's result page was listed with 页面 = "号码"). The platform may
not import the kiosk (import-linter); the test holds both and checks the console knows
every screen the kiosk can send, each by a name of its own."""

from __future__ import annotations

import pytest
import requests

from central.console.i18n import label, labels
from central.embedded import EmbeddedPlatform
from kiosk.flow import Screen
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_hall import _call, _row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_has_a_name_of_its_own(lang: str) -> None:
    known = labels()["screen"]
    assert set(known) >= {s.value for s in Screen}, "a screen the console cannot name"
    names = [label("screen", s.value, lang) for s in Screen]
    assert all(n and n not in {s.value for s in Screen} for n in names)
    assert len(set(names)) == len(names), "two screens under one name"


def test_a_call_from_the_ticket_page_says_where_the_citizen_is(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    staff = sign_in(base, "wang")
    call_id = _call(kiosk, base, screen="ticket")
    zh = _row(staff.get(base + "/console/hall?lang=zh", timeout=5).text, call_id)
    assert "<td>取号或预约结果（号码页）</td>" in zh
    en = _row(staff.get(base + "/console/hall?lang=en", timeout=5).text, call_id)
    assert "<td>Queue number or booking result</td>" in en
