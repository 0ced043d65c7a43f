"""On a machine without the PC/SC packages the card fixtures say what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import pcscd


def test_missing_pcscd_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pcscd.shutil, "which", lambda name: None)
    monkeypatch.setattr(pcscd, "Path", lambda p: Path("/nonexistent") / p.lstrip("/"))
    with pytest.raises(pcscd.PcscSetupError, match="apt-get install pcscd"):
        pcscd.check_prerequisites()


def test_missing_vpcd_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pcscd.shutil, "which", lambda name: "/usr/sbin/pcscd")
    monkeypatch.setattr(pcscd, "VPCD_DRIVER", tmp_path / "libifdvpcd.so")
    with pytest.raises(pcscd.PcscSetupError, match="apt-get install vsmartcard-vpcd"):
        pcscd.check_prerequisites()
