"""Templates: masking, both languages, optional parts."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from drivers.printer.document import Document, KeyValue, QrCode, Size, Text
from kiosk.receipts import (
    daily_summary,
    printer_test_page,
    queue_ticket,
    rating_thanks,
    samples,
    status_slip,
    submission_receipt,
)
from kiosk.receipts.samples import submission, ticket
from kiosk.receipts.strings import fmt_yuan


def _all_text(doc: Document) -> str:
    parts: list[str] = []
    for b in doc.blocks:
        for name in ("text", "key", "value", "data"):
            v = getattr(b, name, None)
            if isinstance(v, str):
                parts.append(v)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receipt_prints_only_masked_identity(lang: str) -> None:
    data = submission(lang)
    text = _all_text(submission_receipt(data, lang))
    assert data.id_number not in text
    assert data.applicant_name not in text
    assert "110105********002X" in text


def test_receipt_languages_differ_and_carry_the_same_facts() -> None:
    zh = _all_text(submission_receipt(submission("zh"), "zh"))
    en = _all_text(submission_receipt(submission("en"), "en"))
    assert "办事回执" in zh and "Submission Receipt" in en
    for fact in ("KS0107-20261123-0042-K", "¥20.50"):
        assert fact in zh and fact in en
    assert "2026年12月7日" in zh and "2026-12-07" in en


def test_receipt_without_missing_materials_says_so() -> None:
    data = dataclasses.replace(submission("zh"), materials_to_bring=(), fee_fen=None)
    text = _all_text(submission_receipt(data, "zh"))
    assert "必需材料已在本机提交" in text and "材料已齐全" not in text
    assert "应缴费用" not in text


def test_receipt_with_skipped_optional_papers_does_not_say_complete() -> None:
    data = dataclasses.replace(
        submission("zh"), materials_to_bring=(), optional_not_given=("结婚证",)
    )
    text = _all_text(submission_receipt(data, "zh"))
    assert "非必需材料未提交" in text and "结婚证" in text
    assert "必需材料已在本机提交" not in text and "材料已齐全" not in text


def test_receipt_says_how_the_identity_was_established() -> None:
    typed = dataclasses.replace(submission("zh"), identity_source="manual")
    assert "手工输入，待窗口核验" in _all_text(submission_receipt(typed, "zh"))
    chip = dataclasses.replace(submission("en"), identity_source="chip")
    assert "Read from the document chip" in _all_text(submission_receipt(chip, "en"))


def test_receipt_carries_the_given_qr_payload() -> None:
    doc = submission_receipt(submission("en"), "en")
    assert [b.data for b in doc.blocks if isinstance(b, QrCode)] == [submission("en").qr_payload]


def test_queue_number_is_the_biggest_text() -> None:
    doc = queue_ticket(ticket("zh"), "zh")
    [big] = [b for b in doc.blocks if isinstance(b, Text) and b.size is Size.HUGE]
    assert big.text == "A023"


def test_queue_ticket_optional_lines_disappear() -> None:
    data = dataclasses.replace(ticket("en"), waiting_ahead=None, counter=None, qr_payload=None)
    doc = queue_ticket(data, "en")
    keys = [b.key for b in doc.blocks if isinstance(b, KeyValue)]
    assert "Waiting ahead" not in keys and "Counter" not in keys
    assert doc.qr_payloads() == []


@pytest.mark.parametrize(
    ("template", "data"),
    [
        (submission_receipt, samples.submission),
        (queue_ticket, samples.ticket),
        (status_slip, samples.status),
        (rating_thanks, samples.thanks),
        (printer_test_page, samples.testpage),
        (daily_summary, samples.summary),
    ],
)
def test_unknown_language_is_refused(template: Any, data: Any) -> None:
    with pytest.raises(ValueError, match="unsupported receipt language"):
        template(data("zh"), "fr")


def test_yuan_formatting() -> None:
    assert fmt_yuan(2050) == "¥20.50"
    assert fmt_yuan(5) == "¥0.05"
    assert fmt_yuan(-100) == "-¥1.00"
