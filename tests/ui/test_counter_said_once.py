"""Try-out C8: the receipt page said "at the counter" twice in one line in English
("Still to do at the counter: collect the certificate at the counter"), and again on
the next line ("Please bring these to the counter: ..."). Under the line that names
the counter, the catalog's pickup and the papers to bring do not name it again; the
submitted page and the printed receipt each say it once. One window: English, the
landscape panel, where the page has room for the papers' names (the long forms)."""

from __future__ import annotations

import pytest

from tests.ui.conftest_apply import ApplyRig, manual_identity, rig, to_review  # noqa: F401  (fixture)
from tests.ui.test_fee_after_guide import _paper, _words
from tests.ui.test_receipt_first_page import every_page, submit

SERVICE = "renshe.contribution_certificate"  # a certificate collected at a counter


def test_the_counter_is_named_once_on_the_page_and_the_paper(
    rig: ApplyRig,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r = rig
    docs = _paper(monkeypatch)
    r.window.resize(1920, 1080)
    r.click("btn_lang")
    # Typed in: the ID document is a paper to bring, a line under the pickup's.
    months = {"from_month": "2026-10", "to_month": "2026-11"}
    to_review(r, SERVICE, months, identity=manual_identity(latin=True))
    submit(r)
    todo = " ".join(p.get("submitted_bring", "") for p in every_page(r))
    assert "collect the certificate" in todo and "Also bring:" in todo, todo
    assert todo.lower().count("counter") == 1, todo
    [doc] = [d for lang, d in docs if lang == "en"]
    head = _words(doc).split("\n")[:2]
    assert head[0] == "Still to do at a counter:", head
    assert "collect the certificate" in head[1].lower() and "counter" not in head[1], head
