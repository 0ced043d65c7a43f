"""Try-out 8, C5: the guide's page 2 (1280x800, English) showed "What you need" over
"Fees: CNY 15 / Where: Exit-entry self-service area": fees read as a material to bring.
The heading over the list names the section the page shows; a section going on from the
page before says so ("办理须知（续）"); a page that opens with a section's own heading has
no other heading over it. Turned by taps, both languages, at several sizes and text steps."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr
from ui.theme import TEXT_STEPS

CASES = [
    ("gongan.hk_macau_endorsement", (1280, 800), 0),  # the try-out's page 2
    # The try-out's page 2 at 字号 1/4 is gone since the lines are parted by their type's
    # spacing (try-out 12, N1: one page); at 4/4 the facts still go on to a page 2.
    ("gongan.hk_macau_endorsement", (1280, 800), len(TEXT_STEPS) - 1),
    ("minzheng.dibao_application", (1280, 800), len(TEXT_STEPS) - 1),
    ("minzheng.dibao_application", (1920, 1080), len(TEXT_STEPS) - 1),
]


def _guide(r: ApplyRig, service: str, size: tuple[int, int], step: int, lang: str) -> None:
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    r.click("tile_apply")
    r.core.sessions.current.service_id = service  # the catalog's tiles have their own tests
    r.window.show_screen(r.core.next())
    r.settle()
    r.at(Screen.GUIDE)


def _page(r: ApplyRig) -> tuple[str, list[str]]:
    """The heading over the list (if shown) and the names of the lines on the page."""
    page = r.window.current_page()
    heading = page.findChild(QLabel, "guide_materials")
    shown = heading.text() if heading is not None and heading.isVisible() else ""
    lines = [w.objectName() for w in page.materials.items() if w.isVisible()]
    return shown, lines


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[1][0]}-{c[2]}")
def test_each_page_is_under_its_own_section(
    rig: ApplyRig,  # noqa: F811
    case: tuple[str, tuple[int, int], int],
    lang: str,
) -> None:
    service, size, step = case
    r = rig
    _guide(r, service, size, step, lang)
    materials = tr("guide.materials", lang)
    pages = r.window.current_page().materials.page_count()
    seen_facts_page = False
    for n in range(pages):
        heading, lines = _page(r)
        starts_with_material = bool(lines) and lines[0].startswith("material_")
        if heading.startswith(materials):
            assert starts_with_material, (n, heading, lines)  # never over fees and place
        assert not (lines and lines[0] == "guide_facts"), (n, heading, lines)
        if heading == tr("guide.facts", lang):
            # 办理须知 opening a page: said once, over the list (try-out 12, N2: the list's
            # own copy under a blank band where the heading was hidden).
            assert "guide_facts" not in lines and lines[0] == "guide_time", (n, lines)
        elif lines and not starts_with_material:
            assert heading == tr("guide.facts_more", lang), (n, heading, lines)
            seen_facts_page = True
        if n < pages - 1:
            r.click("materials_next")
    if service == "gongan.hk_macau_endorsement" and lang == "en" and step > 0:
        assert pages >= 2 and seen_facts_page  # the try-out's page: said as it is
