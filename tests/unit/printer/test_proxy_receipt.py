"""代办 receipts: the agent is named on paper, masked like the applicant, never in full."""

from __future__ import annotations

import dataclasses

import pytest

from drivers.printer.document import KeyValue
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.escpos_render import encode_text
from drivers.printer.transports import DummyLink
from drivers.printer.types import PAPER_58MM, PAPER_80MM, PaperProfile
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import proxy_submission, submission
from tests.integration.printer.escpos_parser import parse_receipt

AGENT_MASKED = "110105********018X"


def _bytes(lang: str, profile: PaperProfile) -> bytes:
    link = DummyLink()
    EscposPrinter(link, profile).print_document(submission_receipt(proxy_submission(lang), lang))
    return link.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_agent_line_follows_the_id_number_masked(lang: str) -> None:
    doc = submission_receipt(proxy_submission(lang), lang)
    pairs = [(b.key, b.value) for b in doc.blocks if isinstance(b, KeyValue)]
    keys = [k for k, _v in pairs]
    agent_key = "代办人" if lang == "zh" else "Agent"
    assert keys.index(agent_key) == keys.index("证件号码" if lang == "zh" else "ID number") + 1
    value = dict(pairs)[agent_key]
    assert value == ("王*明 " if lang == "zh" else "WANG X******* ") + AGENT_MASKED


@pytest.mark.parametrize("profile", [PAPER_58MM, PAPER_80MM], ids=lambda p: p.name)
def test_agent_is_printed_masked_in_the_escpos_bytes(profile: PaperProfile) -> None:
    out = _bytes("zh", profile)
    assert encode_text("王*明") in out  # Chinese runs go inside FS & ... FS .
    assert AGENT_MASKED.encode() in out
    assert "小".encode("gb18030") not in out and "王小明" not in parse_receipt(out).text
    assert b"11010519800101018X" not in out
    text = parse_receipt(out).text
    assert "代办人" in text and "110105********002X" in text  # the applicant is still there


def test_receipt_without_agent_has_no_agent_line() -> None:
    doc = submission_receipt(submission("zh"), "zh")
    assert all(b.key != "代办人" for b in doc.blocks if isinstance(b, KeyValue))
    empty = dataclasses.replace(proxy_submission("zh"), agent_name="", agent_id_number="")
    assert submission_receipt(empty, "zh") == doc
