"""The staging helpers fail loudly: a scene that is not reached never passes a check."""

from __future__ import annotations

import pytest

from kiosk.flow import Screen
from ui.staging import StagingError, tap, wait_for
from ui.tour import SCENES, Scene, stage


def test_a_missing_button_raises_naming_it_and_the_screen(window) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StagingError, match=r"no_such_button.*home"):
        tap(window, "no_such_button")


def test_a_hidden_button_is_not_tapped(window) -> None:  # type: ignore[no-untyped-def]
    # Back is hidden on the home screen: tapping it must fail, not do nothing.
    with pytest.raises(StagingError, match="btn_back"):
        tap(window, "btn_back")


def test_a_condition_that_never_holds_raises(window) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StagingError, match="never"):
        wait_for(window, lambda: False, "never", timeout_s=0.2)


def test_a_scene_on_the_wrong_screen_raises(window) -> None:  # type: ignore[no-untyped-def]
    wrong = Scene("wrong", lambda w: None, Screen.REVIEW)
    with pytest.raises(StagingError, match="expected review"):
        stage(window, wrong, "zh", False)


def test_a_scene_without_its_widget_raises(window) -> None:  # type: ignore[no-untyped-def]
    missing = Scene("missing", lambda w: None, Screen.HOME, ("tile_nowhere",))
    with pytest.raises(StagingError, match="tile_nowhere"):
        stage(window, missing, "zh", False)


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_keyboard_scene_differs_from_the_plain_form(window, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    # The old helpers let form_keyboard stay on the plain form in assisted mode.
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes["form"], "zh", assisted)
    plain = window.grab().toImage()
    stage(window, scenes["form_keyboard"], "zh", assisted)
    assert window.grab().toImage() != plain
