"""Catalog text is the platform's, typed by an administrator in its editor: a name with
``<b>`` or ``<br>`` in it is shown as typed, never read as markup (a code review found
the guide's name label rendering it). Our own string tables keep their words."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLabel

from kiosk.catalog import Catalog, Service, Text
from kiosk.flow import Screen
from tests.support.pages import read_the_guide
from tests.ui.conftest_apply import SERVICE, ApplyRig, rig  # noqa: F401
from tests.ui.test_apply_flow import _documents, _fill_form, _read_passport
from ui.clipping import _rich

NAME = "失业<b>登记</b><br>（测试）"
MATERIAL = "<i>劳动合同</i>"
FIELD = "联系<b>电话</b>"


def _marked_up(catalog: Catalog) -> Catalog:
    """The catalog with markup typed into a service's name, a material and a field."""
    s = catalog.by_id(SERVICE)
    assert s is not None
    materials = tuple(
        dataclasses.replace(m, name=Text(MATERIAL, MATERIAL)) if not m.from_identity else m
        for m in s.materials
    )
    form = tuple(
        dataclasses.replace(f, label=Text(FIELD, FIELD)) if f.id == "phone" else f for f in s.form
    )
    marked: Service = dataclasses.replace(
        s, name=Text(NAME, NAME), materials=materials, form=form, popular=True
    )
    # First in the catalog: its department opens first, its tile on the first page.
    rest = tuple(x for x in catalog.services if x.id != SERVICE)
    return dataclasses.replace(catalog, services=(marked, *rest))


def _shown_as_typed(r: ApplyRig, *typed: str) -> None:
    """Each of ``typed`` is on screen, and no label showing catalog text renders markup."""
    r.settle()
    labels = [w for w in r.window.findChildren(QLabel) if w.isVisible()]
    marked = [w for w in labels if "<" in w.text()]
    rich = [(w.objectName(), w.text()) for w in marked if _rich(w)]
    assert rich == [], f"markup rendered on {r.core.screen()}: {rich}"
    texts = " ".join(w.text() for w in labels)
    for t in typed:
        assert t in texts, (t, r.core.screen())


def test_markup_in_the_catalog_is_shown_as_typed(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.core.set_catalog(_marked_up(r.core.catalog))
    r.click("tile_apply")
    r.at(Screen.CATALOG)
    tile = r.button(f"service_{SERVICE}")
    assert NAME in " ".join(w.text() for w in tile.findChildren(QLabel))
    _shown_as_typed(r, NAME)
    r.click(f"service_{SERVICE}")
    r.at(Screen.GUIDE)
    _shown_as_typed(r, NAME, MATERIAL)
    read_the_guide(r.window, r.click)
    r.click("btn_start")
    r.at(Screen.IDENTIFY)
    _read_passport(r)
    r.at(Screen.FORM)
    _shown_as_typed(r, FIELD)
    _fill_form(r)
    _documents(r)
    r.at(Screen.REVIEW)
    _shown_as_typed(r, NAME)
    r.check_every_page()
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    _shown_as_typed(r)
