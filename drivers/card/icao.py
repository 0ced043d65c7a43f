"""Reading an ICAO 9303 chip over any :class:`Transport`: EF.CardAccess, BAC, EF.COM, DG1,
EF.SOD, DG2, then passive authentication.

:func:`read_document` is the whole read path. It never raises for anything the card
or transport does: each failure becomes a :class:`ReadOutcome`. Hostile data is
refused by checking every status word, tag, length, MAC, padding and check digit.
A DG2 that fails (too large, corrupt, timed out) leaves the document without its
photo instead of losing DG1.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.card import crypto, tlv
from drivers.card.dg2 import parse_dg2
from drivers.card.mrz import MrzData, MrzError, mrz_information, parse_mrz
from drivers.card.passive_auth import TrustList, verify_sod
from drivers.card.sm import SecureChannel, SmResponse
from drivers.card.transport import (
    CardGone,
    CommandTimeout,
    ReaderGone,
    ServiceGone,
    Transport,
    TransportError,
)
from drivers.card.types import BacKeys, FaceImage, IcaoDocument, ReadOutcome, ReadResult

log = logging.getLogger(__name__)

EMRTD_AID = bytes.fromhex("A0000002471001")
FID_COM = 0x011E
FID_DG1 = 0x0101
FID_DG2 = 0x0102
FID_SOD = 0x011D
SFI_CARD_ACCESS = 0x1C
READ_CHUNK = 0xDF  # largest chunk whose protected response still fits a short APDU
MAX_FILE = 0x7FFF  # B0 offsets are 15 bits; larger files would need odd-INS reads
PACE_OID_PREFIX = bytes.fromhex("04007F0007020204")  # id-PACE, bsi-de 2.2.4

# EF.COM lists data groups by their template tags.
_DG_TAGS = {
    0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
    0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16,
}  # fmt: skip

# Status words as real chips send them (see docs/card.md). Wrong BAC keys: 6300 on
# some chips, 6988 ("incorrect secure messaging data objects") on others, 63Cx with a
# retry counter on a few. A PACE-only chip refuses BAC itself, at GET CHALLENGE or at
# EXTERNAL AUTHENTICATE, with 6982 (security status not satisfied), 6985 (conditions
# of use not satisfied) or 6A88 (referenced data, the BAC key, not found): those mean
# "this chip needs PACE", never "your details are wrong".
_WRONG_KEY_SW = {0x6300, 0x6988}
_PACE_ONLY_SW = {0x6982, 0x6985, 0x6A88}
# With EF.CardAccess offering PACE, these refusals of BAC also mean PACE-only.
_PACE_REFUSALS = _PACE_ONLY_SW | {0x6986, 0x6D00, 0x6E00, 0x6A82}


class _Abort(Exception):
    """Unwinds the read path to :func:`read_document`, carrying the outcome."""

    def __init__(self, outcome: ReadOutcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


class _Missing(_Abort):
    """The chip has no such file (6A82 to its SELECT)."""


@dataclass
class _Link:
    """The transport plus bookkeeping: APDU count and the read deadline."""

    transport: Transport
    deadline: float | None
    clock: Callable[[], float]
    apdus: int = 0

    def send(self, apdu: bytes) -> tuple[bytes, int]:
        if self.deadline is not None and self.clock() > self.deadline:
            raise _Abort(ReadOutcome.TIMEOUT, f"deadline passed after {self.apdus} APDUs")
        self.apdus += 1
        response = self.transport.transmit(apdu)
        if len(response) < 2:
            raise _Abort(ReadOutcome.MALFORMED, "response shorter than a status word")
        return response[:-2], int.from_bytes(response[-2:], "big")

    def send_raw(self, apdu: bytes) -> bytes:
        if self.deadline is not None and self.clock() > self.deadline:
            raise _Abort(ReadOutcome.TIMEOUT, f"deadline passed after {self.apdus} APDUs")
        self.apdus += 1
        return self.transport.transmit(apdu)


def read_document(
    transport: Transport,
    keys: BacKeys,
    *,
    include_photo: bool = True,
    random_bytes: Callable[[int], bytes] = os.urandom,
    timeout_s: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    trust_list: TrustList | None = None,
) -> ReadResult:
    """Authenticate with BAC, read EF.COM, DG1, EF.SOD and (if asked and present) DG2,
    and check them by passive authentication against ``trust_list``.

    The verdict is in ``document.passive_auth``; the caller refuses a FAILED chip.
    """
    if not keys.is_well_formed():
        return ReadResult(ReadOutcome.INVALID_KEYS, detail="keys not well-formed")
    info = mrz_information(keys.document_number, keys.birth_date, keys.expiry_date)
    if info is None:
        return ReadResult(ReadOutcome.INVALID_KEYS, detail="keys not well-formed")
    link = _Link(transport, None if timeout_s is None else clock() + timeout_s, clock)
    try:
        document = _read(link, keys, info, include_photo, random_bytes, trust_list)
    except _Abort as stop:
        return ReadResult(stop.outcome, detail=stop.detail, apdus=link.apdus)
    except CommandTimeout as exc:
        return ReadResult(ReadOutcome.TIMEOUT, detail=str(exc), apdus=link.apdus)
    except CardGone as exc:
        return ReadResult(ReadOutcome.CARD_REMOVED, detail=str(exc), apdus=link.apdus)
    except ReaderGone as exc:
        return ReadResult(ReadOutcome.NO_READER, detail=str(exc), apdus=link.apdus)
    except ServiceGone as exc:
        return ReadResult(ReadOutcome.SERVICE_UNAVAILABLE, detail=str(exc), apdus=link.apdus)
    except TransportError as exc:
        return ReadResult(ReadOutcome.UNREADABLE, detail=str(exc), apdus=link.apdus)
    return ReadResult(ReadOutcome.OK, document=document, apdus=link.apdus)


def _read(
    link: _Link,
    keys: BacKeys,
    info: str,
    include_photo: bool,
    random_bytes: Callable[[int], bytes],
    trust_list: TrustList | None,
) -> IcaoDocument:
    pace = read_card_access(link)
    _, sw = link.send(b"\x00\xa4\x04\x0c" + bytes([len(EMRTD_AID)]) + EMRTD_AID)
    if sw != 0x9000:
        if pace:
            raise _Abort(ReadOutcome.PACE_ONLY, f"applet select refused {sw:04X}, PACE offered")
        raise _Abort(ReadOutcome.NOT_ICAO, f"no eMRTD application ({sw:04X})")
    channel = bac(link, info, random_bytes, pace)
    com = _read_file(link, channel, FID_COM, 0x60, "EF.COM")
    groups = parse_com(com)
    if groups is None or 1 not in groups:
        raise _Abort(ReadOutcome.MALFORMED, "EF.COM malformed or without DG1")
    dg1 = _read_file(link, channel, FID_DG1, 0x61, "DG1")
    mrz = parse_dg1(dg1)
    if isinstance(mrz, MrzError):
        raise _Abort(ReadOutcome.MALFORMED, f"DG1 MRZ refused: {mrz.value}")
    if not _matches_keys(mrz, keys):
        raise _Abort(ReadOutcome.MALFORMED, "DG1 does not match the access keys")
    sod = _read_optional(link, channel, FID_SOD, 0x77, "EF.SOD")
    signed = {1: dg1}
    face: FaceImage | None = None
    problem = ""
    if include_photo and 2 in groups:
        dg2, problem = _read_dg2(link, channel)
        if dg2 is not None:
            parsed = parse_dg2(dg2)
            signed[2] = dg2  # hashed even if unusable: a forged DG2 is still a forgery
            if isinstance(parsed, str):
                problem = f"DG2 refused: {parsed}"
            else:
                face = parsed
        if problem:
            log.info("chip read without the photo: %s", problem)
    verdict = verify_sod(sod, signed, trust_list)
    return IcaoDocument(
        mrz=mrz,
        data_groups=groups,
        face=face,
        pace_supported=pace,
        passive_auth=verdict,
        face_problem=problem,
    )


def _read_dg2(link: _Link, channel: SecureChannel) -> tuple[bytes | None, str]:
    """DG2, or why it could not be had. DG2 is read last, so a fault here (a file too
    large to address, a broken TLV, a chip that goes mute) costs only the photo; a
    card taken out or a service gone still ends the read."""
    try:
        return _read_file(link, channel, FID_DG2, 0x75, "DG2"), ""
    except _Abort as stop:
        if stop.outcome is ReadOutcome.TIMEOUT:
            return None, "DG2 read took too long"
        return None, stop.detail
    except CommandTimeout as exc:
        return None, f"DG2 timed out: {exc}"


def _read_optional(
    link: _Link, channel: SecureChannel, fid: int, tag: int, name: str
) -> bytes | None:
    """A file the chip may lack (answers 6A82 to its SELECT): None then."""
    try:
        return _read_file(link, channel, fid, tag, name)
    except _Missing:
        return None


def _matches_keys(mrz: MrzData, keys: BacKeys) -> bool:
    typed = "".join(keys.document_number.upper().split()).rstrip("<")
    return (
        mrz.document_number == typed
        and mrz.birth_date == keys.birth_date
        and mrz.expiry_date == keys.expiry_date
    )


# --- EF.CardAccess ----------------------------------------------------------------


def read_card_access(link: _Link) -> bool:
    """Read EF.CardAccess by short file identifier; True when it offers PACE."""
    data, sw = link.send(bytes([0x00, 0xB0, 0x80 | SFI_CARD_ACCESS, 0x00, 0x00]))
    if sw not in (0x9000, 0x6282) or not data:
        return False
    return offers_pace(data)


def offers_pace(card_access: bytes) -> bool:
    """True when SecurityInfos (a SET of SEQUENCEs, each opening with an OID) hold PACEInfo."""
    header = tlv.read_header(card_access)
    if header is None or header[0] != 0x31:
        return False
    _, length, start = header
    infos = tlv.decode_all(card_access[start : start + length])
    if infos is None:
        return False
    for info in infos:
        if info.tag != 0x30:
            continue
        parts = tlv.decode_all(info.value)
        if not parts or parts[0].tag != 0x06:
            continue
        oid = parts[0].value
        if oid.startswith(PACE_OID_PREFIX) and len(oid) > len(PACE_OID_PREFIX):
            return True
    return False


# --- BAC --------------------------------------------------------------------------


def bac_command(k_enc: bytes, k_mac: bytes, rnd_icc: bytes, rnd_ifd: bytes, k_ifd: bytes) -> bytes:
    """The EXTERNAL AUTHENTICATE data E_IFD || M_IFD (ICAO 9303-11 section 9.7.4)."""
    e_ifd = crypto.tdes_encrypt(k_enc, rnd_ifd + rnd_icc + k_ifd)
    return e_ifd + crypto.retail_mac(k_mac, crypto.pad(e_ifd))


def bac_session(
    k_enc: bytes,
    k_mac: bytes,
    answer: bytes,
    rnd_icc: bytes,
    rnd_ifd: bytes,
    k_ifd: bytes,
) -> SecureChannel | str:
    """Check the chip's E_IC || M_IC and derive the session keys and SSC."""
    if len(answer) != 40:
        return "EXTERNAL AUTHENTICATE answer has the wrong length"
    e_ic, m_ic = answer[:32], answer[32:]
    if crypto.retail_mac(k_mac, crypto.pad(e_ic)) != m_ic:
        return "chip's authentication MAC is wrong"
    r = crypto.tdes_decrypt(k_enc, e_ic)
    if r[:8] != rnd_icc or r[8:16] != rnd_ifd:
        return "chip did not return our challenge"
    seed = crypto.xor(k_ifd, r[16:32])
    return SecureChannel(
        crypto.derive_key(seed, crypto.ENC_COUNTER),
        crypto.derive_key(seed, crypto.MAC_COUNTER),
        rnd_icc[4:] + rnd_ifd[4:],
    )


