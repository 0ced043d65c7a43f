"""The review's heading names only what this form hides (try-out 7, C-g): it said
"姓名、证件号码、电话和银行账号已部分隐去" on 社会保障卡补换 and 个人参保证明, forms with no
bank account (and the second with no phone). The citizen reads it on the real window."""

from __future__ import annotations

import pytest

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401  (rig: fixture)


def _review_of(r: ApplyRig, service: str, values: dict[str, str], lang: str) -> str:
    """The review of ``service`` with ``values`` answered, as the citizen sees its heading."""
    r.window.resize(1920, 1080)
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
    return r.label("review_prompt")


SS_CARD = {"phone": "13800138000", "address": "Dongcheng Road 1", "reason": "lost", "bank": "icbc"}
CERT = {"from_month": "2026-10", "to_month": "2026-11"}
RENT = {"phone": "13800138000", "bank_account": "6222020200112233445", "amount": "1500"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_form_without_a_bank_account_does_not_say_one_is_hidden(rig, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    prompt = _review_of(rig, "renshe.ss_card_replace", SS_CARD, lang)
    if lang == "zh":
        assert "姓名" in prompt and "证件号码" in prompt and "电话" in prompt
        assert "银行账号" not in prompt
    else:
        assert "names" in prompt and "ID" in prompt and "phone" in prompt
        assert "bank" not in prompt


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_form_without_a_phone_does_not_say_one_is_hidden(rig, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    prompt = _review_of(rig, "renshe.contribution_certificate", CERT, lang)
    if lang == "zh":
        assert "姓名" in prompt and "证件号码" in prompt and "已部分隐去" in prompt
        assert "电话" not in prompt and "银行账号" not in prompt
    else:
        assert "names" in prompt and "partly hidden" in prompt
        assert "phone" not in prompt and "bank" not in prompt


def test_a_bank_account_answered_is_named(rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    prompt = _review_of(rig, "gongjijin.rent_withdrawal", RENT, "zh")
    assert "电话" in prompt and "银行账号" in prompt and "已部分隐去" in prompt


def test_a_birth_date_says_only_its_year_shows(rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    values = {"phone": "13800138000", "reason": "expiry", "delivery": "counter"}
    prompt = _review_of(rig, "gongan.id_card_renewal", values, "zh")
    assert "出生日期只显示年份" in prompt and "银行账号" not in prompt


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_address_shown_whole_is_said_to_be(rig, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # Try-out 8, C2: "姓名、证件号码和电话已部分隐去" over an address shown in full read as a
    # selective promise. The address is shown whole for checking: the heading says so.
    prompt = _review_of(rig, "renshe.ss_card_replace", SS_CARD, lang)
    assert ("地址完整显示" if lang == "zh" else "address shows in full") in prompt
    values = {**SS_CARD, "address": ""}  # none given: nothing said of one
    prompt = _review_of(rig, "renshe.ss_card_replace", values, lang)
    assert "地址" not in prompt and "address" not in prompt
