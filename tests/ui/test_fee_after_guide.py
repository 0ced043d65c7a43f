"""Try-out 8, C4: 往来港澳通行证再次签注 costs 15 yuan, said only in the guide; the review, the
receipt screen and the printed receipt never mentioned it, and a citizen left thinking the
application was complete and free. The kiosk takes no money: the review, the receipt
screen and the paper say the fee and how/where it is paid, from the catalog; a service
without a fee says nothing of one."""

from __future__ import annotations

import pytest

import kiosk.services.apply as apply_module
from drivers.printer.document import Document, KeyValue, Text
from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401  (rig: fixture)
from tests.ui.helpers import visible_texts

FEE_SERVICE = "gongan.hk_macau_endorsement"
FEE_VALUES = {"phone": "13800138000", "permit_number": "C12345678", "endorsement": "hk_1"}
FREE_SERVICE = "renshe.contribution_certificate"
FREE_VALUES = {"from_month": "2026-10", "to_month": "2026-11"}


def _to_review(r: ApplyRig, service: str, values: dict[str, str], lang: str) -> None:
    r.window.resize(1280, 800)
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = service
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    core.next()  # form
    core.sessions.current.form_values.update(values)
    core.next()  # documents
    core.next()  # review
    r.window.show_screen()
    r.at(Screen.REVIEW)
    if lang == "en":
        r.click("btn_lang")


def _every_page_text(r: ApplyRig) -> str:
    """What the review shows, page by page, turned by taps (确认提交 waits for that)."""
    seen = [" ".join(visible_texts(r.window))]
    for _ in range(10):
        if not r.shown("review_pager_next") or not r.button("review_pager_next").isEnabled():
            break
        r.click("review_pager_next")
        seen.append(" ".join(visible_texts(r.window)))
    return " ".join(seen)


def _paper(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Document]]:
    """Each receipt document the kiosk renders, with its language: the one printed (in
    the citizen's language) and the other language's, kept for a reprint (C9)."""
    docs: list[tuple[str, Document]] = []
    real = apply_module.submission_receipt

    def spy(data, lang):  # type: ignore[no-untyped-def]
        doc = real(data, lang)
        docs.append((lang, doc))
        return doc

    monkeypatch.setattr(apply_module, "submission_receipt", spy)
    return docs


def _words(doc: Document) -> str:
    out = []
    for b in doc.blocks:
        if isinstance(b, KeyValue):
            out.append(f"{b.key} {b.value}")
        elif isinstance(b, Text):
            out.append(b.text)
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fee_is_said_on_the_review_the_receipt_screen_and_paper(
    rig: ApplyRig,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    docs = _paper(monkeypatch)
    _to_review(rig, FEE_SERVICE, FEE_VALUES, lang)
    seen = _every_page_text(rig)
    where = "出入境窗口" if lang == "zh" else "exit-entry counter"
    fee = "15元" if lang == "zh" else "CNY 15"
    assert fee in seen and where in seen, seen
    rig.click("btn_submit")
    rig.qtbot.waitUntil(lambda: rig.core.screen() == Screen.SUBMITTED, timeout=5000)
    shown = " ".join(visible_texts(rig.window))
    assert fee in shown and where in shown, shown
    [doc] = [d for in_lang, d in docs if in_lang == lang]
    paper = _words(doc)
    assert "15.00" in paper and where in paper, paper
    # The copy kept for a reprint in the other language says the fee too.
    [other] = [d for in_lang, d in docs if in_lang != lang]
    assert "15.00" in _words(other), _words(other)


def test_no_fee_no_word_of_one(rig: ApplyRig, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    docs = _paper(monkeypatch)
    _to_review(rig, FREE_SERVICE, FREE_VALUES, "zh")
    seen = _every_page_text(rig)
    assert "费用" not in seen
    rig.click("btn_submit")
    rig.qtbot.waitUntil(lambda: rig.core.screen() == Screen.SUBMITTED, timeout=5000)
    assert "费用" not in " ".join(visible_texts(rig.window))
    [doc] = [d for in_lang, d in docs if in_lang == "zh"]
    assert "应缴费用" not in _words(doc)
