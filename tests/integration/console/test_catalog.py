"""The catalog editor over real HTTP: an administrator edits services in forms (errors
in words beside the field, nothing typed lost), the edits wait in a draft, the review
page shows what changes, publishing makes a new catalog version kiosks are served (new
ETag) and the audit page records who published what. The raw JSON stays as an advanced
view checked by the same model. Only administrators get in; forged posts are refused."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import requests

from central.console import catalog_edit
from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import csrf_of, sign_in

SID = "gongan.hukou_certificate"


def _fields(page: str) -> dict[str, str]:
    """The edit form's fields as the browser would post them (inputs, selects, textareas)."""
    out: dict[str, str] = {}
    for m in re.finditer(r"<input ([^>]*)>", page):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        if "name" not in attrs or (
            attrs.get("type") == "checkbox" and " checked" not in m.group(1)
        ):
            continue
        out[html.unescape(attrs["name"])] = html.unescape(attrs.get("value", ""))
    for m in re.finditer(r'<select name="([^"]+)"|<select id="[^"]*" name="([^"]+)"', page):
        name = m.group(1) or m.group(2)
        rest = page[m.end() : page.index("</select>", m.end())]
        chosen = re.search(r'<option value="([^"]*)" selected', rest)
        out[html.unescape(name)] = html.unescape(chosen.group(1)) if chosen else ""
    for m in re.finditer(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        out[html.unescape(m.group(1))] = html.unescape(m.group(2))
    return out


def _error(page: str, name: str) -> str:
    m = re.search(rf'id="err-{re.escape(name)}">([^<]*)<', page)
    assert m, f"no error shown beside {name}"
    return m.group(1)


def _edit(admin: requests.Session, base: str, sid: str = SID) -> tuple[str, dict[str, str]]:
    r = admin.get(f"{base}/console/catalog/services/{sid}", timeout=5)
    assert r.status_code == 200
    return r.text, _fields(r.text)


def _post(admin: requests.Session, url: str, data: dict[str, str]) -> requests.Response:
    return admin.post(url, data=data, allow_redirects=False, timeout=10)


def _reviewed(review: str) -> dict[str, str]:
    """The review page's 发布 form: the CSRF token and the fingerprint of the draft shown."""
    m = re.search(r'name="draft" value="([^"]+)"', review)
    assert m, "the review page does not say which draft it shows"
    return {"csrf": csrf_of(review), "draft": m.group(1)}


def _service(doc: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in doc["services"] if s["id"] == sid)


def test_edit_review_publish_and_audit(platform: EmbeddedPlatform, kiosk: requests.Session) -> None:
    base = platform.base_url
    before = kiosk.get(base + "/v1/catalog", timeout=5)
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog", timeout=5).text
    assert '<strong id="version">2026.11</strong>' in page and "尚未在控制台发布过" in page
    assert page.count('class="service"') == len(before.json()["services"])
    assert f'id="edit-{SID}"' in page and 'id="new-service"' in page

    # Edit: time limit 0 → 3 working days with new words; one material added, the form
    # comes back with every field the kiosk shows filled in.
    _form_page, form = _edit(admin, base)
    assert form["name.zh"] == "户籍证明开具" and form["materials.0.name.zh"] == "本人有效身份证件"
    form.update(
        {
            "time_limit.days": "3",
            "time_limit.text.zh": "3个工作日",
            "time_limit.text.en": "3 working days",
            "materials.1.name.zh": "户口簿",
            "materials.1.name.en": "Household register",
            "materials.1.id": "hukou_book",
            "materials.1.required": "false",
            "materials.1.copies": "1",
            "form.fields.0.validation.max_length": "20",
        }
    )
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303, r.text
    page = admin.get(base + r.headers["location"], timeout=5).text
    assert 'id="drafted"' in page and 'id="draft"' in page and "草稿中已改" in page
    # Kiosks still get the version in force: a draft is not published.
    assert (
        kiosk.get(
            base + "/v1/catalog", headers={"If-None-Match": before.headers["etag"]}
        ).status_code
        == 304
    )

    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'data-service-id="gongan.hukou_certificate"' in review
    assert review.count('class="change"') == 1  # the other services did not move
    assert re.search(
        r"承诺时限（天数，0 为即办）</td><td class=\"old\">0</td><td class=\"new\">3</td>", review
    )
    assert "户口簿 / Household register · 可选 · 复印份数 1" in review
    assert 'value="2026.12"' in review  # the next version, numbered as today
    r = _post(admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026.12"})
    assert r.status_code == 303
    page = admin.get(base + r.headers["location"], timeout=5).text
    assert 'id="saved"' in page and '<strong id="version">2026.12</strong>' in page
    assert 'id="no-draft"' in page
    row = re.search(
        rf'data-service-id="{re.escape(SID)}">.*?class="changed-in">([^<]*)<', page, re.S
    )
    assert row and row.group(1) == "2026.12"

    after = kiosk.get(base + "/v1/catalog", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.json()["version"] == "2026.12"
    served = _service(after.json(), SID)
    assert served["time_limit"]["days"] == 3 and served["time_limit"]["text"]["zh"] == "3个工作日"
    assert served["materials"][1] == {
        "id": "hukou_book",
        "name": {"zh": "户口簿", "en": "Household register"},
        "from_id_document": False,
        "required": False,
        "copies": 1,
    }
    # Nothing else moved: every other service, and this one's accepted documents, as before.
    old = before.json()
    assert [s for s in after.json()["services"] if s["id"] != SID] == [
        s for s in old["services"] if s["id"] != SID
    ]
    assert served["documents"] == _service(old, SID)["documents"]
    # Where the certificate is collected (try-out 15, C3) stays through the edit.
    assert served["pickup"] == _service(old, SID)["pickup"] and served["pickup"]
    assert served["form"]["fields"][0]["validation"] == {"max_length": 20}
    assert served["form"]["fields"][3]["validation"] == {"min": 1, "max": 5, "integer": True}

    audit = admin.get(base + "/console/audit", params={"q": "hukou"}, timeout=5).text
    pub = re.search(r'<tr class="publication">(.*?)</tr>', audit, re.S)
    assert pub, "the publication is not on the audit page"
    assert "2026.12" in pub.group(1) and "zhao" in pub.group(1) and SID in pub.group(1)


def test_errors_beside_the_fields_and_nothing_lost(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    form.update(
        {
            "time_limit.days": "三天",
            "fees.amount_cny": "-5",
            "name.zh": "",
            "materials.1.name.en": "Photo only in English",
            "summary.zh": "改过的简介",
            "form.fields.0.validation.pattern": "[0-9",
            "form.fields.3.validation.min_length": "1.5",
        }
    )
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 400 and 'id="errors"' in r.text
    assert _error(r.text, "time_limit.days") == "请填写整数。"
    assert _error(r.text, "name.zh") == "此项必填。"
    assert _error(r.text, "materials.1.name.zh") == "此项必填。"
    assert _error(r.text, "form.fields.0.validation.pattern") == "这不是有效的正则表达式。"
    assert _error(r.text, "form.fields.3.validation.min_length") == "请填写整数。"
    back = _fields(r.text)
    assert back["summary.zh"] == "改过的简介" and back["time_limit.days"] == "三天"
    assert back["materials.1.name.en"] == "Photo only in English"
    # Days changed but the words that say them did not: the kiosk would show the old ones.
    form.update({"time_limit.days": "5", "fees.amount_cny": "0", "name.zh": "户籍证明开具"})
    form.update({"form.fields.0.validation.pattern": "", "form.fields.3.validation.min_length": ""})
    form["materials.1.name.en"] = ""
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 400
    assert "天数已改" in _error(r.text, "time_limit.text.zh")
    # English page, English words.
    r = admin.post(
        f"{base}/console/catalog/services/{SID}?lang=en",
        data={**form, "time_limit.days": "x"},
        timeout=10,
    )
    assert _error(r.text, "time_limit.days") == "Enter a whole number."
    assert admin.get(base + "/console/catalog/review", timeout=5).text.count('class="change"') == 0


def test_more_rows_without_script_and_a_new_service(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog/new", timeout=5).text
    form = _fields(page)
    assert page.count('class="material"') == catalog_edit.BLANK_ROWS
    form.update({"id": "minzheng.test", "name.zh": "测试事项", "name.en": "Test service"})
    r = _post(admin, base + "/console/catalog/new", {**form, "action": "more_material_rows"})
    assert r.status_code == 200
    assert r.text.count('class="material"') == catalog_edit.BLANK_ROWS + catalog_edit.MORE_ROWS
    form = _fields(r.text)
    assert form["name.zh"] == "测试事项"  # kept across the postback
    r = _post(admin, base + "/console/catalog/new", {**form, "id": "gongan.hukou_certificate"})
    assert r.status_code == 400 and _error(r.text, "id") == "已有事项使用这个编码。"
    assert _error(r.text, "department_id") == "请从列表中选择一项。"
    form.update(
        {
            "department_id": "minzheng",
            "materials.3.name.zh": "照片",
            "time_limit.days": "2",
            "time_limit.text.zh": "2个工作日",
            "fees.amount_cny": "0",
        }
    )
    r = _post(admin, base + "/console/catalog/new", form)
    assert r.status_code == 303, r.text
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'data-service-id="minzheng.test"' in review and "新增" in review
    r = _post(admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026.11"})
    assert r.status_code == 400 and "请填写新的版本号" in r.text  # the version in force again
    r = _post(
        admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026年版"}
    )
    assert r.status_code == 303
    exported = admin.get(base + "/console/catalog/export", timeout=5)
    assert exported.json()["version"] == "2026年版"
    assert 'filename="catalog-2026__.json"' in exported.headers["content-disposition"]
    new = _service(kiosk.get(base + "/v1/catalog", timeout=5).json(), "minzheng.test")
    assert new["pinyin_initials"] == "cssx" and new["materials"][0]["name"]["zh"] == "照片"


def test_advanced_json_import_export(platform: EmbeddedPlatform, kiosk: requests.Session) -> None:
    base = platform.base_url
    etag = kiosk.get(base + "/v1/catalog", timeout=5).headers["etag"]
    admin = sign_in(base, "zhao")
    exported = admin.get(base + "/console/catalog/export", timeout=5)
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    doc = exported.json()
    page = admin.get(base + "/console/catalog/advanced", timeout=5).text
    for bad in ("{not json", json.dumps({"schema": "x", "version": "1"})):
        r = admin.post(
            base + "/console/catalog/advanced",
            data={"csrf": csrf_of(page), "catalog": bad},
            timeout=10,
        )
        assert r.status_code == 400 and "目录格式不正确，未发布" in r.text
        m = re.search(r'<textarea name="catalog"[^>]*>(.*?)</textarea>', r.text, re.S)
        assert m and html.unescape(m.group(1)) == bad  # what was typed is kept
    withdrawn = doc["services"][-1]["id"]
    doc["services"] = doc["services"][:-1]
    r = _post(
        admin,
        base + "/console/catalog/advanced",
        {"csrf": csrf_of(page), "catalog": json.dumps(doc, ensure_ascii=False)},
    )
    assert r.status_code == 303 and r.headers["location"] == "/console/catalog/review"
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert f'data-service-id="{withdrawn}"' in review and "下架" in review
    assert kiosk.get(base + "/v1/catalog", headers={"If-None-Match": etag}).status_code == 304
    r = _post(admin, base + "/console/catalog/discard", _reviewed(review))
    assert r.status_code == 303
    assert 'id="no-draft"' in admin.get(base + "/console/catalog/review", timeout=5).text


def test_a_draft_overtaken_by_another_publication_is_not_published(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    assert (
        _post(
            admin, f"{base}/console/catalog/services/{SID}", {**form, "summary.zh": "甲"}
        ).status_code
        == 303
    )
    platform.platform.set_catalog({**platform.platform.catalog_doc, "version": "2026.11-api"})
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'id="stale"' in review
    r = _post(
        admin, base + "/console/catalog/publish", {"csrf": csrf_of(review), "version": "2026.13"}
    )
    assert r.status_code == 409 and "不能发布" in r.text
    assert platform.platform.catalog_doc["version"] == "2026.11-api"


def test_only_administrators_and_only_with_the_csrf_token(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    pages = [
        "/console/catalog",
        f"/console/catalog/services/{SID}",
        "/console/catalog/new",
        "/console/catalog/review",
        "/console/catalog/advanced",
        "/console/catalog/export",
    ]
    for name in ("wang", "li"):
        staff = sign_in(base, name)
        for path in pages:
            assert staff.get(base + path, timeout=5).status_code == 403, (name, path)
        token = csrf_of(staff.get(base + "/console/hall", timeout=5).text)
        for path in (
            f"/console/catalog/services/{SID}",
            "/console/catalog/publish",
            "/console/catalog/advanced",
        ):
            r = staff.post(base + path, data={"csrf": token, "version": "9"}, timeout=5)
            assert r.status_code == 403, (name, path)
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    for path in (
        f"/console/catalog/services/{SID}",
        "/console/catalog/publish",
        "/console/catalog/discard",
    ):
        r = _post(admin, base + path, {**form, "csrf": "forged", "version": "2026.99"})
        assert r.status_code == 403 and "2026.99" not in r.text
    assert "草稿中已改" not in admin.get(base + "/console/catalog", timeout=5).text
    anonymous = requests.get(base + "/console/catalog", allow_redirects=False, timeout=5)
    assert anonymous.status_code == 303


def test_every_catalog_page_in_english(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    assert (
        _post(
            admin, f"{base}/console/catalog/services/{SID}", {**form, "summary.en": "New"}
        ).status_code
        == 303
    )
    for path, words in (
        ("/console/catalog", "Review and publish"),
        (f"/console/catalog/services/{SID}", "3 more rows"),
        ("/console/catalog/new", "Add a service"),
        ("/console/catalog/review", "Summary (English)"),
        ("/console/catalog/advanced", "Check and keep as the draft"),
    ):
        r = admin.get(base + path, params={"lang": "en"}, timeout=5)
        assert r.status_code == 200 and words in r.text, path
        assert '<html lang="en">' in r.text


def test_a_fields_hint_is_kept_through_an_edit_and_can_be_changed(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    """The permit number's hint (what one looks like) survives an edit of its service and is
    edited in the field's row; the review names the change (a publish dropped every hint)."""
    base = platform.base_url
    sid = "gongan.hk_macau_endorsement"
    old = _service(kiosk.get(base + "/v1/catalog", timeout=5).json(), sid)
    permit = next(f for f in old["form"]["fields"] if f.get("hint"))
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base, sid)
    row = next(
        k[: -len("name")] for k, v in form.items() if k.endswith(".name") and v == permit["name"]
    )
    assert form[row + "hint.zh"] == permit["hint"]["zh"]
    assert form[row + "hint.en"] == permit["hint"]["en"]
    form.update({row + "hint.zh": "通行证正面的号码，如 C12345678"})
    r = _post(admin, f"{base}/console/catalog/services/{sid}", form)
    assert r.status_code == 303, r.text
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert review.count('class="change"') == 1
    assert "填写提示：通行证正面的号码，如 C12345678 / " + permit["hint"]["en"] in html.unescape(
        review
    )
    r = _post(admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026.12"})
    assert r.status_code == 303
    new = _service(kiosk.get(base + "/v1/catalog", timeout=5).json(), sid)
    field = next(f for f in new["form"]["fields"] if f["name"] == permit["name"])
    assert field["hint"] == {"zh": "通行证正面的号码，如 C12345678", "en": permit["hint"]["en"]}
    # Everything else of the service as it was.
    assert {**new, "form": None} == {**old, "form": None}
    assert [f for f in new["form"]["fields"] if f["name"] != permit["name"]] == [
        f for f in old["form"]["fields"] if f["name"] != permit["name"]
    ]
