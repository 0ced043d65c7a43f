"""The watch loop both readers share: poll, hand reads to the listener, never die."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.idcard.photo import WltDecoder
from drivers.idcard.types import (
    IdCardListener,
    PhotoStatus,
    Presence,
    ReaderState,
    ReadOutcome,
    ReadResult,
    RemovalListener,
    ResidentCard,
)

log = logging.getLogger(__name__)

# What left a reader faulty, as the code the panel words (PollingReader.fault_reason).
FAULT_REASONS = {
    ReadOutcome.TIMEOUT: "not_answering",
    ReadOutcome.SAM_FAULT: "sam_fault",
    ReadOutcome.BAD_FRAME: "garbled",
}

# Failures worth telling the citizen about; the others (no card, a garbled reply, a
# timeout) are the reader's business and show in its health only.
TELL_CITIZEN = frozenset(
    {ReadOutcome.CARD_LIFTED, ReadOutcome.AUTH_FAILED, ReadOutcome.UNKNOWN_CARD}
)

# While the kiosk waits for a card to be taken, its presence is checked this often: a
# find (10 ms) and at most one short exchange (~25 ms at 115200 baud) every half second,
# beside the watch for new cards, never enough to delay a read (docs/resident-id.md).
WATCH_INTERVAL_S = 0.5
# Clean "no card" answers in a row before the card counts as taken: one radio exchange
# can miss a card that is there (a hand over it, a card at the edge of the field), and
# "taken" ends the reminder for good. A check without a clean answer starts the count over.
GONE_AFTER = 2
# After a clean "no card" the next check comes at the next polling round, not half a
# second later: a lift is then known ~0.4 s sooner (stop 28 measured lift -> news at a
# median 856 ms), for one extra exchange per lift, never more often than the polls.
CONFIRM_INTERVAL_S = 0.0


@dataclass
class _Watch:
    """One wait for a card to be taken: the check, whom to tell, and the count so far."""

    check: Callable[[], Presence]
    on_gone: RemovalListener
    interval_s: float
    due: float = 0.0
    absent: int = 0


def with_photo(card: ResidentCard, decoder: WltDecoder | None, **kw: object) -> ReadResult:
    """An OK result, with the photo decoded when a decoder is configured."""
    if not card.wlt:
        return ReadResult(ReadOutcome.OK, card, photo_status=PhotoStatus.NONE, **kw)  # type: ignore[arg-type]
    bmp = decoder.decode(card.wlt) if decoder is not None else None
    if bmp is None:
        return ReadResult(ReadOutcome.OK, card, photo_status=PhotoStatus.NOT_AVAILABLE, **kw)  # type: ignore[arg-type]
    return ReadResult(
        ReadOutcome.OK,
        card,
        bmp,
        "image/bmp",
        PhotoStatus.DECODED,
        **kw,  # type: ignore[arg-type]
    )


class Poller:
    """Runs ``read_once`` every ``interval_s`` on a daemon thread until stopped."""

    def __init__(self, read_once: Callable[[], ReadResult], interval_s: float, name: str) -> None:
        self._read_once = read_once
        self._interval = interval_s
        self._name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: IdCardListener | None = None
        self._watch: _Watch | None = None
        self._watch_lock = threading.Lock()

    def start(self, listener: IdCardListener) -> None:
        """Start polling (restarts with the new listener if already running)."""
        self.stop()
        self._listener = listener
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for the thread (at most a couple of seconds)."""
        self._stop.set()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=3.0)
        self._thread = None

    def watch(
        self,
        check: Callable[[], Presence],
        on_gone: RemovalListener,
        interval_s: float = WATCH_INTERVAL_S,
    ) -> None:
        """Between polls, run ``check`` every ``interval_s`` until it sees the card gone
        (then ``on_gone`` is called once, on the polling thread, and the watch ends) or
        :meth:`unwatch`. Returns at once: the checks run on the polling thread."""
        with self._watch_lock:
            self._watch = _Watch(check, on_gone, interval_s, due=time.monotonic())

    def unwatch(self) -> None:
        """Stop checking (at once; a check under way finishes and is not acted on)."""
        with self._watch_lock:
            self._watch = None

    @property
    def watching(self) -> bool:
        """Whether a wait for the card to be taken is under way."""
        return self._watch is not None

    def _check_watch(self) -> None:
        with self._watch_lock:
            w = self._watch
        if w is None or time.monotonic() < w.due:
            return
        try:
            seen = w.check()
        except Exception:  # a driver bug is not a taken card: log it and keep asking
            log.exception("ID card presence check raised")
            seen = Presence.UNKNOWN
        w.absent = w.absent + 1 if seen is Presence.ABSENT else 0
        again = CONFIRM_INTERVAL_S if w.absent else w.interval_s
        w.due = time.monotonic() + again
        if w.absent < GONE_AFTER:
            return
        with self._watch_lock:
            if self._watch is not w:
                return  # stopped (or replaced) while checking: no longer anyone's news
            self._watch = None
        try:
            w.on_gone()
        except Exception:
            log.exception("ID card removal listener raised")

    def _run(self) -> None:
        stop = self._stop
        while not stop.is_set():
            try:
                result = self._read_once()
            except Exception:  # a driver bug must not end the watch: log and carry on
                log.exception("ID card poll raised")
                result = ReadResult(ReadOutcome.REJECTED)
            if result.ok or result.outcome in TELL_CITIZEN:
                listener = self._listener
                if listener is not None:
                    try:
                        listener(result)
                    except Exception:
                        log.exception("ID card listener raised")
            if not stop.is_set():
                self._check_watch()
            stop.wait(self._interval)


