"""The real driver: pyscard over the system's pcscd.

One thread watches readers and cards with ``SCardGetStatusChange`` on a context it
owns, and rebuilds that context whenever pcscd stops answering or the last reader
goes away (pcsc-lite contexts go stale after a service restart). Each read uses a
fresh context, so a restart between two reads costs nothing, and the card is reset
afterwards so the chip forgets the BAC session.

A read's PC/SC calls run on a thread of their own (:class:`_Session`) while the
caller waits with a time limit per command: pcsc-lite cannot interrupt
``SCardTransmit`` (``SCardCancel`` only ends ``SCardGetStatusChange``, and both the
client library and pcscd queue every later call on that context and reader behind
the stuck one), so a mute chip is cut by walking away from the call, not by
cancelling it.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from smartcard import scard

from drivers.card import icao
from drivers.card.passive_auth import TrustList
from drivers.card.transport import (
    CardGone,
    CommandTimeout,
    ReaderGone,
    ServiceGone,
    TransportError,
)
from drivers.card.types import (
    BacKeys,
    CardEvent,
    CardEventKind,
    CardListener,
    ReaderStatus,
    ReadOutcome,
    ReadResult,
)

log = logging.getLogger(__name__)

_SERVICE_ERRORS = {
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_F_COMM_ERROR,
    scard.SCARD_E_NO_READERS_AVAILABLE,
}
_CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD}
_READER_GONE = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE}
_MUTE = {
    scard.SCARD_W_UNRESPONSIVE_CARD,
    scard.SCARD_W_UNPOWERED_CARD,
    scard.SCARD_E_PROTO_MISMATCH,
}


_SCARD_ABSENT = 0x0002  # SCardStatus state bit (pcsc-lite); pyscard does not export it


def _hex(code: int) -> str:
    return f"0x{code & 0xFFFFFFFF:08X}"


class PyscardCardReader:
    """CardReader over PC/SC. ``reader_filter`` (a substring) picks readers by name."""

    def __init__(
        self,
        *,
        reader_filter: str | None = None,
        poll_timeout_s: float = 0.25,
        retry_interval_s: float = 0.25,
        read_timeout_s: float | None = 30.0,
        command_timeout_s: float = 5.0,
        removal_grace_s: float = 1.5,
        trust_list: TrustList | None = None,
        scard_api: Any = None,
    ) -> None:
        self._api: Any = scard_api or scard
        self._filter = reader_filter
        self._poll_ms = int(poll_timeout_s * 1000)
        self._retry_s = retry_interval_s
        self._read_timeout_s = read_timeout_s
        self._command_timeout_s = command_timeout_s
        self._removal_grace_s = removal_grace_s
        self._trust_list = trust_list
        self._stuck: _Session | None = None  # a session whose last call never returned
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: CardListener | None = None
        self._ctx: int | None = None
        # watcher state, guarded by _lock
        self._service_up: bool | None = None
        self._known: dict[str, int] = {}  # reader -> last event state
        self._cards: dict[str, int] = {}  # reader with a card -> its card serial
        self._serial = 0
        self._reading = False
        self._status = ReaderStatus.NO_READER

    # --- CardReader protocol -----------------------------------------------------

    def start(self, listener: CardListener) -> None:
        """Start the watcher thread; ``listener`` is called on it."""
        if self._thread is not None:
            return
        self._listener = listener
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="card-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the watcher and release its context."""
        self._stopping.set()
        ctx = self._ctx
        if ctx is not None:
            self._api.SCardCancel(ctx)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None

    def status(self) -> ReaderStatus:
        """The last known status (never blocks on PC/SC)."""
        with self._lock:
            return self._status

    def readers(self) -> tuple[str, ...]:
        """Names of the readers the watcher currently sees."""
        with self._lock:
            return tuple(self._known)

    def read(self, keys: BacKeys, *, include_photo: bool = True) -> ReadResult:
        """Read the document in the reader; blocks, so call it from a worker thread."""
        if not self._read_lock.acquire(blocking=False):
            return ReadResult(ReadOutcome.BUSY, detail="another read is running")
        try:
            if not keys.is_well_formed():
                return ReadResult(ReadOutcome.INVALID_KEYS, detail="keys not well-formed")
            stuck = self._stuck
            if stuck is not None and not stuck.finish(self._command_timeout_s):
                # pcscd holds the reader until the mute chip leaves it (or the reader
                # driver gives up); a new attempt would only queue behind it.
                return ReadResult(ReadOutcome.TIMEOUT, detail="chip still mute; take it out")
            self._stuck = None
            self._set_reading(True)
            return self._read(keys, include_photo)
        except Exception:  # a bug, not a card condition: log it and answer calmly
            log.exception("card read failed unexpectedly")
            return ReadResult(ReadOutcome.UNREADABLE, detail="internal error")
        finally:
            self._set_reading(False)
            self._read_lock.release()

    # --- reading --------------------------------------------------------------------

    def _read(self, keys: BacKeys, include_photo: bool) -> ReadResult:
        api = self._api
        clock = time.monotonic
        deadline = None if self._read_timeout_s is None else clock() + self._read_timeout_s
        session = _Session(api, self._command_timeout_s, deadline)
        try:
            hr, ctx = session.call(api.SCardEstablishContext, scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                return ReadResult(ReadOutcome.SERVICE_UNAVAILABLE, detail=_hex(hr))
            session.ctx = ctx
            picked = self._pick_reader(session, ctx)
            if isinstance(picked, ReadResult):
                return picked
            hr, hcard, proto = session.call(
                api.SCardConnect,
                ctx,
                picked,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            if hr != scard.SCARD_S_SUCCESS:
                return ReadResult(_connect_outcome(hr), detail=f"connect {_hex(hr)}")
            session.hcard = hcard
            serial = self._serial_of(picked)
            transport = _PcscTransport(session, hcard, proto, self._removal_grace_s)
            result = icao.read_document(
                transport,
                keys,
                include_photo=include_photo,
                timeout_s=self._read_timeout_s,
                trust_list=self._trust_list,
            )
            log.info("card read: %s after %d APDUs", result.outcome.value, result.apdus)
            return dataclasses.replace(result, card_serial=serial)
        except CommandTimeout as exc:
            return ReadResult(ReadOutcome.TIMEOUT, detail=str(exc))
        finally:
            # Resetting ends the chip's secure-messaging session with the keys in it. A
            # session stuck in a call does this itself once pcscd lets the call go.
            if not session.close():
                self._stuck = session

    def _pick_reader(self, session: _Session, ctx: int) -> str | ReadResult:
        """The reader holding a card, asking PC/SC directly (the watcher may lag)."""
        api = self._api
        hr, names = session.call(api.SCardListReaders, ctx, [])
        if hr == scard.SCARD_E_NO_READERS_AVAILABLE or (hr == 0 and not names):
            return ReadResult(ReadOutcome.NO_READER, detail="no reader")
        if hr != scard.SCARD_S_SUCCESS:
            return ReadResult(ReadOutcome.SERVICE_UNAVAILABLE, detail=_hex(hr))
        names = [n for n in names if self._wanted(n)]
        if not names:
            return ReadResult(ReadOutcome.NO_READER, detail="no matching reader")
        hr, states = session.call(
            api.SCardGetStatusChange, ctx, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names]
        )
        if hr != scard.SCARD_S_SUCCESS:
            return ReadResult(ReadOutcome.SERVICE_UNAVAILABLE, detail=_hex(hr))
        for name, state, _atr in states:
            if state & scard.SCARD_STATE_PRESENT:
                return str(name)
        return ReadResult(ReadOutcome.NO_CARD, detail="no card")

    def _serial_of(self, reader: str) -> int:
        with self._lock:
            return self._cards.get(reader, self._serial)

    def _set_reading(self, reading: bool) -> None:
        with self._lock:
            self._reading = reading
            events = self._refresh_status_locked(None)
        self._emit(events)

    # --- watching -------------------------------------------------------------------

    def _wanted(self, name: str) -> bool:
        return self._filter is None or self._filter in name

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._step()
            except Exception:  # keep watching: a dead watcher thread would go unnoticed
                log.exception("card watcher step failed")
                self._drop_context()
                self._stopping.wait(self._retry_s)
        self._drop_context()

    def _step(self) -> None:
        api = self._api
        if self._ctx is None:
            hr, ctx = api.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                self._service_lost(_hex(hr))
                self._stopping.wait(self._retry_s)
                return
            self._ctx = ctx
        hr, names = api.SCardListReaders(self._ctx, [])
        if hr == scard.SCARD_E_NO_READERS_AVAILABLE or (hr == 0 and not names):
            names = []
        elif hr != scard.SCARD_S_SUCCESS:
            self._drop_context()
            self._service_lost(_hex(hr))
            self._stopping.wait(self._retry_s)
            return
        self._service_found()
        names = [str(n) for n in names if self._wanted(n)]
        self._sync_readers(names)
        if not names:
            # Some pcsc-lite versions never show a new reader on a context that saw none,
            # so look again through a fresh one (cheap: a local socket round trip).
            self._drop_context()
            self._stopping.wait(self._retry_s)
            return
        with self._lock:
            states = [(n, self._known.get(n, 0)) for n in names]
        hr, new = api.SCardGetStatusChange(self._ctx, self._poll_ms, states)
        if hr in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
            return
        if hr in _READER_GONE:
            return  # the next list shows which reader went
        if hr != scard.SCARD_S_SUCCESS:
            self._drop_context()
            self._service_lost(_hex(hr))
            return
        for name, state, _atr in new:
            self._update_card(str(name), int(state))

    def _drop_context(self) -> None:
        ctx, self._ctx = self._ctx, None
        if ctx is not None:
            self._api.SCardReleaseContext(ctx)

    def _sync_readers(self, names: list[str]) -> None:
        events: list[CardEvent] = []
        with self._lock:
            for gone in [n for n in self._known if n not in names]:
                del self._known[gone]
                events += self._card_gone_locked(gone)
                events.append(self._event_locked(CardEventKind.READER_REMOVED, gone))
            for name in names:
                if name not in self._known:
                    self._known[name] = scard.SCARD_STATE_UNAWARE
                    events.append(self._event_locked(CardEventKind.READER_ADDED, name))
            events += self._refresh_status_locked(None)
        self._emit(events)

    def _update_card(self, name: str, state: int) -> None:
        present = bool(state & scard.SCARD_STATE_PRESENT) and not (
            state & scard.SCARD_STATE_UNAVAILABLE
        )
        events: list[CardEvent] = []
        with self._lock:
            if name not in self._known:
                return
            self._known[name] = state & ~scard.SCARD_STATE_CHANGED
            if present and name not in self._cards:
                self._serial += 1
                self._cards[name] = self._serial
                events.append(self._event_locked(CardEventKind.CARD_INSERTED, name))
            elif not present and name in self._cards:
                events += self._card_gone_locked(name)
            events += self._refresh_status_locked(name)
        self._emit(events)

    def _card_gone_locked(self, name: str) -> list[CardEvent]:
        if name not in self._cards:
            return []
        serial = self._cards.pop(name)
        return [CardEvent(CardEventKind.CARD_REMOVED, self._compute_status(), name, serial)]

    def _service_lost(self, detail: str) -> None:
        events: list[CardEvent] = []
        with self._lock:
            if self._service_up is False:
                return
            self._service_up = False
            for name in list(self._known):
                del self._known[name]
                events += self._card_gone_locked(name)
                events.append(self._event_locked(CardEventKind.READER_REMOVED, name))
            events.append(self._event_locked(CardEventKind.SERVICE_LOST, None))
            events += self._refresh_status_locked(None)
        log.warning("PC/SC service unavailable (%s); will keep retrying", detail)
        self._emit(events)

    def _service_found(self) -> None:
        with self._lock:
            if self._service_up is True:
                return
            was_down = self._service_up is False
            self._service_up = True
            events = [self._event_locked(CardEventKind.SERVICE_RESTORED, None)] if was_down else []
            events += self._refresh_status_locked(None)
        if was_down:
            log.info("PC/SC service available again")
        self._emit(events)

    def _compute_status(self) -> ReaderStatus:
        if self._service_up is False:
            return ReaderStatus.ERROR
        if not self._known:
            return ReaderStatus.NO_READER
        if self._reading:
            return ReaderStatus.READING
        return ReaderStatus.CARD_PRESENT if self._cards else ReaderStatus.NO_CARD

    def _event_locked(self, kind: CardEventKind, reader: str | None) -> CardEvent:
        serial = self._cards.get(reader, 0) if reader else 0
        return CardEvent(kind, self._compute_status(), reader, serial)

    def _refresh_status_locked(self, reader: str | None) -> list[CardEvent]:
        status = self._compute_status()
        if status is self._status:
            return []
        self._status = status
        return [self._event_locked(CardEventKind.STATUS_CHANGED, reader)]

    def _emit(self, events: list[CardEvent]) -> None:
        listener = self._listener
        if listener is None:
            return
        for event in events:
            try:
                listener(event)
            except Exception:
                log.exception("card event listener failed")


def _connect_outcome(hr: int) -> ReadOutcome:
    if hr in _CARD_GONE:
        return ReadOutcome.NO_CARD
    if hr in _READER_GONE:
        return ReadOutcome.NO_READER
    if hr in _SERVICE_ERRORS:
        return ReadOutcome.SERVICE_UNAVAILABLE
    if hr == scard.SCARD_E_SHARING_VIOLATION:
        return ReadOutcome.BUSY
    return ReadOutcome.UNREADABLE


class _Session:
    """One read's context and card handle; every PC/SC call runs on the session's thread.

    :meth:`call` waits at most the command time limit (and never past the read's
    deadline); when that passes it raises :class:`CommandTimeout` and the session is
    abandoned: the thread finishes the stuck call whenever pcscd returns it, then
    resets the card and releases the context itself (:meth:`close`).
    """

    def __init__(self, api: Any, command_timeout_s: float, deadline: float | None) -> None:
        self.api = api
        self.ctx: int | None = None
        self.hcard: int | None = None
        self._limit = command_timeout_s
        self._deadline = deadline
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name="card-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()

    def finish(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for an abandoned call and the cleanup; True when done.

        A chip that was merely slow answers soon after the limit and frees the reader.
        """
        self._thread.join(timeout=timeout_s)
        return not self._thread.is_alive()

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` on the session thread, within the command time limit."""
        if self._abandoned:
            raise CommandTimeout("an earlier command never returned")
        future: Future[Any] = Future()

        def job() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to the caller, which decides
                future.set_exception(exc)

        limit = self._limit
        if self._deadline is not None:
            limit = max(0.0, min(limit, self._deadline - time.monotonic()))
        self._jobs.put(job)
        try:
            return future.result(timeout=limit)
        except FutureTimeout:
            self._abandoned = True
            raise CommandTimeout(f"no answer within {limit:.1f} s") from None

    def close(self) -> bool:
        """Reset the card, release the context, end the thread; False if left stuck."""
        api = self.api

        def cleanup() -> None:
            if self.hcard is not None:
                api.SCardDisconnect(self.hcard, scard.SCARD_RESET_CARD)
            if self.ctx is not None:
                api.SCardReleaseContext(self.ctx)

        self._jobs.put(cleanup)
        self._jobs.put(None)
        if self._abandoned:
            return False
        self._thread.join(timeout=self._limit)
        return not self._thread.is_alive()


class _PcscTransport:
    """SCardTransmit with T=0 response chaining and PC/SC errors mapped to exceptions."""

    def __init__(self, session: _Session, hcard: int, proto: int, removal_grace_s: float) -> None:
        self._session = session
        self._api = session.api
        self._hcard = hcard
        self._proto = proto
        self._grace = removal_grace_s

    def transmit(self, apdu: bytes) -> bytes:
        response = self._once(apdu)
        if len(response) < 2:
            # Some readers (vpcd among them) hand back an empty answer when the card
            # leaves mid-APDU; tell that apart from a card that answers nonsense.
            gone = self._classify(0)
            if type(gone) is not TransportError:
                raise gone
            return response
        if len(response) == 2 and response[0] == 0x6C:
            response = self._once(apdu[:-1] + response[1:2])
        data = b""
        for _ in range(64):  # bounded: a hostile card could ask for GET RESPONSE forever
            if len(response) != 2 or response[0] != 0x61:
                break
            data += response[:-2]
            response = self._once(bytes([0x00, 0xC0, 0x00, 0x00, response[1]]))
        return data + response

    def _once(self, apdu: bytes) -> bytes:
        hr, response = self._session.call(
            self._api.SCardTransmit, self._hcard, self._proto, list(apdu)
        )
        if hr != scard.SCARD_S_SUCCESS:
            raise self._classify(hr)
        return bytes(response)

    def _classify(self, hr: int) -> TransportError:
        if hr in _CARD_GONE:
            return CardGone(_hex(hr))
        if hr in _READER_GONE:
            return ReaderGone(_hex(hr))
        if hr in _SERVICE_ERRORS:
            return ServiceGone(_hex(hr))
        # Ambiguous failures (e.g. SCARD_E_NOT_TRANSACTED) are what a card pulled
        # mid-APDU looks like at first; PC/SC notices the removal a moment later.
        deadline = time.monotonic() + self._grace
        while True:
            status = self._session.call(self._api.SCardStatus, self._hcard)
            code = status[0]
            if code in _CARD_GONE:
                return CardGone(f"{_hex(hr)} then {_hex(code)}")
            if code in _READER_GONE:
                return ReaderGone(f"{_hex(hr)} then {_hex(code)}")
            if code in _SERVICE_ERRORS:
                return ServiceGone(f"{_hex(hr)} then {_hex(code)}")
            if code == scard.SCARD_S_SUCCESS and status[2] & _SCARD_ABSENT:
                return CardGone(f"{_hex(hr)}, card absent")
            if time.monotonic() > deadline:
                return TransportError(_hex(hr))
            time.sleep(0.05)
