"""#14: in 长辈模式 a screen's question must stand out from its answers at least as much as
in the standard mode. Its body text grew about 1.55x (34 px against 22) but its headings
only 1.40x and its titles 1.30x, so a heading was barely larger than the text under it.

Measured on the real window: the service guide (its title, its headings, its body text)
in both modes at every 字号 step, reached by taps.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import SERVICE, ApplyRig, rig  # noqa: F401
from ui.theme import TEXT_STEPS

STEPS = len(TEXT_STEPS)


def _shown_px(r: ApplyRig, role: str, name: str = "") -> int:
    """The rendered type size of the visible labels of ``role`` (named ``name`` if given):
    one size for all of them."""
    page = r.window.current_page()
    sizes = {
        lab.font().pixelSize()
        for lab in page.findChildren(QLabel)
        if lab.isVisible()
        and lab.text()
        and lab.property("role") == role
        and (not name or lab.objectName() == name)
    }
    assert len(sizes) == 1, (role, name, sizes)
    return sizes.pop()


def _sizes_by_step(r: ApplyRig) -> list[tuple[int, int, int]]:
    """(title, heading, body) px on the guide at 字号 1..4, stepped up by taps."""
    out = []
    for step in range(STEPS):
        r.settle()
        assert r.window.display_prefs()[0] == step
        r.at(Screen.GUIDE)
        out.append(
            (
                _shown_px(r, "title", "guide_name"),
                _shown_px(r, "heading", "guide_materials"),
                _shown_px(r, "body"),
            )
        )
        if step < STEPS - 1:
            r.click("btn_text_size")
    return out


def test_headings_grow_in_elder_mode_at_least_as_much_as_body_text(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("tile_apply")
    # The catalog has its own tests: choose as its tile would.
    r.core.sessions.current.service_id = SERVICE
    r.window.show_screen(r.core.next())
    r.at(Screen.GUIDE)
    standard = _sizes_by_step(r)
    r.click("btn_text_size")  # back to 字号 1 (the step after the largest)
    r.click("btn_assisted")
    assert r.core.sessions.current.assisted
    elder = _sizes_by_step(r)
    for step, ((nt, nh, nb), (at, ah, ab)) in enumerate(zip(standard, elder, strict=True)):
        sizes = (step + 1, standard[step], elder[step])
        assert at > ah > ab and nt > nh > nb, sizes  # title over heading over body
        assert ab > nb, sizes
        # Grown at least as much as the body text from the standard mode's sizes.
        assert ah / nh >= ab / nb, sizes
        assert at / nt >= ab / nb, sizes
