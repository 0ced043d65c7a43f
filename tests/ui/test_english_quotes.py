"""English strings use English quotation marks (try-out 14, E7: the identify screen's
fault message read `tap “Type my ID number”.`, the curly quotes drawn full-width by the
Chinese face, with what looked like a stray space inside each). The Chinese keep theirs."""

from __future__ import annotations

from ui.i18n import STRINGS

CJK_QUOTES = "“”‘’「」『』"


def test_no_english_string_has_chinese_quotation_marks() -> None:
    bad = {k: en for k, (_zh, en) in STRINGS.items() if any(c in en for c in CJK_QUOTES)}
    assert bad == {}


def test_the_identify_fault_names_the_typed_way_in_english_quotes() -> None:
    from ui.i18n import tr

    said = tr("identify.fault.way.manual", "en", manual=tr("identify.manual", "en"))
    assert said == 'tap "Type my ID number"'
