"""Try-out 10, E7 and E6: the bottom bar says each thing one way for the whole visit.

- Try-out 12, N1: the chip says the journey's step in words ("第1步 选择事项", "Step 1:
  Choose", or the step alone, "第1步", "Step 1", where the bar has no room for a name:
  1280x800 in 长辈模式), never a bare "1/6": beside a guide's pager it read as "page 1
  of 6".
- E7, the step chip: in 长辈模式 the one chip was a bare "1/6" where the bar had room for
  the step's name (1920x1080 at 字号 4/4: 400 px of the network word's room beside it),
  and it changed width from step to step (213 px on 选择事项, 145 px on 填写), so
  网络正常 beside it moved. It now says the step's name (or short name) wherever the
  bar has room for the widest of every step in either language without a row more or
  a narrower button, the same way and one width on every step.
- E7, the network word: at 1080x1920 standard mode 字号 4/4 in 中文 it was 网络正常 on the
  home screen and 在线 on an application's (whose steps take a row and leave it less
  room). One word for every screen of a size, mode, language and text size.
- E6: the staff-call chip in portrait sits in one place on every screen, the rating
  page too (it sat at the far left there), online or offline.

Sizes 1920x1080, 1280x800 and 1080x1920, both modes, both languages, 字号 1/4 and 4/4;
the mode and text size tapped on the real window's bar buttons.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from tests.ui.test_bar_slots import BOTTOM, _settle, _shown
from tests.ui.test_call_staff import _close_notice, _tap_call_staff
from tests.ui.test_staff_chip_still import _setup
from ui.i18n import tr
from ui.main_window import STEP_KEYS
from ui.theme import TEXT_STEPS
from ui.tour import SCENES, stage

SIZES = [(1920, 1080), (1280, 800), (1080, 1920)]
# An application's steps as a citizen reaches them (the chip's 1/6 … 6/6).
STEPS = ["catalog", "guide", "identify", "form", "documents", "review", "submitted"]
AT = {
    "catalog": 0,
    "guide": 0,
    "identify": 1,
    "form": 2,
    "documents": 3,
    "review": 4,
    "submitted": 5,
}
# Screens without the steps, before, after and beside an application.
OTHERS = ["home", "rate", "track"]
TEXT = [0, len(TEXT_STEPS) - 1]


def _rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def _online(window) -> None:  # type: ignore[no-untyped-def]
    """The platform has answered: the bar says so (it says nothing before)."""
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    _settle()


def _at(window, name: str, lang: str, assisted: bool, step: int, size) -> None:  # type: ignore[no-untyped-def]
    scenes = {s.name: s for s in SCENES}
    stage(window, scenes[name], lang, assisted, text_step=step)
    window.resize(*size)
    _settle()


def _chip(window) -> QWidget:  # type: ignore[no-untyped-def]
    shown = [lab for lab in window.step_labels if lab.isVisible()]
    assert len(shown) == 1, [lab.text() for lab in shown]
    return shown[0]


def _whole(label) -> bool:  # type: ignore[no-untyped-def]
    m = label.contentsMargins()
    need = label.fontMetrics().horizontalAdvance(label.text()) + m.left() + m.right()
    return bool(label.text()) and need <= label.width()


def _bar_buttons(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    return {n: _rect(b) for n in BOTTOM if (b := _shown(window, n)) is not None}


@pytest.mark.parametrize("step", TEXT, ids=["text1", "text4"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_elder_step_chip_says_one_way_in_one_width(window, size, step: int) -> None:  # type: ignore[no-untyped-def]
    _setup(window, size, True, step)  # 长辈模式 and 字号 tapped on the bar
    widths = set()
    named_in = set()
    with_name = set()  # the step's name or short name, not the step alone
    for lang in ("zh", "en"):
        seen: dict[str, tuple[QRect, str]] = {}
        buttons: dict[str, QRect] | None = None
        for name in STEPS:
            _at(window, name, lang, True, step, size)
            _online(window)
            chip = _chip(window)
            where = f"{lang} {name}"
            assert _whole(chip), f"{chip.text()!r} cut in {chip.width()} px, {where}"
            number = f"{AT[name] + 1}/{len(STEP_KEYS)}"
            key = STEP_KEYS[AT[name]]
            said = chip.text()
            # The journey's step in words (第2步, "Step 2"), not a bare "2/6" that read
            # as a page number beside a guide's pager (try-out 12, N1).
            n = AT[name] + 1
            named = tr("steps.chip", lang, n=n, name=tr(key, lang))
            assert said in (
                named,
                tr("steps.chip", lang, n=n, name=tr(key + ".short", lang)),
                tr("steps.chip.bare", lang, n=n),
                number,
            ), f"{said!r} on {where}"
            if said != number:
                named_in.add(lang)
            if said != tr("steps.chip.bare", lang, n=n) and said != number:
                with_name.add(lang)
            # All of the chip inside its row: in portrait English at 字号 4/4 the bar
            # planned the name's width and left the row 35 px less, the chip's last
            # pixels beside the staff-call chip's slot.
            assert chip.x() >= 0 and chip.x() + chip.width() <= chip.parentWidget().width(), (
                f"{said!r} in {chip.width()} px, its row {chip.parentWidget().width()} px, {where}"
            )
            seen[name] = (_rect(chip), "name" if said == named else said)
            widths.add(chip.width())
            # The bar's buttons where they were on the first step; in landscape its
            # one row (a chip that took a row pushed the page up under the finger).
            now = _bar_buttons(window)
            buttons = buttons or now
            assert now == buttons, f"bar buttons moved on {where}"
            if size[0] > size[1]:
                bar = window.findChild(QWidget, "statusbar")
                tops = {r.center().y() for r in now.values()} | {_rect(chip).center().y()}
                assert len(tops) == 1 and bar.height() < 2 * window.text_size_btn.height(), (
                    f"the bar took a second row on {where}"
                )
        rects = {r for r, _ in seen.values()}
        assert len(rects) == 1, f"the chip moved or changed size from step to step ({lang}): {seen}"
        forms = {"bare" if "/" in f else "named" for _, f in seen.values()}
        assert len(forms) == 1, f"numbers on some steps, names on others ({lang}): {seen}"
    assert len(widths) == 1, f"the chip's width changed with the language: {widths}"
    # Never a bare number: at every size and 字号, in both languages, the chip says the
    # journey's step (1280x800's one full row in 长辈模式 had 69-85 px for it, and a
    # bare "1/6" read as the page count of the guide's pager beside it, try-out 12 N1),
    # with the step's name (or short name) where the bar has room for it: everywhere
    # but 1280x800, whose row says the step alone (第2步, "Step 2").
    assert named_in == {"zh", "en"}, f"a bare number in: {sorted({'zh', 'en'} - named_in)}"
    if size != (1280, 800):
        assert with_name == {"zh", "en"}, f"no step name where it fits: {with_name}"


@pytest.mark.parametrize("step", TEXT, ids=["text1", "text4"])
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_word_is_one_word_for_the_visit(window, size, assisted: bool, step: int) -> None:  # type: ignore[no-untyped-def]
    _setup(window, size, assisted, step)
    for lang in ("zh", "en"):
        for health, key in ((Health.OK, "status.online"), (Health.FAULT, "status.offline")):
            said: dict[str, str] = {}
            for name in ["home", *STEPS, *OTHERS[1:]]:
                _at(window, name, lang, assisted, step, size)
                window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
                _settle()
                net = window.net_label
                assert net.isVisible() and _whole(net), f"{net.text()!r} cut on {name}"
                assert net.text() in (tr(key, lang), tr(key + ".short", lang)), name
                said[name] = net.text()
            words = set(said.values())
            assert len(words) == 1, f"{lang}, {health.value}: the word changed: {said}"


@pytest.mark.parametrize("step", TEXT, ids=["text1", "text4"])
@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_portrait_staff_chip_in_one_place_on_every_screen(
    window, qtbot, assisted: bool, step: int
) -> None:  # type: ignore[no-untyped-def]
    """E6: a call standing, on the form, the rating page and the home screen, online
    and offline: the chip in one place (on the rating page of 长辈模式 it sat at the far
    left; in standard mode it jumped as 离线办理中… came)."""
    size = (1080, 1920)
    _setup(window, size, assisted, step)
    places: dict[str, QRect] = {}
    for name in ("form", "rate", "home", "identify"):
        _at(window, name, "zh", assisted, step, size)
        window.core.backend.sync = None  # the call waits on the kiosk
        _online(window)
        _tap_call_staff(window, qtbot)
        qtbot.waitUntil(lambda: window.overlay.isVisible(), timeout=2000)
        _close_notice(window, qtbot)  # 好的
        qtbot.waitUntil(lambda: window.staff_banner.isVisible(), timeout=2000)
        _settle()
        for health in (Health.OK, Health.FAULT, Health.OK):
            window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, health, "platform"))
            _settle()
            places[f"{name} {health.value}"] = _rect(window.staff_banner)
    assert len(set(places.values())) == 1, "; ".join(
        f"{k} {r.x()},{r.y()}" for k, r in places.items()
    )
