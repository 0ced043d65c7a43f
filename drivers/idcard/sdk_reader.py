"""Readers used through their vendor SDK: the common InitComm / Authenticate / Read_Content API.

Many certified readers ship a shared library (``termb.dll`` / ``libtermb.so`` and
clones) with the same C entry points:

- ``int InitComm(int port)``: open the reader (1-16 serial, 1001-1016 USB); 1 = ok
- ``int Authenticate(void)``: find and select a card; 1 = a card is ready
- ``int Read_Content(int active)``: read it (1 = text and photo); 1 = ok. The
  library writes the 256-byte text block to ``wz.txt`` and the photo to ``zp.wlt``
  in its output folder (configured here, as it differs between vendors).
  ``Read_Content(3)`` reads the card's newest address (the serial frames' ``30 03``),
  which a card already read answers while it lies on the reader
- ``int CloseComm(void)``
- optionally ``int GetSAMID(char *out)`` (the SAM id as text)

The files hold personal data, so they are read and deleted at once.
"""

from __future__ import annotations

import ctypes
import logging
import time
from dataclasses import replace
from pathlib import Path

from drivers.idcard.photo import WltDecoder
from drivers.idcard.polling import PollingReader, with_photo
from drivers.idcard.read_log import ReadLog
from drivers.idcard.text_block import TEXT_BYTES, TextBlockError, parse_text
from drivers.idcard.types import Presence, ReaderState, ReadOutcome, ReadResult

log = logging.getLogger(__name__)

TEXT_FILE = "wz.txt"
PHOTO_FILE = "zp.wlt"
# Where Read_Content(3) leaves the address it read: dropped unread (personal data).
ADDRESS_FILE = "newadd.txt"
NEWEST_ADDRESS = 3  # Read_Content's "newest address" item


class SdkSamReader(PollingReader):
    """The vendor-SDK adapter; the library is loaded on first use."""

    def __init__(
        self,
        library: Path,
        *,
        port: int = 1001,
        output_dir: Path | None = None,
        poll_interval_s: float = 0.2,
        photo_decoder: WltDecoder | None = None,
    ) -> None:
        self._path = library
        self._port = port
        self._out = output_dir if output_dir is not None else library.parent
        self._decoder = photo_decoder
        self._lib: ctypes.CDLL | None = None
        self._open = False
        self._read_log = ReadLog(log, "ID card read (SDK)")  # a failure once, not a poll
        super().__init__(poll_interval_s, "idcard-sdk")

    def stop(self) -> None:
        """Stop polling and close the reader."""
        self._poller.stop()
        with self._lock:
            lib = self._lib
            if lib is not None and self._open:
                try:
                    lib.CloseComm()
                except (OSError, AttributeError):
                    log.debug("CloseComm failed", exc_info=True)
            self._open = False
            self._state = ReaderState.DISCONNECTED

    def read_once(self) -> ReadResult:
        """Authenticate and read one card."""
        t0 = time.perf_counter()
        with self._lock:
            result = self._read()
            self._state = {
                ReadOutcome.NO_READER: ReaderState.DISCONNECTED,
                ReadOutcome.UNKNOWN_CARD: ReaderState.READY,
            }.get(result.outcome, ReaderState.READY)
        self._read_log.note(result.outcome)
        return replace(result, elapsed_ms=(time.perf_counter() - t0) * 1000.0)

    def card_present(self) -> Presence:
        """Whether a card lies on the reader, by the vendor's find-card call as the serial
        driver finds (寻卡): PRESENT, ABSENT, or UNKNOWN without a clean answer.

        ``Authenticate`` (find and select) finds a card not yet read. A card read is
        halted and not found again while it lies there (as on the serial reader), so the
        library is then asked for that card's newest address (``Read_Content(3)``), which
        it gives while the card is in the field. Both failing says "gone" only when the
        reader proves it is answering in the same check (``GetSAMID``): the library's 0
        is also what a silent or unplugged reader returns, and a library without
        GetSAMID cannot tell the two apart (UNKNOWN: never "taken" on its word).
        """
        with self._lock:
            try:
                lib = self._ensure_open()
                if lib is None:
                    return Presence.UNKNOWN
                if lib.Authenticate() == 1:
                    return Presence.PRESENT  # a card not yet read (or laid again)
                held = lib.Read_Content(NEWEST_ADDRESS) == 1
            except OSError:
                log.warning("vendor SDK call failed")
                self._open = False
                return Presence.UNKNOWN
            finally:
                (self._out / ADDRESS_FILE).unlink(missing_ok=True)
            if held:
                return Presence.PRESENT  # the card read, halted, still lying there
            return Presence.ABSENT if _sam_id(lib) is not None else Presence.UNKNOWN

    def _read(self) -> ReadResult:
        lib = self._ensure_open()
        if lib is None:
            return ReadResult(ReadOutcome.NO_READER)
        try:
            if lib.Authenticate() != 1:
                return ReadResult(ReadOutcome.NO_CARD)
            self._discard_files()  # never parse a previous citizen's leftovers
            if lib.Read_Content(1) != 1:
                return ReadResult(ReadOutcome.CARD_LIFTED)
        except OSError:
            log.warning("vendor SDK call failed")
            self._open = False
            return ReadResult(ReadOutcome.NO_READER)
        text, wlt = self._take_files()
        if text is None or len(text) < TEXT_BYTES:
            return ReadResult(ReadOutcome.BAD_FRAME)
        try:
            card = parse_text(text[:TEXT_BYTES], wlt=wlt or b"")
        except TextBlockError:
            return ReadResult(ReadOutcome.UNKNOWN_CARD)
        return with_photo(card, self._decoder)

    def _ensure_open(self) -> ctypes.CDLL | None:
        if self._lib is None:
            try:
                lib = ctypes.CDLL(str(self._path))
                for name in ("InitComm", "Authenticate", "Read_Content"):
                    fn = getattr(lib, name)
                    fn.restype = ctypes.c_int
                lib.InitComm.argtypes = (ctypes.c_int,)
                lib.Read_Content.argtypes = (ctypes.c_int,)
            except (OSError, AttributeError) as exc:
                log.warning("vendor SDK not loaded from %s: %s", self._path, exc)
                return None
            self._lib = lib
        lib = self._lib
        if not self._open:
            if lib.InitComm(self._port) != 1:
                return None
            self._open = True
            self._sam_id = _sam_id(lib)
        return lib

    def _take_files(self) -> tuple[bytes | None, bytes | None]:
        out: list[bytes | None] = []
        for name in (TEXT_FILE, PHOTO_FILE):
            p = self._out / name
            try:
                out.append(p.read_bytes())
            except OSError:
                out.append(None)
            p.unlink(missing_ok=True)
        return out[0], out[1]

    def _discard_files(self) -> None:
        for name in (TEXT_FILE, PHOTO_FILE):
            (self._out / name).unlink(missing_ok=True)


def _sam_id(lib: ctypes.CDLL) -> str | None:
    fn = getattr(lib, "GetSAMID", None)
    if fn is None:
        return None
    buf = ctypes.create_string_buffer(128)
    try:
        fn.restype = ctypes.c_int
        if fn(buf) != 1:
            return None
    except OSError:
        return None
    return buf.value.decode("ascii", errors="replace").strip() or None
