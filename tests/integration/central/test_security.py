"""Security of the platform, over real HTTPS with mutual TLS (kiosk certificates, CN =
kiosk id): squatting, anonymous and cross-kiosk access, e-ID issuing without admin,
oversized bodies, bare-number lookups, overbooking under concurrency, the catalog
across a restart, and personal data at rest."""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central.app import PlatformConfig
from central.embedded import EmbeddedPlatform, TlsFiles, start_embedded
from tests.support.tls_pki import make_pki

from .conftest import Creds, application, lookup, receipt_code

pytestmark = pytest.mark.integration

KIOSKS = ("A7H3", "C012")
SLOT = {"department_id": "gongan.huzheng", "slot_start": "2026-11-24T09:00"}


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_pki(tmp_path_factory.mktemp("pki"), KIOSKS)


@pytest.fixture
def start(pki: dict[str, Path], creds: Creds) -> Iterator[Callable[..., EmbeddedPlatform]]:
    """Start an mTLS platform (kiosks authenticate by certificate; admin by token)."""
    started: list[EmbeddedPlatform] = []

    def make(**kw: Any) -> EmbeddedPlatform:
        tls = TlsFiles(str(pki["srv"]), str(pki["srv_key"]), str(pki["ca"]))
        p = start_embedded(PlatformConfig(admin_token=creds.admin_token, **kw), tls=tls)
        started.append(p)
        return p

    yield make
    for p in started:
        p.stop()


@pytest.fixture
def tls(start: Callable[..., EmbeddedPlatform]) -> EmbeddedPlatform:
    return start()


def as_kiosk(pki: dict[str, Path], name: str, **headers: str) -> requests.Session:
    """A session presenting kiosk ``name``'s certificate."""
    s = requests.Session()
    s.trust_env = False
    s.verify = str(pki["ca"])
    s.cert = (str(pki[name]), str(pki[name + "_key"]))
    s.headers.update(headers)
    return s


def submit(s: requests.Session, base: str, body: dict[str, Any], key: str) -> requests.Response:
    return s.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key}, timeout=10)


def test_nobody_can_squat_another_kiosks_tracking_number(
    tls: EmbeddedPlatform, pki: dict[str, Path]
) -> None:
    a, c = as_kiosk(pki, "A7H3"), as_kiosk(pki, "C012")
    tn = "A7H3-261204-0001X"
    squat = submit(c, tls.base_url, application(1, tn), "squat")
    assert squat.status_code == 403 and squat.json()["error"] == "forbidden"
    batch = c.post(
        tls.base_url + "/v1/submissions/batch",
        json={"items": [{**application(1, tn), "idempotency_key": "squat2"}]},
        timeout=10,
    )
    assert batch.json()["results"][0]["status"] == 403
    # The rightful kiosk still gets its number.
    assert submit(a, tls.base_url, application(1, tn), "real").status_code == 201
    held = tls.platform.store.list_submissions()
    assert [(h["idempotency_key"], h["kiosk_id"]) for h in held] == [("real", "A7H3")]


def test_anonymous_and_foreign_clients_are_refused(
    tls: EmbeddedPlatform, pki: dict[str, Path], creds: Creds
) -> None:
    # No certificate, or one from another CA: the TLS handshake fails.
    for cert in (None, (str(pki["rogue"]), str(pki["rogue_key"]))):
        with pytest.raises(requests.ConnectionError):
            requests.get(
                tls.base_url + "/v1/capabilities", verify=str(pki["ca"]), cert=cert, timeout=5
            )
    # Over HTTPS with a token-only platform, no credential or a wrong one is a 401.
    with start_embedded(creds.config(), tls=TlsFiles(str(pki["srv"]), str(pki["srv_key"]))) as tok:
        for headers in ({}, {"Authorization": "Bearer " + "x" * 43}):
            r = requests.get(
                tok.base_url + "/v1/catalog", headers=headers, verify=str(pki["ca"]), timeout=5
            )
            assert r.status_code == 401, headers
        ok = requests.get(
            tok.base_url + "/v1/catalog",
            headers={"Authorization": "Bearer " + creds.tokens["A7H3"]},
            verify=str(pki["ca"]),
            timeout=5,
        )
        assert ok.status_code == 200


def test_a_kiosk_cannot_act_for_another(tls: EmbeddedPlatform, pki: dict[str, Path]) -> None:
    c = as_kiosk(pki, "C012")
    base = tls.base_url
    beat = {"kiosk_id": "A7H3", "version": "1"}
    assert c.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 403
    posing = as_kiosk(pki, "C012", **{"X-Kiosk-Id": "A7H3"})
    assert posing.get(base + "/v1/catalog", timeout=5).status_code == 403
    body = {**application(1, "C012-261204-0001X"), "kiosk_id": "A7H3"}
    assert submit(c, base, body, "k").status_code == 403
    assert c.post(base + "/v1/heartbeat", json={**beat, "kiosk_id": "C012"}, timeout=5).ok
    # Kiosk credentials are not admin credentials.
    assert c.get(base + "/admin/submissions", timeout=5).status_code == 403
    assert tls.platform.store.count_submissions() == 0


