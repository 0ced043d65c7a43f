"""The tour shows the signed-in maintenance panel's pages in both languages and modes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton

from tests.ui.helpers import has_cjk
from ui.screens.maintenance_pages import PAGES
from ui.tour import SCENES, stage


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_panel_page_is_toured_signed_in(window, lang: str, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    scenes = {s.name: s for s in SCENES}
    for page in PAGES:
        stage(window, scenes[f"maintenance_{page}"], lang, assisted)
        shown = [b for b in window.findChildren(QAbstractButton, f"tab_{page}") if b.isVisible()]
        assert len(shown) == 1 and shown[0].isChecked(), page
        assert has_cjk(shown[0].text()) == (lang == "zh"), shown[0].text()
        assert window.core.maintenance_ops().gate.session is not None
    stage(window, scenes["maintenance"], lang, assisted)  # leaving signed the technician out
    assert window.core.maintenance_ops().gate.session is None
