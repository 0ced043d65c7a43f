"""A catalog published through one platform process is what every other process on the
same database serves at once (ETag, body, appointment slots), without a restart: two
``kiosk-central`` processes on one SQLite file, and on one PostgreSQL database."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support import pg_cluster
from tests.support.central_process import central_process

from .conftest import Creds, session

pytestmark = pytest.mark.integration

DEPARTMENT = "gongan.huzheng"


@contextlib.contextmanager
def platform_process(db: str, keys: Path, creds: Creds) -> Iterator[str]:
    """``kiosk-central`` with the test fleet's kiosk registry; yields its URL."""
    (keys / "admin.token").write_text(creds.admin_token, encoding="utf-8")
    with central_process(
        "--db", db, "--kiosk-registry", str(creds.registry_path),
        "--admin-token-file", str(keys / "admin.token"),
        "--data-key", str(keys / "data.key"), "--eid-key", str(keys / "eid.pem"),
        "--log-level", "warning",
    ) as port:  # fmt: skip
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(params=["sqlite", "postgres"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """One database for both processes."""
    if request.param == "sqlite":
        yield str(tmp_path / "central.sqlite3")
        return
    if not pg_cluster.available():
        pytest.skip("needs the Debian package postgresql")
    with pg_cluster.throwaway_cluster(tmp_path / "pg") as url:
        yield url


def test_a_pushed_catalog_reaches_every_process_on_the_database(
    shared_db: str, tmp_path: Path, creds: Creds, kiosk: requests.Session
) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    admin = session({"X-Admin-Token": creds.admin_token})
    slots_q = {"department_id": DEPARTMENT, "date": "2026-11-24"}
    with (
        platform_process(shared_db, keys, creds) as a,
        platform_process(shared_db, keys, creds) as b,
    ):
        first = kiosk.get(b + "/v1/catalog", timeout=10)
        etag = first.headers["etag"]
        assert (
            kiosk.get(b + "/v1/catalog", headers={"If-None-Match": etag}, timeout=10).status_code
            == 304
        )
        doc = first.json()
        doc["version"] = "2026.12-pushed"
        dep = next(d for d in doc["appointment_departments"] if d["id"] == DEPARTMENT)
        dep["hours"]["capacity"] = 1
        put = admin.put(a + "/admin/catalog", json=doc, timeout=10)
        assert put.status_code == 200 and put.json()["version"] == 1

        # Process B never saw the push, and serves it on the next request.
        got = kiosk.get(b + "/v1/catalog", headers={"If-None-Match": etag}, timeout=10)
        assert got.status_code == 200 and got.json()["version"] == "2026.12-pushed"
        assert got.headers["etag"] == put.json()["etag"]
        slots = kiosk.get(b + "/v1/appointments/slots", params=slots_q, timeout=10).json()
        assert slots["slots"][0]["capacity"] == 1
        # Bookings on B are held to the pushed capacity.
        start = slots["slots"][0]["start"]
        codes = [
            kiosk.post(
                b + "/v1/submissions",
                json={
                    "kind": "appointment",
                    "tracking_number": f"A7H3-261124-010{i}X",
                    "payload": {"department_id": DEPARTMENT, "slot_start": start},
                },
                headers={"Idempotency-Key": f"appt{i}"},
                timeout=10,
            ).status_code
            for i in range(2)
        ]
        assert codes == [201, 422]
        versions = admin.get(b + "/admin/catalog/versions", timeout=10).json()
        assert versions["current"] == 1
