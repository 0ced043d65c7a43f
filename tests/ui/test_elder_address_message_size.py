"""Try-out 20, E2: 长辈模式, portrait, 字号 4/4, 联系地址: an address not down to the door
said 地址还不完整，邮寄可能送不到… over the keys at the strip's 30 px floor, half the body
size, with ~460 px left empty under the keys (they lie under the question in portrait,
not docked, and the strip was given none of that room); the call-back's message on the
rating is at the body size. It also spoke of post before the citizen had chosen how to
collect (窗口领取 is a later question). Now the message is the mode's message size,
whole, and worded for either way. Through the real window, by taps."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import _to_first_question
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.widgets.fit_keys import PadStrip


def test_the_address_message_is_body_size_and_names_no_post(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _to_first_question(r, (1080, 1920), english=False)
    r.type("13800138000")
    r.click("btn_step_next")
    r.click("key_mode_abc")
    r.type("BJ")  # a city, no street or house number
    r.click("btn_step_next")
    r.settle()
    [strip] = [s for s in r.window.findChildren(PadStrip) if s.isVisible()]
    shown = strip.shown_message()
    assert isinstance(shown, QLabel) and shown is not strip.hint, "no message over the keys"
    assert shown.text() == tr("form.err.address", "zh")
    assert "邮寄" not in shown.text() and "post" not in tr("form.err.address", "en")
    tokens = r.window.tokens()
    assert shown.font().pixelSize() >= tokens.px(tokens.body_px), shown.font().pixelSize()
    assert clipped_texts(r.window) == []
