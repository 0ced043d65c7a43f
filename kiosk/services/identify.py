"""Proving who the citizen is, off the GUI thread: ID document chip, e-ID QR, manual entry.

Every way it can go wrong is an :class:`IdentifyOutcome` with a message key the UI
translates (``identify.result.<outcome>``); nothing here raises for anything a
card, a reader, a phone or a person typing can do. Wrong BAC keys are reported as
"the details do not match the document" and the card is never retried with them,
so a typing mistake cannot lock a document.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from drivers.card.protocol import CardReader
from drivers.card.types import BacKeys, ReadOutcome, ReadResult
from drivers.idcard.types import ReadOutcome as IdCardOutcome
from drivers.idcard.types import ReadResult as IdCardResult
from drivers.scanner.gate import gate_for
from drivers.scanner.protocol import Scanner
from drivers.scanner.types import ScanResult
from kiosk.card_identity import identity_from_document
from kiosk.catalog import Service
from kiosk.identity import (
    DocumentType,
    Identity,
    IdentitySource,
    ResidentIdError,
    resident_id_birth_date,
    resident_id_sex,
    validate_resident_id,
)
from kiosk.payloads import (
    PayloadKind,
    PayloadStatus,
    ScannedPayload,
    VerificationKeys,
    identity_from_claims,
    parse_payload,
)
from kiosk.resident_identity import identity_from_card

if TYPE_CHECKING:
    from kiosk.core import KioskCore

log = logging.getLogger(__name__)

MAX_NAME_LEN = 40


class IdentifyOutcome(StrEnum):
    """How an identification attempt ended; the UI words each one calmly."""

    OK = "ok"
    INVALID_DETAILS = "invalid_details"  # typed keys are not well-formed; card not touched
    WRONG_KEYS = "wrong_keys"  # details do not match the document (card not locked)
    CARD_REMOVED = "card_removed"  # taken off the reader too early
    NO_CARD = "no_card"
    UNREADABLE = "unreadable"  # mute chip, bad data, timeout: try again or another way
    PACE_ONLY = "pace_only"  # this document needs a reader function the kiosk lacks
    NOT_SUPPORTED = "not_supported"  # no travel-document application on the chip
    CHIP_NOT_GENUINE = "chip_not_genuine"  # passive authentication failed: altered or cloned
    READER_UNAVAILABLE = "reader_unavailable"  # no reader / service down / busy
    EXPIRED = "expired"  # the document (or e-ID credential) is no longer valid
    QR_FORGED = "qr_forged"  # signature does not verify, or unknown issuer
    QR_EXPIRED = "qr_expired"  # e-ID token expired: refresh it on the phone
    QR_NOT_EID = "qr_not_eid"  # a readable code, but not an e-ID credential
    QR_INCOMPLETE = "qr_incomplete"  # verified, but the identity fields are missing
    ID_INVALID = "id_invalid"  # manual resident ID number failed GB 11643 checks
    NAME_INVALID = "name_invalid"  # manual name empty or not a name
    WRONG_DOCUMENT = "wrong_document"  # a genuine document, but not one this service accepts

    @property
    def message_key(self) -> str:
        """Translation key for the UI."""
        return f"identify.result.{self.value}"


@dataclass(frozen=True, slots=True)
class IdentifyResult:
    """An attempt's result; ``identity`` is set only when ``outcome`` is OK.

    ``field_error`` is a message key for the one field to fix (manual entry), and
    ``card_serial`` ties a chip read to the insertion it came from.
    """

    outcome: IdentifyOutcome
    identity: Identity | None = None
    field_error: str | None = None
    card_serial: int = 0

    @property
    def ok(self) -> bool:
        """True when the citizen is identified."""
        return self.outcome is IdentifyOutcome.OK and self.identity is not None

    @property
    def message_key(self) -> str:
        """Translation key for the UI."""
        return self.field_error or self.outcome.message_key

    def __repr__(self) -> str:
        return f"IdentifyResult({self.outcome.value})"


_CARD_OUTCOMES: dict[ReadOutcome, IdentifyOutcome] = {
    ReadOutcome.INVALID_KEYS: IdentifyOutcome.INVALID_DETAILS,
    ReadOutcome.WRONG_KEYS: IdentifyOutcome.WRONG_KEYS,
    ReadOutcome.PACE_ONLY: IdentifyOutcome.PACE_ONLY,
    ReadOutcome.NOT_ICAO: IdentifyOutcome.NOT_SUPPORTED,
    ReadOutcome.UNREADABLE: IdentifyOutcome.UNREADABLE,
    ReadOutcome.MALFORMED: IdentifyOutcome.UNREADABLE,
    ReadOutcome.TIMEOUT: IdentifyOutcome.UNREADABLE,
    ReadOutcome.CARD_REMOVED: IdentifyOutcome.CARD_REMOVED,
    ReadOutcome.NO_CARD: IdentifyOutcome.NO_CARD,
    ReadOutcome.NO_READER: IdentifyOutcome.READER_UNAVAILABLE,
    ReadOutcome.SERVICE_UNAVAILABLE: IdentifyOutcome.READER_UNAVAILABLE,
    ReadOutcome.BUSY: IdentifyOutcome.READER_UNAVAILABLE,
}

_IDCARD_OUTCOMES: dict[IdCardOutcome, IdentifyOutcome] = {
    IdCardOutcome.NO_CARD: IdentifyOutcome.NO_CARD,
    IdCardOutcome.CARD_LIFTED: IdentifyOutcome.CARD_REMOVED,
    IdCardOutcome.UNKNOWN_CARD: IdentifyOutcome.NOT_SUPPORTED,
    IdCardOutcome.AUTH_FAILED: IdentifyOutcome.UNREADABLE,
    IdCardOutcome.SAM_BUSY: IdentifyOutcome.UNREADABLE,
    IdCardOutcome.BAD_FRAME: IdentifyOutcome.UNREADABLE,
    IdCardOutcome.TIMEOUT: IdentifyOutcome.UNREADABLE,
    IdCardOutcome.REJECTED: IdentifyOutcome.UNREADABLE,
    IdCardOutcome.SAM_FAULT: IdentifyOutcome.READER_UNAVAILABLE,
    IdCardOutcome.NO_READER: IdentifyOutcome.READER_UNAVAILABLE,
}

_QR_OUTCOMES: dict[PayloadStatus, IdentifyOutcome] = {
    PayloadStatus.FORGED: IdentifyOutcome.QR_FORGED,
    PayloadStatus.UNKNOWN_KEY: IdentifyOutcome.QR_FORGED,
    PayloadStatus.EXPIRED: IdentifyOutcome.QR_EXPIRED,
    PayloadStatus.NOT_YET_VALID: IdentifyOutcome.QR_EXPIRED,
    PayloadStatus.MALFORMED: IdentifyOutcome.QR_NOT_EID,
    PayloadStatus.UNSUPPORTED_VERSION: IdentifyOutcome.QR_NOT_EID,
    PayloadStatus.UNRECOGNISED: IdentifyOutcome.QR_NOT_EID,
}


# --- the MRZ keypad ------------------------------------------------------------------


class MrzField(StrEnum):
    """The three things BAC needs, as typed on the keypad."""

    DOCUMENT_NUMBER = "document_number"
    BIRTH_DATE = "birth_date"
    EXPIRY_DATE = "expiry_date"


def normalize_document_number(text: str) -> str:
    """Upper-case, without spaces, dashes or full-width forms (an IME may add those)."""
    s = unicodedata.normalize("NFKC", text).upper()
    return re.sub(r"[\s\-<]+", "", s)


def _yymmdd(text: str) -> str | None:
    """YYMMDD from what the keypad produced (YYYYMMDD or YYMMDD), or None if not a date."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 8:
        try:
            dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            return None
        return digits[2:]
    if len(digits) == 6:
        try:
            dt.date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            return None
        return digits
    return None


