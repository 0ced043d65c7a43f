"""English at the largest text size (字号 4/4) on a 1280x800 panel, standard mode, tapped
as a citizen would (try-out 8, C17): the citizen who raised the text still sees where
they are in an application and finds a service in a few pages.
"""

from __future__ import annotations

import re

import pytest

from kiosk.flow import Screen
from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from ui.a11y import out_of_reach
from ui.i18n import tr
from ui.main_window import STEP_KEYS


def _home_at_largest(window, qtbot, size: tuple[int, int], lang: str) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.core.home()
    window.show_screen()
    _settle()
    if window.core.sessions.current.language != lang:
        _tap(qtbot, _visible(window, "btn_lang"))
    while window.display_prefs()[0] != LARGEST:  # 字号, tapped
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(*size)
    _settle()


def _steps_said(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [lab.text() for lab in window.step_labels if lab.isVisible()]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)], ids=str)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_step_bar_names_every_step_at_the_largest_text(window, qtbot, size, lang) -> None:  # type: ignore[no-untyped-def]
    _home_at_largest(window, qtbot, size, lang)
    _tap(qtbot, _visible(window, "tile_apply"))
    assert window.core.screen() == Screen.CATALOG
    said = _steps_said(window)
    assert len(said) == len(STEP_KEYS)
    # A word for every step, never a bare number (it read "1 Choose → 2 → 3 → 4 → 5 → 6").
    bare = [s for s in said if re.fullmatch(r"\d+", s)]
    assert not bare, said
    for text, key in zip(said, STEP_KEYS, strict=True):
        assert text in (tr(key, lang), tr(f"{key}.short", lang)), (text, key)
    assert out_of_reach(window) == []
    assert (window.width(), window.height()) == size