class PollingReader:
    """What both readers share: a lock, the health, the SAM id and the watch loop.

    A subclass implements ``read_once`` and ``stop`` (which must call
    ``self._poller.stop()`` before closing its device).
    """

    def __init__(self, poll_interval_s: float, thread_name: str) -> None:
        self._lock = threading.Lock()
        self._state = ReaderState.STARTING
        self._sam_id: str | None = None
        self._why: ReadOutcome | None = None  # what made it faulty (see fault_reason)
        self._poller = Poller(self.read_once, poll_interval_s, thread_name)

    def read_once(self) -> ReadResult:
        """One find-select-read cycle (the subclass's)."""
        raise NotImplementedError

    def start(self, listener: IdCardListener) -> None:
        """Poll for cards on a thread of its own."""
        self._poller.start(listener)

    def card_present(self) -> Presence:
        """One presence check (blocking). A reader that cannot tell says UNKNOWN."""
        return Presence.UNKNOWN

    def watch_removal(self, on_gone: RemovalListener) -> None:
        """While polling, check every :data:`WATCH_INTERVAL_S` whether the card is still
        there; ``on_gone`` once it is seen gone. Non-blocking: for the GUI thread too."""
        self._poller.watch(self.card_present, on_gone)

    def stop_watch(self) -> None:
        """No more presence checks (non-blocking)."""
        self._poller.unwatch()

    def status(self) -> ReaderState:
        """Health as of the last exchange."""
        return self._state

    def fault_reason(self) -> str | None:
        """While faulty, why, as a code: ``not_answering`` (silent: its cable or power),
        ``sam_fault`` (its security module refused or failed its self-check), ``garbled``
        (only noise on the line); None when it is not faulty or the reason is not known.
        "Reader fault" alone sent a technician to the security module for a loose cable
        (try-out 9, T2)."""
        if self._state is not ReaderState.FAULT or self._why is None:
            return None
        return FAULT_REASONS[self._why]

    def sam_id(self) -> str | None:
        """The SAM id, once the reader has given it."""
        return self._sam_id

    def photo_available(self) -> bool:
        """Whether a WLT photo decoder is loaded (else: "photo not available")."""
        return getattr(self, "_decoder", None) is not None