def bac(link: _Link, info: str, random_bytes: Callable[[int], bytes], pace: bool) -> SecureChannel:
    """Basic access control: GET CHALLENGE and EXTERNAL AUTHENTICATE."""
    rnd_icc, sw = link.send(b"\x00\x84\x00\x00\x08")
    if sw != 0x9000:
        if pace or sw in _PACE_ONLY_SW:
            raise _Abort(ReadOutcome.PACE_ONLY, f"GET CHALLENGE refused {sw:04X}: PACE-only")
        if sw in (0x6D00, 0x6E00):
            raise _Abort(ReadOutcome.NOT_ICAO, f"GET CHALLENGE not supported ({sw:04X})")
        raise _Abort(ReadOutcome.UNREADABLE, f"GET CHALLENGE refused ({sw:04X})")
    if len(rnd_icc) != 8:
        raise _Abort(ReadOutcome.MALFORMED, "challenge is not 8 bytes")
    k_enc, k_mac = crypto.bac_keys(info)
    rnd_ifd, k_ifd = random_bytes(8), random_bytes(16)
    cmd = bac_command(k_enc, k_mac, rnd_icc, rnd_ifd, k_ifd)
    answer, sw = link.send(b"\x00\x82\x00\x00\x28" + cmd + b"\x28")
    if sw in _WRONG_KEY_SW or (sw & 0xFFF0) == 0x63C0:
        raise _Abort(ReadOutcome.WRONG_KEYS, f"EXTERNAL AUTHENTICATE refused ({sw:04X})")
    if sw != 0x9000:
        if sw in _PACE_ONLY_SW or (pace and sw in _PACE_REFUSALS):
            raise _Abort(ReadOutcome.PACE_ONLY, f"BAC refused {sw:04X}: PACE-only")
        raise _Abort(ReadOutcome.UNREADABLE, f"EXTERNAL AUTHENTICATE failed ({sw:04X})")
    channel = bac_session(k_enc, k_mac, answer, rnd_icc, rnd_ifd, k_ifd)
    if isinstance(channel, str):
        raise _Abort(ReadOutcome.MALFORMED, channel)
    return channel


