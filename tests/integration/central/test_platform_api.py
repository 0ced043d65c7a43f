"""The reference platform's HTTP API, over real HTTP on loopback."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central.app import PlatformConfig
from central.embedded import EmbeddedPlatform, start_embedded

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def platform() -> Iterator[EmbeddedPlatform]:
    with start_embedded(PlatformConfig()) as p:
        yield p


def _sub(n: int, tn: str | None = None) -> dict:
    return {"kind": "application", "tracking_number": tn, "payload": {"service_id": "x", "n": n}}


def test_catalog_etag_and_304(platform: EmbeddedPlatform) -> None:
    r = requests.get(platform.base_url + "/v1/catalog", timeout=5)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    etag = r.headers["etag"]
    assert len(r.json()["services"]) >= 12
    again = requests.get(
        platform.base_url + "/v1/catalog", headers={"If-None-Match": etag}, timeout=5
    )
    assert again.status_code == 304 and again.content == b""
    other = requests.get(
        platform.base_url + "/v1/catalog", headers={"If-None-Match": '"old"'}, timeout=5
    )
    assert other.status_code == 200
    doc = r.json()
    doc["version"] = "2026.12"
    put = requests.put(platform.base_url + "/admin/catalog", json=doc, timeout=5)
    assert put.status_code == 200 and put.json()["etag"] != etag
    changed = requests.get(
        platform.base_url + "/v1/catalog", headers={"If-None-Match": etag}, timeout=5
    )
    assert changed.status_code == 200 and changed.json()["version"] == "2026.12"


def test_idempotency_same_key_same_body_same_result(platform: EmbeddedPlatform) -> None:
    url = platform.base_url + "/v1/submissions"
    first = requests.post(url, json=_sub(1, "T1"), headers={"Idempotency-Key": "k1"}, timeout=5)
    second = requests.post(url, json=_sub(1, "T1"), headers={"Idempotency-Key": "k1"}, timeout=5)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    different = requests.post(url, json=_sub(2, "T1"), headers={"Idempotency-Key": "k1"}, timeout=5)
    assert different.status_code == 422
    assert different.json()["error"] == "idempotency_key_reused"
    assert platform.platform.store.count_submissions() == 1


def test_a_concurrent_duplicate_gets_409(tmp_path: Path) -> None:
    with start_embedded(PlatformConfig(submit_delay_s=0.5)) as p:
        results: list[int] = []

        def post() -> None:
            r = requests.post(
                p.base_url + "/v1/submissions",
                json=_sub(1),
                headers={"Idempotency-Key": "same"},
                timeout=5,
            )
            results.append(r.status_code)

        threads = [threading.Thread(target=post) for _ in range(2)]
        for t in threads:
            t.start()
            time.sleep(0.1)
        for t in threads:
            t.join()
        assert sorted(results) == [201, 409]
        assert p.platform.store.count_submissions() == 1


def test_batch_answers_each_item_as_a_single_post_would(platform: EmbeddedPlatform) -> None:
    url = platform.base_url + "/v1/submissions"
    requests.post(url, json=_sub(0, "B0"), headers={"Idempotency-Key": "b0"}, timeout=5)
    items = [
        {**_sub(0, "B0"), "idempotency_key": "b0"},  # replay
        {**_sub(1, "B1"), "idempotency_key": "b1"},  # new
        {**_sub(2, "B1"), "idempotency_key": "b2"},  # tracking number clash in the batch
        {**_sub(9, "B0"), "idempotency_key": "b0"},  # same key, other body … but b0 is in
    ]
    r = requests.post(url + "/batch", json={"items": items}, timeout=5)
    assert r.status_code == 200
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses == [201, 201, 422, 409]
    assert platform.platform.store.count_submissions() == 2
    caps = requests.get(platform.base_url + "/v1/capabilities", timeout=5).json()
    assert caps["batch"] == {"path": "/v1/submissions/batch", "max_items": 100}
    too_many = [{**_sub(i), "idempotency_key": f"m{i}"} for i in range(101)]
    assert requests.post(url + "/batch", json={"items": too_many}, timeout=5).status_code == 413


def test_status_timeline_advances_by_admin(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    requests.post(
        base + "/v1/submissions", json=_sub(1, "S-1"), headers={"Idempotency-Key": "s"}, timeout=5
    )
    st = requests.get(base + "/v1/status/S-1", timeout=5).json()
    assert st["status"] == "received" and not st["final"]
    assert st["service_id"] == "x"
    for expected in ("accepted", "in_review", "completed"):
        r = requests.post(base + "/admin/status/S-1/advance", timeout=5)
        assert r.json()["status"] == expected
    st = requests.get(base + "/v1/status/S-1", timeout=5).json()
    assert [e["status"] for e in st["timeline"]] == [
        "received",
        "accepted",
        "in_review",
        "completed",
    ]
    assert st["final"] and st["timeline"][1]["note"]["zh"]
    assert requests.post(base + "/admin/status/S-1/advance", timeout=5).status_code == 409
    assert requests.get(base + "/v1/status/NOPE", timeout=5).status_code == 404


def test_rejection_is_a_final_state(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    requests.post(
        base + "/v1/submissions", json=_sub(1, "R-1"), headers={"Idempotency-Key": "r"}, timeout=5
    )
    r = requests.post(
        base + "/admin/status/R-1/advance",
        json={"status": "rejected", "note": {"zh": "材料不全", "en": "Incomplete"}},
        timeout=5,
    )
    assert r.json()["status"] == "rejected"
    st = requests.get(base + "/v1/status/R-1", timeout=5).json()
    assert st["final"] and st["timeline"][-1]["note"]["en"] == "Incomplete"


def test_demo_timer_moves_statuses_on() -> None:
    now = [dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)]
    with start_embedded(PlatformConfig(advance_every_s=60, now=lambda: now[0])) as p:
        requests.post(
            p.base_url + "/v1/submissions",
            json=_sub(1, "D-1"),
            headers={"Idempotency-Key": "d"},
            timeout=5,
        )
        now[0] += dt.timedelta(seconds=130)
        st = requests.get(p.base_url + "/v1/status/D-1", timeout=5).json()
        assert st["status"] == "in_review"
        now[0] += dt.timedelta(hours=1)
        st = requests.get(p.base_url + "/v1/status/D-1", timeout=5).json()
        assert st["status"] == "completed"
        assert len(st["timeline"]) == 4


def test_attachments_are_content_addressed(platform: EmbeddedPlatform) -> None:
    data = b"\x89PNG fake scan" * 1000
    digest = hashlib.sha256(data).hexdigest()
    url = f"{platform.base_url}/v1/attachments/{digest}"
    assert requests.head(url, timeout=5).status_code == 404
    assert requests.put(url, data=data, timeout=5).status_code == 201
    assert requests.put(url, data=data, timeout=5).status_code == 200
    assert requests.head(url, timeout=5).status_code == 200
    wrong = requests.put(url.replace(digest, "0" * 64), data=data, timeout=5)
    assert wrong.status_code == 422


def test_heartbeat_is_recorded(platform: EmbeddedPlatform) -> None:
    beat = {
        "kiosk_id": "K9",
        "version": "1.0",
        "devices": {"printer": "ok"},
        "queue": {"pending": 3},
        "oldest_pending_age_s": 12.5,
    }
    r = requests.post(platform.base_url + "/v1/heartbeat", json=beat, timeout=5)
    assert r.status_code == 200 and r.json()["next_heartbeat_s"] == 60
    kiosks = requests.get(platform.base_url + "/admin/kiosks", timeout=5).json()["kiosks"]
    assert kiosks[0]["kiosk_id"] == "K9" and kiosks[0]["last"]["queue"] == {"pending": 3}


def test_appointment_slots_count_bookings(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    q = {"department_id": "gongan.huzheng", "date": "2026-11-24"}
    slots = requests.get(base + "/v1/appointments/slots", params=q, timeout=5).json()["slots"]
    first = slots[0]
    assert first["remaining"] == first["capacity"] == 4
    body = {
        "kind": "appointment",
        "tracking_number": "A-1",
        "payload": {"department_id": "gongan.huzheng", "slot_start": first["start"]},
    }
    requests.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": "a"}, timeout=5)
    slots = requests.get(base + "/v1/appointments/slots", params=q, timeout=5).json()["slots"]
    assert slots[0]["remaining"] == 3
    sunday = {"department_id": "gongan.huzheng", "date": "2026-11-29"}
    assert (
        requests.get(base + "/v1/appointments/slots", params=sunday, timeout=5).json()["slots"]
        == []
    )


def _b64d(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def test_eid_token_is_a_standard_eddsa_jws_with_the_full_identity(
    platform: EmbeddedPlatform,
) -> None:
    base = platform.base_url
    ident = {
        "surname": "张",
        "given_names": "三丰",
        "doc_number": "11010519491231002X",
        "birth_date": "1949-12-31",
        "sex": "F",
        "nationality": "CHN",
        "ttl_s": 300,
    }
    issued = requests.post(base + "/v1/eid/issue", json=ident, timeout=5).json()
    header_b64, claims_b64, sig_b64 = issued["token"].split(".")
    header = json.loads(_b64d(header_b64))
    claims = json.loads(_b64d(claims_b64))
    assert header == {"alg": "EdDSA", "kid": issued["kid"], "typ": "eid+jwt"}
    assert claims["doc_number"] == "11010519491231002X" and claims["doc_type"] == "resident_id"
    assert claims["name"] == "张三丰" and claims["birth_date"] == "1949-12-31"
    assert claims["sex"] == "F" and claims["nationality"] == "CHN"
    assert claims["sub"].startswith("eid:") and "11010519491231002X" not in claims["sub"]
    assert claims["exp"] - claims["iat"] == 300 and claims["iss"] == "kiosk-central"
    jwk = requests.get(base + "/v1/eid/jwks", timeout=5).json()["keys"][0]
    assert (jwk["kty"], jwk["crv"], jwk["alg"], jwk["kid"]) == (
        "OKP",
        "Ed25519",
        "EdDSA",
        issued["kid"],
    )
    key = Ed25519PublicKey.from_public_bytes(_b64d(jwk["x"]))
    key.verify(_b64d(sig_b64), f"{header_b64}.{claims_b64}".encode())  # raises if wrong
    from cryptography.exceptions import InvalidSignature

    forged = claims_b64[:-2] + ("AA" if claims_b64[-2:] != "AA" else "BB")
    with pytest.raises(InvalidSignature):
        key.verify(_b64d(sig_b64), f"{header_b64}.{forged}".encode())
    pem = requests.get(base + "/v1/eid/public-key.pem", timeout=5).text
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")


def test_eid_token_verifies_with_the_kiosk_verifier(platform: EmbeddedPlatform) -> None:
    # The kiosk side (kiosk/payloads) configured the way the settings do it: one PEM key.
    from kiosk.payloads.eid import identity_from_claims, parse_eid
    from kiosk.payloads.keys import VerificationKeys
    from kiosk.payloads.types import PayloadStatus

    base = platform.base_url
    ident = {
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "doc_number": "L898902C3",
        "doc_type": "passport",
        "birth_date": "1974-08-12",
        "sex": "F",
        "nationality": "UTO",
        "doc_expiry": "2032-04-15",
    }
    token = requests.post(base + "/v1/eid/issue", json=ident, timeout=5).json()["token"]
    pem = requests.get(base + "/v1/eid/public-key.pem", timeout=5).text
    keys = VerificationKeys.from_config(platform=pem, eid_issuer="kiosk-central")
    scanned = parse_eid(token, keys, dt.datetime.now(dt.UTC))
    assert scanned.status is PayloadStatus.OK
    identity = identity_from_claims(scanned.claims)
    assert identity is not None
    assert identity.document_number == "L898902C3" and identity.surname == "ERIKSSON"
    assert identity.birth_date == dt.date(1974, 8, 12)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert parse_eid(token, keys, later).status is PayloadStatus.EXPIRED


def test_admin_token_protects_admin_and_issuing() -> None:
    with start_embedded(PlatformConfig(admin_token="s3cret")) as p:
        assert requests.get(p.base_url + "/admin/kiosks", timeout=5).status_code == 403
        ok = requests.get(
            p.base_url + "/admin/kiosks", headers={"X-Admin-Token": "s3cret"}, timeout=5
        )
        assert ok.status_code == 200
        assert requests.post(p.base_url + "/v1/eid/issue", json={}, timeout=5).status_code == 403


def test_fault_schedule_over_http(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    rules = [
        {"kind": "throttle_429", "path_prefix": "/v1/capabilities", "count": 1, "retry_after": "7"}
    ]
    assert requests.put(base + "/admin/faults", json={"rules": rules}, timeout=5).status_code == 200
    r = requests.get(base + "/v1/capabilities", timeout=5)
    assert r.status_code == 429 and r.headers["retry-after"] == "7"
    assert requests.get(base + "/v1/capabilities", timeout=5).status_code == 200
    log = requests.get(base + "/admin/requests", timeout=5).json()["requests"]
    assert [e["fault"] for e in log if e["path"] == "/v1/capabilities"] == ["throttle_429", None]


def test_standalone_cli_serves_and_keeps_data(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "central.sqlite3"
    cmd = [
        sys.executable,
        "-m",
        "central.cli",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--db",
        str(db),
        "--log-level",
        "warning",
    ]

    def run_once(body: dict | None) -> int:
        proc = subprocess.Popen(cmd, cwd=ROOT)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    requests.get(f"http://127.0.0.1:{port}/v1/capabilities", timeout=1)
                    break
                except requests.ConnectionError:
                    assert proc.poll() is None and time.monotonic() < deadline
                    time.sleep(0.05)
            if body is not None:
                requests.post(
                    f"http://127.0.0.1:{port}/v1/submissions",
                    json=body,
                    headers={"Idempotency-Key": "cli-1"},
                    timeout=5,
                )
            subs = requests.get(f"http://127.0.0.1:{port}/admin/submissions", timeout=5).json()
            return len(subs["submissions"])
        finally:
            proc.terminate()
            proc.wait(10)

    assert run_once(_sub(1, "C-1")) == 1
    assert run_once(None) == 1  # the SQLite file kept it across a restart
    assert (tmp_path / "central.sqlite3.eid.pem").stat().st_mode & 0o777 == 0o600


def test_a_rating_cites_its_applications_number_without_claiming_it(
    platform: EmbeddedPlatform,
) -> None:
    """Ratings, feedback and staff calls name the application they are about.

    Only applications and appointments own their tracking number; a rating with the
    same number is stored beside the application (it used to be refused as
    'tracking_number_taken' and go dead on the kiosk).
    """
    url = platform.base_url + "/v1/submissions"
    app = requests.post(url, json=_sub(1, "T9"), headers={"Idempotency-Key": "a9"}, timeout=5)
    assert app.status_code == 201
    for i, kind in enumerate(("rating", "feedback", "staff_call")):
        body = {"kind": kind, "tracking_number": "T9", "payload": {"level": 5}}
        r = requests.post(url, json=body, headers={"Idempotency-Key": f"r{i}"}, timeout=5)
        assert r.status_code == 201, r.text
    squat = requests.post(url, json=_sub(2, "T9"), headers={"Idempotency-Key": "a10"}, timeout=5)
    assert squat.status_code == 422  # a second application still cannot take the number
    assert platform.platform.store.count_submissions() == 4
    status = requests.get(platform.base_url + "/v1/status/T9", timeout=5)
    assert status.status_code == 200 and status.json()["kind"] == "application"