def date_entry_problem(field: MrzField, text: str) -> str | None:
    """A message key as soon as a typed date cannot be right (checked key by key), else None.

    A month past 12 is wrong after six digits, a day the month does not have after
    eight; a birth year before 1900 or an expiry year before 2000 is no passport's.
    """
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 4:
        year = int(digits[:4])
        if year < (1900 if field is MrzField.BIRTH_DATE else 2000):
            return "mrz.err.year"
    if len(digits) >= 6 and not 1 <= int(digits[4:6]) <= 12:
        return "mrz.err.month"
    if len(digits) == 8 and _yymmdd(digits) is None:
        return "mrz.err.day"
    return None


def check_mrz_entry(document_number: str, birth_date: str, expiry_date: str) -> dict[MrzField, str]:
    """Field errors (message keys) for the keypad entry; empty when BAC keys can be formed."""
    errors: dict[MrzField, str] = {}
    number = normalize_document_number(document_number)
    if not re.fullmatch(r"[A-Z0-9]{5,22}", number):
        errors[MrzField.DOCUMENT_NUMBER] = "mrz.err.document_number"
    for field, text in ((MrzField.BIRTH_DATE, birth_date), (MrzField.EXPIRY_DATE, expiry_date)):
        if _yymmdd(text) is None:
            errors[field] = date_entry_problem(field, text) or "mrz.err.date"
    return errors


