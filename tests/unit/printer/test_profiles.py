"""Printer profiles come from a data file; settings pick one or refuse an unknown one."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.printer.types import PROFILES, profile_named
from kiosk.printing import printer_from_settings
from kiosk.settings import ConfigError, PrinterSection, load_settings


@pytest.mark.parametrize(
    ("name", "dots", "columns"), [("58mm", 384, 32), ("80mm", 576, 48), ("80mm-512", 512, 42)]
)
def test_dots_per_line_give_the_right_columns(name: str, dots: int, columns: int) -> None:
    p = profile_named(name)
    assert (p.dots, p.columns) == (dots, columns)
    assert p.cell_dots * p.columns <= p.dots  # a full line never overflows the head


def test_every_profile_is_consistent() -> None:
    for p in PROFILES.values():
        assert p.dots // 12 == p.columns, p.name
        assert p.clear_held in ("dle_dc4", "esc_at", "none")


def test_settings_choose_profile_and_status(tmp_path: Path) -> None:
    section = PrinterSection(driver="network", profile="80mm-512", status="dle_eot")
    printer = printer_from_settings(section, tmp_path)
    assert printer.profile.dots == 512 and printer.profile.status == "dle_eot"


def test_unknown_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text('[printer]\nprofile = "80mm-999"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown printer profile"):
        load_settings(path)
