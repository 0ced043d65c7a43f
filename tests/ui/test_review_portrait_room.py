"""Try-out 8, E3 and C6: in portrait (1080x1920, 长辈模式 at 4/4) the review sent its 材料
section alone to a second page while page 1 had room left over; the page number took a
row of its own over the page buttons. In portrait it now shares the buttons' row, and a
section's heading sits a line's leading from its first line (read, not tapped): the
answers get that height. A heading still never leaves its first line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401
from tests.ui.test_dialogs_whole import assisted_at
from ui.clipping import clipped_texts

UNEMP = (
    "renshe.unemployment_registration",
    {
        "phone": "13800138000",
        "address": "Dongcheng Road 1",
        "last_employer": "ACME",
        "leave_date": "2026-10-31",
        "seeking_training": "no",
    },
)


def _to_review(r: ApplyRig, service: str, values: dict[str, str], lang: str) -> None:
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = service
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity(latin=lang == "en"))
    core.next()  # form
    core.sessions.current.form_values.update(values)
    core.next()  # documents
    core.next()  # review
    r.window.show_screen()
    r.at(Screen.REVIEW)


def _heading_kept(item: QWidget) -> bool:
    """An item with a heading holds a line under it, the two never apart."""
    labels = item.findChildren(QLabel)
    return not labels or len(labels) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_portrait_review_gives_the_page_number_row_to_the_answers(rig: ApplyRig, lang: str) -> None:  # noqa: F811
    r = rig
    assisted_at(r, (1080, 1920), lang)
    _to_review(r, *UNEMP, lang)
    r.settle()
    page = r.window.current_page()
    pager = page.pager
    assert pager.page_count() > 1  # the buttons and the number are shown
    label, prev = pager.label, pager.prev
    mid = label.mapTo(r.window, label.rect().center()).y()
    top = prev.mapTo(r.window, prev.rect().topLeft()).y()
    assert label.isVisible() and label.text() and top <= mid <= top + prev.height()
    for _n in range(12):
        r.settle()
        assert clipped_texts(r.window) == []
        for w in pager.items():
            if w.isVisible() and not isinstance(w, QLabel):
                assert _heading_kept(w)
        if not pager.next.isEnabled():
            break
        r.click("review_pager_next")
    assert r.button("btn_submit").isEnabled()
    # Landscape: the number over the buttons again, in the narrow side column.
    r.window.resize(1280, 800)
    r.settle()
    if label.isVisible():
        assert (
            label.mapTo(r.window, label.rect().bottomLeft()).y()
            <= prev.mapTo(r.window, prev.rect().topLeft()).y()
        )
