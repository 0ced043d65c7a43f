"""The receipt's QR code in portrait 长辈模式 at 字号 4/4 takes its column's width (try-out
15, E6: ~145 px, the smallest thing on a screen a third empty, while the screen asked the
citizen to photograph it), wholly in view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from tests.ui.test_fit_text_sizes import LARGEST
from ui.tour import SCENES, stage


def test_the_receipt_qr_takes_its_column_in_portrait(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    stage(window, {s.name: s for s in SCENES}["submitted"], "zh", True, text_step=LARGEST)
    page = window.current_page()
    drawn = page.qr.pixmap().width()
    # The code is drawn in whole pixels a module: within a quarter of its column.
    assert drawn >= page.hint.width() * 3 // 4, (drawn, page.hint.width())
    at = QRect(page.qr.mapTo(window, QPoint(0, 0)), page.qr.size())
    assert window.rect().contains(at), at
