"""The top bar's buttons speak in one size of type (try-out 7, 24): short of room in
长辈模式 at 字号 4/4 on 1280x800, 返回 and English were smaller than 首页 and 标准模式
beside them. Where one must give way, all give way alike."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.ui.test_console_queue_call import _start, _tap
from ui.theme import TEXT_STEPS

TOP = ("btn_back", "btn_home", "btn_lang", "btn_assisted", "btn_call_staff")


def _type_px(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    out = {}
    for name in TOP:
        shown = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
        if shown:
            out[name] = shown[0].fontInfo().pixelSize()
    return out


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)])
def test_top_bar_buttons_share_one_type_size(window, kiosk_app, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    window.resize(*size)
    _tap(window, qtbot, "btn_assisted")
    while window.display_prefs()[0] != len(TEXT_STEPS) - 1:
        _tap(window, qtbot, "btn_text_size")
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()
    home = _type_px(window)
    assert len(set(home.values())) == 1, home
    _tap(window, qtbot, "tile_appointment")  # 返回 and 首页 join the bar
    for _ in range(3):
        QApplication.processEvents()
    inner = _type_px(window)
    assert {"btn_back", "btn_home", "btn_lang"} <= set(inner), inner
    assert len(set(inner.values())) == 1, inner
    # Back home: the others need not stay as small as 返回 was.
    _tap(window, qtbot, "btn_home")
    for _ in range(3):
        QApplication.processEvents()
    assert _type_px(window) == home
