"""Try-out 5, item 9: at 1280x800 the catalog showed two "◀ Previous / Next ▶" pairs side
by side, the departments' with no words to say what it turns, and at 字号 4/4 one service
a page ("page 1 of 8"). Each pager now names its area in words whenever it shows, at
every size and text step, and the services come more than one a page where that fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from tests.ui.helpers import wait_until_tappable
from tests.ui.test_catalog_pagers import SIZES, _catalog, _page_texts, _settle, _shown
from ui.i18n import tr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pager_shown_names_its_area(window, lang: str) -> None:  # type: ignore[no-untyped-def]
    names = {
        "dept_pager_page": tr("catalog.pager.departments", lang),
        "service_pager_page": tr("catalog.pager.services", lang),
    }
    paged = 0
    for w, h in SIZES:
        window.resize(w, h)
        for step in (0, 3):
            _catalog(window, lang, False, step)
            for pager, word in (
                ("dept_pager", names["dept_pager_page"]),
                ("service_pager", names["service_pager_page"]),
            ):
                buttons = [
                    b
                    for b in window.findChildren(QAbstractButton, f"{pager}_next")
                    if b.isVisible()
                ]
                if not buttons:
                    continue  # one page: no buttons, nothing to name
                paged += 1
                text = _page_texts(window).get(f"{pager}_page", "")
                assert word in text, (w, h, step, pager, text)
    assert paged >= 4  # the departments page at 1280x800, the services at 4/4


def _services(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [n for n in _shown(window, "service_") if not n.startswith("service_pager")]


def test_more_than_one_service_a_page_at_the_largest_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    _catalog(window, "en", False, 3)
    first = _services(window)
    assert len(first) >= 2, first
    # Turning the page shows the next ones, also more than one, and the words say so.
    [nxt] = [b for b in window.findChildren(QAbstractButton, "service_pager_next") if b.isVisible()]
    wait_until_tappable(nxt)
    qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
    _settle()
    second = _services(window)
    assert second and set(second).isdisjoint(first)
    assert "page 2 of" in _page_texts(window)["service_pager_page"]
