"""The seeded catalog is complete enough for a real lobby and matches the published schema."""

from __future__ import annotations

import re

from central.catalog_seed import catalog_document, initials
from central.models import Catalog

IDENTITY_PREFILLS = {
    "identity.full_name",
    "identity.document_number",
    "identity.birth_date",
    "identity.sex",
    "identity.nationality",
    "identity.address",  # a starting value from a card on the SAM reader (editable)
}


def test_catalog_validates_against_the_api_schema() -> None:
    Catalog.model_validate(catalog_document())


def test_at_least_twelve_services_across_the_main_departments() -> None:
    doc = catalog_document()
    assert len(doc["services"]) >= 12
    used = {s["department_id"] for s in doc["services"]}
    assert {"gongan", "renshe", "minzheng", "yibao", "shuiwu", "shichang", "gongjijin"} <= used
    assert used <= {d["id"] for d in doc["departments"]}
    ids = [s["id"] for s in doc["services"]]
    assert len(ids) == len(set(ids))


def test_every_service_is_bilingual_and_fully_described() -> None:
    for s in catalog_document()["services"]:
        texts = (s["name"], s["summary"], s["where"], s["fees"]["text"], s["time_limit"]["text"])
        for text in texts:
            assert text["zh"] and text["en"], s["id"]
            assert re.search(r"[\u4e00-\u9fff]", text["zh"]), s["id"]
        assert s["materials"] and any(m["from_id_document"] for m in s["materials"]), s["id"]
        fields = s["form"]["fields"]
        assert fields and len({f["name"] for f in fields}) == len(fields), s["id"]
        for f in fields:
            assert f["prefill"] is None or f["prefill"] in IDENTITY_PREFILLS
            if f["type"] == "choice":
                assert f["options"], (s["id"], f["name"])
            if "pattern" in f["validation"]:
                re.compile(f["validation"]["pattern"])
        assert s["pinyin_initials"] == initials(s["name"]["zh"])


def test_popular_kiosk_and_appointment_services_exist() -> None:
    services = catalog_document()["services"]
    assert sum(s["popular"] for s in services) >= 5
    assert any(not s["kiosk_completable"] for s in services)
    appointment_depts = {d["department_id"] for d in catalog_document()["appointment_departments"]}
    assert {s["department_id"] for s in services if s["appointment"]} <= appointment_depts


def test_pinyin_initials() -> None:
    assert initials("社会保障卡补换") == "shbzkbh"
    assert initials("住房公积金提取（租房）") == "zfgjjtqzf"
