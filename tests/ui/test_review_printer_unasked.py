"""Try-out 11, C5: the printer going offline while the citizen reads the review popped a
温馨提示 notice over it, unasked. Now it is said where the decision is: the line over
确认提交 (its room kept, nothing moves), and 确认提交 asks first with the whole note.
Here at the extremes: 长辈模式 at 字号 4/4 on the small panel and in portrait, in both
languages, by taps on the real window (the rest: test_review_printer_stays.py)."""

from __future__ import annotations

import pytest

from kiosk.events import Health
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_review_printer_stays import _at_review, _kept, _line, _notice, _page, _printer
from ui.i18n import tr
from ui.theme import TEXT_STEPS


@pytest.mark.parametrize("lang", ["zh", "en"])
# 长辈模式 says the printer only in 确认提交吗？ (try-out 11, E7: test_elder_paper_once.py)
@pytest.mark.parametrize("assisted", [False], ids=["normal"])
@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_printer_offline_is_said_over_submit_not_over_the_page(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
    lang: str,
) -> None:
    r = rig
    r.window.resize(*size)
    r.window._set_display(len(TEXT_STEPS) - 1, r.window.display_prefs()[1])
    if lang == "en":
        r.click("btn_lang")
    r = _at_review(r, size, assisted)
    before = _page(r)
    _printer(r, Health.FAULT, "offline")  # F11 on the demo panel
    assert not _notice(r), "a notice popped over the review unasked"
    why = tr("apply.print.failed.offline", lang)
    narrowest = size == (1280, 800) and assisted and lang == "en"
    if not narrowest:
        # Whole in its room: the printer's words, or fewer with what they mean for the
        # receipt (try-out 15, E7).
        line = _line(r)
        tiny = tr("review.printer_tiny.offline", lang)
        assert line.startswith(why) or line == tr("review.printer_mid_short", lang, tiny=tiny)
    # (长辈模式 in English at 4/4 on the small panel: the printer's words take more than
    # the line's room in its narrow column; the voice said them, 确认提交 says them.)
    assert _kept(_page(r), before), "the page moved"
    r.check_every_page()
    r.click("btn_submit")
    assert r.shown("btn_choice_yes")
    assert why in r.label("choice_body") and tr("review.no_paper", lang) in r.label("choice_body")
