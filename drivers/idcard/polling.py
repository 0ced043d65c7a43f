"""The watch loop both readers share: poll, hand reads to the listener, never die."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.idcard.photo import WltDecoder
from drivers.idcard.types import (
    IdCardListener,
    PhotoStatus,
    ReaderState,
    ReadOutcome,
    ReadResult,
    ResidentCard,
)

log = logging.getLogger(__name__)

# Failures worth telling the citizen about; the others (no card, a garbled reply, a
# timeout) are the reader's business and show in its health only.
TELL_CITIZEN = frozenset(
    {ReadOutcome.CARD_LIFTED, ReadOutcome.AUTH_FAILED, ReadOutcome.UNKNOWN_CARD}
)


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
        self._poller = Poller(self.read_once, poll_interval_s, thread_name)

    def read_once(self) -> ReadResult:
        """One find-select-read cycle (the subclass's)."""
        raise NotImplementedError

    def start(self, listener: IdCardListener) -> None:
        """Poll for cards on a thread of its own."""
        self._poller.start(listener)

    def status(self) -> ReaderState:
        """Health as of the last exchange."""
        return self._state

    def sam_id(self) -> str | None:
        """The SAM id, once the reader has given it."""
        return self._sam_id

    def photo_available(self) -> bool:
        """Whether a WLT photo decoder is loaded (else: "photo not available")."""
        return getattr(self, "_decoder", None) is not None
