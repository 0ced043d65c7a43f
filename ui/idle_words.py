"""What the idle warning and the reset's take-your-document notice say is cleared, and
which paper they name: only what this session really holds (try-out 10, C7: on a queue
ticket where nothing was filled in, the warning spoke of "本次填写的内容", and the notice
after the reset named the card but not the ticket in the slot)."""

from __future__ import annotations

from typing import Literal

from kiosk.flow import Screen
from kiosk.services.staff_call import StaffCallState
from kiosk.session import Session
from ui.i18n import tr
from ui.widgets.tile import no_widow

Held = Literal["entered", "read", "none"]

# Screens where the citizen types or chooses what the session does not hold (a number
# being typed, a complaint's words, a booking being chosen): leaving one clears it.
TYPED_HERE = frozenset(
    {
        Screen.MRZ_ENTRY,
        Screen.MANUAL_ID,
        Screen.FORM,
        Screen.DOCUMENTS,
        Screen.REVIEW,
        Screen.TRACK,
        Screen.TRACK_RESULT,
        Screen.REPRINT,
        Screen.APPOINTMENT,
        Screen.RATE,
        Screen.FEEDBACK,
    }
)


def held(session: Session, screen: Screen | None, finished: bool) -> Held:
    """What an idle reset would clear: things entered (a journey under way with answers,
    photos or typing), else an identity read, else nothing of the citizen's. A finished
    journey's entries are sent: the paper and the platform have them."""
    typed = bool(session.form_values or session.pages) or screen in TYPED_HERE
    if typed and not finished:
        return "entered"
    if session.identity is not None or session.agent is not None:
        return "read"
    return "none"


# What the reset on 首页 puts back, in the order said (keys idle.reset.*).
HOME_RESETS = ("text_size", "colours", "language", "assisted")


def home_resets_words(lang: str, resets: tuple[str, ...]) -> str:
    """``resets`` (names from :data:`HOME_RESETS`) as a list in ``lang``'s words."""
    words = [tr(f"idle.reset.{r}", lang) for r in HOME_RESETS if r in resets]
    if lang == "zh" or len(words) < 2:
        return "、".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def idle_body(
    lang: str,
    what: Held,
    seconds: int,
    staff_called: bool,
    home: tuple[str, ...] | None = None,
) -> str:
    """The countdown's words in ``lang``; ``home``: on 首页, what the reset puts back."""
    if home is not None:
        what_words = home_resets_words(lang, home)
        key = "idle.body.home" if what_words else "idle.body.home.none"
        body = tr(key, lang, s=seconds, what=what_words)
        return tr("idle.staff_lead", lang) + body if staff_called else body
    key = {"entered": "idle.body", "read": "idle.body.read", "none": "idle.body.none"}[what]
    body = tr(key, lang, s=seconds)
    return tr("idle.staff_lead", lang) + body if staff_called else body


def _suffix(what: Held) -> str:
    return "" if what == "entered" else f".{what}"


# What a staff call in each state becomes once the session ends: a call stored or
# delivered stays on the platform's hall page, so staff still come (the chip, which
# went with the session, said so); a call not stored, or done, is not spoken of.
CALL_AFTER_END: dict[StaffCallState, str] = {
    StaffCallState.WAITING: "end.staff_call.waiting",
    StaffCallState.DELIVERED: "end.staff_call.coming",
    StaffCallState.ACKNOWLEDGED: "end.staff_call.coming",
    StaffCallState.COMING: "end.staff_call.coming",
}


def take_card_words(
    langs: list[str], what: Held, slip: str, call: StaffCallState | None = None
) -> tuple[str, str, str]:
    """(title, body, body once the document is lifted) of the notice after the reset, in
    each of ``langs``; ``slip`` names the paper printed ("queue", "booking", "receipt",
    or "" for none); ``call``, the leaver's staff call where it stood."""
    title_key = f"idle.take_card.title.{slip}" if slip else "end.take.card"
    call_key = CALL_AFTER_END.get(call) if call is not None else None

    def slip_line(lang: str) -> str:
        gap = "" if lang == "zh" else " "
        line = gap + tr(f"idle.take_slip.{slip}", lang) if slip else ""
        return line + (gap + tr(call_key, lang) if call_key else "")

    title = "\n".join(tr(title_key, x) for x in langs)
    # Each paragraph ends on two characters together: the staff-call line left 来。
    # alone on the last line in 长辈模式 (try-out 12, N3).
    body = "\n\n".join(
        no_widow(tr(f"idle.take_card.body{_suffix(what)}", x) + slip_line(x)) for x in langs
    )
    taken = "\n\n".join(
        no_widow(tr(f"idle.take_card.taken_body{_suffix(what)}", x) + slip_line(x)) for x in langs
    )
    return title, body, taken
