"""The catalog editor's rules without a browser: next version numbers, the version each
service last changed in, a diff that ignores keys left at their defaults, and the form
round trip (a service's form values parse back to the same service)."""

from __future__ import annotations

import copy

import pytest

from central.catalog_seed import catalog_document
from central.console import catalog_edit
from central.console.i18n import tr


def t(key: str) -> str:
    return tr(key, "zh")


@pytest.mark.parametrize(
    ("own", "after"),
    [
        ("2026.11", "2026.12"),
        ("2026.09", "2026.10"),
        ("2026.12.04-console", "2026.12.04-console.1"),
        ("7", "8"),
        ("", "1"),
    ],
)
def test_next_version(own: str, after: str) -> None:
    assert catalog_edit.next_version(own) == after


def test_last_changed_names_the_version_of_the_latest_change() -> None:
    seed = catalog_document()
    v2 = copy.deepcopy(seed) | {"version": "2026.12"}
    v2["services"][0]["time_limit"]["days"] = 99
    v3 = copy.deepcopy(v2) | {"version": "2026.13"}
    v3["services"][1].pop("documents")  # it had some: now any document
    v3["services"][2]["form"]["fields"][0]["options"] = None  # the default written out
    changed = catalog_edit.last_changed([seed, v2, v3])
    assert changed[seed["services"][0]["id"]] == "2026.12"
    assert changed[seed["services"][1]["id"]] == "2026.13"
    assert changed[seed["services"][2]["id"]] == "2026.11"  # options: None is no change
    assert changed[seed["services"][3]["id"]] == "2026.11"


def test_every_seeded_service_survives_the_form_round_trip() -> None:
    doc = catalog_document()
    depts = [d["id"] for d in doc["departments"]]
    for s in doc["services"]:
        parsed = catalog_edit.parse(catalog_edit.form_values(s), t, depts, [], s)
        assert parsed.errors == {}, (s["id"], parsed.errors)
        assert parsed.service is not None
        assert (
            catalog_edit.diff(
                doc,
                {**doc, "services": [parsed.service if x is s else x for x in doc["services"]]},
                "zh",
                t,
            )
            == []
        )


def test_the_fee_words_without_a_receipt_go_when_the_fee_words_are_edited() -> None:
    # Try-out 17, C3: the kiosk says them while no receipt printed; written for the old
    # words, they would say something else than the fee line staff just wrote.
    doc = catalog_document()
    depts = [d["id"] for d in doc["departments"]]
    [s] = [x for x in doc["services"] if x["id"] == "gongan.hk_macau_endorsement"]
    values = catalog_edit.form_values(s)
    kept = catalog_edit.parse(values, t, depts, [], s).service
    assert (
        kept is not None and kept["fees"]["pay_without_receipt"] == s["fees"]["pay_without_receipt"]
    )
    values["fees.pay.zh"] = "请到出入境窗口缴纳"
    edited = catalog_edit.parse(values, t, depts, [], s).service
    assert edited is not None and "pay_without_receipt" not in edited["fees"], edited["fees"]
