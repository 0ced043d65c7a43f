"""Dates and months: a number that names no month or day says so; a range between two
fields (截止月份 not before 起始月份) is checked on the screen and on submission."""

from __future__ import annotations

import datetime as dt

from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import FieldType, FormField, Text
from kiosk.services.form_rules import validate, validate_all

TODAY = dt.date(2026, 11, 23)


def _field(kind: FieldType, **kw: object) -> FormField:
    return FormField("f", kind, Text("字段", "Field"), **kw)  # type: ignore[arg-type]


def test_a_month_that_does_not_exist_is_not_a_format_error() -> None:
    month = _field(FieldType.MONTH)
    assert validate(month, "202513", TODAY, None) == "form.err.month_number"
    assert validate(month, "202500", TODAY, None) == "form.err.month_number"
    assert validate(month, "20251", TODAY, None) == "form.err.month"
    assert validate(month, "202512", TODAY, None) is None
    day = _field(FieldType.DATE)
    assert validate(day, "20251131", TODAY, None) == "form.err.date_number"
    assert validate(day, "2025113", TODAY, None) == "form.err.date"


def test_the_certificate_refuses_a_backwards_range() -> None:
    cert = load_bundled_catalog().by_id("renshe.contribution_certificate")
    assert cert is not None
    values = {
        "applicant_name": "张三",
        "id_number": "11010519491231002X",
        "from_month": "2025-01",
        "to_month": "2024-12",
    }
    assert validate_all(cert.form, values, TODAY, None) == {"to_month": "form.err.before"}
    values["to_month"] = "2025-01"  # one month: from and to the same
    assert validate_all(cert.form, values, TODAY, None) == {}
    values["from_month"] = "2025-13"  # the start unreadable: its own message only
    assert validate_all(cert.form, values, TODAY, None) == {"from_month": "form.err.month_number"}
