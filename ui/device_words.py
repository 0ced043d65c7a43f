"""A device's state code (``printer.paper_out``) in words a technician reads.

The core reports states as codes; the maintenance panel shows words from
ui/strings/device_states.py. A code with no words (a newer driver) gets a calm
generic label, and the code is returned apart so the page can show it in small type.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import STRINGS, tr

_SAM = " SAM "
_NO_PHOTO = " photo not available"  # kiosk.backend's idcard probe suffix


@dataclass(frozen=True, slots=True)
class StateWords:
    """Words for a state; ``code`` is set only when the words could not say it (unknown)."""

    words: str
    code: str = ""


def state_words(detail: str, lang: str) -> StateWords:
    """``detail`` as reported in a DeviceStatusChanged, DeviceTest or DeviceRestart."""
    detail = detail.strip()
    if not detail:
        return StateWords(tr("devstate.none", lang))
    extras: list[str] = []
    if detail.endswith(_NO_PHOTO.strip()):
        detail = detail[: -len(_NO_PHOTO.strip())].rstrip()
        extras.append(tr("devstate.idcard.no_photo", lang))
    if _SAM in f" {detail}":
        detail, _, sam = detail.partition("SAM")
        detail = detail.strip()
        extras.insert(0, tr("devstate.idcard.sam", lang, sam=sam.strip()))
    key = f"devstate.{detail}"
    sep = "，" if lang == "zh" else ", "
    if key not in STRINGS:
        return StateWords(sep.join([tr("devstate.unknown", lang), *extras]), detail)
    return StateWords(sep.join([tr(key, lang), *extras]))


def fault_only(detail: str) -> str:
    """The state's code alone, without the facts a reader's detail carries beside it (its
    SAM id, whether photos can be decoded): glued onto a fault they read as part of it
    (try-out 9, T2)."""
    detail = detail.strip()
    if detail.endswith(_NO_PHOTO.strip()):
        detail = detail[: -len(_NO_PHOTO.strip())].rstrip()
    if _SAM in f" {detail}":
        detail = detail.partition("SAM")[0].strip()
    return detail


def state_text(detail: str, lang: str) -> str:
    """One line: the words, and the code in brackets when the words could not say it."""
    w = state_words(detail, lang)
    return f"{w.words} [{w.code}]" if w.code else w.words
