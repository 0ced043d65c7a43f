"""Try-out 12, N13: the rating's call-back page, by taps on the real window.

At 1280x800 in English, 非常不满意 → 等候时间长 → 请回访我 opened a page with no heading
(only the small grey "Your reasons: …" at its top), and 提交评价 with no number said
"Please enter a valid number: …" on two lines beside the buttons: their row grew and the
keypad, the number, the consent and the toggle jumped up ~19 px. At 字号 4/4 the consent's
words went to the foot on three lines and moved the whole page up ~96 px, the keys' last
row cut. Now the page says what it asks (请留下回访电话, the reasons chosen beside it), and
what is wrong with the number or the consent is said by them, in room kept before it
shows: nothing moves when it comes, and the window keeps its size. Where the keys leave
that room too little for the words (字号 4/4 under the demo's strip), the question is
asked on a page of its own instead, as 长辈模式 asks it. 长辈模式's number page (its
own heading; the consent asked on its own) likewise moves nothing when its word comes.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.test_rate_callback_step import click
from tests.ui.test_rate_fair_page import _clipped, _placed, _screen, _to_rating, _where, _whole
from tests.ui.test_services_flow import _button
from ui.i18n import tr

SIZES = [(1280, 800), (1280, 772), (1920, 1080), (1080, 1920)]
# The largest 字号 on the tight panels, 1/4 on the wide one (the rest is the clipping
# sweep's, which stages this page at every size and step).
CASES = [((1280, 800), 4), ((1280, 772), 4), ((1080, 1920), 4), ((1920, 1080), 1)]


@pytest.mark.parametrize("assisted", [False, True])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("size", "text_size"), CASES)
def test_the_callback_page_says_what_it_asks_and_its_messages_move_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, text_size, lang, assisted
) -> None:
    _to_rating(window, qtbot, size, assisted, lang, text_size)
    click(qtbot, window, "rate_very_dissatisfied")
    qtbot.waitUntil(lambda: _button(window, "reason_waited_long") is not None, timeout=10_000)
    click(qtbot, window, "reason_waited_long")
    go = "btn_rate_next" if assisted else "btn_submit_rating"
    if assisted:
        click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_callback_want")
    qtbot.wait(50)
    screen = _screen(window)
    heading = screen.callback_heading
    assert heading.isVisible() and heading.text() == tr("rate.callback.number", lang)
    # Whole, in type that gives way to the keys where they need the room.
    assert heading.shown_text() == heading.full_text() == heading.text()
    assert window.rect().contains(_where(heading, window))
    assert not _clipped(window), _clipped(window)
    if not assisted:  # the reasons chosen still said, beside it
        assert tr("rate.reason.waited_long", lang) in screen.chosen.text()
        assert screen.chosen.isVisible() and _whole(screen.chosen)
    before = _placed(window)
    problem = screen.callback.problem
    click(qtbot, window, go)  # no number typed
    qtbot.wait(50)
    said = tr("feedback.problem.phone_invalid", lang)
    _said_in_place(window, problem, said, before, size, "rate.callback.check.title", lang)
    if _asked(window):
        click(qtbot, window, "btn_choice_yes")  # type it again: the page as it was
        qtbot.wait(50)
        assert _placed(window) == before
    for digit in "13912345678":
        click(qtbot, window, f"key_{digit}")
    qtbot.wait(50)
    assert not problem.isVisible(), "the number mended: its word goes"
    if assisted:
        return  # the consent is a question of its own (test_rate_callback_step.py)
    before = _placed(window)
    click(qtbot, window, go)  # the consent not given
    qtbot.wait(50)
    want = tr("rate.callback.want", lang)
    said = tr("rate.problem.consent_required", lang, want=want)
    _said_in_place(window, problem, said, before, size, "rate.callback.ask.title", lang)


def _reads_whole(label: QLabel) -> bool:
    """The words ``label`` shows fit its height at its width (a plain label with its
    font and margins: the kept room is the longest message's, not these words')."""
    probe = QLabel(label.text())
    probe.setWordWrap(True)
    probe.setFont(label.font())
    probe.setContentsMargins(label.contentsMargins())
    return probe.heightForWidth(label.width()) <= label.height()


def _asked(window) -> QLabel | None:  # type: ignore[no-untyped-def]
    """The question's title, where the page asks one in place of its content."""
    titles = [w for w in window.findChildren(QLabel, "choice_title") if w.isVisible()]
    return titles[0] if titles else None


