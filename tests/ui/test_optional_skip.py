"""An optional paper's skip says it is not needed; a required one's says bring it."""

from __future__ import annotations

from kiosk.flow import Journey, Screen
from tests.ui.conftest_apply import ApplyRig, manual_identity, put_on, rig  # noqa: F401

OPTIONAL_ONLY = "yibao.cross_region_filing"  # one paper to photograph, marked 非必需


def test_optional_paper_skip_says_not_needed(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    core = r.core
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
    r.click("btn_skip")
    assert "不需要" in r.label("docs_progress") and "稍后提交" not in r.label("docs_progress")
    assert r.button("btn_next").isEnabled()


def test_required_paper_skip_still_says_bring_it(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    put_on(r.window, Screen.DOCUMENTS)
    r.at(Screen.DOCUMENTS)
    assert r.button("btn_skip").text() == "现场不拍，稍后带到窗口"