def test_eid_issuing_needs_the_admin_credential(
    tls: EmbeddedPlatform, pki: dict[str, Path], creds: Creds
) -> None:
    ident = {"surname": "张", "doc_number": "11010519491231002X", "birth_date": "1949-12-31",
             "sex": "F"}  # fmt: skip
    url = tls.base_url + "/v1/eid/issue"
    for token in (None, "changeme", creds.tokens["A7H3"]):
        s = as_kiosk(pki, "A7H3", **({"X-Admin-Token": token} if token else {}))
        assert s.post(url, json=ident, timeout=5).status_code == 403
    admin = as_kiosk(pki, "A7H3", **{"X-Admin-Token": creds.admin_token})
    assert admin.post(url, json=ident, timeout=5).json()["token"].count(".") == 2


def declared_only(pki: dict[str, Path], base: str, method: str, path: str, length: int) -> int:
    """Send only the headers of a request declaring ``length`` body bytes; the status.

    A platform that answers has refused the body before reading a byte of it (and a
    client really sending 300 MiB would only be reset after that answer)."""
    ctx = ssl.create_default_context(cafile=str(pki["ca"]))
    ctx.load_cert_chain(str(pki["A7H3"]), str(pki["A7H3_key"]))
    host, port = base.removeprefix("https://").split(":")
    with (
        socket.create_connection((host, int(port)), timeout=10) as raw,
        ctx.wrap_socket(raw, server_hostname=host) as tls,
    ):
        tls.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nIdempotency-Key: d\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n".encode()
        )
        return int(tls.recv(4096).split(b" ", 2)[1])


def test_oversized_bodies_get_413(
    start: Callable[..., EmbeddedPlatform], pki: dict[str, Path]
) -> None:
    p = start(max_body_bytes=64 * 1024, max_attachment_bytes=256 * 1024)
    a = as_kiosk(pki, "A7H3")
    blob = b"\0" * (300 * 1024)
    digest = hashlib.sha256(blob).hexdigest()
    for method, path, length in (
        ("POST", "/v1/submissions", 300 * 1024 * 1024),
        ("POST", "/v1/submissions/batch", 65 * 1024),
        ("POST", "/v1/heartbeat", 65 * 1024),
        ("PUT", "/v1/attachments/" + digest, 257 * 1024),
    ):
        assert declared_only(pki, p.base_url, method, path, length) == 413, path

    # Streamed (chunked, no Content-Length): counted as it arrives, refused once past
    # the limit. (The bodies end soon after, so the answer is read before any reset.)
    def chunks(n: int, size: int) -> Iterator[bytes]:
        yield b'{"kind":"application","payload":{"note":"'
        for _ in range(n):
            yield b"x" * size
        yield b'"}}'

    r = a.post(
        p.base_url + "/v1/submissions",
        data=chunks(9, 8192),
        headers={"Idempotency-Key": "chunked", "Content-Type": "application/json"},
        timeout=10,
    )
    assert r.status_code == 413
    streamed = a.put(
        p.base_url + "/v1/attachments/" + digest,
        data=iter([blob[i : i + 60 * 1024] for i in range(0, len(blob), 60 * 1024)]),
        timeout=10,
    )
    assert streamed.status_code == 413
    assert p.platform.store.count_submissions() == 0
    assert not p.platform.store.has_attachment(digest)
    # Within the limits the same routes work.
    ok = application(1, "A7H3-261204-0002X")
    assert submit(a, p.base_url, ok, "ok").status_code == 201


def test_a_bare_number_reveals_nothing(
    start: Callable[..., EmbeddedPlatform], pki: dict[str, Path]
) -> None:
    p = start(lookups_per_minute=1000, wrong_proofs_per_hour=3)
    a, c = as_kiosk(pki, "A7H3"), as_kiosk(pki, "C012")
    tn = "A7H3-261204-0003X"
    assert submit(a, p.base_url, application(1, tn), "k").status_code == 201
    known = c.get(p.base_url + f"/v1/status/{tn}", timeout=5)
    unknown = c.get(p.base_url + "/v1/status/A7H3-261204-0009X", timeout=5)
    assert known.status_code == unknown.status_code == 404
    assert known.content == unknown.content and "received" not in known.text
    wrong = lookup(c, p.base_url, tn, id_last4="1234")
    nobody = lookup(c, p.base_url, "A7H3-261204-0009X", id_last4="1234")
    assert wrong.status_code == nobody.status_code == 404 and wrong.content == nobody.content
    # With proof, any kiosk the citizen walks up to shows the status.
    assert lookup(c, p.base_url, tn).json()["status"] == "received"
    assert lookup(c, p.base_url, tn, id_last4="002x").json()["status"] == "received"
    # Guessing the last 4 is throttled per number (3 wrong proofs an hour here).
    for _ in range(2):
        lookup(c, p.base_url, tn, id_last4="9999")
    throttled = lookup(c, p.base_url, tn, id_last4="002X")
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0


