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


def test_every_service_names_a_counter_the_hall_takes_numbers_for() -> None:
    # Try-out 8, C14: receipts sent 人社/医保 applicants to a window the queue screen
    # did not offer. The catalog check: each service's counter is a bookable one.
    import json
    from importlib import resources

    from kiosk.catalog import parse_appointment_departments

    text = resources.files("kiosk").joinpath("data/catalog.json").read_text(encoding="utf-8")
    counters = {d.id for d in parse_appointment_departments(json.loads(text))}
    for s in load_bundled_catalog().services:
        assert s.counter in counters, (s.id, s.counter)


def test_a_fee_says_how_and_where_it_is_paid() -> None:
    # Try-out 8, C4: the kiosk takes no money; a fee without these words read as "done".
    for s in load_bundled_catalog().services:
        if s.fee_cny > 0:
            assert s.fee_pay is not None and s.fee_pay.zh and s.fee_pay.en, s.id
        else:
            assert s.fee_pay is None, s.id
