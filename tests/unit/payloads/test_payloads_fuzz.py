"""≥ 10,000 generated payloads: the parser never raises and never accepts a mutation.

Each Hypothesis example carries a batch of payloads (batches amortise Hypothesis's
per-example overhead, which dominates a 16 µs parse): 500×8 random byte strings,
500×8 random texts and 1,000×4 mutated signed codes = 12,000 payloads.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.payloads import (
    PayloadStatus,
    issue_eid_token,
    parse_payload,
    sign_appointment,
    sign_receipt,
)
from tests.unit.payloads.conftest import ISSUER, NOW, Fleet

FUZZ = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def no_parser_errors(caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    """The parser's catch-all logs a bug; a clean run must have logged none."""
    caplog.set_level(logging.ERROR, logger="kiosk.payloads")
    yield
    assert not [r for r in caplog.records if r.name.startswith("kiosk.payloads")]


_CODES: dict[int, list[str]] = {}


def _valid_codes(fleet: Fleet) -> list[str]:
    if id(fleet) in _CODES:
        return _CODES[id(fleet)]
    _CODES[id(fleet)] = [
        sign_receipt(fleet.tracking_a, fleet.kiosk_a),
        sign_appointment("YY20261123A", NOW.date(), fleet.platform, "P1"),
        issue_eid_token(
            fleet.platform, {"sub": "s", "surname": "王"}, kid="P1", issuer=ISSUER, now=NOW
        ),
    ]
    return _CODES[id(fleet)]


@settings(FUZZ, max_examples=500)
@given(batch=st.lists(st.binary(max_size=400), min_size=8, max_size=8))
def test_random_bytes_never_raise(fleet: Fleet, no_parser_errors: None, batch: list[bytes]) -> None:
    for data in batch:
        r = parse_payload(data, fleet.keys, now=NOW)
        assert r.message_key.startswith("payload.")


@settings(FUZZ, max_examples=500)
@given(batch=st.lists(st.text(max_size=200), min_size=8, max_size=8))
def test_random_text_never_raises(fleet: Fleet, no_parser_errors: None, batch: list[str]) -> None:
    for text in batch:
        r = parse_payload(text, fleet.keys, now=NOW)
        assert r.status is not PayloadStatus.OK or r.kind.value in ("url", "tracking")


_ALPHABET = "ZWRA1.0123456789ABCDEFGHJKMXYeyJ-_=+/ \x00中"


_EDITS = st.lists(
    st.tuples(
        st.integers(0, 10_000), st.sampled_from(["set", "del", "ins"]), st.sampled_from(_ALPHABET)
    ),
    min_size=1,
    max_size=4,
)


@settings(FUZZ, max_examples=1000)
@given(
    batch=st.lists(st.tuples(st.integers(0, 2), _EDITS), min_size=4, max_size=4),
    when=st.integers(-3 * 86400, 3 * 86400),
)
def test_mutated_signed_codes_never_raise_or_verify(
    fleet: Fleet,
    no_parser_errors: None,
    batch: list[tuple[int, list[tuple[int, str, str]]]],
    when: int,
) -> None:
    for which, edits in batch:
        _check_mutation(fleet, which, edits, when)


def _check_mutation(fleet: Fleet, which: int, edits: list[tuple[int, str, str]], when: int) -> None:
    original = _valid_codes(fleet)[which]
    chars = list(original)
    for pos, op, ch in edits:
        i = pos % (len(chars) + 1)
        if op == "ins":
            chars.insert(i, ch)
        elif chars and i < len(chars):
            if op == "del":
                del chars[i]
            else:
                chars[i] = ch
    mutated = "".join(chars)
    r = parse_payload(mutated, fleet.keys, now=NOW + dt.timedelta(seconds=when))
    if mutated.strip() != original and r.ok:
        # The only edits allowed to keep a signature valid are ones that change nothing
        # the signature covers: there are none in our formats.
        pytest.fail(f"mutated code accepted: {mutated!r}")