def bac_keys(document_number: str, birth_date: str, expiry_date: str) -> BacKeys | None:
    """BAC keys from the keypad entry (dates as YYYYMMDD or YYMMDD), or None if malformed."""
    if check_mrz_entry(document_number, birth_date, expiry_date):
        return None
    birth = _yymmdd(birth_date)
    expiry = _yymmdd(expiry_date)
    assert birth is not None and expiry is not None  # checked above
    return BacKeys(normalize_document_number(document_number), birth, expiry)


def _expired(identity: Identity, today: dt.date) -> bool:
    return identity.expiry_date is not None and identity.expiry_date < today


# --- the service ------------------------------------------------------------------------


class Today(Protocol):
    """Gives the kiosk's current date and time (the core's injected clock)."""

    def __call__(self) -> dt.datetime: ...


class IdentifyService:
    """Blocking identification steps; run them through ``core.run`` from the UI."""

    def __init__(
        self,
        card: CardReader | None,
        keys: VerificationKeys,
        clock: Today,
        *,
        scanner: Scanner | None = None,
        include_photo: bool = True,
    ) -> None:
        self._card = card
        self._scanner = scanner
        self._keys = keys
        self._clock = clock
        self._include_photo = include_photo

    def _today(self) -> dt.date:
        return self._clock().astimezone().date()

    def card_available(self) -> bool:
        """Whether a card reader is configured at all."""
        return self._card is not None

    def read_card(self, document_number: str, birth_date: str, expiry_date: str) -> IdentifyResult:
        """Authenticate to the chip with the typed details and read the identity (blocks)."""
        keys = bac_keys(document_number, birth_date, expiry_date)
        if keys is None:
            return IdentifyResult(IdentifyOutcome.INVALID_DETAILS)
        if self._card is None:
            return IdentifyResult(IdentifyOutcome.READER_UNAVAILABLE)
        try:
            result = self._card.read(keys, include_photo=self._include_photo)
        except Exception:
            # The driver promises values, not exceptions; if one escapes it is a bug.
            log.exception("card read raised")
            return IdentifyResult(IdentifyOutcome.UNREADABLE)
        return self.from_read_result(result)

    def read_by_camera(self, reader: object, attempts: int = 4) -> IdentifyResult | None:
        """BAC keys from the MRZ the document camera sees, then the chip (blocks).

        None when no MRZ passed its check digits in ``attempts`` frames: the citizen
        types the details instead. ``reader`` is a drivers.mrz_ocr MrzReader.
        """
        from drivers.mrz_ocr.reader import MrzReader, read_jpeg
        from drivers.scanner.types import DocumentStatus

        if self._scanner is None or self._card is None or not isinstance(reader, MrzReader):
            return None
        for _ in range(attempts):
            try:
                capture = self._scanner.capture_document(max_bytes=2_000_000)
            except Exception:
                log.exception("document camera failed")
                return None
            if capture.status is not DocumentStatus.OK or not capture.jpeg:
                continue
            read = read_jpeg(reader, capture.jpeg)
            if read is None:
                continue
            log.info(
                "MRZ read by the camera (%s, %.0f ms)", read.data.format.value, read.elapsed_ms
            )
            try:
                result = self._card.read(read.bac_keys, include_photo=self._include_photo)
            except Exception:
                log.exception("card read raised")
                return IdentifyResult(IdentifyOutcome.UNREADABLE)
            return self.from_read_result(result)
        return None

    def from_read_result(self, result: ReadResult) -> IdentifyResult:
        """Turn a driver read result into an identification result."""
        log.info("card read: %s (%d APDUs)", result.outcome.value, result.apdus)
        if not result.ok or result.document is None:
            outcome = _CARD_OUTCOMES.get(result.outcome, IdentifyOutcome.UNREADABLE)
            return IdentifyResult(outcome, card_serial=result.card_serial)
        if result.document.passive_auth.failed:
            # The chip's data is not what its issuer signed; log why (no personal data).
            log.warning("chip refused: %s", result.document.passive_auth.detail)
            return IdentifyResult(IdentifyOutcome.CHIP_NOT_GENUINE, card_serial=result.card_serial)
        today = self._today()
        identity = identity_from_document(result.document, today=today)
        if _expired(identity, today):
            return IdentifyResult(IdentifyOutcome.EXPIRED, card_serial=result.card_serial)
        return IdentifyResult(IdentifyOutcome.OK, identity, card_serial=result.card_serial)

    def from_resident_read(self, result: object) -> IdentifyResult:
        """Identification from a card read through a SAM reader (no typing at all)."""
        if not isinstance(result, IdCardResult):
            return IdentifyResult(IdentifyOutcome.UNREADABLE)
        if not result.ok or result.card is None:
            return IdentifyResult(_IDCARD_OUTCOMES.get(result.outcome, IdentifyOutcome.UNREADABLE))
        if result.photo is None:
            log.info("resident card read; photo not available (%s)", result.photo_status.value)
        identity = identity_from_card(result.card, result)
        if result.card.expired_on(self._today()):
            return IdentifyResult(IdentifyOutcome.EXPIRED)
        return IdentifyResult(IdentifyOutcome.OK, identity)

    def from_qr(self, data: bytes | str) -> IdentifyResult:
        """Verify a scanned e-ID token and take the identity from it."""
        payload = parse_payload(data, self._keys, now=self._clock())
        return self.from_payload(payload)

    def qr_ticket(self) -> int | None:
        """The screen appeared: its place in the camera's queue (GUI thread, no I/O)."""
        return None if self._scanner is None else gate_for(self._scanner).request()

    def release_qr(self, ticket: int | None) -> None:
        """The screen left (GUI thread, no I/O); :meth:`stop_qr` then does the work."""
        if self._scanner is not None and ticket is not None:
            gate_for(self._scanner).release(ticket)

    def start_qr(
        self, on_result: Callable[[IdentifyResult], None], ticket: int | None = None
    ) -> bool:
        """Watch the camera for e-ID codes (blocks while the camera opens); False if none.

        ``on_result`` runs on the scanner's thread, once per code held up.
        """
        scanner = self._scanner
        if scanner is None:
            return False

        def on_code(result: ScanResult) -> None:
            on_result(self.from_qr(result.payload))

        gate = gate_for(scanner)
        ticket = gate.request() if ticket is None else ticket
        self._qr_ticket = ticket
        return gate.start(ticket, on_code)

    def stop_qr(self, ticket: int | None = None) -> None:
        """Stop watching the camera unless another screen wants it now.

        ``ticket`` is the one the screen released; without it, this service's last one.
        """
        if self._scanner is None:
            return
        gate = gate_for(self._scanner)
        ticket = self._qr_ticket if ticket is None else ticket
        if ticket is not None:
            gate.release(ticket)
        try:
            gate.settle()
        except Exception:
            log.exception("scanner did not stop cleanly")

    _qr_ticket: int | None = None

    def from_payload(self, payload: ScannedPayload) -> IdentifyResult:
        """Identification from an already parsed and verified payload."""
        if payload.kind is not PayloadKind.E_ID:
            return IdentifyResult(IdentifyOutcome.QR_NOT_EID)
        if not payload.ok:
            return IdentifyResult(_QR_OUTCOMES.get(payload.status, IdentifyOutcome.QR_NOT_EID))
        identity = identity_from_claims(payload.claims)
        if identity is None:
            return IdentifyResult(IdentifyOutcome.QR_INCOMPLETE)
        if _expired(identity, self._today()):
            return IdentifyResult(IdentifyOutcome.EXPIRED)
        return IdentifyResult(IdentifyOutcome.OK, identity)

    def manual(self, id_number: str, name: str) -> IdentifyResult:
        """A typed resident ID number (GB 11643 checked) and name; the platform verifies later."""
        number = normalize_document_number(id_number)
        err = validate_resident_id(number, self._today())
        if err is not None:
            return IdentifyResult(IdentifyOutcome.ID_INVALID, field_error=_id_error_key(err))
        clean = "".join(unicodedata.normalize("NFKC", name).split())
        if not clean or len(clean) > MAX_NAME_LEN or any(ch.isdigit() for ch in clean):
            return IdentifyResult(IdentifyOutcome.NAME_INVALID)
        cjk = any("\u3400" <= ch <= "\u9fff" for ch in clean)
        surname, given = (clean[:1], clean[1:]) if cjk else ("", " ".join(name.split()).upper())
        identity = Identity(
            document_type=DocumentType.RESIDENT_ID,
            document_number=number,
            surname=surname,
            given_names=given,
            birth_date=resident_id_birth_date(number),
            sex=resident_id_sex(number),
            nationality="CHN",
            expiry_date=None,
            source=IdentitySource.MANUAL,
        )
        return IdentifyResult(IdentifyOutcome.OK, identity)


