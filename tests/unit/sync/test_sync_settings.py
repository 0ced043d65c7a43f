"""The [platform] keys of the sync agent, checked when the file is loaded."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kiosk.settings import PlatformSection


def test_the_status_page_is_https_or_loopback_http() -> None:
    ok = PlatformSection(public_status_url="https://zwfw.example.gov.cn/status/")
    assert ok.public_status_url == "https://zwfw.example.gov.cn/status"
    assert PlatformSection(public_status_url="http://127.0.0.1:8443").public_status_url
    for bad in ("http://zwfw.example.gov.cn", "ftp://x", "https://x/s?a=1", "status"):
        with pytest.raises(ValidationError):
            PlatformSection(public_status_url=bad)


def test_retry_after_cap_defaults_to_fifteen_minutes_and_is_bounded() -> None:
    assert PlatformSection().retry_after_cap_s == 900.0
    with pytest.raises(ValidationError):
        PlatformSection(retry_after_cap_s=0)
