"""The platform's catalog check of form fields' keyboards: the model (``PUT
/admin/catalog``, the advanced JSON view) and the console's form refuse a field whose
keyboard cannot type its example (a value its pattern accepts), and a pattern without
an example; the platform's idea of each keyboard is the kiosk's."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from central import keyboards as central_keyboards
from central.catalog_seed import catalog_document
from central.console import catalog_edit
from central.console.i18n import tr
from central.models import Catalog
from kiosk import catalog as kiosk_catalog
from kiosk import keyboards as kiosk_keyboards

SID = "gongan.hk_macau_endorsement"


def _permit(doc: dict[str, Any]) -> dict[str, Any]:
    service = next(s for s in doc["services"] if s["id"] == SID)
    return next(f for f in service["form"]["fields"] if f["name"] == "permit_number")


def test_the_platform_knows_the_kiosks_keyboards() -> None:
    assert set(central_keyboards.KEYBOARDS) == {k.value for k in kiosk_keyboards.Keyboard}
    for k in kiosk_keyboards.Keyboard:
        assert central_keyboards.CHARACTERS[k.value] == kiosk_keyboards.CHARACTERS[k]
    for ftype in kiosk_catalog.FieldType:
        f = kiosk_catalog.FormField("f", ftype, kiosk_catalog.Text("字段", "Field"))
        kiosk_keys = kiosk_catalog.keyboard_of(f)
        as_json = {"type": ftype.value, "validation": {}}
        assert central_keyboards.keyboard_of(as_json) == (kiosk_keys and kiosk_keys.value)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"keyboard": "digits"}, "the digits keyboard cannot type 'C' of the example"),
        ({"validation": {"pattern": r"^C[0-9A-Z]{8}$"}}, "needs validation.example"),
        ({"validation": {"pattern": r"^C[0-9A-Z]{8}$", "example": "X1"}}, "does not match"),
    ],
)
def test_the_model_refuses_a_field_its_keyboard_cannot_fill(
    change: dict[str, Any], words: str
) -> None:
    Catalog.model_validate(catalog_document())  # the seed's fields can all be typed
    doc = copy.deepcopy(catalog_document())
    _permit(doc).update(change)
    with pytest.raises(ValidationError) as caught:
        Catalog.model_validate(doc)
    assert words in str(caught.value)


def test_an_older_catalog_without_keyboards_or_patterns_is_taken() -> None:
    doc = copy.deepcopy(catalog_document())
    for s in doc["services"]:
        for f in s["form"]["fields"]:
            f.pop("keyboard", None)
            f["validation"].pop("pattern", None)
            f["validation"].pop("example", None)
    Catalog.model_validate(doc)


@pytest.mark.parametrize(
    ("lang", "box", "said"),
    [
        ("zh", "keyboard", "数字键盘打不出示例“C12345678”中的 C，群众将无法填写"),
        ("en", "keyboard", "The digits keyboard cannot type C of the example “C12345678”"),
    ],
)
def test_the_console_form_says_it_beside_the_keyboard(lang: str, box: str, said: str) -> None:
    doc = catalog_document()
    service = next(s for s in doc["services"] if s["id"] == SID)
    values = catalog_edit.form_values(service)
    row = next(k for k, v in values.items() if v == "permit_number").rsplit(".", 1)[0]
    assert values[f"{row}.keyboard"] == "alnum"
    assert values[f"{row}.validation.example"] == "C12345678"
    depts = [d["id"] for d in doc["departments"]]
    values[f"{row}.keyboard"] = "digits"
    parsed = catalog_edit.parse(values, lambda k: tr(k, lang), depts, [], service)
    assert parsed.service is None
    assert said in parsed.errors[f"{row}.{box}"]
    assert set(parsed.errors) == {f"{row}.{box}"}, parsed.errors  # said once, in its place
    values[f"{row}.keyboard"] = "alnum"
    values[f"{row}.validation.example"] = ""
    parsed = catalog_edit.parse(values, lambda k: tr(k, lang), depts, [], service)
    assert set(parsed.errors) == {f"{row}.validation.example"}
