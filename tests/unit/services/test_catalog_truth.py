"""The catalog promises only what the kiosk does: it prints receipts, not certificates."""

from __future__ import annotations

import re

from kiosk.bundled_catalog import load_bundled_catalog

# The kiosk hands out a receipt; a certificate is issued at a counter.
PRINT_PROMISES = re.compile(
    r"即时打印|本机即可打印|本机打印|可在本机打印|printed on the spot|Printed at this kiosk", re.I
)


def test_no_service_promises_a_printed_certificate_at_the_kiosk() -> None:
    for s in load_bundled_catalog().services:
        for text in (s.summary, s.where):
            assert not PRINT_PROMISES.search(text.zh + " " + text.en), (s.id, text)


def test_hukou_certificate_says_where_it_is_issued() -> None:
    [s] = [s for s in load_bundled_catalog().services if s.id == "gongan.hukou_certificate"]
    assert "回执" in s.summary.zh and "户籍窗口" in s.where.zh


def test_english_time_limits_agree_in_number() -> None:
    for s in load_bundled_catalog().services:
        assert not re.search(r"\b1 (working )?days\b", s.time_limit.en), s.id
