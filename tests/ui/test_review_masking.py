"""Try-out 6, item 5: one masking rule on the review, and the heading says what it hides.

Identifiers (names, ID, phone and bank account numbers) show only their first and last
characters (a bank account as 6222 **** **** **** 3445, its last 4 to check against
the card); an address is shown whole, to be checked. The receipt never prints an
answer whole that the review hides. Reached by taps where the finding was (typing
the account), then the review read as the citizen sees it, page by page.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_identity_truth import _receipt_text
from tests.ui.test_tryout_fixes import _form_of

RENT = "gongjijin.rent_withdrawal"
ACCOUNT = "6222020200112233445"
MASKED = "6222 **** **** **** 3445"


def _review_texts(r: ApplyRig) -> str:
    """Every line of the review the citizen pages through (each page in turn)."""
    seen: list[str] = []
    for _ in range(30):
        r.settle()
        seen += [w.text() for w in r.window.findChildren(QLabel) if w.isVisible()]
        nxt = [
            b for b in r.window.findChildren(QAbstractButton, "review_pager_next") if b.isVisible()
        ]
        if not nxt or not nxt[0].isEnabled():
            break
        r.click("review_pager_next")
    return "\n".join(seen)


@pytest.mark.parametrize(
    ("size", "lang", "assisted"),
    [((1080, 1920), "zh", False), ((1280, 800), "en", True), ((1920, 1080), "zh", True)],
)
def test_bank_account_masked_with_its_last_digits(rig: ApplyRig, size, lang, assisted) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.window.resize(*size)
    if assisted:
        r.click("btn_assisted")
    _form_of(r, RENT)
    if lang == "en":
        r.click("btn_lang")
    values = r.core.sessions.current.form_values
    values.update(phone="13800138000", amount="1500")
    if assisted:
        r.click("btn_step_next")  # the phone, given
    else:
        r.click("value_bank_account")
    r.type(ACCOUNT)  # on the number pad
    assert values["bank_account"] == ACCOUNT
    r.core.next()  # documents (photographing has its own tests)
    r.core.next()  # review
    r.window.show_screen()
    r.at(Screen.REVIEW)
    texts = _review_texts(r)
    assert MASKED in texts and ACCOUNT not in texts
    # The heading says what is hidden (its short form, on a short panel, says nothing).
    prompt = r.label("review_prompt")
    if "（" in prompt or "(" in prompt:
        assert ("银行账号" in prompt) if lang == "zh" else ("bank account" in prompt)
    r.check_every_page()
    r.click("btn_submit")
    if assisted:
        r.click("btn_choice_yes")  # 长辈模式 asks once more before submitting
    r.at(Screen.SUBMITTED)
    (rec,) = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    assert ACCOUNT not in _receipt_text(r, rec.tracking_number)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_address_shown_whole_to_be_checked(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    if lang == "en":
        r.click("btn_lang")
    texts = _review_texts(r)
    assert "Dongcheng Road 1" in texts  # whole, as typed (not "Dongch***")
    assert "张三丰" not in texts and "11010519491231002X" not in texts  # still masked
    assert "13800138000" not in texts and "138****8000" in texts