# --- files under secure messaging ---------------------------------------------------


def _sm_exchange(
    link: _Link, channel: SecureChannel, header: bytes, data: bytes, le: int | None
) -> SmResponse:
    raw = link.send_raw(channel.protect(header, data, le))
    answer = channel.unprotect(raw)
    if isinstance(answer, str):
        raise _Abort(ReadOutcome.MALFORMED, f"secure messaging: {answer}")
    return answer


def _read_file(link: _Link, channel: SecureChannel, fid: int, tag: int, name: str) -> bytes:
    sel = _sm_exchange(link, channel, b"\x00\xa4\x02\x0c", fid.to_bytes(2, "big"), None)
    if sel.sw == 0x6A82:
        raise _Missing(ReadOutcome.MALFORMED, f"{name} not found (6A82)")
    if sel.sw != 0x9000:
        raise _Abort(ReadOutcome.MALFORMED, f"SELECT {name} refused ({sel.sw:04X})")
    head = _read_binary(link, channel, 0, 4, name)
    if len(head) != 4:
        raise _Abort(ReadOutcome.MALFORMED, f"{name} header is not 4 bytes")
    header = tlv.read_header(head)
    if header is None or header[0] != tag:
        raise _Abort(ReadOutcome.MALFORMED, f"{name} header is not a '{tag:X}' TLV")
    total = header[2] + header[1]
    if total > MAX_FILE:
        raise _Abort(ReadOutcome.MALFORMED, f"{name} claims {total} bytes, more than supported")
    content = bytearray(head[:total])
    while len(content) < total:
        want = min(READ_CHUNK, total - len(content))
        chunk = _read_binary(link, channel, len(content), want, name)
        if not chunk or len(chunk) > want:
            raise _Abort(ReadOutcome.MALFORMED, f"{name} chunk has the wrong length")
        content += chunk
    if tlv.decode_one(bytes(content), tag) is None:
        raise _Abort(ReadOutcome.MALFORMED, f"{name} is not one well-formed TLV")
    return bytes(content)


