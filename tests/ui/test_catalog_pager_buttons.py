"""Try-out 8, C3 and C17: the catalog at 1280x800 in English showed the departments'
"◀ Previous | Next ▶" right beside the services' "◀ Previous | Next ▶" (at 字号 4/4 as bare
◀ ▶ beside them), and at 4/4 the service tiles lost their department and time limit to a
search hint wrapped to three lines. Each pager's buttons now say what they turn (the
departments' column turns ▲/▼), and the hint gives way to the tiles' second lines."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.ui.test_catalog_pagers import SIZES, _catalog
from ui.widgets.tile import Tile

BUTTONS = ("dept_pager_prev", "dept_pager_next", "service_pager_prev", "service_pager_next")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_two_page_buttons_say_the_same(window, lang: str) -> None:  # type: ignore[no-untyped-def]
    both = 0
    for w, h in SIZES:
        window.resize(w, h)
        for step in (0, 1, 2, 3):
            _catalog(window, lang, False, step)
            texts = {
                name: b.text()
                for name in BUTTONS
                for b in window.findChildren(QAbstractButton, name)
                if b.isVisible()
            }
            assert len(set(texts.values())) == len(texts), (w, h, step, texts)
            if {"dept_pager_next", "service_pager_next"} <= set(texts):
                both += 1
                # Each says which list it turns: in words, or the departments by ▲/▼.
                assert "▼" in texts["dept_pager_next"], texts
                assert "▶" in texts["service_pager_next"], texts
    assert both >= 2  # 1280x800 at least, where the try-out saw them side by side


def test_services_keep_department_and_time_limit_at_the_largest_text(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    _catalog(window, "en", False, 3)
    tiles = [t for t in window.findChildren(Tile) if t.objectName().startswith("service_")]
    shown = [t for t in tiles if t.isVisible() and t.objectName() != "service_pager"]
    assert len(shown) >= 2, [t.objectName() for t in shown]
    for t in shown:
        assert t.sub.isVisible() and t.sub.text(), t.objectName()
    button = [b for b in window.findChildren(QAbstractButton, "btn_search") if b.isVisible()]
    assert button and button[0].text() == "Search by name"  # the way to search stays
    hint = window.findChild(QLabel, "search_text")
    assert hint is not None and not hint.isVisible()  # it gave the room to the tiles


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_button_says_the_top_bar_s_back(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Try-out 9, C1: at 1280x800 in English the departments' ▲ button read "▲ Back",
    right under the top bar's Back, which leaves the catalog: a citizen after the
    previous departments may leave instead (or the reverse). No page button shares a
    word with the top bar's 返回 / Back, and the one turning back turns the departments."""
    from PySide6.QtCore import Qt

    from tests.ui.helpers import wait_until_tappable

    back = window.findChild(QAbstractButton, "btn_back")
    turned = 0
    for w, h in SIZES:
        window.resize(w, h)
        for step in (0, 1, 2, 3):
            _catalog(window, lang, False, step)
            assert back.isVisible() and back.text()
            words = set(back.text().split())
            for name in BUTTONS:
                for b in window.findChildren(QAbstractButton, name):
                    if b.isVisible():
                        shared = words & set(b.text().replace("▲", " ").split())
                        assert back.text() not in b.text() and not shared, (w, h, step, b.text())
            nxt = window.findChild(QAbstractButton, "dept_pager_next")
            if (w, h) != (1280, 800) or not (nxt.isVisible() and nxt.isEnabled()):
                continue
            for name in ("dept_pager_next", "dept_pager_prev"):
                b = window.findChild(QAbstractButton, name)
                wait_until_tappable(b)
                qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
                turned += 1
            assert window.core.screen().name == "CATALOG"  # it turned, it did not leave
            page = window.findChild(QLabel, "dept_pager_page")
            assert page is not None and "1" in page.text()
    assert turned >= 2  # the try-out's screen: 1280x800, departments in pages


def test_chinese_departments_pager_says_words_where_english_does(window) -> None:  # type: ignore[no-untyped-def]
    """Try-out 12, N9: at 1280x800 the English departments' pager read "▲ Earlier" /
    "More ▼" while the Chinese one, at the same size, was bare ▲ / ▼ (its words too long
    for the column). Wherever the English buttons carry words, so do the Chinese."""
    names = ("dept_pager_prev", "dept_pager_next")
    compared = 0
    window.resize(1280, 800)
    for step in (0, 1, 2, 3):
        texts: dict[str, list[str]] = {}
        for lang in ("en", "zh"):
            _catalog(window, lang, False, step)
            texts[lang] = [
                b.text()
                for name in names
                for b in window.findChildren(QAbstractButton, name)
                if b.isVisible()
            ]
        if len(texts["en"]) != 2 or texts["en"] == ["▲", "▼"]:
            continue  # no pager, or no room for words even in English
        compared += 1
        assert len(texts["zh"]) == 2, (step, texts)
        for text, arrow in zip(texts["zh"], ("▲", "▼"), strict=True):
            assert arrow in text and text.replace(arrow, "").strip(), (step, texts)
    assert compared >= 1  # the try-out's screen: 1280x800 at 字号 1/4


def test_assisted_english_tiles_keep_a_second_line_at_the_largest_text(window) -> None:  # type: ignore[no-untyped-def]
    """Try-out 12, N16: 长辈模式 at 1280x800, Text 4/4, English: "Resident ID card
    renewal" showed its title alone where the Chinese tile said 公安局 · 20个工作日. Where
    the full line has no room, the tile says its short form (the time limit)."""
    window.resize(1280, 800)
    _catalog(window, "en", True, 3)
    tile = window.findChild(Tile, "service_gongan.id_card_renewal")
    assert tile is not None and tile.isVisible()
    assert tile.sub.isVisible() and "20 working days" in tile.sub.text(), tile.sub.text()
    # Whole on screen: the line is not cut by the tile's border.
    assert tile.sub.geometry().bottom() <= tile.contentsRect().bottom()
    # Every short line is the same kind of fact, a time (try-out 15, E8: 户籍证明's, whose
    # limit is a sentence, said its department among the others' working days).
    hukou = window.findChild(Tile, "service_gongan.hukou_certificate")
    assert hukou is not None and hukou.shows_short(), "户籍证明 not on the list or not short"
    assert hukou.sub.text() == "Same day", hukou.sub.text()
