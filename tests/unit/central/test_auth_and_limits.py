"""Kiosk registry, credential refusals, the data cipher and the rate limiter."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from central.auth import (
    KioskRegistry,
    SetupError,
    check_setup,
    code_for,
    tracking_kiosk_code,
)
from central.crypto import FieldCipher
from central.limits import RateLimiter

TOKEN = "q" * 20 + "Zx9-Lm2_Pw7Rt4Yu6Io1"


def _registry(tmp_path: Path, text: str) -> KioskRegistry:
    path = tmp_path / "kiosks.toml"
    path.write_text(text, encoding="utf-8")
    return KioskRegistry.load(path)


def test_registry_finds_kiosks_by_token_only(tmp_path: Path) -> None:
    digest = hashlib.sha256(TOKEN.encode()).hexdigest()
    reg = _registry(
        tmp_path, f'[[kiosk]]\nid = "hall-1"\ncode = "C012"\ntoken_sha256 = "{digest}"\n'
    )
    entry = reg.by_token(TOKEN)
    assert entry is not None and (entry.kiosk_id, entry.code) == ("hall-1", "C012")
    assert reg.by_token(TOKEN + "x") is None and reg.by_token(digest) is None
    assert code_for("hall-1", reg) == "C012"
    assert code_for("A7H3", None) == "A7H3" and code_for("kiosk 1", None) is None
    assert tracking_kiosk_code(" a7h3-261123-0042x") == "A7H3"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('[[kiosk]]\nid = "a"\ncode = "B001"\n', "bad code"),
        ('[[kiosk]]\nid = "a"\ncode = "A001"\ntoken_sha256 = "abc"\n', "not hex SHA-256"),
        ('[[kiosk]]\nid = "a"\ncode = "A001"\n[[kiosk]]\nid = "a"\ncode = "A002"\n', "twice"),
        ('[[kiosk]]\nid = "a"\ncode = "A001"\n[[kiosk]]\nid = "b"\ncode = "A001"\n', "share"),
        ("[[kiosk]\n", "kiosks.toml"),
    ],
)
def test_broken_registries_are_refused(tmp_path: Path, text: str, why: str) -> None:
    with pytest.raises(SetupError, match=why):
        _registry(tmp_path, text)


def test_setup_refuses_no_auth_and_weak_or_shared_admin_tokens(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="no authentication setup"):
        check_setup(mtls=False, registry=None, insecure_dev=False, admin_token=None)
    check_setup(mtls=True, registry=None, insecure_dev=False, admin_token=None)
    check_setup(mtls=False, registry=None, insecure_dev=True, admin_token=None)
    for weak in ("changeme", "a" * 40, "short-but-random-9x"):
        with pytest.raises(SetupError, match="admin token"):
            check_setup(mtls=True, registry=None, insecure_dev=False, admin_token=weak)
    digest = hashlib.sha256(TOKEN.encode()).hexdigest()
    reg = _registry(tmp_path, f'[[kiosk]]\nid = "A001"\ncode = "A001"\ntoken_sha256 = "{digest}"\n')
    with pytest.raises(SetupError, match="differ from every kiosk"):
        check_setup(mtls=False, registry=reg, insecure_dev=False, admin_token=TOKEN)


def test_cipher_round_trips_binds_the_slot_and_reads_legacy_text(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "data.key"
    cipher = FieldCipher.load_or_create(key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    sealed = cipher.seal_text('{"name":"张三"}', "body:k1")
    assert "张三" not in sealed and cipher.open_text(sealed, "body:k1") == '{"name":"张三"}'
    with pytest.raises(InvalidTag):
        cipher.open_text(sealed, "body:k2")  # moved to another record's slot
    assert (
        FieldCipher.load_or_create(key_file).open_blob(cipher.seal_blob(b"scan", "a"), "a")
        == b"scan"
    )
    assert cipher.open_text('{"plain": 1}', "body:old") == '{"plain": 1}'


def test_rate_limiter_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(3, 60.0, clock=lambda: now[0])
    assert [limiter.take("k") for _ in range(3)] == [None, None, None]
    wait = limiter.take("k")
    assert wait is not None and wait == pytest.approx(20.0)
    assert limiter.blocked("k") == pytest.approx(20.0)
    assert limiter.take("other") is None
    now[0] = 20.0
    assert limiter.blocked("k") is None and limiter.take("k") is None
    assert limiter.take("k") is not None
