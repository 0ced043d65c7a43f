"""The reference platform's HTTP API, over real HTTP on loopback, as an authenticated
kiosk (bearer token from the kiosk registry) and an administrator."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central.embedded import EmbeddedPlatform, start_embedded

from .conftest import Creds, application, lookup, receipt_code, session

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
S = requests.Session
_sub = application


def test_catalog_etag_and_304(platform: EmbeddedPlatform, kiosk: S, admin: S) -> None:
    r = kiosk.get(platform.base_url + "/v1/catalog", timeout=5)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    etag = r.headers["etag"]
    assert len(r.json()["services"]) >= 12
    again = kiosk.get(platform.base_url + "/v1/catalog", headers={"If-None-Match": etag}, timeout=5)
    assert again.status_code == 304 and again.content == b""
    other = kiosk.get(
        platform.base_url + "/v1/catalog", headers={"If-None-Match": '"old"'}, timeout=5
    )
    assert other.status_code == 200
    doc = r.json()
    doc["version"] = "2026.12"
    put = admin.put(platform.base_url + "/admin/catalog", json=doc, timeout=5)
    assert put.status_code == 200 and put.json()["etag"] != etag
    changed = kiosk.get(
        platform.base_url + "/v1/catalog", headers={"If-None-Match": etag}, timeout=5
    )
    assert changed.status_code == 200 and changed.json()["version"] == "2026.12"


def test_idempotency_same_key_same_body_same_result(platform: EmbeddedPlatform, kiosk: S) -> None:
    url = platform.base_url + "/v1/submissions"
    tn = "A7H3-T1"
    first = kiosk.post(url, json=_sub(1, tn), headers={"Idempotency-Key": "k1"}, timeout=5)
    second = kiosk.post(url, json=_sub(1, tn), headers={"Idempotency-Key": "k1"}, timeout=5)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    different = kiosk.post(url, json=_sub(2, tn), headers={"Idempotency-Key": "k1"}, timeout=5)
    assert different.status_code == 422
    assert different.json()["error"] == "idempotency_key_reused"
    assert platform.platform.store.count_submissions() == 1


def test_a_concurrent_duplicate_gets_409(creds: Creds, kiosk: S) -> None:
    with start_embedded(creds.config(submit_delay_s=0.5)) as p:
        results: list[int] = []

        def post() -> None:
            r = kiosk.post(
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


def test_batch_answers_each_item_as_a_single_post_would(
    platform: EmbeddedPlatform, kiosk: S
) -> None:
    url = platform.base_url + "/v1/submissions"
    b0, b1 = "A7H3-B0", "A7H3-B1"
    kiosk.post(url, json=_sub(0, b0), headers={"Idempotency-Key": "b0"}, timeout=5)
    items = [
        {**_sub(0, b0), "idempotency_key": "b0"},  # replay
        {**_sub(1, b1), "idempotency_key": "b1"},  # new
        {**_sub(2, b1), "idempotency_key": "b2"},  # tracking number clash in the batch
        {**_sub(9, b0), "idempotency_key": "b0"},  # same key, other body … but b0 is in
        {**_sub(3, "C012-B3"), "idempotency_key": "b3"},  # another kiosk's namespace
    ]
    r = kiosk.post(url + "/batch", json={"items": items}, timeout=5)
    assert r.status_code == 200
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses == [201, 201, 422, 409, 403]
    assert [x["body"].get("id") for x in r.json()["results"][2:]] == ["b2", "b0", "b3"]
    assert platform.platform.store.count_submissions() == 2
    caps = kiosk.get(platform.base_url + "/v1/capabilities", timeout=5).json()
    assert caps["batch"] == {"path": "/v1/submissions/batch", "max_items": 100}
    too_many = [{**_sub(i), "idempotency_key": f"m{i}"} for i in range(101)]
    assert kiosk.post(url + "/batch", json={"items": too_many}, timeout=5).status_code == 413


def test_status_timeline_advances_by_admin(platform: EmbeddedPlatform, kiosk: S, admin: S) -> None:
    base = platform.base_url
    tn = "A7H3-S1"
    kiosk.post(
        base + "/v1/submissions", json=_sub(1, tn), headers={"Idempotency-Key": "s"}, timeout=5
    )
    st = lookup(kiosk, base, tn).json()
    assert st["status"] == "received" and not st["final"]
    assert st["service_id"] == "x"
    for expected in ("accepted", "in_review", "completed"):
        r = admin.post(base + f"/admin/status/{tn}/advance", timeout=5)
        assert r.json()["status"] == expected
    st = lookup(kiosk, base, tn, id_last4="002x").json()
    assert [e["status"] for e in st["timeline"]] == [
        "received",
        "accepted",
        "in_review",
        "completed",
    ]
    assert st["final"] and st["timeline"][1]["note"]["zh"]
    assert admin.post(base + f"/admin/status/{tn}/advance", timeout=5).status_code == 409
    assert lookup(kiosk, base, "A7H3-NOPE").status_code == 404


def test_rejection_is_a_final_state(platform: EmbeddedPlatform, kiosk: S, admin: S) -> None:
    base = platform.base_url
    tn = "A7H3-R1"
    kiosk.post(
        base + "/v1/submissions", json=_sub(1, tn), headers={"Idempotency-Key": "r"}, timeout=5
    )
    r = admin.post(
        base + f"/admin/status/{tn}/advance",
        json={"status": "rejected", "note": {"zh": "材料不全", "en": "Incomplete"}},
        timeout=5,
    )
    assert r.json()["status"] == "rejected"
    st = lookup(kiosk, base, tn).json()
    assert st["final"] and st["timeline"][-1]["note"]["en"] == "Incomplete"


def test_demo_timer_moves_statuses_on(creds: Creds, kiosk: S) -> None:
    now = [dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)]
    with start_embedded(creds.config(advance_every_s=60, now=lambda: now[0])) as p:
        tn = "A7H3-D1"
        kiosk.post(
            p.base_url + "/v1/submissions",
            json=_sub(1, tn),
            headers={"Idempotency-Key": "d"},
            timeout=5,
        )
        now[0] += dt.timedelta(seconds=130)
        st = lookup(kiosk, p.base_url, tn).json()
        assert st["status"] == "in_review"
        now[0] += dt.timedelta(hours=1)
        st = lookup(kiosk, p.base_url, tn).json()
        assert st["status"] == "completed"
        assert len(st["timeline"]) == 4


def test_demo_timer_never_completes_before_the_time_limit(creds: Creds, kiosk: S) -> None:
    # 社会保障卡补换 takes 10 working days: the demo does not call it 已办结 in a minute.
    now = [dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)]  # a Monday
    with start_embedded(creds.config(advance_every_s=20, now=lambda: now[0])) as p:
        tn = "A7H3-D2"
        body = _sub(1, tn)
        body["payload"]["service_id"] = "renshe.ss_card_replace"
        kiosk.post(
            p.base_url + "/v1/submissions", json=body, headers={"Idempotency-Key": "d2"}, timeout=5
        )
        now[0] += dt.timedelta(hours=2)
        assert lookup(kiosk, p.base_url, tn).json()["status"] == "in_review"
        now[0] += dt.timedelta(days=7)  # 6 working days in: still under review
        assert lookup(kiosk, p.base_url, tn).json()["status"] == "in_review"
        now[0] += dt.timedelta(days=8)  # past the 10th working day
        st = lookup(kiosk, p.base_url, tn).json()
        assert st["status"] == "completed"
        done = dt.datetime.fromisoformat(st["timeline"][-1]["at"].replace("Z", "+00:00"))
        assert done.date() >= dt.date(2026, 12, 7)  # not dated before the limit either


def test_attachments_are_content_addressed(platform: EmbeddedPlatform, kiosk: S) -> None:
    data = b"\x89PNG fake scan" * 1000
    digest = hashlib.sha256(data).hexdigest()
    url = f"{platform.base_url}/v1/attachments/{digest}"
    assert kiosk.head(url, timeout=5).status_code == 404
    assert kiosk.put(url, data=data, timeout=5).status_code == 201
    assert kiosk.put(url, data=data, timeout=5).status_code == 200
    assert kiosk.head(url, timeout=5).status_code == 200
    wrong = kiosk.put(url.replace(digest, "0" * 64), data=data, timeout=5)
    assert wrong.status_code == 422
    assert platform.platform.store.get_attachment(digest) == (data, None)


def test_heartbeat_is_recorded(platform: EmbeddedPlatform, kiosk: S, admin: S) -> None:
    beat = {
        "kiosk_id": "A7H3",
        "version": "1.0",
        "devices": {"printer": "ok"},
        "queue": {"pending": 3},
        "oldest_pending_age_s": 12.5,
    }
    r = kiosk.post(platform.base_url + "/v1/heartbeat", json=beat, timeout=5)
    assert r.status_code == 200 and r.json()["next_heartbeat_s"] == 60
    kiosks = admin.get(platform.base_url + "/admin/kiosks", timeout=5).json()["kiosks"]
    assert kiosks[0]["kiosk_id"] == "A7H3" and kiosks[0]["last"]["queue"] == {"pending": 3}


def test_appointment_slots_count_bookings(platform: EmbeddedPlatform, kiosk: S) -> None:
    base = platform.base_url
    q = {"department_id": "gongan.huzheng", "date": "2026-11-24"}
    slots = kiosk.get(base + "/v1/appointments/slots", params=q, timeout=5).json()["slots"]
    first = slots[0]
    assert first["remaining"] == first["capacity"] == 4
    body = {
        "kind": "appointment",
        "tracking_number": "A7H3-A1",
        "payload": {"department_id": "gongan.huzheng", "slot_start": first["start"]},
    }
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": "a"}, timeout=5)
    assert r.status_code == 201
    slots = kiosk.get(base + "/v1/appointments/slots", params=q, timeout=5).json()["slots"]
    assert slots[0]["remaining"] == 3
    sunday = {"department_id": "gongan.huzheng", "date": "2026-11-29"}
    assert (
        kiosk.get(base + "/v1/appointments/slots", params=sunday, timeout=5).json()["slots"] == []
    )
    nowhere = {**body, "tracking_number": "A7H3-A2"}
    nowhere["payload"] = {"department_id": "gongan.huzheng", "slot_start": "2026-11-24T03:17"}
    r = kiosk.post(
        base + "/v1/submissions", json=nowhere, headers={"Idempotency-Key": "a2"}, timeout=5
    )
    assert r.status_code == 422 and r.json()["error"] == "unknown_slot"


def _b64d(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def test_eid_token_is_a_standard_eddsa_jws_with_the_full_identity(
    platform: EmbeddedPlatform, admin: S
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
    issued = admin.post(base + "/v1/eid/issue", json=ident, timeout=5).json()
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


def test_eid_token_verifies_with_the_kiosk_verifier(platform: EmbeddedPlatform, admin: S) -> None:
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
    token = admin.post(base + "/v1/eid/issue", json=ident, timeout=5).json()["token"]
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


def test_admin_token_protects_admin_and_issuing(
    platform: EmbeddedPlatform, kiosk: S, admin: S, creds: Creds
) -> None:
    base = platform.base_url
    for s in (requests.Session(), kiosk, session({"X-Admin-Token": creds.tokens["A7H3"]})):
        assert s.get(base + "/admin/kiosks", timeout=5).status_code == 403
        assert s.post(base + "/v1/eid/issue", json={}, timeout=5).status_code == 403
    assert admin.get(base + "/admin/kiosks", timeout=5).status_code == 200


def test_without_an_admin_token_nobody_is_admin(creds: Creds) -> None:
    with start_embedded(creds.config(admin_token=None)) as p:
        for token in (None, "", creds.admin_token):
            s = session({"X-Admin-Token": token} if token is not None else {})
            assert s.get(p.base_url + "/admin/submissions", timeout=5).status_code == 403


def test_fault_schedule_over_http(platform: EmbeddedPlatform, kiosk: S, admin: S) -> None:
    base = platform.base_url
    rules = [
        {"kind": "throttle_429", "path_prefix": "/v1/capabilities", "count": 1, "retry_after": "7"}
    ]
    assert admin.put(base + "/admin/faults", json={"rules": rules}, timeout=5).status_code == 200
    r = kiosk.get(base + "/v1/capabilities", timeout=5)
    assert r.status_code == 429 and r.headers["retry-after"] == "7"
    assert kiosk.get(base + "/v1/capabilities", timeout=5).status_code == 200
    log = admin.get(base + "/admin/requests", timeout=5).json()["requests"]
    assert [e["fault"] for e in log if e["path"] == "/v1/capabilities"] == ["throttle_429", None]


def test_standalone_cli_serves_and_keeps_data(
    tmp_path: Path, creds: Creds, kiosk: S, admin: S
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "data" / "central.sqlite3"
    db.parent.mkdir()
    key = tmp_path / "keys" / "central-data.key"
    admin_file = tmp_path / "admin.token"
    admin_file.write_text(creds.admin_token)
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
        "--data-key",
        str(key),
        "--kiosk-registry",
        str(creds.registry_path),
        "--admin-token-file",
        str(admin_file),
        "--log-level",
        "warning",
    ]
    base = f"http://127.0.0.1:{port}"

    def run_once(body: dict | None) -> int:
        proc = subprocess.Popen(cmd, cwd=ROOT)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    requests.get(base + "/v1/capabilities", timeout=1)
                    break
                except requests.ConnectionError:
                    assert proc.poll() is None and time.monotonic() < deadline
                    time.sleep(0.05)
            if body is not None:
                r = kiosk.post(
                    base + "/v1/submissions",
                    json=body,
                    headers={"Idempotency-Key": "cli-1"},
                    timeout=5,
                )
                assert r.status_code == 201
            subs = admin.get(base + "/admin/submissions", timeout=5).json()
            return len(subs["submissions"])
        finally:
            proc.terminate()
            proc.wait(10)

    assert run_once(_sub(1, "A7H3-C1")) == 1
    assert run_once(None) == 1  # the SQLite file kept it across a restart
    for private in (db, key, Path(str(db) + ".eid.pem")):
        assert private.stat().st_mode & 0o777 == 0o600, private
    # Personal data is not in the database file in the clear.
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir())
    assert b"11010519491231002X" not in raw and "张三".encode() not in raw


def test_cli_refuses_to_start_without_authentication(tmp_path: Path, creds: Creds) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "KIOSK_CENTRAL_ADMIN_TOKEN"}
        return subprocess.run(
            [sys.executable, "-m", "central.cli", "--db", ":memory:", "--port", "0", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
        )

    bare = run()
    assert bare.returncode == 2 and "no authentication setup" in bare.stderr
    weak = tmp_path / "weak.token"
    weak.write_text("changeme")
    r = run("--kiosk-registry", str(creds.registry_path), "--admin-token-file", str(weak))
    assert r.returncode == 2 and "admin token" in r.stderr
    example = tmp_path / "example.toml"
    digest = hashlib.sha256(b"change-me-to-a-long-random-kiosk-token").hexdigest()
    example.write_text(f'[[kiosk]]\nid = "A7H3"\ncode = "A7H3"\ntoken_sha256 = "{digest}"\n')
    r = run("--kiosk-registry", str(example))
    assert r.returncode == 2 and "example token" in r.stderr
    wide = run("--insecure-dev", "--host", "0.0.0.0")
    assert wide.returncode == 2 and "loopback only" in wide.stderr
    clear = run("--kiosk-registry", str(creds.registry_path), "--host", "0.0.0.0")
    assert clear.returncode == 2 and "without --tls-cert" in clear.stderr


def test_a_rating_cites_its_applications_number_without_claiming_it(
    platform: EmbeddedPlatform, kiosk: S
) -> None:
    """Ratings, feedback and staff calls name the application they are about.

    Only applications and appointments own their tracking number; a rating with the
    same number is stored beside the application (it used to be refused as
    'tracking_number_taken' and go dead on the kiosk).
    """
    url = platform.base_url + "/v1/submissions"
    tn = "A7H3-T9"
    app = kiosk.post(url, json=_sub(1, tn), headers={"Idempotency-Key": "a9"}, timeout=5)
    assert app.status_code == 201
    for i, kind in enumerate(("rating", "feedback", "staff_call")):
        body = {"kind": kind, "tracking_number": tn, "payload": {"level": 5}}
        r = kiosk.post(url, json=body, headers={"Idempotency-Key": f"r{i}"}, timeout=5)
        assert r.status_code == 201, r.text
    squat = kiosk.post(url, json=_sub(2, tn), headers={"Idempotency-Key": "a10"}, timeout=5)
    assert squat.status_code == 422  # a second application still cannot take the number
    assert platform.platform.store.count_submissions() == 4
    status = lookup(kiosk, platform.base_url, tn)
    assert status.status_code == 200 and status.json()["kind"] == "application"


def test_lookups_are_limited_per_kiosk_behind_one_address(
    creds: Creds, kiosk: S, other_kiosk: S
) -> None:
    """A hall's kiosks share one NAT address (here all of them come from 127.0.0.1):
    each kiosk has its own budget, and the public page's per-address budget is apart."""
    with start_embedded(creds.config(lookups_per_minute=3, wrong_proofs_per_hour=100)) as p:
        tn = "A7H3-261204-0100X"
        r = kiosk.post(
            p.base_url + "/v1/submissions",
            json=application(1, tn),
            headers={"Idempotency-Key": "nat"},
            timeout=5,
        )
        assert r.status_code == 201
        assert [lookup(kiosk, p.base_url, tn).status_code for _ in range(4)] == [200] * 3 + [429]
        # The next kiosk in the same hall is not starved by the first.
        assert [lookup(other_kiosk, p.base_url, tn).status_code for _ in range(3)] == [200] * 3
        assert lookup(other_kiosk, p.base_url, tn).status_code == 429
        # A phone on the hall's Wi-Fi (same address, no kiosk credential): its own budget.
        phone = session({})
        page = [phone.get(p.base_url + "/r/ZWR1.test." + tn, timeout=5) for _ in range(4)]
        assert [x.status_code for x in page] == [200] * 3 + [429]
        assert int(page[-1].headers["Retry-After"]) > 0
        # An anonymous API call is refused before it could spend anyone's budget.
        assert lookup(phone, p.base_url, tn).status_code == 401


