"""Two administrators press 发布 on the same reviewed draft in the same instant, each on
another platform process of one database (two platforms here, each with its own server
and connections): exactly one publication wins, the other gets a calm 409 page, and one
catalog version is stored, not two. On SQLite and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
import requests

from central.console.accounts import Role
from central.embedded import EmbeddedPlatform, start_embedded
from tests.integration.central.conftest import Creds
from tests.integration.central.test_store_contract import (  # noqa: F401  (fixtures)
    cluster,
    target,
)
from tests.integration.console.conftest import PASSWORDS, sign_in
from tests.integration.console.test_catalog import SID, _edit, _post, _reviewed

ROUNDS = 3  # each round a new draft and a new pair of simultaneous 发布


@pytest.fixture
def two_platforms(creds: Creds, target: str) -> Iterator[tuple[EmbeddedPlatform, ...]]:  # noqa: F811
    with (
        start_embedded(creds.config(db_path=target)) as a,
        start_embedded(creds.config(db_path=target)) as b,
    ):
        now = dt.datetime.now(dt.UTC)
        a.platform.staff.add("zhao", Role.ADMIN, PASSWORDS["zhao"][1], now)
        a.platform.staff.add("qian", Role.ADMIN, "Admin-two-pass-99", now)
        yield a, b


def _publish_together(
    sessions: list[tuple[requests.Session, str, dict[str, str]]],
) -> list[requests.Response]:
    """Post every 发布 form at the same instant (one thread each, released together)."""
    barrier = threading.Barrier(len(sessions))
    out: list[requests.Response | BaseException] = [RuntimeError("not sent")] * len(sessions)

    def press(i: int) -> None:
        session, url, form = sessions[i]
        try:
            barrier.wait(10)
            out[i] = _post(session, url, form)
        except BaseException as e:  # reported below, on the test's thread
            out[i] = e

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in out:
        if isinstance(r, BaseException):
            raise r
    return [r for r in out if isinstance(r, requests.Response)]


def test_two_simultaneous_publishes_store_one_version(
    two_platforms: tuple[EmbeddedPlatform, EmbeddedPlatform],
) -> None:
    a, b = two_platforms
    zhao = sign_in(a.base_url, "zhao")
    qian = sign_in(b.base_url, "qian", "Admin-two-pass-99")
    drafts = a.platform.staff.catalog_drafts
    for n in range(ROUNDS):
        versions_before = len(a.platform.store.catalog_versions())
        published_before = len(drafts.publications())
        _page, form = _edit(zhao, a.base_url)
        r = _post(
            zhao, f"{a.base_url}/console/catalog/services/{SID}", {**form, "where.zh": f"第{n}窗口"}
        )
        assert r.status_code == 303, r.text
        # Both review the same draft, each on their own platform process.
        seen_a = zhao.get(a.base_url + "/console/catalog/review", timeout=5).text
        seen_b = qian.get(b.base_url + "/console/catalog/review", timeout=5).text
        assert _reviewed(seen_a)["draft"] == _reviewed(seen_b)["draft"]
        answers = _publish_together(
            [
                (zhao, a.base_url + "/console/catalog/publish",
                 {**_reviewed(seen_a), "version": f"2027.{n}a"}),
                (qian, b.base_url + "/console/catalog/publish",
                 {**_reviewed(seen_b), "version": f"2027.{n}b"}),
            ]
        )  # fmt: skip
        codes = sorted(r.status_code for r in answers)
        assert codes == [303, 409], f"round {n}: {codes} (two publications of one draft?)"
        assert len(a.platform.store.catalog_versions()) == versions_before + 1, f"round {n}"
        assert len(drafts.publications()) == published_before + 1
        assert drafts.draft() is None  # the draft went out once
        lost = next(r for r in answers if r.status_code == 409)
        # A calm page saying what happened, in the console's own words, not a traceback.
        assert 'id="error"' in lost.text and "Traceback" not in lost.text
        # Said truthfully: the reviewed draft went out (or, if asked between the winner's
        # claim and its record, that there is no draft to publish).
        assert "已经发布" in lost.text or "没有待发布的草稿" in lost.text, lost.text
        assert "目录已经发布过新版本" not in lost.text  # not "stale: discard and edit again"
        # Whichever process asks, the one version that won is in force.
        won = next(r for r in answers if r.status_code == 303)
        wanted = won.headers["location"].rsplit("=", 1)[1]
        assert a.platform.catalog_doc.get("version") == wanted
        assert b.platform.catalog_doc.get("version") == wanted
