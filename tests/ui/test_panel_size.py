"""The window stays the panel's size whatever its content asks for (try-out finding: under
Xvfb with no window manager a tall screen grew the window past the glass, and the bottom
bar stayed off-screen for the next citizens)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.launcher import pin_to_panel


def _overflow(window) -> QWidget:  # type: ignore[no-untyped-def]
    """Content taller than any panel on the page on display."""
    page = window.current_page()
    assert page is not None, "no page on display"
    tall = QWidget(page)
    tall.setMinimumHeight(3000)
    page.layout().addWidget(tall)
    return tall


def test_a_pinned_window_does_not_grow_past_the_panel(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pin_to_panel(window, 1280, 800)
    window.show()
    tall = _overflow(window)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1280, 800)
    tall.deleteLater()


def test_without_the_pin_the_same_content_grows_the_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The check above can fail: unpinned, the same content makes Qt grow the window.
    window.resize(1280, 800)
    window.show()
    tall = _overflow(window)
    qtbot.waitUntil(lambda: window.height() > 800, timeout=2000)
    tall.deleteLater()
