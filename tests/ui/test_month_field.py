"""A month field (起始月份) through the real window: the format is said before typing,
six digits are accepted as a month, and the review shows the month, not a made-up day.
Every date-like field in the bundled catalog is a date or a month (never a date field
labelled 月份)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import visible_texts
from tests.ui.test_tryout_fixes import _form_of

CATALOG = Path(__file__).parents[2] / "kiosk" / "data" / "catalog.json"


def _hint(r: ApplyRig) -> str:
    found = [w for w in r.window.findChildren(QLabel, "pad_hint") if w.isVisible()]
    return found[0].text() if found else ""


def test_month_field_says_its_format_and_takes_six_digits(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "renshe.contribution_certificate")
    r.click("value_from_month")
    # Before any typing, in words a citizen reads (not 年年年年月月: try-out 6).
    assert "4 位年份 + 2 位月份" in _hint(r) and "日" not in _hint(r)
    r.type("202401")
    shown = [w for w in r.window.findChildren(QLineEdit, "field_from_month") if w.isVisible()]
    assert shown and shown[0].text() == "2024-01"  # shown as a month as typed
    r.click("btn_done")
    assert "8 位日期" not in " ".join(visible_texts(r.window))
    assert r.core.sessions.current.form_values["from_month"] == "2024-01"
    r.click("value_to_month")
    r.type("202403")
    r.click("btn_done")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    texts = " ".join(visible_texts(r.window))
    assert "2024-01" in texts and "2024-01-01" not in texts


def test_a_date_field_says_its_format_before_typing(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, "renshe.unemployment_registration")
    r.click("value_leave_date")
    assert "4 位年份 + 2 位月份 + 2 位日期" in _hint(r)


def test_every_month_named_field_is_a_month_field() -> None:
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    fields = [f for s in catalog["services"] for f in s.get("form", {}).get("fields", [])]
    dated = [f for f in fields if f["type"] in ("date", "month")]
    assert dated
    for f in dated:
        label = f["label"]["zh"]
        assert (f["type"] == "month") == label.endswith("月份"), f["name"]