def _said_in_place(window, label, said: str, before, size, question: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """``label`` says ``said`` whole on the screen and nothing of the page moved; or,
    where its kept room is too small for the words, the page asks ``question`` instead
    (a page of its own: nothing under a finger is moved, it is gone)."""
    assert window.size().toTuple() == size
    title = _asked(window)
    if title is not None:
        assert title.text() == tr(question, lang)
        assert not _button(window, "key_5"), "the question is asked on its own"
        assert not _clipped(window), _clipped(window)
        return
    assert label.isVisible() and label.text() == said
    assert _reads_whole(label), (label.text(), label.size())
    assert window.rect().contains(_where(label, window))
    shown = _placed(window)
    moved = {
        k: (before[k], shown.get(k))
        for k in before
        if before[k] != shown.get(k) and k not in ("callback_phone",)
    }
    assert not moved, f"moved or gone as the message came: {moved}"
    assert not _clipped(window), _clipped(window)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("size", "text_size"), [((1280, 800), 4), ((1280, 772), 4), ((1920, 1080), 1)]
)
def test_an_offered_number_set_aside_and_mistyped_moves_nothing(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, size, text_size, lang
) -> None:
    """The application's 联系电话 offered, 改用其他号码, a short number typed: the number's
    room is then the offered one's (two lines at 字号 4/4) and 改用其他号码's is kept, so
    its word has no room by it there: said on a page of its own, and 重新输入号码 brings
    the page back exactly as it was."""
    s = window.core.sessions.current
    s.service_id = "gongan.id_card_renewal"
    s.form_values["phone"] = "13800138000"
    s.tracking_number = "A7H3-261123-0042X"
    _to_rating(window, qtbot, size, False, lang, text_size)
    click(qtbot, window, "rate_very_dissatisfied")
    qtbot.waitUntil(lambda: _button(window, "reason_waited_long") is not None, timeout=10_000)
    click(qtbot, window, "reason_waited_long")
    click(qtbot, window, "btn_callback_want")
    assert "138****8000" in _screen(window).callback.phone.text()  # offered
    click(qtbot, window, "btn_callback_other")
    for digit in "139":
        click(qtbot, window, f"key_{digit}")
    qtbot.wait(50)
    before = _placed(window)
    problem = _screen(window).callback.problem
    click(qtbot, window, "btn_submit_rating")
    qtbot.wait(50)
    said = tr("feedback.problem.phone_invalid", lang)
    _said_in_place(window, problem, said, before, size, "rate.callback.check.title", lang)
    if _asked(window):
        body = window.findChildren(QLabel, "choice_body")
        assert any(said in w.text() for w in body if w.isVisible()), "the words are said"
        click(qtbot, window, "btn_choice_yes")  # type it again: the page as it was
        qtbot.wait(50)
        assert _placed(window) == before
        assert "139" in _screen(window).callback.phone.text()  # what was typed stays
    assert citizen.records() == []


@pytest.mark.parametrize("assisted", [True, False])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_call_back_thanks_are_read_whole_at_the_largest_text(  # type: ignore[no-untyped-def]
    window, qtbot, citizen, lang, assisted
) -> None:
    """长辈模式, 字号 4/4, 1280x800, English: the thanks in title type took 833 px where the
    page had 435, and "staff call you back within 15 working days" was cut off."""
    _to_rating(window, qtbot, (1280, 800), assisted, lang, 4)
    click(qtbot, window, "rate_very_dissatisfied")
    qtbot.waitUntil(lambda: _button(window, "reason_waited_long") is not None, timeout=10_000)
    click(qtbot, window, "reason_waited_long")
    if assisted:
        click(qtbot, window, "btn_rate_next")
    click(qtbot, window, "btn_callback_want")
    for digit in "13912345678":
        click(qtbot, window, f"key_{digit}")
    if assisted:
        click(qtbot, window, "btn_rate_next")
        click(qtbot, window, "btn_choice_yes")
    else:
        click(qtbot, window, "btn_callback_consent")
        click(qtbot, window, "btn_submit_rating")
    qtbot.waitUntil(lambda: _screen(window).thanks.isVisible(), timeout=3000)
    qtbot.wait(50)
    thanks = _screen(window).thanks
    days = window.core.catalog.follow_up_working_days
    assert tr("rate.callback.when", lang, d=days) in thanks.text()
    assert _reads_whole(thanks), (thanks.size(), thanks.text())
    assert window.rect().contains(_where(thanks, window))
    assert not _clipped(window), _clipped(window)
