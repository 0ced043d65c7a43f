"""A review of the catalog editor's guards over real HTTP: every route of it, found from
the router itself (a route added later is covered too), is for administrators only and
every state-changing one needs the session's CSRF token; every value an administrator
types or imports comes back escaped on every page that shows it; and publishing
publishes the draft that was reviewed, not one changed since by someone else."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace
from typing import Any

import requests
from fastapi import APIRouter
from fastapi.routing import APIRoute

from central.console import catalog_routes
from central.console.accounts import Role
from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import browser, csrf_of, sign_in

SID = "gongan.hukou_certificate"
# An attribute break-out and a script: shown escaped, never as markup.
EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"


def _catalog_routes() -> list[tuple[str, str]]:
    """(method, path) of every catalog editor route, the service id filled in."""
    router = APIRouter(prefix="/console")
    deps = SimpleNamespace(staff=SimpleNamespace(catalog_drafts=None))
    catalog_routes.add(router, deps, None, None, None)  # type: ignore[arg-type]
    out = []
    for r in router.routes:
        assert isinstance(r, APIRoute)
        for method in sorted(r.methods):
            out.append((method, r.path.replace("{sid}", SID)))
    return out


def _state(platform: EmbeddedPlatform) -> tuple[Any, ...]:
    p = platform.platform
    drafts = p.staff.catalog_drafts
    return (p.catalog_doc.get("version"), drafts.draft(), len(drafts.publications()))


def test_every_catalog_route_is_for_administrators_with_the_csrf_token(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    routes = _catalog_routes()
    posts = [path for method, path in routes if method == "POST"]
    assert len(posts) >= 6 and len(routes) > len(posts)
    before = _state(platform)
    admin = sign_in(base, "zhao")
    form = {"csrf": "forged", "version": "2026.99", "catalog": "{}", "name.zh": "x"}
    for method, path in routes:
        anonymous = browser().request(
            method, base + path, data=form, allow_redirects=False, timeout=5
        )
        assert anonymous.status_code == 303, (method, path)
        assert anonymous.headers["location"].endswith("/console/signin")
    for name in ("wang", "li"):
        staff = sign_in(base, name)
        token = csrf_of(staff.get(base + "/console/hall", timeout=5).text)
        for method, path in routes:
            r = staff.request(
                method, base + path, data={**form, "csrf": token}, allow_redirects=False
            )
            assert r.status_code == 403, (name, method, path)
    for path in posts:
        r = admin.post(base + path, data=form, allow_redirects=False, timeout=5)
        assert r.status_code == 403, path
        no_token = {k: v for k, v in form.items() if k != "csrf"}
        r = admin.post(base + path, data=no_token, allow_redirects=False, timeout=5)
        assert r.status_code == 403, path
    assert _state(platform) == before  # nothing drafted, published or discarded


def _import(admin: requests.Session, base: str, page: str, doc: object) -> requests.Response:
    """Post ``doc`` as the advanced view's import, with ``page``'s CSRF token."""
    return admin.post(
        base + "/console/catalog/advanced",
        data={"csrf": csrf_of(page), "catalog": json.dumps(doc, ensure_ascii=False)},
        allow_redirects=False,
        timeout=30,
    )


def _must_escape(page: str, where: str) -> None:
    assert "<script" not in page and "<img" not in page, f"markup from a value on {where}"
    assert "&lt;script&gt;" in page, f"the value is not shown on {where} (the test proves nothing)"


def _fields(page: str) -> dict[str, str]:
    from tests.integration.console.test_catalog import _fields as fields

    return fields(page)


def test_every_typed_or_imported_value_is_escaped_on_every_page(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog/new", timeout=5).text
    form = _fields(page)
    typed = {
        "id": "minzheng.evil",
        "department_id": "minzheng",
        "name.zh": "名" + EVIL,
        "name.en": "Name" + EVIL,
        "summary.zh": EVIL,
        "summary.en": EVIL,
        "where.zh": EVIL,
        "where.en": EVIL,
        "time_limit.days": "2",
        "time_limit.text.zh": "2个工作日" + EVIL,
        "time_limit.text.en": "2 working days" + EVIL,
        "fees.amount_cny": "0",
        "fees.text.zh": EVIL,
        "fees.text.en": EVIL,
        "materials.0.id": "photo",
        "materials.0.name.zh": "照片" + EVIL,
        "materials.0.name.en": EVIL,
        "form.fields.0.name": "reason",
        "form.fields.0.type": "choice",
        "form.fields.0.label.zh": EVIL,
        "form.fields.0.label.en": EVIL,
        "form.fields.0.options": "a | 甲" + EVIL + " | A" + EVIL + "\nb | 乙 | B",
        "form.fields.0.prefill": EVIL,
    }
    # A form sent back with an error shows every value as typed, escaped.
    r = admin.post(
        base + "/console/catalog/new", data={**form, **typed, "time_limit.days": "x"}, timeout=10
    )
    assert r.status_code == 400
    _must_escape(r.text, "the form with errors")
    assert _fields(r.text)["summary.zh"] == EVIL  # kept exactly as typed
    r = admin.post(
        base + "/console/catalog/new", data={**form, **typed}, allow_redirects=False, timeout=10
    )
    assert r.status_code == 303, r.text
    for path in ("/console/catalog", "/console/catalog/review", "/console/catalog/advanced"):
        _must_escape(admin.get(base + path, timeout=5).text, path)
    edit = admin.get(base + "/console/catalog/services/minzheng.evil", timeout=5).text
    _must_escape(edit, "the edit form")
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    version = "v<script>x</script>"
    r = admin.post(
        base + "/console/catalog/publish",
        data={**_fields(review), "csrf": csrf_of(review), "version": version},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303, r.text
    _must_escape(admin.get(base + r.headers["location"], timeout=5).text, "the published list")
    _must_escape(admin.get(base + "/console/audit", timeout=5).text, "the audit page")

    # Imported JSON: a service id is free text there, and shows in ids, links and forms.
    doc = admin.get(base + "/console/catalog/export", timeout=5).json()
    evil_id = "x" + EVIL
    doc["services"].append({**doc["services"][0], "id": evil_id})
    page = admin.get(base + "/console/catalog/advanced", timeout=5).text
    assert _import(admin, base, page, doc).status_code == 303
    for path in ("/console/catalog", "/console/catalog/review"):
        _must_escape(admin.get(base + path, timeout=5).text, path + " (imported id)")
    # A broken import comes back in the text box escaped too.
    r = admin.post(
        base + "/console/catalog/advanced",
        data={"csrf": csrf_of(page), "catalog": "</textarea>" + EVIL},
        timeout=10,
    )
    assert r.status_code == 400 and "</textarea><script" not in r.text
    _must_escape(r.text, "the advanced view with an error")


def test_publishing_publishes_the_draft_that_was_reviewed(platform: EmbeddedPlatform) -> None:
    """Two administrators: one reviews the draft, the other changes it meanwhile. 发布 on
    the first one's review page must not publish a change nobody reviewed: it says the
    draft changed and shows it again; nothing is lost and nothing is published."""
    from tests.integration.console.test_catalog import _edit, _post

    base = platform.base_url
    platform.platform.staff.add("qian", Role.ADMIN, "Admin-two-pass-99", dt.datetime.now(dt.UTC))
    zhao = sign_in(base, "zhao")
    qian = sign_in(base, "qian", "Admin-two-pass-99")
    _page, form = _edit(zhao, base)
    assert _post(zhao, f"{base}/console/catalog/services/{SID}", {**form, "summary.zh": "甲"})
    reviewed = zhao.get(base + "/console/catalog/review", timeout=5).text
    assert "甲" in reviewed and "乙" not in reviewed
    _page, form = _edit(qian, base)
    r = _post(qian, f"{base}/console/catalog/services/{SID}", {**form, "where.zh": "乙"})
    assert r.status_code == 303
    version = platform.platform.catalog_doc.get("version")
    r = _post(
        zhao,
        base + "/console/catalog/publish",
        {**_fields(reviewed), "csrf": csrf_of(reviewed), "version": "2026.12"},
    )
    assert r.status_code == 409, "published a draft changed after it was reviewed"
    assert "乙" in r.text and 'id="error"' in r.text  # the change is shown for review now
    assert platform.platform.catalog_doc.get("version") == version
    draft = platform.platform.staff.catalog_drafts.draft()
    assert draft is not None
    service = next(s for s in draft.doc["services"] if s["id"] == SID)
    assert service["summary"]["zh"] == "甲" and service["where"]["zh"] == "乙"  # nothing lost
    # Reviewed again, it publishes.
    r = _post(zhao, base + "/console/catalog/publish", {**_fields(r.text), "version": "2026.12"})
    assert r.status_code == 303, r.text
    assert platform.platform.catalog_doc.get("version") == "2026.12"
    assert re.search(r"2026\.12", zhao.get(base + "/console/catalog", timeout=5).text)


def test_discarding_keeps_a_draft_changed_since_it_was_shown(platform: EmbeddedPlatform) -> None:
    """放弃草稿 on a review page another administrator's later edit did not reach: their
    work is not thrown away unseen."""
    from tests.integration.console.test_catalog import _edit, _post

    base = platform.base_url
    platform.platform.staff.add("qian", Role.ADMIN, "Admin-two-pass-99", dt.datetime.now(dt.UTC))
    zhao = sign_in(base, "zhao")
    qian = sign_in(base, "qian", "Admin-two-pass-99")
    _page, form = _edit(zhao, base)
    _post(zhao, f"{base}/console/catalog/services/{SID}", {**form, "summary.zh": "甲"})
    shown = zhao.get(base + "/console/catalog/review", timeout=5).text
    _page, form = _edit(qian, base)
    _post(qian, f"{base}/console/catalog/services/{SID}", {**form, "where.zh": "乙"})
    discard = re.search(r'action="/console/catalog/discard">(.*?)</form>', shown, re.S)
    assert discard
    hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', discard.group(1)))
    r = _post(zhao, base + "/console/catalog/discard", hidden)
    assert r.status_code == 409 and "乙" in r.text
    assert platform.platform.staff.catalog_drafts.draft() is not None
    again = re.search(r'action="/console/catalog/discard">(.*?)</form>', r.text, re.S)
    assert again
    r = _post(
        zhao,
        base + "/console/catalog/discard",
        dict(re.findall(r'name="(\w+)" value="([^"]*)"', again.group(1))),
    )
    assert r.status_code == 303
    assert platform.platform.staff.catalog_drafts.draft() is None


def test_an_import_too_large_says_so(platform: EmbeddedPlatform) -> None:
    """A province's catalog can be larger than a form may post (2 MiB, URL-encoded: a
    Chinese character takes 9 bytes). The answer says that, and the way that takes it,
    rather than "the form expired" (a reload would lose the text for the same reason)."""
    base = platform.base_url
    admin = sign_in(base, "zhao")
    doc = admin.get(base + "/console/catalog/export", timeout=5).json()
    one = doc["services"][0]
    doc["services"] = [{**one, "id": f"big.s{i}"} for i in range(500)]
    page = admin.get(base + "/console/catalog/advanced", timeout=5).text
    r = _import(admin, base, page, doc)
    assert r.status_code == 413, r.status_code
    assert "表单已过期" not in r.text and "2 MiB" in r.text and "/admin/catalog" in r.text
    assert platform.platform.staff.catalog_drafts.draft() is None
