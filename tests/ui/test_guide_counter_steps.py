"""A counter-only service's guide (居民身份证换领: "此事项需到窗口办理…点下方预约取号")
shows no step bar promising 身份核验 → 填写 → 材料 → 确认 → 回执, steps the service
never has at the kiosk (try-out 10, C6); a service applied for here keeps its bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, card_listener, rig  # noqa: F401
from tests.ui.helpers import visible_texts

COUNTER_ONLY = "gongan.id_card_renewal"
AT_KIOSK = "gongan.hukou_certificate"


def _step_words(r: ApplyRig) -> list[str]:
    return [w.text() for w in r.window.steps_bar.findChildren(QLabel) if w.isVisible()]


def test_no_apply_steps_on_a_counter_only_guide(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.click("tile_apply")
    r.at(Screen.CATALOG)
    assert r.window.steps_bar.isVisible()  # 选择事项: the citizen is choosing
    r.click(f"service_{COUNTER_ONLY}")
    r.at(Screen.GUIDE)
    r.settle()
    assert "需到窗口办理" in " ".join(visible_texts(r.window))
    assert not r.window.steps_bar.isVisible(), _step_words(r)
    assert not any("回执" in t or "身份核验" in t for t in visible_texts(r.window))

    r.click("btn_back")  # back to the list, then a service applied for here
    r.at(Screen.CATALOG)
    r.click(f"service_{AT_KIOSK}")
    r.at(Screen.GUIDE)
    r.settle()
    assert r.window.steps_bar.isVisible()
    assert "身份核验" in " ".join(_step_words(r))
