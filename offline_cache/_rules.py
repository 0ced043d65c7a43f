"""State-transition rules shared by the SQLite and in-memory outboxes.

Keeping them in one place is what makes the contract suite meaningful: the two
stores differ in storage only, never in what a state change means.
"""

from __future__ import annotations

import datetime as dt

from offline_cache.outbox_protocol import InvalidTransitionError, RecordState

DEFAULT_RETENTION = dt.timedelta(days=7)
DEFAULT_MAX_ATTEMPTS = 100
MAX_ERROR_CHARS = 2000


def check_options(retention: dt.timedelta, max_attempts: int) -> None:
    """Reject settings that would make a store misbehave silently."""
    if retention < dt.timedelta(0):
        raise ValueError("retention must not be negative")
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")


def clip_error(text: str) -> str:
    """Bound what we keep of an error text (a platform may answer with a whole page)."""
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def limit_reason(max_attempts: int, error: str) -> str:
    """The dead reason recorded when the attempt limit is reached."""
    return clip_error(f"attempt limit ({max_attempts}) reached; last error: {error}")


def check_failable(state: RecordState) -> bool:
    """Whether ``mark_failed`` applies (True) or is a no-op (False); raises if illegal."""
    if state is RecordState.SENDING:
        return True
    if state in (RecordState.DELIVERED, RecordState.DEAD):
        return False
    raise InvalidTransitionError(f"mark_failed on a {state.value} record (claim it first)")


def check_requeueable(state: RecordState) -> bool:
    """Whether ``requeue`` applies (True) or is a no-op (False); raises if illegal."""
    if state in (RecordState.DEAD, RecordState.FAILED):
        return True
    if state is RecordState.PENDING:
        return False
    raise InvalidTransitionError(f"requeue of a {state.value} record")
