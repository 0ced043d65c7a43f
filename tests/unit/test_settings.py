"""Configuration: shipped files are valid; every broken file gets one clear message, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.settings import CONFIG_DIR, ConfigError, load_settings


@pytest.mark.parametrize("name", ["default.toml", "demo.toml", "production.example.toml"])
def test_shipped_configs_are_valid(name: str) -> None:
    settings = load_settings(CONFIG_DIR / name)
    assert settings.kiosk.code


def test_demo_config_selects_simulators_and_embedded_platform() -> None:
    s = load_settings(CONFIG_DIR / "demo.toml")
    assert (s.card.driver, s.scanner.driver, s.printer.driver) == ("simulator",) * 3
    assert s.platform.mode == "embedded"
    assert s.demo.enabled


BAD = {
    "syntax": ("[kiosk\ncode = 'X'\n", ["TOML syntax error", "line 1"]),
    "unknown_key": ("[printer]\npaper_width = 80\n", ["printer.paper_width", "unknown key"]),
    "unknown_section": ("[prnter]\ndriver = 'usb'\n", ["prnter", "unknown key"]),
    "wrong_type": (
        "[timeouts]\nidle_warning_s = 'sixty'\n",
        ["timeouts.idle_warning_s", "integer"],
    ),
    "out_of_range": (
        "[timeouts]\ncountdown_s = 5\n",
        ["timeouts.countdown_s", "greater than or equal to 20"],
    ),
    "bad_choice": ("[printer]\npaper_mm = 70\n", ["printer.paper_mm", "58", "80"]),
    "bad_pattern": ("[kiosk]\ncode = 'a b'\n", ["kiosk.code", "pattern"]),
    "half_mtls": (
        "[platform]\nclient_cert = '/x.pem'\n",
        ["platform", "client_cert and client_key"],
    ),
    "bad_fleet_key": ('[fleet.receipt_keys]\n"C013.1" = "not a key"\n', ["fleet.receipt_keys"]),
    "bad_platform_key": ('[platform]\npublic_key = "xyz"\n', ["platform.public_key"]),
    "absent_trust_list": (
        '[card]\ncsca_trust_list = "/nonexistent/masterlist.ml"\n',
        ["card.csca_trust_list", "cannot read the trust list"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_config_message_names_file_key_and_expectation(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    msg = str(err.value)
    assert str(path) in msg
    for part in expected:
        assert part in msg, f"{part!r} not in {msg!r}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes("[kiosk]\nname_zh = '终端'\n".encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path)


@pytest.mark.parametrize("case", ["syntax", "unknown_key", "wrong_type"])
@pytest.mark.parametrize("flag", ["--check-config", "--config"])
def test_cli_exits_2_without_traceback(tmp_path: Path, case: str, flag: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD[case][0], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", flag, str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(path) in proc.stderr


def test_cli_missing_config_file(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(tmp_path / "gone.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "file not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_check_config_ok() -> None:
    # The production example is refused until technicians are registered
    # (tests/unit/technicians/test_check_config.py); the demo file passes as it is.
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--check-config", str(CONFIG_DIR / "demo.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "OK" in proc.stdout


def test_screen_density_from_config() -> None:
    s = load_settings(CONFIG_DIR / "default.toml")
    # 21.5-inch 1920x1080 is about 4 px per mm.
    assert 3.9 < s.display.px_per_mm < 4.2


def test_help_names_the_other_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    from kiosk.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "kiosk technician add|remove|list" in out and "kiosk audit verify FILE" in out


def test_cli_demo_kiosk_id_gives_a_second_demo_kiosk_its_own_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Try-out 12 N11: two demo kiosks both minted M001-…; --kiosk-id tells them apart."""
    from kiosk.cli import main

    assert main(["--demo", "--kiosk-id", "M002", "--print-setting", "kiosk.code"]) == 0
    assert capsys.readouterr().out.strip() == "M002"
    # Its queue numbers too: not demo.toml's "1" of M001 (try-out 13, R1: both 1-E001).
    assert main(["--demo", "--kiosk-id", "M002", "--print-setting", "kiosk.queue_prefix"]) == 0
    assert capsys.readouterr().out.strip() == "2"
    assert main(["--demo", "--print-setting", "kiosk.queue_prefix"]) == 0
    assert capsys.readouterr().out.strip() == "1"
    # Outside the alphabet of kiosk/tracking.py: refused, not minted into receipts.
    assert main(["--demo", "--kiosk-id", "M0O2", "--print-setting", "kiosk.code"]) == 2
    assert "--kiosk-id" in capsys.readouterr().err
    # A real kiosk's code is its configuration file's: the flag is the demo's only.
    assert main(["--kiosk-id", "M002", "--print-setting", "kiosk.code"]) == 2
