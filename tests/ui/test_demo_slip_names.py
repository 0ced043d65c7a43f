"""The demo's printed slips are named by what they are (try-out 8, R5): a queue ticket
taken through the real window is saved as ticket-NNNN.png, an application's receipt as
receipt-NNNN.png (every slip was receipt-NNNN.png, and a tester opened each to find the
ticket), numbered in the order they came out."""

from __future__ import annotations

import re

from ui.tour import SCENES, stage


def _names(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in window.core.backend.printer.printed]


def test_a_ticket_and_a_receipt_are_named_by_kind(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    stage(window, next(s for s in SCENES if s.name == "ticket"), "zh", False)
    qtbot.waitUntil(lambda: bool(_names(window)), timeout=10_000)
    ticket = _names(window)[-1]
    assert re.fullmatch(r"ticket-\d{4}\.png", ticket), _names(window)
    stage(window, next(s for s in SCENES if s.name == "submitted"), "zh", False)
    qtbot.waitUntil(lambda: _names(window)[-1] != ticket, timeout=10_000)
    receipt = _names(window)[-1]
    assert re.fullmatch(r"receipt-\d{4}\.png", receipt), _names(window)
    # One sequence across kinds: the order they came out in shows in the names.
    assert int(receipt[-8:-4]) > int(ticket[-8:-4])
    folder = window.core.backend.printer.printed[-1].parent
    assert (folder / ticket).is_file() and (folder / receipt).is_file()
