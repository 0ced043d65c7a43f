"""Technician cards over PC/SC (pcscd): watch one reader, SELECT, VERIFY, INTERNAL AUTHENTICATE.

One thread waits on ``SCardGetStatusChange`` for the configured reader and tells
the listener when a card with the technician application arrives (with the
number its SELECT answers) or leaves. :meth:`verify_and_sign` connects, selects
the application, sends the PIN (the card counts wrong ones and blocks itself) and
the kiosk's challenge, and returns the card's signature for the kiosk to check
against the key registered for that technician.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from smartcard import scard

from drivers.techcard.protocol import TechCardListener
from drivers.techcard.types import (
    CardAnswer,
    CardResult,
    TechCardEvent,
    TechCardEventKind,
    internal_auth_apdu,
    read_answer,
    select_apdu,
    verify_apdu,
)

log = logging.getLogger(__name__)

POLL_MS = 300
_T = TypeVar("_T")
_Send = Callable[[bytes], tuple[int, bytes]]


class PcscTechCardReader:
    """The real driver; ``reader`` is a substring of the reader's PC/SC name."""

    def __init__(self, reader: str) -> None:
        self._filter = reader
        self._listener: TechCardListener | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._number: str | None = None
        self._io = threading.Lock()  # one card conversation at a time

    # --- watching ---------------------------------------------------------------------

    def start(self, listener: TechCardListener) -> None:
        """Start the watcher thread."""
        self._listener = listener
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="techcard", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the watcher thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def present(self) -> str | None:
        """The technician number of the card in the reader, if any."""
        return self._number

    def _watch(self) -> None:
        ctx = None
        state = scard.SCARD_STATE_UNAWARE
        while not self._stop.is_set():
            if ctx is None:
                hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
                if hr != scard.SCARD_S_SUCCESS:
                    ctx = None
                    self._stop.wait(1.0)
                    continue
            name = self._reader_name(ctx)
            if name is None:
                self._stop.wait(1.0)
                continue
            hr, states = scard.SCardGetStatusChange(ctx, POLL_MS, [(name, state)])
            if hr == scard.SCARD_E_TIMEOUT:
                continue
            if hr != scard.SCARD_S_SUCCESS:
                # pcscd restarted or the reader went: a fresh context next time round.
                scard.SCardReleaseContext(ctx)
                ctx, state = None, scard.SCARD_STATE_UNAWARE
                self._changed(None)
                self._stop.wait(0.5)
                continue
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            present = bool(state & scard.SCARD_STATE_PRESENT)
            self._changed(self._read_number(name) if present else None)
        if ctx is not None:
            scard.SCardReleaseContext(ctx)

    def _reader_name(self, ctx: int) -> str | None:
        hr, names = scard.SCardListReaders(ctx, [])
        if hr != scard.SCARD_S_SUCCESS:
            return None
        return next((n for n in names if self._filter in n), None)

    def _changed(self, number: str | None) -> None:
        if number == self._number:
            return
        self._number = number
        listener = self._listener
        if listener is None:
            return
        kind = TechCardEventKind.INSERTED if number else TechCardEventKind.REMOVED
        try:
            listener(TechCardEvent(kind, number))
        except Exception:
            log.exception("technician card listener failed")

    # --- talking to the card ------------------------------------------------------------

    def _read_number(self, name: str) -> str | None:
        def talk(send: _Send) -> str | None:
            sw, data = send(select_apdu())
            if sw != 0x9000:
                return None  # another card (an ID document): not ours
            number = data.decode("ascii", "replace")
            return number if number.isdigit() else None

        return self._session(name, talk)

    def verify_and_sign(self, pin: str, challenge: bytes) -> CardResult:
        """SELECT, VERIFY, INTERNAL AUTHENTICATE; the card keeps the retry counter."""

        def talk(send: _Send) -> CardResult:
            sw, _ = send(select_apdu())
            if sw != 0x9000:
                return CardResult(CardAnswer.NO_CARD)
            sw, _ = send(verify_apdu(pin))
            result = read_answer(sw, b"")
            if result.answer != CardAnswer.SIGNED:
                return result
            sw, sig = send(internal_auth_apdu(challenge))
            return read_answer(sw, sig)

        ctx_name = self._connect_name()
        if ctx_name is None:
            return CardResult(CardAnswer.NO_CARD)
        out: CardResult | None = self._session(ctx_name, talk)
        return out if out is not None else CardResult(CardAnswer.ERROR)

    def _connect_name(self) -> str | None:
        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return None
        try:
            return self._reader_name(ctx)
        finally:
            scard.SCardReleaseContext(ctx)

    def _session(self, name: str, talk: Callable[[_Send], _T]) -> _T | None:
        with self._io:
            hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                return None
            try:
                protocols = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
                hr, card, proto = scard.SCardConnect(ctx, name, scard.SCARD_SHARE_SHARED, protocols)
                if hr != scard.SCARD_S_SUCCESS:
                    return None
                try:

                    def send(apdu: bytes) -> tuple[int, bytes]:
                        hr, resp = scard.SCardTransmit(card, proto, list(apdu))
                        if hr != scard.SCARD_S_SUCCESS or len(resp) < 2:
                            raise OSError(f"transmit failed: {scard.SCardGetErrorMessage(hr)}")
                        return (resp[-2] << 8) | resp[-1], bytes(resp[:-2])

                    try:
                        return talk(send)
                    except OSError as exc:
                        log.warning("technician card: %s", exc)
                        return None
                finally:
                    scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
            finally:
                scard.SCardReleaseContext(ctx)
