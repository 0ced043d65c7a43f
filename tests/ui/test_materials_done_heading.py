"""Try-out 12, N10: every page of the materials step says what it is first, its papers'
list under the heading. In 长辈模式 (whose page title makes way for the paper asked for)
at 1280x800 the done page began "· 近期免冠证件照：不需要" and said 材料已处理完毕 only
under the list. By taps on the real window, both modes, both languages, 字号 1/4 and 4/4.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_document_capture import _at_documents
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.screens.documents import DocumentsScreen

CASES = [
    ((1280, 800), 4),
    ((1920, 1080), 4),
    ((1080, 1920), 4),
]


def _where(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def _texts_top_down(r: ApplyRig) -> list[QLabel]:
    """The materials page's own texts on display (not the bars'), top to bottom."""
    r.settle()
    [screen] = [s for s in r.window.findChildren(DocumentsScreen) if s.isVisible()]
    shown = [w for w in screen.findChildren(QLabel) if w.isVisible() and w.text()]
    return sorted(shown, key=lambda w: _where(w, r.window).top())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assisted", [True, False])
@pytest.mark.parametrize(("size", "text_size"), CASES)
def test_every_materials_page_starts_with_its_heading(  # type: ignore[no-untyped-def]
    rig: ApplyRig,  # noqa: F811
    size,
    text_size,
    assisted,
    lang,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        r.click("btn_assisted")
    if lang == "en":
        r.click("btn_lang")
    for _ in range(text_size - 1):
        r.click("btn_text_size")
    _at_documents(r, [])
    for page in ("paper", "done"):
        texts = _texts_top_down(r)
        heading = r.window.findChild(QLabel, "docs_current")
        progress = r.window.findChild(QLabel, "docs_progress")
        assert heading.isVisible() and heading.property("role") == "heading"
        # Nothing of the page over its heading but the step's title (standard mode, portrait).
        [screen] = [s for s in r.window.findChildren(DocumentsScreen) if s.isVisible()]
        over = texts[: texts.index(heading)]
        # (长辈模式 in portrait has it too, try-out 14 E4; in landscape it makes way.)
        titled = not assisted or size[1] > size[0]
        assert over == ([screen.title] if titled else []), (page, [w.text() for w in over])
        if progress.isVisible():
            assert _where(progress, r.window).top() >= _where(heading, r.window).bottom(), page
        if page == "done":
            assert heading.text() == tr("docs.all_done", lang)
            assert progress.isVisible(), "the papers handled, listed under the heading"
            assert texts[texts.index(heading) + 1] is progress
            assert r.window.rect().contains(_where(heading, r.window))
            assert not [c for c in clipped_texts(r.window) if "docs_" in c], clipped_texts(r.window)
            return
        # As the try-out's citizen did: the paper brought to the counter (长辈模式 goes
        # on to the review by itself after the last photo kept).
        r.click("btn_skip")
