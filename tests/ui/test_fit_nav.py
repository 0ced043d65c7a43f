"""Every step fits: home, the catalog, identification and the proxy steps, tapped.

At 1920x1080, 1080x1920 and 1280x800 every primary control is on screen without
scrolling (tests/ui/test_accessibility.py measures each toured scene); here the
pages those screens became are turned by taps and the citizen reaches what was on
a later page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.flow import Screen
from tests.support.pages import read_the_guide
from tests.ui.helpers import wait_until_tappable
from ui.a11y import out_of_reach
from ui.tour import SCENES, stage


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _tap(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert w.isVisible() and w.isEnabled(), w.objectName()
    wait_until_tappable(w)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=w.rect().center())
    _settle()


def _visible(window, name: str) -> QAbstractButton:  # type: ignore[no-untyped-def]
    found = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert found, f"no visible {name} on {window.core.screen().value}"
    return found[0]


def _scene(name: str):  # type: ignore[no-untyped-def]
    return next(s for s in SCENES if s.name == name)


def test_a_screen_not_on_display_does_not_make_the_window_grow(window) -> None:  # type: ignore[no-untyped-def]
    stage(window, _scene("manual_id"), "zh", True)  # its keypad docked: taller than 800 px
    window.core.back()
    window.show_screen()  # back on identify; the keypad's page stays built, hidden
    _settle()
    assert window.core.screen() == Screen.IDENTIFY
    assert window.stack.count() > 1
    window.resize(1280, 800)
    _settle()
    assert (window.width(), window.height()) == (1280, 800)


def test_the_assisted_mode_offer_hides_the_keypad_and_fits(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, _scene("assisted_offer"), "en", False)
    window.resize(1280, 800)
    _settle()
    assert (window.width(), window.height()) == (1280, 800)
    keys = [b for b in window.findChildren(QAbstractButton) if b.objectName().startswith("key_")]
    assert keys and not any(k.isVisible() for k in keys)  # one decision on screen
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "btn_choice_no"))
    assert window.core.screen() == Screen.FORM
    assert not window.core.sessions.current.assisted


def _on_page(window, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(b.isVisible() for b in window.findChildren(QAbstractButton, name))


def _turn_to(window, qtbot, pager: str, name: str) -> int:  # type: ignore[no-untyped-def]
    """Tap ``pager``'s 下一页 until ``name`` is on the page; how many taps it took."""
    taps = 0
    while not _on_page(window, name):
        _tap(qtbot, _visible(window, f"{pager}_next"))
        taps += 1
        assert taps < 20, f"{name} never came on a page"
    return taps


def test_a_citizen_turns_the_catalog_pages_to_reach_a_service(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    _settle()
    _tap(qtbot, _visible(window, "tile_apply"))
    assert window.core.screen() == Screen.CATALOG
    target = "service_shuiwu.tax_record"  # the seventh popular service
    assert not _on_page(window, target)  # at this size it is on a later page
    label = _visible_label(window, "service_pager_page")
    assert label.startswith("事项 第 1/")  # the services' pager names its area
    taps = _turn_to(window, qtbot, "service_pager", target)
    assert taps >= 1 and _visible_label(window, "service_pager_page").startswith(
        f"事项 第 {taps + 1}/"
    )
    assert not _on_page(window, "service_gongan.id_card_renewal")  # page 1's first is gone
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, target))
    assert window.core.screen() == Screen.GUIDE
    assert window.core.sessions.current.service_id == "shuiwu.tax_record"


def test_departments_turn_pages_too_and_filter_the_services(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    _settle()
    _tap(qtbot, _visible(window, "tile_apply"))
    dept = "dept_不动产登记中心"  # the last department
    assert not _on_page(window, dept)
    _turn_to(window, qtbot, "dept_pager", dept)
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, dept))
    shown = [
        b.objectName()
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName().startswith("service_")
    ]
    assert shown == ["service_budongchan.property_query"]
    assert _on_page(window, dept)  # the chosen department stays on its page
    _tap(qtbot, _visible(window, "service_budongchan.property_query"))
    assert window.core.sessions.current.service_id == "budongchan.property_query"


def test_assisted_catalog_pages_lead_to_more_services(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.core.sessions.set_assisted(True)
    window.show_screen()
    _settle()
    _tap(qtbot, _visible(window, "tile_apply"))
    assert window.core.screen() == Screen.CATALOG
    assert not _on_page(window, "btn_more_services")
    _turn_to(window, qtbot, "service_pager", "btn_more_services")
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "btn_more_services"))
    assert _on_page(window, "service_gongan.id_card_renewal")  # from the first page again
    last = window.core.catalog.services[-1].id
    _turn_to(window, qtbot, "service_pager", f"service_{last}")
    assert not _visible(window, "service_pager_next").isEnabled()  # the last page
    _tap(qtbot, _visible(window, f"service_{last}"))
    assert window.core.screen() == Screen.GUIDE
    assert window.core.sessions.current.service_id == last


def _visible_label(window, name: str) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    found = [x for x in window.findChildren(QLabel, name) if x.isVisible()]
    assert found, name
    return found[0].text()


def test_assisted_home_on_a_small_panel_shows_every_entry_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, _scene("home"), "en", True)
    window.resize(1280, 800)
    _settle()
    tiles = [f"tile_{n}" for n in ("apply", "track", "appointment", "guides", "rate")]
    tiles += ["tile_feedback"]
    assert all(_on_page(window, t) for t in tiles)
    assert not _on_page(window, "tile_assisted")  # already on: the top bar turns it off
    assert not _on_page(window, "home_pager_next")  # one page: titles and pictograms
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "tile_track"))
    assert window.core.screen() == Screen.TRACK


def test_the_ways_to_identify_fit_a_small_panel_in_assisted_mode(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, _scene("identify"), "en", True)
    window.resize(1280, 800)
    _settle()
    assert out_of_reach(window) == []
    for name in ("tile_card", "tile_qr", "tile_manual", "btn_proxy"):
        assert _on_page(window, name), name
    _tap(qtbot, _visible(window, "btn_proxy"))  # applying for someone else: step 1
    assert _visible_label(window, "identify_step").startswith("Step 1")
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "tile_qr"))  # its explanation, in the message line
    assert _visible_label(window, "identify_status").startswith("Open the e-ID")
    assert out_of_reach(window) == []
    _tap(qtbot, _visible(window, "tile_manual"))
    assert window.core.screen() == Screen.MANUAL_ID


def test_tapping_to_identify_never_grows_a_small_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.core.sessions.set_language("en")
    window.core.sessions.set_assisted(True)
    window.show_screen()
    _settle()
    for name in ("tile_apply", "service_gongan.hukou_certificate", "btn_start"):
        if name == "btn_start":
            read_the_guide(window, lambda n: _tap(qtbot, _visible(window, n)))
        _tap(qtbot, _visible(window, name))
        assert (window.width(), window.height()) == (1280, 800), name
    assert window.core.screen() == Screen.IDENTIFY
    assert out_of_reach(window) == []