def test_an_insecure_dev_platform_limits_per_claimed_kiosk(creds: Creds) -> None:
    """In the loopback development mode the X-Kiosk-Id header is trusted, for the budget too."""
    config = creds.config(insecure_dev=True, registry=None, lookups_per_minute=2)
    with start_embedded(config) as p:
        a, b = session({"X-Kiosk-Id": "A7H3"}), session({"X-Kiosk-Id": "C012"})
        tn = "A7H3-261204-0101X"
        assert [lookup(a, p.base_url, tn).status_code for _ in range(3)] == [404, 404, 429]
        assert [lookup(b, p.base_url, tn).status_code for _ in range(3)] == [404, 404, 429]


def test_a_booking_is_never_advanced_like_an_application(creds: Creds, kiosk: S, admin: S) -> None:
    """Try-out 7, 1: a booking slip's QR answered 已办结 / 材料齐全，已受理 (the demo timer
    ran over the booking). A booking's answer is its counter, time and state: booked,
    then expired once its time has passed; the timer and an admin leave it alone, and the
    phone's page behind the QR says 预约, not 办件."""
    now = [dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)]  # a Monday
    with start_embedded(creds.config(advance_every_s=20, now=lambda: now[0])) as p:
        tn = "A7H3-B1"
        start = dt.datetime(2026, 11, 24, 10, 0)
        payload = {
            "type": "appointment",
            "department_id": "gongan.huzheng",
            "slot_start": start.isoformat(timespec="minutes"),
            "slot_end": (start + dt.timedelta(minutes=30)).isoformat(timespec="minutes"),
            "receipt_code_sha256": hashlib.sha256(receipt_code(tn).encode()).hexdigest(),
        }
        body = {"kind": "appointment", "tracking_number": tn, "payload": payload}
        r = kiosk.post(
            p.base_url + "/v1/submissions", json=body, headers={"Idempotency-Key": "b1"}, timeout=5
        )
        assert r.status_code == 201
        now[0] += dt.timedelta(hours=1)  # long enough for the timer to finish an application
        st = lookup(kiosk, p.base_url, tn).json()
        assert st["kind"] == "appointment" and st["status"] == "booked" and not st["final"]
        assert [e["status"] for e in st["timeline"]] == ["booked"]
        assert st["booking"] == {
            "department_id": "gongan.huzheng",
            "slot_start": "2026-11-24T10:00",
            "slot_end": "2026-11-24T10:30",
        }
        advanced = admin.post(p.base_url + f"/admin/status/{tn}/advance", timeout=5)
        assert advanced.status_code == 409
        page = kiosk.get(p.base_url + "/r/" + receipt_code(tn), timeout=5).text
        assert "预约编号" in page and "2026-11-24 10:00–10:30" in page and "平台已确认预约" in page
        for word in ("受理编号", "办件", "已受理", "已办结"):
            assert word not in page
        now[0] += dt.timedelta(days=2)  # the booked time has passed
        st = lookup(kiosk, p.base_url, tn).json()
        assert st["status"] == "expired" and st["final"]
        assert st["timeline"][-1]["note"]["zh"] == "预约时间已过"


def test_status_gives_the_answer_the_pickup_depends_on_and_nothing_else(
    platform: EmbeddedPlatform, kiosk: S
) -> None:
    """Try-out 17, E6: 查询 says how 社保卡 comes (collected or posted) by the form's 领取方式,
    wherever it is asked: the platform gives that answer with the status, and no other."""
    base = platform.base_url
    tn = "A7H3-P1"
    body = _sub(1, tn)
    body["payload"].update(
        service_id="renshe.ss_card_replace",
        form={"phone": "13800138000", "address": "朝阳区建国路88号", "delivery": "post"},
    )
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": "p"}, timeout=5)
    assert r.status_code == 201, r.text
    st = lookup(kiosk, base, tn).json()
    assert st["answers"] == {"delivery": "post"}
    assert "13800138000" not in json.dumps(st) and "建国路" not in json.dumps(st)
    # A service whose pickup depends on no answer: none given.
    kiosk.post(
        base + "/v1/submissions",
        json=_sub(2, "A7H3-P2"),
        headers={"Idempotency-Key": "q"},
        timeout=5,
    )
    assert not lookup(kiosk, base, "A7H3-P2").json().get("answers")
