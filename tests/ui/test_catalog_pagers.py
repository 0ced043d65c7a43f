"""The catalog's two paged areas (departments, services) each say which one they turn.

Try-out finding: in the English catalog at Text 4/4 (1920x1080) two "Page 1 of 2"
pagers stood side by side. Each pager now names its area when there is room (the
services always have it), so two visible page texts are never the same; and a tap on
each pager's Next turns its own area and leaves the other where it was.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.helpers import wait_until_tappable
from ui.i18n import tr
from ui.tour import SCENES, stage

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _page_texts(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        w.objectName(): w.text()
        for w in window.findChildren(QLabel)
        if w.objectName() in ("dept_pager_page", "service_pager_page") and w.isVisible()
    }


def _shown(window, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(
        b.objectName()
        for b in window.findChildren(QAbstractButton)
        if b.objectName().startswith(prefix) and b.isVisible()
    )


def _catalog(window, lang: str, assisted: bool, step: int) -> None:  # type: ignore[no-untyped-def]
    scene = next(s for s in SCENES if s.name == "catalog")
    stage(window, scene, lang, assisted, text_step=step)
    _settle()


def test_each_pager_turns_its_own_area_english_at_the_largest_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)  # where the try-out saw two "Page 1 of 2"
    _catalog(window, "en", False, 3)
    texts = _page_texts(window)
    assert set(texts) == {"dept_pager_page", "service_pager_page"}, texts
    assert texts["service_pager_page"].startswith("Services: page 1 of ")
    assert texts["dept_pager_page"] != texts["service_pager_page"]
    depts, services = _shown(window, "dept_"), _shown(window, "service_")
    for pager, turns, stays in (
        ("service_pager", "service_", "dept_"),
        ("dept_pager", "dept_", "service_"),
    ):
        [nxt] = [b for b in window.findChildren(QAbstractButton, f"{pager}_next") if b.isVisible()]
        before_turns, before_stays = _shown(window, turns), _shown(window, stays)
        wait_until_tappable(nxt)
        qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
        _settle()
        assert _shown(window, turns) != before_turns, f"{pager} did not turn its area"
        assert _shown(window, stays) == before_stays, f"{pager} turned the other area"
    assert _shown(window, "dept_") != depts and _shown(window, "service_") != services
    assert "2" in _page_texts(window)["service_pager_page"]


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_two_pagers_never_show_the_same_words(window, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    seen = 0
    for w, h in SIZES:
        window.resize(w, h)
        for lang in ("zh", "en"):
            for step in (0, 3):
                _catalog(window, lang, assisted, step)
                texts = [t for t in _page_texts(window).values() if t]
                if len(texts) == 2:
                    seen += 1
                    assert texts[0] != texts[1], (w, h, lang, step, texts)
                services = _page_texts(window).get("service_pager_page")
                if services:  # the services' pager always has the room to name its area
                    area = tr("catalog.pager.services", lang)
                    assert services.startswith(area), (w, h, lang, step, services)
    assert assisted or seen, "no configuration showed both pagers: the check checked nothing"
