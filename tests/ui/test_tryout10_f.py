"""Try-out 10's fit findings C8, E7, E8 and R2, through the real window.

C8: at 字号 4/4 on 1280x800 (standard mode, English) the track screen's second step
("Last 4 of ID number") had a three-line question that pushed the keypad down: its
bottom row (X, ⌫) was cut by the bottom bar and every key sat ~45 px lower than on the
step before, so taps at the same spots landed on nothing. (The clipping sweep staged
only the first step: ui/tour_services.py has the second one now.)

E8: 长辈模式 at 字号 4/4 on 1280x800: the identify tiles kept only their titles; like
the home tiles, each now says how in a few words where the whole sentence has no room.

E7: 长辈模式 at 字号 4/4 on 1280x800: 再听一遍 was drawn smaller than 小声/大声 beside it.

R2: on an X display without a window manager the function keys did nothing until the
kiosk window was tapped once (README: they work whichever window has the focus).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget

from kiosk.flow import Screen
from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import rig  # noqa: F401  (fixture)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_x11_window import xvfb  # noqa: F401  (fixture)
from ui.a11y import out_of_reach, visible_rect
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.theme import TEXT_STEPS
from ui.widgets.tile import WORD_JOINER

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 23)
LARGEST = len(TEXT_STEPS) - 1


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _tap(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    def shown() -> list[QAbstractButton]:
        return [w for w in window.findChildren(QAbstractButton, name) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=3000)
    b = shown()[0]
    assert b.isEnabled(), name
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    _settle()


def _keys(window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    """Every key of the docked pad: where it is and that all of it is on screen."""
    _settle()
    out = {}
    for b in window.findChildren(QPushButton):
        if b.isVisible() and b.objectName().startswith("key_"):
            whole = QRect(b.mapTo(window, b.rect().topLeft()), b.size())
            # Whole: not cut by the page under the bottom bar, nor by the window.
            assert visible_rect(b, window) == whole, (
                b.objectName(),
                whole,
                visible_rect(b, window),
            )
            assert window.rect().contains(whole), (b.objectName(), whole)
            out[b.objectName()] = whole
    assert out, "no keys on screen"
    # No two keys on top of each other (a squeezed grid overlapped its rows).
    rects = list(out.items())
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            assert not ra.intersects(rb), (a, ra, b, rb)
    return out


@pytest.mark.parametrize(
    ("lang", "assisted"),
    [("en", False), ("zh", False), ("en", True), ("zh", True)],
    ids=["en-standard", "zh-standard", "en-assisted", "zh-assisted"],
)
def test_last4_step_keeps_every_key_whole_and_in_place(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang: str, assisted: bool
) -> None:
    window.resize(1280, 800)
    window.core.sessions.set_language(lang)
    window.core.sessions.set_assisted(assisted)
    window.show_screen()
    _tap(window, qtbot, "tile_track")
    assert window.core.screen() == Screen.TRACK
    while window.display_prefs()[0] != LARGEST:
        _tap(window, qtbot, "btn_text_size")
    window.resize(1280, 800)
    _settle()
    assert window.core.screen() == Screen.TRACK
    first = _keys(window)
    assert {"key_X", "key_backspace", "key_clear"} <= set(first)
    for ch in str(tracking_number(DAY)).replace("-", ""):
        _tap(window, qtbot, f"key_{ch}")
    _tap(window, qtbot, "btn_track_lookup")  # a bare number: the ID's last 4 next
    prompt = window.findChild(QLabel, "track_prompt")
    qtbot.waitUntil(lambda: "4" in prompt.text() and "X" in prompt.text(), timeout=5000)
    _settle()
    assert (window.width(), window.height()) == (1280, 800), "the window grew"
    second = _keys(window)
    assert out_of_reach(window) == []
    # The same keys in the same places on both steps of one task; the ID's last 4 offer
    # the digits and X (try-out 14, C13: the number's letters invited what no such ID
    # has), the others' room kept, and the keys of the letters' pages (try-out 17, P2).
    tail = {f"key_{ch}" for ch in "0123456789X"} | {"key_backspace", "key_clear"}
    pages = {f"key_page_{p}" for p in ("digits", "a_p", "q_z")}
    assert set(second) == tail | pages
    assert {k: r for k, r in second.items() if k in tail} == {
        k: r for k, r in first.items() if k in tail
    }
    # The key that empties the entry says so (it was a bare ✕).
    clear = next(b for b in window.findChildren(QPushButton, "key_clear") if b.isVisible())
    assert clear.text() == tr("svc.keys.clear", lang)
    # The question is all there to read (its type may be smaller, never cut).
    assert prompt.isVisible()
    # What a citizen taps is what is typed: 5, 6, 7, X at the spots of the step before.
    for ch in "567X":
        _tap(window, qtbot, f"key_{ch}")
    number = window.findChild(QLabel, "track_number_text")
    assert "567X" in number.text()


# --- E8: the identify tiles keep a short "how" where the full one does not fit ---------


def _subs(r) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each way's explanation as drawn now ("" where none is shown)."""
    r.settle()
    out = {}
    for name in ("tile_card", "tile_qr", "tile_manual"):
        tile = r.window.findChild(QAbstractButton, name)
        if tile is not None and tile.isVisible():
            out[name] = tile.sub.text() if tile.sub.isVisible() else ""
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_identify_tiles_keep_a_short_explanation_at_the_largest_text(rig, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.core.sessions.set_language(lang)
    r.window.resize(1280, 800)
    r.to_identify()
    r.click("btn_big_mode")
    while r.window.display_prefs()[0] != LARGEST:
        r.click("btn_text_size")
    r.window.resize(1280, 800)
    r.at(Screen.IDENTIFY)
    subs = _subs(r)
    assert set(subs) >= {"tile_card", "tile_manual"}, subs
    # Every way says how (or, typed, that staff check it later), in its few words here.
    short = {
        "tile_card": tr("identify.card.sub.short", lang),
        "tile_qr": tr("identify.qr.sub.short", lang),
        "tile_manual": tr("identify.manual.sub.short", lang),
    }
    for name, text in subs.items():
        assert text.replace(WORD_JOINER, "") == short[name], (name, text)
    assert out_of_reach(r.window) == []
    assert clipped_texts(r.window) == []
    # Where the full explanation fits, it is the one shown (a large landscape panel).
    r.window.resize(1920, 1080)
    r.settle()
    full = {
        "tile_card": tr("identify.card.sub", lang),
        "tile_qr": tr("identify.qr.sub", lang),
        "tile_manual": tr("identify.manual.sub", lang),
    }
    for name, text in _subs(r).items():
        assert text.replace(WORD_JOINER, "") == full[name], (name, text)


# --- R2: the function keys work from the start on a display without a window manager ---


def test_function_keys_work_before_any_tap_without_a_window_manager(  # type: ignore[no-untyped-def]
    xvfb: str,  # noqa: F811  (the fixture)
    tmp_path: Path,
) -> None:
    # The demo as the README starts it, on a bare X server (no window manager, as the
    # README's xvfb-run recipe): F12 cut the network only after a tap in the window.
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    log = tmp_path / "kiosk.log"
    data = tmp_path / "data"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--demo", "--windowed", "--data-dir", str(data)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:

        def logged(text: str, after: int = 0) -> bool:
            return text in log.read_text(encoding="utf-8", errors="replace")[after:]

        _until(lambda: logged("embedded platform console") or proc.poll() is not None, 120)
        assert proc.poll() is None, log.read_text()[-3000:]
        seen = len(log.read_text(encoding="utf-8", errors="replace"))
        # No tap anywhere: the key goes to whichever window X says has the focus.
        subprocess.run(["xdotool", "key", "F12"], env=env, check=True, timeout=10)
        _until(lambda: logged("sync heartbeat failed", seen), 30)
        assert logged("sync heartbeat failed", seen), log.read_text()[-3000:]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _until(cond, timeout_s: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout_s
    while not cond() and time.monotonic() < end:
        time.sleep(0.2)


# --- E7: 长辈模式 at 字号 4/4 on 1280x800: one type size for the bottom bar's buttons ---

E7_SCENES = ("home", "catalog", "guide", "identify", "form", "review", "submitted", "track")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_elder_bottom_bar_at_the_largest_text_on_a_small_panel(window, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    from kiosk.events import Device, DeviceStatusChanged, Health
    from ui.tour import SCENES, stage

    window.resize(1280, 800)
    window.show()
    scenes = {s.name: s for s in SCENES}
    nets, rows = set(), set()
    for name in E7_SCENES:
        stage(window, scenes[name], lang, True, text_step=LARGEST)
        window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
        window.resize(1280, 800)
        qtbot.wait(50)
        _settle()
        # One type size for every button of the row (再听一遍 was drawn smaller than
        # 小声 and 大声 beside it).
        bar = (
            window.text_size_btn,
            window.contrast_btn,
            window.repeat_btn,
            window.vol_down_btn,
            window.vol_up_btn,
        )
        sizes = {b.font().pixelSize() for b in bar if b.isVisible()}
        assert len(sizes) == 1, (name, [(b.text(), b.font().pixelSize()) for b in bar])
        nets.add(window.net_label.text())
        rows.add(window.findChild(QWidget, "statusbar").height())
    # The same network word on every screen here, and the bar one row high.
    assert len(nets) == 1 and "" not in nets, nets
    assert len(rows) == 1, rows
    assert clipped_texts(window) == []
