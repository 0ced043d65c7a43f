"""A simulated card reader for the demo and UI tests (no PC/SC, no hardware).

It implements :class:`CardReader`; the control methods play the citizen and the
technician: insert a document, pull it, unplug the reader, offer a bad card.
Events are delivered on the thread that calls the control method.
"""

from __future__ import annotations

import dataclasses
import io
import threading
import time
from dataclasses import dataclass
from enum import Enum

from drivers.card.mrz import MrzData, build_td1, build_td3, parse_mrz
from drivers.card.types import (
    NOT_CHECKED,
    BacKeys,
    CardEvent,
    CardEventKind,
    CardListener,
    FaceFormat,
    FaceImage,
    IcaoDocument,
    PassiveAuthResult,
    PassiveAuthStatus,
    ReaderStatus,
    ReadOutcome,
    ReadResult,
)


@dataclass(frozen=True)
class SampleDocument:
    """A document the simulator can hold: its MRZ text and an optional face image."""

    mrz: str
    photo: bytes | None = None
    photo_format: FaceFormat = FaceFormat.JPEG
    forged: bool = False  # its data does not match its EF.SOD (passive authentication fails)

    def keys(self) -> BacKeys:
        """The BAC keys a citizen would type for this document."""
        data = parse_mrz(self.mrz)
        if not isinstance(data, MrzData):
            raise ValueError(f"sample MRZ is invalid: {data}")
        return BacKeys(data.document_number, data.birth_date, data.expiry_date)


def sample_photo() -> bytes:
    """A plain placeholder portrait (JPEG) drawn with Pillow."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 320), (222, 228, 235))
    draw = ImageDraw.Draw(img)
    draw.ellipse((70, 60, 170, 180), fill=(235, 200, 175))
    draw.rectangle((40, 200, 200, 320), fill=(60, 80, 120))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def sample_passport() -> SampleDocument:
    """The demo's passport (fictional data, issuing state UTO as in ICAO's specimens)."""
    mrz = build_td3(
        code="P",
        state="UTO",
        number="E12345678",
        surname="ZHANG",
        given="SAN",
        nationality="UTO",
        birth="850315",
        sex="M",
        expiry="341231",
    )
    return SampleDocument(mrz, sample_photo())


def sample_id_card() -> SampleDocument:
    """A TD1 identity card with a long (12-character) document number."""
    mrz = build_td1(
        code="ID",
        state="UTO",
        number="D23145890734",
        surname="LI",
        given="SI",
        nationality="UTO",
        birth="920704",
        sex="F",
        expiry="330101",
    )
    return SampleDocument(mrz, sample_photo())


class _Card(Enum):
    NONE = "none"
    DOCUMENT = "document"
    UNREADABLE = "unreadable"
    PACE_ONLY = "pace_only"


class SimulatedCardReader:
    """In-memory CardReader. ``read_delay_s`` imitates the time a real chip takes."""

    def __init__(self, *, read_delay_s: float = 0.3, reader_name: str = "Simulated Reader") -> None:
        self._delay = read_delay_s
        self._name = reader_name
        self._lock = threading.Lock()
        self._listener: CardListener | None = None
        self._plugged = True
        self._card = _Card.NONE
        self._document: SampleDocument | None = None
        self._serial = 0
        self._reading = False
        self._status = ReaderStatus.NO_CARD

    # --- CardReader -------------------------------------------------------------------

    def start(self, listener: CardListener) -> None:
        """Remember the listener and report the current state."""
        self._listener = listener
        kind = CardEventKind.READER_ADDED if self._plugged else CardEventKind.STATUS_CHANGED
        self._emit([CardEvent(kind, self.status(), self._name if self._plugged else None)])

    def stop(self) -> None:
        """Stop reporting events."""
        self._listener = None

    def status(self) -> ReaderStatus:
        """The simulated reader's status."""
        with self._lock:
            return self._status

    def read(self, keys: BacKeys, *, include_photo: bool = True) -> ReadResult:
        """Answer like the real driver would, after ``read_delay_s``."""
        with self._lock:
            if self._reading:
                return ReadResult(ReadOutcome.BUSY, detail="another read is running")
            if not self._plugged:
                return ReadResult(ReadOutcome.NO_READER, detail="simulated: no reader")
            if self._card is _Card.NONE:
                return ReadResult(ReadOutcome.NO_CARD, detail="simulated: no card")
            if not keys.is_well_formed():
                return ReadResult(ReadOutcome.INVALID_KEYS, detail="keys not well-formed")
            serial, card, document = self._serial, self._card, self._document
            self._reading = True
            events = self._refresh_locked()
        self._emit(events)
        try:
            time.sleep(self._delay)
            if not self._still_there(serial):
                return ReadResult(ReadOutcome.CARD_REMOVED, detail="simulated: pulled")
            return _answer(card, document, keys, include_photo, serial)
        finally:
            with self._lock:
                self._reading = False
                events = self._refresh_locked()
            self._emit(events)

    # --- controls ---------------------------------------------------------------------

    def insert_document(self, document: SampleDocument | None = None) -> None:
        """Put a readable document on the reader (the demo passport by default)."""
        self._insert(_Card.DOCUMENT, document or sample_passport())

    def insert_unreadable_card(self) -> None:
        """Put a card on the reader that does not answer sensibly."""
        self._insert(_Card.UNREADABLE, None)

    def insert_forged_document(self) -> None:
        """Put the demo passport with an altered chip (passive authentication fails)."""
        self._insert(_Card.DOCUMENT, dataclasses.replace(sample_passport(), forged=True))

    def insert_pace_only_card(self) -> None:
        """Put a modern identity card on the reader that only allows PACE."""
        self._insert(_Card.PACE_ONLY, None)

    def remove_card(self) -> None:
        """Take the card away (also mid-read)."""
        with self._lock:
            events = self._remove_locked()
        self._emit(events)

    def unplug_reader(self) -> None:
        """Simulate the reader's cable being pulled."""
        with self._lock:
            if not self._plugged:
                return
            events = self._remove_locked()
            self._plugged = False
            events.append(CardEvent(CardEventKind.READER_REMOVED, self._compute(), self._name))
            events += self._refresh_locked()
        self._emit(events)

    def plug_reader(self) -> None:
        """Plug the reader back in."""
        with self._lock:
            if self._plugged:
                return
            self._plugged = True
            events = [CardEvent(CardEventKind.READER_ADDED, self._compute(), self._name)]
            events += self._refresh_locked()
        self._emit(events)

    # --- internals --------------------------------------------------------------------

    def _still_there(self, serial: int) -> bool:
        with self._lock:
            return self._plugged and self._serial == serial and self._card is not _Card.NONE

    def _insert(self, card: _Card, document: SampleDocument | None) -> None:
        with self._lock:
            if not self._plugged:
                return
            events = self._remove_locked()
            self._serial += 1
            self._card, self._document = card, document
            status = self._compute()
            events.append(CardEvent(CardEventKind.CARD_INSERTED, status, self._name, self._serial))
            events += self._refresh_locked()
        self._emit(events)

    def _remove_locked(self) -> list[CardEvent]:
        if self._card is _Card.NONE:
            return []
        self._card, self._document = _Card.NONE, None
        event = CardEvent(CardEventKind.CARD_REMOVED, self._compute(), self._name, self._serial)
        return [event, *self._refresh_locked()]

    def _compute(self) -> ReaderStatus:
        if not self._plugged:
            return ReaderStatus.NO_READER
        if self._reading:
            return ReaderStatus.READING
        return ReaderStatus.NO_CARD if self._card is _Card.NONE else ReaderStatus.CARD_PRESENT

    def _refresh_locked(self) -> list[CardEvent]:
        status = self._compute()
        if status is self._status:
            return []
        self._status = status
        return [CardEvent(CardEventKind.STATUS_CHANGED, status, self._name, self._serial)]

    def _emit(self, events: list[CardEvent]) -> None:
        listener = self._listener
        if listener is not None:
            for event in events:
                listener(event)


