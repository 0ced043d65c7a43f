"""The catalog editor over real HTTP: an administrator publishes a new catalog version,
kiosks are served it (new ETag); an invalid catalog is refused calmly and nothing changes."""

from __future__ import annotations

import html
import json
import re

import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import csrf_of, sign_in


def _textarea(page: str) -> str:
    m = re.search(r'<textarea name="catalog"[^>]*>(.*?)</textarea>', page, re.S)
    assert m, "no catalog editor on the page"
    return html.unescape(m.group(1))


def test_publish_a_new_catalog_version(platform: EmbeddedPlatform, kiosk: requests.Session) -> None:
    base = platform.base_url
    before = kiosk.get(base + "/v1/catalog", timeout=5)
    assert before.status_code == 200
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog", timeout=5).text
    doc = json.loads(_textarea(page))
    assert doc == before.json()  # the editor opens on the catalog in force
    # The version in force is the catalog's own, as in its JSON (try-out 3 read "0").
    assert f'<strong id="version">{doc["version"]}</strong>' in page
    assert "尚未在控制台发布过" in page
    doc["version"] = "2026.12.04-console"
    doc["services"] = doc["services"][:-1]  # a service withdrawn
    r = admin.post(
        base + "/console/catalog",
        data={"csrf": csrf_of(page), "catalog": json.dumps(doc, ensure_ascii=False)},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303
    page = admin.get(base + r.headers["location"], timeout=5).text
    assert 'id="saved"' in page and "2026.12.04-console" in page  # in the versions list
    assert '<strong id="version">2026.12.04-console</strong>' in page
    assert "控制台第 1 次发布" in page
    after = kiosk.get(base + "/v1/catalog", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert after.json()["version"] == "2026.12.04-console"
    assert len(after.json()["services"]) == len(before.json()["services"]) - 1


def test_an_invalid_catalog_is_refused_and_nothing_changes(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    etag = kiosk.get(base + "/v1/catalog", timeout=5).headers["etag"]
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog", timeout=5).text
    for bad in ("{not json", json.dumps({"schema": "x", "version": "1"})):
        r = admin.post(
            base + "/console/catalog", data={"csrf": csrf_of(page), "catalog": bad}, timeout=10
        )
        assert r.status_code == 400 and "目录格式不正确，未发布" in r.text
        assert _textarea(r.text) == bad  # what was typed is kept, not lost
    assert kiosk.get(base + "/v1/catalog", headers={"If-None-Match": etag}).status_code == 304
    r = admin.post(base + "/console/catalog", data={"csrf": "forged", "catalog": "{}"})
    assert r.status_code == 403


def test_the_catalog_editor_is_for_administrators(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    for name in ("wang", "li"):
        assert sign_in(base, name).get(base + "/console/catalog").status_code == 403
