"""A form field's kiosk keyboard over real HTTP: the console's catalog editor shows
each field's keyboard and example, and refuses (in words, beside the keyboard) a
keyboard that cannot type what the field's pattern requires; ``PUT /admin/catalog``
refuses the same catalog, saying why."""

from __future__ import annotations

import copy

import requests

from central.catalog_seed import catalog_document
from central.embedded import EmbeddedPlatform
from tests.integration.central.conftest import admin  # noqa: F401  (fixture)
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_catalog import _edit, _error, _post

SID = "gongan.hk_macau_endorsement"


def test_the_editor_refuses_a_keyboard_that_cannot_type_the_pattern(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    staff = sign_in(base, "zhao")
    page, form = _edit(staff, base, SID)
    row = next(k for k, v in form.items() if v == "permit_number").rsplit(".", 1)[0]
    assert form[f"{row}.keyboard"] == "alnum" and f'id="{row}.keyboard"' in page
    assert form[f"{row}.validation.example"] == "C12345678"
    form[f"{row}.keyboard"] = "digits"
    r = _post(staff, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 400 and 'id="errors"' in r.text
    said = _error(r.text, f"{row}.keyboard")
    assert "数字键盘打不出示例“C12345678”中的 C" in said and "请选能输入这些字符的键盘" in said
    r = _post(staff, f"{base}/console/catalog/services/{SID}?lang=en", form)
    assert "The digits keyboard cannot type C" in _error(r.text, f"{row}.keyboard")
    # The letters-and-digits keyboard types it: saved to the draft.
    form[f"{row}.keyboard"] = "alnum"
    r = _post(staff, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303, r.text


def test_the_api_refuses_the_catalog_saying_why(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    admin: requests.Session,  # noqa: F811
) -> None:
    doc = copy.deepcopy(catalog_document("2026.12"))
    service = next(s for s in doc["services"] if s["id"] == SID)
    permit = next(f for f in service["form"]["fields"] if f["name"] == "permit_number")
    permit["keyboard"] = "digits"
    put = admin.put(platform.base_url + "/admin/catalog", json=doc, timeout=5)
    assert put.status_code == 422
    assert "the digits keyboard cannot type 'C'" in put.text
    served = kiosk.get(platform.base_url + "/v1/catalog", timeout=5).json()
    assert served["version"] == "2026.11"  # the catalog in force stays
