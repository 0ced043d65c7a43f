"""The crawler: from home, tap every enabled control on every reachable screen state.

Configurations: both modes x both languages x three window sizes, with the devices and
network healthy (the embedded reference platform answering) and faulted (paper out,
the network cut). Bounds keep CI cost small: one configuration (normal, zh,
1920x1080, healthy) is crawled to depth FULL_DEPTH; every other one to SHALLOW_DEPTH;
whole journeys (SEEDS) are tapped first and their states crawled too (docs/ui.md).
``make crawl`` runs this file alone; the counts are printed (``-s`` shows them).
"""

from __future__ import annotations

import itertools

import pytest

from central.store import STATUS_NOTES
from kiosk.demo import DemoControls
from tests.ui.crawler import Crawler, Report, TextCheck
from ui.i18n import tr

# A crawl taps thousands of controls over 12 configurations (4-7 min of wall time on 2
# cores): its own bound instead of the suite's 300 s per test.
pytestmark = [pytest.mark.crawl, pytest.mark.timeout(1200)]

SIZES = [(1920, 1080), (1080, 1920), (1280, 800)]
FULL = ("normal", "zh", (1920, 1080))
FULL_DEPTH, FULL_STATES = 4, 150
SHALLOW_DEPTH, SHALLOW_STATES = 1, 20
# Whole journeys tapped first (the crawler cannot guess a valid ID or passport); every
# state along them is then crawled SEED_DEPTH taps further.
SERVICE = "gongan.hukou_certificate"
SEEDS = (
    (
        "tile_apply",
        f"service_{SERVICE}",
        "btn_start",
        "macro:card",
        "macro:mrz",
        "macro:form",
        "?btn_next",  # 长辈模式's last question goes on by itself
        "?macro:docs",  # this service has no page to photograph: straight to review
        "macro:submit",
        "btn_rate",
    ),
    # A service with a page to photograph (documents screen), on a later page of the
    # catalog on a small panel (the crawler turns to it); "?" where a step may not be.
    (
        "tile_apply",
        "?service_yibao.cross_region_filing",
        "?btn_start",
        "?macro:card",
        "?macro:mrz",
        "?macro:form",
        "?btn_next",
        "?macro:docs",
    ),
)
# Journeys that reach the screens a blind crawler would find only deep or never, in
# every configuration: the receipt the first seed printed held up to the camera (its
# progress), then a reprint (the paper put back for it when the configuration has it
# out); the appointment journey (identification) to a walk-in number at the first
# counter. Their states are checked, not crawled further (each replay costs a card read
# or a delivery); the deep configuration's own breadth-first crawl taps past them.
REACH = (
    ("tile_track", "macro:scan", "btn_reprint_receipt_open", "macro:reprint"),
    ("tile_appointment", "macro:card", "macro:mrz", "macro:queue"),
    # A complaint's call-back number open (its keypad once overflowed 1280x800 into a
    # scroll area: try-out 8, C12).
    ("tile_feedback", "category_complaint", "phrase_wait", "btn_feedback_next", "btn_contact_want"),
)
# Every configuration, however shallow, reaches these (the seeds take it there).
EVERY_CONFIG = ("track", "track_result", "reprint", "appointment", "ticket", "submitted")
FULL_SEED_DEPTH, SHALLOW_SEED_DEPTH = 2, 0


def _configs() -> list[tuple[str, str, tuple[int, int]]]:
    return list(itertools.product(("normal", "assisted"), ("zh", "en"), SIZES))


def texts_for(kiosk_app) -> TextCheck:  # type: ignore[no-untyped-def]
    """What a citizen may read: the tables, catalog data, and these data strings."""
    k = kiosk_app.settings.kiosk
    # The platform's own status notes (data it sends) show on the track result.
    notes = [text for note in STATUS_NOTES.values() for text in note.values()]
    # The header's month names are one table string, picked one by one.
    months = [m for lang in ("zh", "en") for m in tr("header.months", lang).split()]
    centre = [k.centre_zh, k.centre_en]  # the centre's short name, where the location won't fit
    # Where the location stands on two lines, the hall's part is a line of its own
    # (一楼大厅 under 政务服务中心): the location less the centre's name.
    halls = [
        loc.removeprefix(c).strip().lstrip(",，、").strip()
        for loc, c in ((k.location_zh, k.centre_zh), (k.location_en, k.centre_en))
    ]
    return TextCheck(
        [k.name_zh, k.name_en, k.location_zh, k.location_en, *centre, *halls, *notes, *months]
    )


