"""The layer rules (ui -> kiosk -> drivers/offline_cache; no Qt below ui) hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_import_linter_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_qt_module_used_is_in_pyside6_essentials() -> None:
    """The project depends on PySide6-Essentials only; a module from Addons would break."""
    import re
    from importlib import metadata

    shipped = {
        Path(str(f)).name.split(".")[0]
        for f in metadata.files("PySide6_Essentials") or []
        if str(f).startswith("PySide6/Qt") and str(f).endswith(".so")
    }
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtTest"} <= shipped
    used: dict[str, str] = {}
    for package in ("ui", "kiosk", "drivers", "offline_cache", "central", "tests", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            for name in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")):
                used.setdefault(name, str(path.relative_to(ROOT)))
    missing = {name: where for name, where in used.items() if name not in shipped}
    assert not missing, f"Qt modules outside PySide6-Essentials: {missing}"
