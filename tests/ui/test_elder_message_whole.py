"""Try-out 16, E4: 长辈模式, English, 字号 4/4, portrait: the address rule's message over the
keys was cut after "the village" (three lines of the strip's floor type in its two lines'
room). Every message a form's question can show there is read whole at its tightest: the
narrowest strip (portrait) and the largest type, in English, through the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from drivers.idcard.simulator import PtySamReader, sample_card
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_elder_form_forward import SERVICE, _largest_text
from tests.ui.test_resident_id import sam  # noqa: F401
from ui.clipping import clipped_texts
from ui.i18n import STRINGS, tr
from ui.widgets.fit_keys import PadStrip

READ_MS = 20_000  # a bound that only keeps a broken test from hanging
PARAMS = {"lo": 1, "hi": 99999, "other": "date of first employment"}


def test_every_form_message_is_whole_over_the_keys(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    r = rig
    r.window.resize(1080, 1920)
    r.click("btn_lang")
    r.core.sessions.set_assisted(True)
    _largest_text(r)
    r.to_identify(SERVICE)
    sam.lay(sample_card("resident"))
    r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    r.type("13800138000")
    r.click("btn_step_next")
    for _ in range(len(r.core.sessions.current.identity.address)):
        r.click("key_backspace")
    r.type("ABC")
    r.click("btn_step_next")  # an address not down to the door: the rule's message
    r.settle()
    [strip] = [s for s in r.window.findChildren(PadStrip) if s.isVisible()]
    shown = strip.shown_message()
    assert isinstance(shown, QLabel) and shown is not strip.hint, "no message over the keys"
    assert shown.text() == tr("form.err.address", "en")

    def cut() -> list[str]:
        r.settle()
        name = shown.objectName()
        return [p for p in clipped_texts(r.window) if f"'{name}'" in p]

    assert not cut(), cut()
    # The other messages a question can give, in the same place (shown as the form shows them).
    for key in sorted(k for k in STRINGS if k.startswith("form.err.")):
        shown.hide()
        shown.setText(tr(key, "en", **PARAMS))
        shown.show()
        assert not cut(), (key, cut())
