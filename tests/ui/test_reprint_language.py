# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""A citizen's reprint comes out in the language the citizen is using (try-out 10, C9).

A citizen using English tracked their application (Track → the number → the ID's last 4
→ Reprint receipt → the rest of the number) and got a slip entirely in Chinese: the
receipt was first printed in 中文 and the stored receipt is what was printed again. Each
receipt is now kept with its renditions in the kiosk's other languages (masked as the
paper is, sealed as it is): the citizen's reprint is in the citizen's language, heading,
labels, status, service, dates and all; the maintenance panel's 补打 re-prints the job
as it was, in its own language. Through the real window, the paper read off a loopback
printer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.app import KioskApp, build_app
from kiosk.flow import Screen
from kiosk.hall_clock import HallClock
from kiosk.identity import mask_name, mask_number
from kiosk.services.apply import ApplicationDraft, apply_service
from kiosk.tracking import shown_tracking_number
from kiosk.workers import ThreadExecutor
from offline_cache.outbox_protocol import RecordState
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.conftest_apply import ID_NUMBER, manual_identity
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _page,
    _result,
    _tap_named,
    printer,
    tech_settings,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import _open as _open_panel
from ui.i18n import tr
from ui.widgets.tile import WORD_JOINER

SERVICE = "shuiwu.tax_record"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def lang() -> str:
    """The kiosk's own language (the panel opens in it; a citizen starts in it)."""
    return "zh"


@pytest.fixture
def tech_app(  # type: ignore[no-untyped-def]
    tmp_path: Path, printer: LoopbackPrinter, usb: Path, lang: str
) -> Iterator[KioskApp]:
    """The demo kiosk on the hall clock, a loopback printer, the embedded platform."""
    s = tech_settings(tmp_path, printer, usb)
    s = s.model_copy(update={"kiosk": s.kiosk.model_copy(update={"default_language": lang})})
    app = build_app(s, clock=HallClock(), executor=ThreadExecutor())
    yield app
    app.stop()


def _receipt(app: KioskApp, qtbot, language: str, *, offline: bool) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """An application submitted in ``language``, its receipt printed in it (and, when
    ``offline``, saying so, then delivered by the sync agent): its tracking number and
    its receipt's job."""
    app.backend.start()
    assert app.backend.wait_started(30)
    core = app.core
    service = core.catalog.by_id(SERVICE)
    assert service is not None
    applying = apply_service(core)
    assert applying is not None
    draft = ApplicationDraft(
        service=service,
        identity=manual_identity(),
        agent=None,
        form_values={f.id: "2024" for f in service.form},
        pages=(),
        language=language,
    )
    saved = applying.submit(draft, offline=offline)
    assert saved.saved and saved.tracking_number and saved.record_id is not None
    outbox = app.backend.outbox

    def delivered() -> bool:
        record = outbox.get(saved.record_id)  # type: ignore[arg-type]
        return record is not None and record.state is RecordState.DELIVERED

    qtbot.waitUntil(delivered, timeout=WAIT_MS)  # the embedded platform has it
    [job] = [j for j in app.backend.printing.recent_jobs() if j.kind == "submission_receipt"]
    return saved.tracking_number, job.id


