"""`kiosk --check-config` and `kiosk technician`: production refuses default credentials."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.settings import CONFIG_DIR
from kiosk.technicians.pins import hash_pin
from kiosk.technicians.store import Technician, TechnicianRegister

EXAMPLE = CONFIG_DIR / "production.example.toml"


def _config(tmp_path: Path, extra: str = "") -> tuple[Path, Path]:
    """The production example, with its register moved into ``tmp_path``."""
    register = tmp_path / "technicians.json"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'technicians_file = "/etc/zhengwu-kiosk/technicians.json"',
        f'technicians_file = "{register}"\n{extra}',
    )
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path, register


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--check-config", str(path)])
    out = capsys.readouterr()
    return code, out.err.strip() or out.out.strip()


def test_the_example_file_is_refused_in_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--check-config", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no technicians" in lines[0] and "technician" in lines[0]
    assert "Traceback" not in proc.stderr


def test_known_example_pin_in_the_register_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, register = _config(tmp_path)
    # Written past `technician add` (which refuses it), as a hand-edited file would be.
    TechnicianRegister(register)._write([Technician("1001", "W", hash_pin("246810"))])
    code, msg = _check(path, capsys)
    assert code == 2 and "1001" in msg and "known example PIN" in msg and "\n" not in msg


def test_shared_pin_and_demo_pin_are_refused_in_production(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _config(tmp_path, 'pin = "246810"')
    code, msg = _check(path, capsys)
    assert code == 2 and "known example PIN" in msg and "shared PIN" in msg
    path, _ = _config(tmp_path, 'demo_technician_pin = "583920"')
    code, msg = _check(path, capsys)
    assert code == 2 and "demo mode only" in msg


def test_demo_config_passes_and_keeps_its_demo_technician(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _check(CONFIG_DIR / "demo.toml", capsys)[0] == 0


def test_technician_add_list_remove_then_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, register = _config(tmp_path)
    base = ["technician", "--config", str(path)]
    monkeypatch.setattr(sys, "stdin", io.StringIO("246810\n"))
    assert main([*base, "add", "1001", "--name", "Wang Wei", "--pin-stdin"]) == 2
    assert "known" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("583920\n"))
    assert main([*base, "add", "1001", "--name", "Wang Wei", "--pin-stdin"]) == 0
    capsys.readouterr()
    assert _check(path, capsys) == (0, f"{path}: OK")
    assert main([*base, "list"]) == 0
    listed = capsys.readouterr().out
    assert "1001" in listed and "Wang Wei" in listed and "583920" not in listed
    assert "583920" not in register.read_text(encoding="utf-8")
    assert asdict(TechnicianRegister(register).load()[0])["pin_hash"].startswith("$argon2id$")
    assert main([*base, "remove", "1001"]) == 0
    capsys.readouterr()
    code, msg = _check(path, capsys)
    assert code == 2 and "no technicians" in msg