def test_status_lookups_are_rate_limited_per_client(
    start: Callable[..., EmbeddedPlatform], pki: dict[str, Path]
) -> None:
    p = start(lookups_per_minute=5)
    c = as_kiosk(pki, "C012")
    codes = [lookup(c, p.base_url, f"C012-261204-{i:04d}X").status_code for i in range(7)]
    assert codes == [404] * 5 + [429] * 2
    # Another kiosk has its own budget.
    assert lookup(as_kiosk(pki, "A7H3"), p.base_url, "A7H3-1").status_code == 404


def test_the_receipt_page_shows_status_only(tls: EmbeddedPlatform, pki: dict[str, Path]) -> None:
    a = as_kiosk(pki, "A7H3")
    tn = "A7H3-261204-0004X"
    assert submit(a, tls.base_url, application(1, tn), "k").status_code == 201
    # The phone has no client certificate: the page is served by a platform without
    # mTLS in production; here the kiosk session stands in for the phone's browser.
    page = a.get(tls.base_url + "/r/" + receipt_code(tn), timeout=5)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "平台已收到申请" in page.text and "received the application" in page.text
    assert "A7H3-261204-0004-X" in page.text  # as the receipt shows it (try-out 7, C-f)
    for private in ("张三", "11010519491231002X", "002X", '"x"'):
        assert private not in page.text
    missing = a.get(tls.base_url + "/r/ZWR1.nothing", timeout=5)
    assert missing.status_code == 404 and "No application matches" in missing.text


def test_concurrent_bookings_never_overbook_a_slot(
    tls: EmbeddedPlatform, pki: dict[str, Path]
) -> None:
    barrier = threading.Barrier(10)
    answers: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def book(i: int) -> None:
        s = as_kiosk(pki, "A7H3")  # a connection of its own per booking
        s.get(tls.base_url + "/v1/capabilities", timeout=10)  # handshake before the race
        body = {"kind": "appointment", "tracking_number": f"A7H3-261124-{i:04d}X", "payload": SLOT}
        barrier.wait()
        r = submit(s, tls.base_url, body, f"book-{i}")
        with lock:
            answers.append((r.status_code, r.json().get("error")))

    threads = [threading.Thread(target=book, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers, key=str) == [(201, None)] * 4 + [(422, "slot_full")] * 6
    slots = as_kiosk(pki, "A7H3").get(
        tls.base_url + "/v1/appointments/slots",
        params={"department_id": SLOT["department_id"], "date": "2026-11-24"},
        timeout=5,
    )
    first = slots.json()["slots"][0]
    assert (first["start"], first["remaining"]) == (SLOT["slot_start"], 0)


def test_a_pushed_catalog_survives_a_restart_and_drives_the_slots(
    start: Callable[..., EmbeddedPlatform], pki: dict[str, Path], creds: Creds, tmp_path: Path
) -> None:
    files = {
        "db_path": tmp_path / "data" / "central.sqlite3",
        "data_key_path": tmp_path / "keys" / "data.key",
    }
    files["db_path"].parent.mkdir()
    a = as_kiosk(pki, "A7H3")
    admin = as_kiosk(pki, "A7H3", **{"X-Admin-Token": creds.admin_token})
    p = start(**files)
    doc = a.get(p.base_url + "/v1/catalog", timeout=5).json()
    doc["version"] = "2026.12-test"
    dep = next(d for d in doc["appointment_departments"] if d["id"] == SLOT["department_id"])
    dep["hours"]["capacity"] = 2
    put = admin.put(p.base_url + "/admin/catalog", json=doc, timeout=5)
    assert put.status_code == 200 and put.json()["version"] == 1
    etag = put.json()["etag"]
    body = {"kind": "appointment", "tracking_number": "A7H3-261124-0100X", "payload": SLOT}
    assert submit(a, p.base_url, application(1, "A7H3-261204-0005X"), "app").status_code == 201
    assert submit(a, p.base_url, body, "b1").status_code == 201
    p.stop()

    again = start(**files)
    got = a.get(again.base_url + "/v1/catalog", timeout=5)
    assert got.json()["version"] == "2026.12-test" and got.headers["etag"] == etag
    slots = a.get(
        again.base_url + "/v1/appointments/slots",
        params={"department_id": SLOT["department_id"], "date": "2026-11-24"},
        timeout=5,
    ).json()["slots"]
    assert (slots[0]["capacity"], slots[0]["remaining"]) == (2, 1)
    versions = admin.get(again.base_url + "/admin/catalog/versions", timeout=5).json()
    assert versions["current"] == 1 and versions["versions"][0]["catalog_version"] == "2026.12-test"
    # Personal data at rest: encrypted, owner-only files, key in another directory.
    assert lookup(a, again.base_url, "A7H3-261204-0005X").json()["status"] == "received"
    again.stop()
    raw = b"".join(f.read_bytes() for f in files["db_path"].parent.iterdir())
    assert b"11010519491231002X" not in raw and "张三".encode() not in raw
    for f in (files["db_path"], files["data_key_path"]):
        assert f.stat().st_mode & 0o777 == 0o600, f
