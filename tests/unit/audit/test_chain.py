"""The audit chain: every kind of tampering is found, with its position."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.audit.chain import AuditLog, head_path, load_or_create_key, verify
from kiosk.cli import main

ID_NUMBER = "11010519491231002X"


def _log(tmp_path: Path, n: int = 6) -> tuple[AuditLog, bytes]:
    key = load_or_create_key(tmp_path / "keys" / "audit.key")
    t = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
    log = AuditLog(tmp_path / "audit" / "audit.jsonl", key, "M001", lambda: t)
    for i in range(n):
        log.append("panel.test_page", {"technician": "1001", "i": i})
    return log, key


def _lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines(keepends=True)


def _write(log: AuditLog, lines: list[str]) -> None:
    log.path.write_text("".join(lines), encoding="utf-8")


def test_intact_log_verifies_and_survives_a_restart(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    assert str(verify(log.path, key)) == "intact (6 entries)"
    again = AuditLog(log.path, key, "M001", lambda: dt.datetime.now(dt.UTC))
    again.append("signin.ok", {"technician": "1001"})
    assert verify(log.path, key).entries == 7 and verify(log.path, key).intact


def test_edited_entry_is_found(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    lines = _lines(log)
    lines[2] = lines[2].replace('"1001"', '"1002"')
    _write(log, lines)
    v = verify(log.path, key)
    assert not v.intact and v.broken_at == 3 and "edited" in v.reason


def test_deleted_entry_is_found(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    lines = _lines(log)
    del lines[3]
    _write(log, lines)
    v = verify(log.path, key)
    assert not v.intact and v.broken_at == 4


def test_reordered_entries_are_found(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    lines = _lines(log)
    lines[1], lines[4] = lines[4], lines[1]
    _write(log, lines)
    v = verify(log.path, key)
    assert not v.intact and v.broken_at == 2


def test_truncated_log_is_found(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    lines = _lines(log)
    _write(log, lines[:4])
    v = verify(log.path, key)
    assert not v.intact and v.broken_at == 5 and "6 entries" in v.reason
    _write(log, [*lines[:5], lines[5][:30]])  # cut inside the last entry
    v = verify(log.path, key)
    assert not v.intact and v.broken_at == 6


def test_a_chain_rebuilt_without_the_key_is_found(tmp_path: Path) -> None:
    log, key = _log(tmp_path)
    forged_key = b"\x01" * 32
    forged = AuditLog(
        tmp_path / "forged.jsonl", forged_key, "M001", lambda: dt.datetime.now(dt.UTC)
    )
    for _ in range(6):
        forged.append("panel.test_page", {"technician": "1001"})
    v = verify(forged.path, key, head=head_path(log.path))
    assert not v.intact and v.broken_at == 1


def test_identity_numbers_never_enter_the_trail(tmp_path: Path) -> None:
    log, _ = _log(tmp_path, 0)
    log.append("panel.note", {"text": f"card {ID_NUMBER} read"})
    assert ID_NUMBER not in log.path.read_text(encoding="utf-8")


def test_cli_says_intact_or_broken_at_entry_n(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log, _ = _log(tmp_path)
    key_file = tmp_path / "keys" / "audit.key"
    assert main(["audit", "verify", str(log.path), "--key", str(key_file)]) == 0
    assert "intact (6 entries)" in capsys.readouterr().out
    lines = _lines(log)
    entry = json.loads(lines[4])
    entry["kind"] = "panel.nothing"
    lines[4] = json.dumps(entry) + "\n"
    _write(log, lines)
    assert main(["audit", "verify", str(log.path), "--key", str(key_file)]) == 1
    assert "broken at entry 5" in capsys.readouterr().out
