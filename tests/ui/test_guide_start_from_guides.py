"""Try-out 12, N8: the 办事指南 guide (home's 办事指南 tile, not the apply path) ended with
办理地点 and offered no way to start the service it describes: the citizen went home, to
办事, found the service again and, in 长辈模式, paged through the same guide again. Now
it offers 开始办理 for a service done here, held as on the apply path until every page
was seen, and the tap leads into the same identify → form journey as from 办事 (the
apply journey, its step bar); a counter-only service offers 预约取号 instead. Taps on
the real window, through the catalog's own tiles."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.flow import Journey, Screen
from tests.support.pages import read_the_guide, turn_pages_to
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr

KIOSK_SERVICE = "renshe.ss_card_replace"
COUNTER_SERVICE = "gongan.id_card_renewal"  # 居民身份证换领: at the counter only


def _choose(r: ApplyRig, service: str) -> None:
    turn_pages_to(r.window, f"service_{service}", lambda b: r.click(b.objectName()))
    r.click(f"service_{service}")
    r.at(Screen.GUIDE)


def _step_bar_shown(r: ApplyRig) -> bool:
    r.settle()
    bar = r.window.findChild(QWidget, "steps_bar")
    return bar is not None and bar.isVisible()


@pytest.mark.parametrize(
    ("size", "assisted"), [((1280, 800), True), ((1280, 800), False), ((1080, 1920), True)]
)
def test_guides_guide_starts_the_service(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        r.click("btn_assisted")
    while assisted and r.window.display_prefs()[0] != 3:
        r.click("btn_text_size")
    r.click("tile_guides")
    r.at(Screen.CATALOG)
    _choose(r, KIOSK_SERVICE)
    assert r.core.nav.journey is Journey.GUIDES
    assert r.shown("btn_start"), "办事指南 offers no way to start the service it describes"
    start = r.button("btn_start")
    guide = r.window.current_page()
    if guide.materials.page_count() > 1:
        # Held as on the apply path: the time limit and the fee cannot be skipped.
        assert not start.isEnabled()
    read_the_guide(r.window, r.click)
    assert r.button("btn_start").text() == tr("guide.start", r.core.sessions.current.language)
    r.click("btn_start")
    # The same journey as chosen from 办事: identification next, then the form.
    r.at(Screen.IDENTIFY)
    assert r.core.nav.journey is Journey.APPLY
    assert r.core.sessions.current.service_id == KIOSK_SERVICE
    assert _step_bar_shown(r), "no step bar on the apply journey's identification"
    # 返回 leads back to the guide just read, now on the apply path.
    r.click("btn_back")
    r.at(Screen.GUIDE)
    assert r.core.nav.journey is Journey.APPLY


def test_guides_guide_of_a_counter_service_books(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    r.click("tile_guides")
    r.at(Screen.CATALOG)
    _choose(r, COUNTER_SERVICE)
    assert not r.shown("btn_start")  # nothing to apply for here...
    r.click("btn_guide_appointment")  # ...the booking it promises instead
    r.at(Screen.IDENTIFY)
    assert r.core.nav.journey is Journey.APPOINTMENT
