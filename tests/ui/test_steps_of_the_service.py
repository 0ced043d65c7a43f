"""Try-out 17, E6: for 户籍证明开具, which asks for no paper to photograph, the steps bar
went 第3步 填写 → 第5步 确认: the flow skipped 材料, the bar still counted it. The bar's
steps are the citizen's steps for this service: no 材料 step shown or counted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, manual_identity, rig  # noqa: F401

NO_PAPERS = "gongan.hukou_certificate"


def _steps(r: ApplyRig) -> list[str]:
    """The steps bar's labels as shown, in order."""
    r.settle()
    shown = [w for w in r.window.findChildren(QLabel) if w.objectName().startswith("step_")]
    shown = [w for w in shown if w.isVisible()]
    return [w.text() for w in sorted(shown, key=lambda w: w.objectName())]


def test_a_service_without_papers_has_no_materials_step(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    r.click("btn_assisted")  # 长辈模式, portrait, as she used it
    r.to_identify(NO_PAPERS)
    assert _steps(r)[0].startswith("第2步")
    # Identified, the answers in (those screens' own tests type them), as IDENTIFY does.
    r.core.sessions.current.set_identity(manual_identity())
    r.core.sessions.current.form_values.update(purpose="school", copies="1")
    r.window.show_screen(r.core.next())
    r.at(Screen.FORM)
    assert _steps(r)[0].startswith("第3步")
    for _ in range(8):  # 下一步 through the questions
        if r.core.screen() != Screen.FORM:
            break
        r.click("btn_step_next")
    r.at(Screen.REVIEW)  # 材料 skipped: nothing to photograph
    assert _steps(r)[0].startswith("第4步"), _steps(r)  # the next step, not 第5步

    r.click("btn_assisted")  # the standard bar: every step of this application
    r.at(Screen.REVIEW)
    steps = _steps(r)
    assert "材料" not in steps and "材" not in "".join(steps), steps
    assert len(steps) == 5, steps