def _keys(window, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` on the keypad on screen, key by key."""
    for ch in text:
        _tap_named(window, qtbot, f"key_{ch}")


def _track_and_reprint(  # type: ignore[no-untyped-def]
    window, qtbot, printer: LoopbackPrinter, tn: str, *, printed: bool = True
) -> str:
    """What a citizen does: Track, the receipt's number, the ID's last 4, Reprint
    receipt, the rest of the number, Print. The paper that came out (``printed``)."""
    _tap_named(window, qtbot, "tile_track")
    _keys(window, qtbot, tn.replace("-", ""))
    _tap_named(window, qtbot, "btn_track_lookup")
    # Asked for the ID's last 4 once the number is known not to be a complaint's.
    lang = window.core.sessions.current.language
    last4 = tr("track.last4_prompt", lang, number=shown_tracking_number(tn))
    qtbot.waitUntil(lambda: _prompt(window) == last4, timeout=WAIT_MS)
    _keys(window, qtbot, ID_NUMBER[-4:])
    _tap_named(window, qtbot, "btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=WAIT_MS)
    _tap_named(window, qtbot, "btn_reprint_receipt_open")
    assert window.core.screen() == Screen.REPRINT
    before = printer.printed_text()
    _keys(window, qtbot, ID_NUMBER[:-4])
    _tap_named(window, qtbot, "btn_reprint_receipt")
    if printed:
        qtbot.waitUntil(lambda: printer.printed_text() != before, timeout=WAIT_MS)
    printing = tr("maint.printing", window.core.sessions.current.language)
    qtbot.waitUntil(lambda: _reprint_said(window) not in ("", printing), timeout=WAIT_MS)
    # One space for every run of spaces and line ends: key and value stand in columns, a
    # long sentence is wrapped to the paper's width.
    return " ".join(printer.printed_text()[len(before) :].split())


def _prompt(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w for w in window.findChildren(QLabel, "track_prompt") if w.isVisible()]
    lookup = [b for b in window.findChildren(QAbstractButton, "btn_track_lookup") if b.isVisible()]
    said = shown[0].text() if shown and lookup and lookup[0].isEnabled() else ""
    return said.replace(WORD_JOINER, "")  # the number kept whole, as read


def _reprint_said(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w for w in window.findChildren(QLabel, "reprint_result") if w.isVisible()]
    return shown[0].text() if shown else ""


def _english(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The citizen switches the kiosk to English (the top bar's language button)."""
    _tap_named(window, qtbot, "btn_lang")
    assert window.core.sessions.current.language == "en"


def _masked_identity(copy: str) -> str:
    """``copy`` without the masked name and number, which read as on the original."""
    name, number = mask_name("张三丰"), mask_number(ID_NUMBER)
    assert name in copy and number in copy, copy  # as on the original: masked, both
    return copy.replace(name, "").replace(number, "")


def test_an_english_citizen_s_reprint_of_a_chinese_receipt_is_in_english(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """C9: saved offline and printed in 中文, delivered since; the citizen, in English,
    reprints it and gets every word in English, as of now (delivered, and when)."""
    tn, _job = _receipt(tech_app, qtbot, "zh", offline=True)
    first = printer.printed_text()
    assert "办事回执" in first and "提交时网络不通" in first  # the 中文 paper, then true
    service = tech_app.core.catalog.by_id(SERVICE)
    assert service is not None
    window.resize(1280, 800)
    _english(window, qtbot)
    copy = _track_and_reprint(window, qtbot, printer, tn)
    assert _reprint_said(window) == tr("reprint.done", "en")
    today = tech_app.core.clock().astimezone().date()
    assert re.search(rf"^REPRINT {today:%Y-%m-%d} \d\d:\d\d:\d\d", copy), copy
    for words in (
        "Submission Receipt",
        f"Service {service.name.get('en')}",
        f"Tracking no. {shown_tracking_number(tn)}",
        "Applicant",
        "ID number",
        f"Submitted {today:%Y-%m-%d}",
        f"Delivered to the platform: {today:%Y-%m-%d}",
        "Expected by",
        "Please keep this receipt.",
    ):
        assert words in copy, (words, copy)
    assert "The network was down" not in copy, copy
    # Nothing left in Chinese but the name, masked as on the original.
    assert CJK.findall(_masked_identity(copy)) == [], copy
    assert window.core.sessions.current.language == "en"


def test_a_chinese_citizen_s_reprint_of_an_english_receipt_is_in_chinese(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """The other way: printed in English, reprinted by a citizen using 中文."""
    tn, _job = _receipt(tech_app, qtbot, "en", offline=False)
    assert "Submission Receipt" in printer.printed_text()  # the English paper
    service = tech_app.core.catalog.by_id(SERVICE)
    assert service is not None
    window.resize(1280, 800)
    assert window.core.sessions.current.language == "zh"
    copy = _track_and_reprint(window, qtbot, printer, tn)
    assert _reprint_said(window) == tr("reprint.done", "zh") == "回执已补打，请在出纸口取走。"
    today = tech_app.core.clock().astimezone().date()
    zh_day = f"{today.year}年{today.month}月{today.day}日"
    assert re.search(rf"^补打 {zh_day} \d\d:\d\d:\d\d", copy), copy
    for words in (
        "办事回执",
        f"办理事项 {service.name.get('zh')}",
        f"受理编号 {shown_tracking_number(tn)}",
        "申请人",
        "证件号码",
        f"提交时间 {zh_day}",
        "请妥善保管本回执。",
    ):
        assert words in copy, (words, copy)
    for english in ("REPRINT", "Submission Receipt", "Tracking no.", "Applicant", "Kiosk:"):
        assert english not in copy, (english, copy)


@pytest.mark.parametrize("lang", ["en"])
def test_the_panel_s_reprint_keeps_the_receipt_s_own_language(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, lang: str
) -> None:
    """补打 re-prints the job: a 中文 receipt comes out in 中文, heading and all, though
    the panel (and the kiosk) is in English."""
    tn, job = _receipt(tech_app, qtbot, "zh", offline=False)
    _open_panel(window, qtbot, tech_app, (1280, 800))
    assert tech_app.core.sessions.current.language == "en"
    _page(window, qtbot, "jobs")
    before = printer.printed_text()
    _tap_named(window, qtbot, f"again_{job}")
    qtbot.waitUntil(lambda: _result(window) == "Printed", timeout=WAIT_MS)
    copy = " ".join(printer.printed_text()[len(before) :].split())
    day = tech_app.core.clock().astimezone().date()
    assert re.search(rf"^补打 {day.year}年{day.month}月{day.day}日 \d\d:\d\d:\d\d", copy), copy
    assert "办事回执" in copy and f"受理编号 {shown_tracking_number(tn)}" in copy, copy
    for english in ("REPRINT", "Submission Receipt", "Tracking no."):
        assert english not in copy, (english, copy)


def test_a_reprint_s_renditions_are_sealed_like_the_receipt(  # type: ignore[no-untyped-def]
    tech_app: KioskApp, qtbot
) -> None:
    """Nothing identifying in clear for this: the English rendition is kept masked,
    and sealed at rest with the payload's key (the job store file shows neither)."""
    tn, job = _receipt(tech_app, qtbot, "zh", offline=False)
    store = tech_app.backend.printing._store  # the job store itself: what is on disk
    raw = store._conn.execute("SELECT renditions FROM print_jobs WHERE id = ?", (job,)).fetchone()
    assert raw[0] is not None and b"Submission Receipt" not in bytes(raw[0])
    opened = store.renditions(job)
    assert opened is not None and b"Submission Receipt" in opened
    assert ID_NUMBER.encode() not in opened and "三丰".encode() not in opened
    assert mask_number(ID_NUMBER).encode() in opened
    assert tn


def test_out_of_paper_the_english_reprint_says_so_then_comes_out_in_english(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """The printer's truth holds: with the paper out the screen says so and nothing
    comes out; with paper back the next try is the English copy."""
    tn, _job = _receipt(tech_app, qtbot, "zh", offline=False)
    window.resize(1280, 800)
    _english(window, qtbot)
    printer.paper = "out"
    tech_app.backend.supervisor.poke()
    before = printer.printed_text()
    _track_and_reprint(window, qtbot, printer, tn, printed=False)
    assert _reprint_said(window) == tr("reprint.printer_problem", "en")
    assert printer.printed_text() == before
    printer.paper = "ok"
    tech_app.backend.supervisor.poke()
    _keys(window, qtbot, ID_NUMBER[:-4])
    _tap_named(window, qtbot, "btn_reprint_receipt")
    qtbot.waitUntil(lambda: _reprint_said(window) == tr("reprint.done", "en"), timeout=WAIT_MS)
    copy = " ".join(printer.printed_text()[len(before) :].split())
    assert copy.startswith("REPRINT ") and "Submission Receipt" in copy, copy
    assert CJK.findall(_masked_identity(copy)) == [], copy


def test_a_status_slip_printed_first_does_not_stand_in_for_the_receipt(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    """On the track result the citizen prints the progress slip, then reprints the
    receipt: the receipt comes out (the slip, newer, has no owner to match: the right ID
    number was refused as not matching)."""
    tn, _job = _receipt(tech_app, qtbot, "zh", offline=False)
    window.resize(1280, 800)
    _english(window, qtbot)
    _tap_named(window, qtbot, "tile_track")
    _keys(window, qtbot, tn.replace("-", ""))
    _tap_named(window, qtbot, "btn_track_lookup")
    last4 = tr("track.last4_prompt", "en", number=shown_tracking_number(tn))
    qtbot.waitUntil(lambda: _prompt(window) == last4, timeout=WAIT_MS)
    _keys(window, qtbot, ID_NUMBER[-4:])
    _tap_named(window, qtbot, "btn_track_lookup")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.TRACK_RESULT, timeout=WAIT_MS)
    before = printer.printed_text()
    _tap_named(window, qtbot, "btn_print_slip")
    qtbot.waitUntil(
        lambda: "Application Status" in printer.printed_text()[len(before) :], timeout=WAIT_MS
    )
    _tap_named(window, qtbot, "btn_reprint_receipt_open")
    before = printer.printed_text()
    _keys(window, qtbot, ID_NUMBER[:-4])
    _tap_named(window, qtbot, "btn_reprint_receipt")
    printing = tr("maint.printing", "en")
    qtbot.waitUntil(lambda: _reprint_said(window) not in ("", printing), timeout=WAIT_MS)
    assert _reprint_said(window) == tr("reprint.done", "en")
    copy = " ".join(printer.printed_text()[len(before) :].split())
    assert "Submission Receipt" in copy and "Application Status" not in copy, copy