def _answer(
    card: _Card, document: SampleDocument | None, keys: BacKeys, photo: bool, serial: int
) -> ReadResult:
    if card is _Card.UNREADABLE:
        return ReadResult(ReadOutcome.UNREADABLE, detail="simulated: mute card", card_serial=serial)
    if card is _Card.PACE_ONLY or document is None:
        return ReadResult(ReadOutcome.PACE_ONLY, detail="simulated: PACE only", card_serial=serial)
    mrz = parse_mrz(document.mrz)
    if not isinstance(mrz, MrzData):
        return ReadResult(ReadOutcome.MALFORMED, detail=f"simulated: {mrz}", card_serial=serial)
    typed = "".join(keys.document_number.upper().split()).rstrip("<")
    if (typed, keys.birth_date, keys.expiry_date) != (
        mrz.document_number,
        mrz.birth_date,
        mrz.expiry_date,
    ):
        return ReadResult(ReadOutcome.WRONG_KEYS, detail="simulated: 6300", card_serial=serial)
    face = None
    if photo and document.photo is not None:
        face = FaceImage(document.photo_format, document.photo)
    groups = (1, 2) if document.photo is not None else (1,)
    verdict = NOT_CHECKED
    if document.forged:
        verdict = PassiveAuthResult(PassiveAuthStatus.FAILED, "simulated: DG1 hash mismatch")
    doc = IcaoDocument(mrz=mrz, data_groups=groups, face=face, passive_auth=verdict)
    return ReadResult(ReadOutcome.OK, document=doc, card_serial=serial)
