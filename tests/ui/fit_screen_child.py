"""Child process for test_fit_screen: runs the real launcher on a 1280x800 offscreen
screen (QT_QPA_PLATFORM carries the screen), taps the far-right controls and prints
what it saw as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.settings import CONFIG_DIR, load_settings
from tests.ui.helpers import wait_until_tappable
from ui.launcher import run


def _inside(w: QWidget, area: tuple[int, int, int, int]) -> bool:
    top_left = w.mapToGlobal(QPoint(0, 0))
    x, y, aw, ah = area
    return (
        w.isVisible()
        and top_left.x() >= x
        and top_left.y() >= y
        and top_left.x() + w.width() <= x + aw
        and top_left.y() + w.height() <= y + ah
    )


def main(data_dir: str, size: str) -> None:
    """Run the kiosk like `kiosk --demo [--size]`, report, quit."""
    app = QApplication(sys.argv[:1])
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": Path(data_dir)})})
    s = s.model_copy(update={"demo": s.demo.model_copy(update={"controls": False})})
    seen: dict[str, object] = {}

    def look() -> None:
        from ui.main_window import MainWindow

        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        if not (window.isVisible() and window.staff_btn.isVisible()):
            QTimer.singleShot(100, look)  # not painted yet on a busy machine
            return
        screen = app.primaryScreen()
        assert screen is not None
        g = screen.availableGeometry()
        area = (g.x(), g.y(), g.width(), g.height())
        seen["screen"] = [g.width(), g.height()]
        seen["window"] = [window.width(), window.height()]
        names = ("btn_lang", "btn_assisted", "btn_call_staff", "btn_text_size", "btn_contrast")
        seen["inside"] = {n: _inside(window.findChild(QWidget, n), area) for n in names}
        seen["pos"] = list(window.pos().toTuple())
        # The far-right 中/English button is reachable by a tap and works.
        lang = window.findChild(QWidget, "btn_lang")
        before = window.staff_btn.text()
        wait_until_tappable(lang)
        QTest.mouseClick(lang, Qt.MouseButton.LeftButton)
        app.processEvents()
        seen["staff_text"] = [before, window.staff_btn.text()]
        app.quit()

    QTimer.singleShot(500, look)
    run(s, windowed=False, size=tuple(int(v) for v in size.split("x")) if size else None)  # type: ignore[arg-type]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
