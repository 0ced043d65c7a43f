"""An optional paper's skip says it is not needed; a required one's says bring it. Once
skipped, the list says what the review says: not given, optional, bring it if you have
it (try-out 14, E4: "不需要" was not quite true), in 长辈模式 in portrait too, under the
page's title 拍摄材料 (there the page began with the paper's name)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, put_on, rig  # noqa: F401

OPTIONAL_ONLY = "yibao.cross_region_filing"  # one paper to photograph, marked 非必需


@pytest.mark.parametrize("assisted", [False, True], ids=["standard", "assisted"])
def test_optional_paper_skip_says_not_needed(rig: ApplyRig, assisted: bool) -> None:  # noqa: F811
    r = rig
    core = r.core
    if assisted:
        r.window.resize(1080, 1920)
        r.click("btn_assisted")
    core.start(Journey.APPLY)
    core.sessions.current.service_id = OPTIONAL_ONLY
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(manual_identity())
    for _ in range(4):  # form (if any), then documents
        if core.screen() == Screen.DOCUMENTS:
            break
        core.next()
    r.window.show_screen()
    r.at(Screen.DOCUMENTS)
    text = r.button("btn_skip").text()
    assert text == "不需要，跳过", text
    assert "窗口" not in text
    [title] = [w for w in r.window.findChildren(QLabel) if w.text() == "拍摄材料"]
    assert title.isVisible()  # the page's title, in portrait 长辈模式 too
    r.click("btn_skip")
    progress = r.label("docs_progress")
    assert "：未提交（非必需，如有请带到窗口）" in progress, progress
    assert "不需要" not in progress and "稍后提交" not in progress
    assert r.button("btn_next").isEnabled()


def test_required_paper_skip_still_says_bring_it(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.DOCUMENTS)
    r.at(Screen.DOCUMENTS)
    assert r.button("btn_skip").text() == "现场不拍，稍后带到窗口"
    r.click("btn_skip")
    # The summary says where the paper goes, as the later pages do: not 稍后提交, which
    # read as the kiosk taking it later (try-out 15, C5).
    progress = r.label("docs_progress")
    assert "：带到窗口" in progress and "稍后提交" not in progress, progress
