"""The SAM reader's card is followed from its read to the end of the session
(kiosk/card_watch.py): stop 28 watched it only while the receipt, ticket or booking
page asked for it, so a card lifted on the form was asked for there for ~0.9 s."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from kiosk.card_watch import ResidentCardWatch
from kiosk.identity import IdentitySource
from kiosk.session import EndReason
from tests.unit.core.test_session_flow import FakeClock, identity, manager


class _Backend:
    """What the watch uses of kiosk.backend.Backend: the reader's watch, recorded."""

    def __init__(self) -> None:
        self.idcard = object()
        self.watching: Callable[[], None] | None = None
        self.stops = 0

    def watch_idcard_removal(self, first: Callable[[], None] | None = None) -> None:
        self.watching = first

    def stop_idcard_watch(self) -> None:
        self.watching = None
        self.stops += 1


def _card() -> Any:
    return dataclasses.replace(identity(), source=IdentitySource.CHIP)  # the SAM reader's


def test_watched_from_the_read_known_gone_and_stopped_with_the_session() -> None:
    sessions, backend = manager(FakeClock()), _Backend()
    ResidentCardWatch(sessions, cast(Any, backend))
    session = sessions.current
    session.set_identity(identity())  # typed: nothing lies on a reader
    assert backend.watching is None
    session.set_identity(_card())
    gone = backend.watching
    assert gone is not None  # from the read, whatever page comes next
    gone()  # the reader's thread: seen gone twice in a row
    assert session.document_taken
    session.set_identity(_card())  # laid again (or another card): it lies there now
    assert not session.document_taken and backend.watching is not None
    sessions.end(EndReason.IDLE_TIMEOUT)
    assert backend.watching is None and backend.stops == 1
    sessions.end(EndReason.HOME)  # nothing followed: nothing stopped (an idle notice's own)
    assert backend.stops == 1


def test_no_reader_no_watch() -> None:
    sessions, backend = manager(FakeClock()), _Backend()
    backend.idcard = None
    ResidentCardWatch(sessions, cast(Any, backend))
    sessions.current.set_identity(_card())
    assert backend.watching is None
