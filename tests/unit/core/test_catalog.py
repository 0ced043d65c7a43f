"""The catalog the kiosk ships and parses: complete, bilingual, searchable, robust."""

from __future__ import annotations

import json
from importlib import resources

from central.catalog_seed import catalog_document
from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import parse_catalog


def test_bundled_snapshot_matches_platform_seed() -> None:
    shipped = json.loads(resources.files("kiosk").joinpath("data/catalog.json").read_text("utf-8"))
    assert shipped == json.loads(json.dumps(catalog_document())), (
        "kiosk/data/catalog.json is stale: re-export it from central.catalog_seed"
    )


def test_every_service_is_complete_in_both_languages() -> None:
    cat = load_bundled_catalog()
    assert len(cat.services) >= 12
    assert len(cat.departments()) >= 7
    for s in cat.services:
        for text in (s.name, s.department, s.fee, s.where, s.time_limit):
            assert text.zh and text.en, s.id
        assert s.materials, s.id
        assert s.form, s.id


def test_search_by_keyword_and_pinyin_initials() -> None:
    cat = load_bundled_catalog()
    by_initials = cat.search("shbzk", "zh")
    assert any("社会保障卡" in s.name.zh for s in by_initials)
    assert any("社会保障卡" in s.name.zh for s in cat.search("社会保障卡", "zh"))
    assert cat.search("provident", "en")
    assert cat.search("zzzzqqq", "zh") == []


def test_malformed_entries_are_skipped_not_fatal() -> None:
    doc = catalog_document()
    doc["services"] = [*doc["services"][:2], {"id": "broken"}, "garbage", None]
    cat = parse_catalog(doc)
    assert [s.id for s in cat.services] == [s["id"] for s in doc["services"][:2]]
    assert parse_catalog("not a catalog").services == ()
