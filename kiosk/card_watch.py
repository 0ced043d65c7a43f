"""The 居民身份证 read on the SAM reader, followed from its read to the end of the session.

The reader cannot say by itself that a card was lifted; its presence check can
(drivers/idcard/polling.py). Started only when the receipt, ticket or booking page asked
for the card, the check learnt of a card lifted on the form or the review ~0.9 s after
that page had opened: the page asked for a card already gone (stop 28). Followed from
the read instead, the session knows of a lift as it happens, and every page chooses
its words from :attr:`kiosk.session.Session.document_taken` from its first paint.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kiosk.identity import Identity
from kiosk.resident_identity import read_by_sam_reader
from kiosk.session import EndReason, Session, SessionManager

if TYPE_CHECKING:
    from kiosk.backend import Backend


class ResidentCardWatch:
    """Has the SAM reader check, on its own polling thread, whether the card read in the
    current session is still there: from the read until it is seen gone (the session's
    ``document_taken``, then :class:`kiosk.events.ResidentCardLifted` on the bus) or
    until the session ends. Nothing here blocks: the GUI thread may record identities."""

    def __init__(self, sessions: SessionManager, backend: Backend) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        self._following: Session | None = None
        sessions.on_identity(self._recorded)
        sessions.on_end(self._ended)

    def _recorded(self, session: Session, identity: Identity) -> None:
        if not read_by_sam_reader(identity) or self._backend.idcard is None:
            return
        # A card read just now lies on the reader (laid again after a lift, or another
        # card: 不是我, or the applicant's after the agent's).
        session.document_taken = False
        with self._lock:
            self._following = session
        self._backend.watch_idcard_removal(lambda: self._gone(session))

    def _gone(self, session: Session) -> None:
        # On the reader's polling thread, before the news goes on the bus: whoever hears
        # it finds the session already knowing.
        session.document_taken = True
        with self._lock:
            if self._following is session:
                self._following = None

    def _ended(self, _reason: EndReason) -> None:
        # The citizen has gone: their card is no one's to watch (an idle reset's
        # reminder starts a watch of its own, after this).
        with self._lock:
            following, self._following = self._following, None
        if following is not None:
            self._backend.stop_idcard_watch()