def check_document(result: IdentifyResult, service: Service | None) -> IdentifyResult:
    """``result``, or WRONG_DOCUMENT when the service does not accept this kind of document."""
    identity = result.identity
    if not result.ok or identity is None or service is None or not service.documents:
        return result
    if identity.document_type.value in service.documents:
        return result
    return IdentifyResult(IdentifyOutcome.WRONG_DOCUMENT, card_serial=result.card_serial)


def _id_error_key(err: ResidentIdError) -> str:
    return err.value


_MRZ_READERS: dict[str, object] = {}


def mrz_reader(engine: str) -> object | None:
    """One MRZ reader per engine for the process (its OCR-B templates render once).

    None (logged) when it cannot be made, e.g. without the OCR-B font: the citizen
    then types the details, as before.
    """
    reader = _MRZ_READERS.get(engine)
    if reader is None:
        from drivers.mrz_ocr.reader import Engine, MrzReader

        try:
            reader = _MRZ_READERS[engine] = MrzReader(Engine(engine))
        except (OSError, ValueError):
            log.warning("MRZ reading by camera unavailable (is fonts-ocr-b installed?)")
            return None
    return reader


def identify_service(core: KioskCore) -> IdentifyService:
    """The service wired to the running kiosk (no reader and no keys when there is no backend).

    Built per use: the backend swaps in the platform's e-ID key once the link is up.
    """
    b = getattr(core, "backend", None)
    card = getattr(b, "card", None) if b is not None else None
    scanner = getattr(b, "scanner", None) if b is not None else None
    keys = getattr(b, "verification_keys", None) if b is not None else None
    return IdentifyService(
        card,
        keys if isinstance(keys, VerificationKeys) else VerificationKeys(),
        getattr(core, "trusted_now", core.clock),  # e-ID expiry against the platform's time
        scanner=scanner,
    )