def _read_binary(link: _Link, channel: SecureChannel, offset: int, n: int, name: str) -> bytes:
    header = bytes([0x00, 0xB0, offset >> 8, offset & 0xFF])
    answer = _sm_exchange(link, channel, header, b"", n)
    if answer.sw not in (0x9000, 0x6282):
        raise _Abort(ReadOutcome.MALFORMED, f"READ BINARY {name} refused ({answer.sw:04X})")
    return answer.data


# --- LDS parsing ---------------------------------------------------------------------


def parse_com(data: bytes) -> tuple[int, ...] | None:
    """The data groups listed in EF.COM, or None if it is malformed."""
    body = tlv.decode_one(data, 0x60)
    items = None if body is None else tlv.decode_all(body)
    if items is None:
        return None
    tags = tlv.find(items, 0x5C)
    if tags is None or tlv.find(items, 0x5F01) is None:
        return None
    groups = []
    for t in tags:
        dg = _DG_TAGS.get(t)
        if dg is None or dg in groups:
            return None
        groups.append(dg)
    return tuple(sorted(groups))


def parse_dg1(data: bytes) -> MrzData | MrzError:
    """The verified MRZ from DG1 (tag '61' holding '5F1F')."""
    body = tlv.decode_one(data, 0x61)
    value = None if body is None else tlv.decode_one(body, 0x5F1F)
    if value is None:
        return MrzError.LENGTH
    try:
        text = value.decode("ascii")
    except UnicodeDecodeError:
        return MrzError.CHARACTERS
    return parse_mrz(text)
