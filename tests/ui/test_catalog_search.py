"""Catalog search through the real window (tryout finding 7): the hint's example works,
initials match anywhere in a name, and full pinyin works too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.ui.helpers import wait_until_tappable


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]
    assert found, f"no visible {name!r}"
    wait_until_tappable(found[0])
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def _results(window) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(
        w.objectName().removeprefix("service_")
        for w in window.findChildren(QAbstractButton)
        if w.objectName().startswith("service_") and w.isVisible()
    )


def _open_catalog(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tap(window, qtbot, "tile_apply")
    assert window.core.screen() == Screen.CATALOG


def _search(window, qtbot, letters: str) -> list[str]:  # type: ignore[no-untyped-def]
    if window.core.screen() != Screen.CATALOG:
        _open_catalog(window, qtbot)
    _tap(window, qtbot, "btn_search")
    for ch in letters:
        _tap(window, qtbot, f"key_{ch}")
    qtbot.wait(1)
    return _results(window)


def test_the_hints_example_finds_the_id_card(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open_catalog(window, qtbot)
    hint = window.findChild(QLabel, "search_text")
    assert hint is not None and "SFZ" in hint.text()
    # 居民身份证换领: initials jmsfzhl, SFZ in the middle.
    assert _search(window, qtbot, "SFZ") == ["gongan.id_card_renewal"]


@pytest.mark.parametrize(
    ("letters", "expected"),
    [
        ("GJJ", ["gongjijin.deposit_certificate", "gongjijin.rent_withdrawal"]),
        ("SHENFENZHENG", ["gongan.id_card_renewal"]),
    ],
)
def test_initials_anywhere_and_full_pinyin(window, qtbot, letters, expected) -> None:  # type: ignore[no-untyped-def]
    assert _search(window, qtbot, letters) == expected


def test_the_english_hint_asks_for_a_word_and_its_example_works(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Try-out 4, item 12f: English readers were asked for pinyin initials.
    _tap(window, qtbot, "btn_lang")
    _open_catalog(window, qtbot)
    hint = window.findChild(QLabel, "search_text")
    assert hint is not None and "pinyin" not in hint.text().lower() and "CARD" in hint.text()
    assert _search(window, qtbot, "CARD") == ["gongan.id_card_renewal", "renshe.ss_card_replace"]
