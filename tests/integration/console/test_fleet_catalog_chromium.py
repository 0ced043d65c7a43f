"""The fleet page, in Debian's headless Chromium, says which catalog each kiosk holds and
flags the kiosks that still quote the fees of an older one (try-out 10, K2). Two real
sync agents over real HTTP, authenticated by their tokens, report through their
heartbeats; the one that was behind catches up on its next heartbeat."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.sync import ManualClock, SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.memory_caches import MemoryCatalogCache
from offline_cache.sqlite_outbox import SqliteOutbox
from tests.integration.central.conftest import Creds
from tests.integration.console.conftest import PASSWORDS
from tests.support.chromium import headless_chromium

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    with headless_chromium(tmp_path / "chromium-profile") as driver:
        yield driver


@pytest.fixture
def agent_clock() -> ManualClock:
    return ManualClock(dt.datetime.now(dt.UTC))


@pytest.fixture
def agents(
    platform: EmbeddedPlatform, creds: Creds, tmp_path: Path, agent_clock: ManualClock
) -> Iterator[dict[str, SyncAgent]]:
    """Kiosks A7H3 and C012: real agents with their own outboxes, catalog caches, tokens."""
    clock = agent_clock
    made: dict[str, SyncAgent] = {}
    dbs = []
    for kid in ("A7H3", "C012"):
        token = tmp_path / f"{kid}.token"
        token.write_text(creds.tokens[kid])
        token.chmod(0o600)
        db = Database(tmp_path / f"{kid}.db")
        dbs.append(db)
        outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / f"{kid}.key"))
        config = SyncConfig(base_url=platform.base_url, kiosk_id=kid, token_file=token)
        made[kid] = SyncAgent(config, outbox, catalog_cache=MemoryCatalogCache(), clock=clock)
    yield made
    for a in made.values():
        a.stop()
    for db in dbs:
        db.close()


def _publish(platform: EmbeddedPlatform, admin_token: str) -> None:
    doc = copy.deepcopy(platform.platform.catalog_doc)
    service = next(s for s in doc["services"] if s["id"] == "gongan.hk_macau_endorsement")
    service["fees"].update({"amount_cny": 20, "text": {"zh": "20元", "en": "CNY 20"}})
    doc["version"] = "2026.12"
    r = requests.put(
        platform.base_url + "/admin/catalog",
        json=doc,
        headers={"X-Admin-Token": admin_token},
        timeout=5,
    )
    assert r.status_code == 200, r.text


def _catalog_cells(driver: Any) -> dict[str, str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.kiosk")
    return {
        r.get_attribute("data-kiosk-id"): r.find_element(By.CSS_SELECTOR, "td.catalog").text
        for r in rows
    }


def test_the_fleet_page_shows_each_kiosks_catalog_and_flags_the_old(
    platform: EmbeddedPlatform,
    creds: Creds,
    agents: dict[str, SyncAgent],
    agent_clock: ManualClock,
    chromium: Any,
) -> None:
    behind, current = agents["A7H3"], agents["C012"]
    beat_s = behind.config.heartbeat_s
    behind.run_once()  # start-up: heartbeat, catalog 2026.11
    agent_clock.advance(beat_s)
    behind.run_once()  # its next heartbeat reports 2026.11
    _publish(platform, creds.admin_token)
    current.run_once()  # C012 starts after the publication: 2026.12
    agent_clock.advance(beat_s)
    current.run_once()  # and reports it (A7H3 has not beaten since the publication)

    base = platform.base_url
    chromium.get(base + "/console/signin")
    chromium.find_element(By.ID, "username").send_keys("li")  # an operator
    chromium.find_element(By.ID, "password").send_keys(PASSWORDS["li"][1])
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "who"))
    chromium.get(base + "/console/fleet")
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "fleet"))
    header = [th.text for th in chromium.find_elements(By.CSS_SELECTOR, "#fleet th")]
    assert "事项目录" in header
    cells = _catalog_cells(chromium)
    assert cells["A7H3"].startswith("2026.11") and "未更新（已发布 2026.12）" in cells["A7H3"]
    assert cells["C012"] == "2026.12"
    lagging = chromium.find_element(By.ID, "catalog-lagging").text
    assert "1 台终端" in lagging and "2026.12" in lagging and "每 60 秒" in lagging

    # A7H3's next heartbeat (due: a period since its last) names the new catalog:
    # fetched in the same pass, reported by the heartbeat right after.
    behind.run_once()
    behind.run_once()
    chromium.get(base + "/console/fleet")
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "fleet"))
    assert _catalog_cells(chromium) == {"A7H3": "2026.12", "C012": "2026.12"}
    assert not chromium.find_elements(By.ID, "catalog-lagging")