def _run(window, kiosk_app, qtbot, faulted: bool) -> list[Report]:  # type: ignore[no-untyped-def]
    backend = kiosk_app.backend
    kiosk_app.start()
    assert backend.wait_started(30)
    devices = "faulted" if faulted else "healthy"
    if faulted:
        DemoControls(backend).set_network(True)
        backend.printer.paper_out()
    texts = texts_for(kiosk_app)
    reports = []
    for mode, lang, size in _configs():
        full = (mode, lang, size) == FULL and not faulted
        window.resize(*size)

        def prepare(mode: str = mode, lang: str = lang) -> None:
            window.core.sessions.set_language(lang)
            window.core.sessions.set_assisted(mode == "assisted")

        crawler = Crawler(
            window,
            f"{mode}/{lang}/{size[0]}x{size[1]}/{devices}",
            max_depth=FULL_DEPTH if full else SHALLOW_DEPTH,
            max_states=FULL_STATES if full else SHALLOW_STATES,
            prepare=prepare,
            texts=texts,
            demo=DemoControls(backend),
            seeds=SEEDS,
            seed_depth=FULL_SEED_DEPTH if full else SHALLOW_SEED_DEPTH,
            reach_seeds=REACH,
            paper_out=faulted,
        )
        with qtbot.capture_exceptions() as raised:
            report = crawler.crawl()
        for exc in raised:
            report.findings.append(_exception(report, exc))
        print(report.line())
        reports.append(report)
    return reports


def _exception(report: Report, exc) -> object:  # type: ignore[no-untyped-def]
    from tests.ui.crawler import Finding

    return Finding("exception", report.config, f"{exc[0].__name__}: {exc[1]}")


# Known and not yet fixed: at 1280x800 a docked keyboard with its question (both modes)
# and several 长辈模式 screens need more height than the window has, so the window
# grows. Listed here (and in test_accessibility's KNOWN_GAPS) rather than hidden;
# anything else fails, at every other size too.
KNOWN = ("outside", "/1280x800/")


def _known(f) -> bool:  # type: ignore[no-untyped-def]
    return f.kind == KNOWN[0] and KNOWN[1] in f.where


def _assert_clean(reports: list[Report]) -> None:
    for r in reports:
        missed = [s for s in EVERY_CONFIG if s not in r.screens]
        assert not missed, (r.config, missed, sorted(r.screens))
    known = [f for r in reports for f in r.findings if _known(f)]
    print(f"crawl known gaps (window grows at 1280x800): {len(known)}")
    findings = [str(f) for r in reports for f in r.findings if not _known(f)]
    print(
        f"crawl total: {sum(r.states for r in reports)} states, {sum(r.taps for r in reports)} taps"
    )
    assert not findings, "\n".join(findings[:60])


@pytest.mark.long(350)
def test_crawl_with_devices_and_network_healthy(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    reports = _run(window, kiosk_app, qtbot, faulted=False)
    full = next(r for r in reports if r.config.startswith("normal/zh/1920x1080"))
    # The deep crawl reaches every journey's screens.
    every = (
        *("catalog", "guide", "identify", "mrz_entry", "manual_id", "form", "documents"),
        *("review", "submitted", "track", "appointment", "rate", "feedback"),
    )
    for screen in every:
        assert screen in full.screens, (screen, sorted(full.screens))
    _assert_clean(reports)


@pytest.mark.long(80)
def test_crawl_with_paper_out_and_the_network_cut(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _assert_clean(_run(window, kiosk_app, qtbot, faulted=True))


def test_the_crawler_catches_planted_faults(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A crawler that cannot fail proves nothing: plant what it must report."""
    import logging

    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    # On the window's top bar: screens are rebuilt for each session, the bar stays.
    stray = QPushButton("Click here", window.findChild(QWidget, "chrome"))  # in no table
    stray.setObjectName("btn_planted")
    stray.clicked.connect(lambda: logging.getLogger("planted").error("boom"))
    stray.move(10, 10)
    stray.show()
    # A message that appears and moves a control (no room kept for it): "moved".
    note = QLabel("", window.findChild(QWidget, "chrome"))
    note.setObjectName("planted_message")
    note.hide()
    pusher = QPushButton("Push", window.findChild(QWidget, "chrome"))
    pusher.setObjectName("btn_planted_pusher")
    pusher.move(10, 40)
    pusher.show()

    def push() -> None:
        note.show()
        pusher.move(10, 60)

    pusher.clicked.connect(push)
    crawler = Crawler(
        window,
        "planted",
        max_depth=1,
        max_states=3,
        prepare=lambda: None,
        texts=TextCheck(
            [
                window.core.settings.kiosk.name_zh,
                window.core.settings.kiosk.name_en,
                window.core.settings.kiosk.location_zh,
                window.core.settings.kiosk.location_en,
            ]
        ),
    )
    findings = crawler.crawl().findings
    assert {"string", "error-log", "moved"} <= {f.kind for f in findings}, findings
    assert all("planted" in f.detail or "Click here" in f.detail for f in findings), findings
