"""An ICAO 9303 chip in software: BAC, secure messaging, EF.COM/DG1/DG2, real refusals.

Used in-process by the unit tests (fuzzing) and behind vpcd by the integration tests
and the benchmark (see :mod:`tests.support.vpcd_card`).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from drivers.card import crypto, tlv
from drivers.card.dg2 import build_dg2
from drivers.card.icao import EMRTD_AID, FID_COM, FID_DG1, FID_DG2, FID_SOD, PACE_OID_PREFIX
from drivers.card.mrz import build_td3, mrz_information, parse_mrz

SW_OK = b"\x90\x00"
SW_SECURITY = b"\x69\x82"  # security status not satisfied
SW_CONDITIONS = b"\x69\x85"  # conditions of use not satisfied
SW_REF_NOT_FOUND = b"\x6a\x88"  # referenced data (the BAC key) not found
SW_WRONG_KEY = b"\x63\x00"
SW_SM_BAD_MAC = b"\x69\x88"  # incorrect secure messaging data objects
SW_NOT_FOUND = b"\x6a\x82"
SW_INS = b"\x6d\x00"
SW_WRONG_PARAMS = b"\x6b\x00"

SAMPLE_MRZ = build_td3(
    code="P",
    state="UTO",
    number="L898902C3",
    surname="ERIKSSON",
    given="ANNA MARIA",
    nationality="UTO",
    birth="740812",
    sex="F",
    expiry="320415",
    personal="ZE184226B",
)


def tiny_jpeg() -> bytes:
    """A small real JPEG (Pillow is a project dependency) for DG2."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (48, 64), (200, 170, 150)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def dg1_file(mrz: str) -> bytes:
    """DG1 ('61' holding '5F1F') for an MRZ."""
    return tlv.encode(0x61, tlv.encode(0x5F1F, "".join(mrz.split()).encode("ascii")))


def lds_files(mrz: str, photo: bytes | None, jpeg2000: bool = False) -> dict[int, bytes]:
    """EF.COM, DG1 and (with a photo) DG2 for an MRZ."""
    files = {FID_DG1: dg1_file(mrz)}
    tags = b"\x61"
    if photo is not None:
        files[FID_DG2] = build_dg2(photo, jpeg2000=jpeg2000, width=48, height=64)
        tags += b"\x75"
    com = tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    files[FID_COM] = tlv.encode(0x60, com)
    return files


def pace_card_access() -> bytes:
    """EF.CardAccess with one PACEInfo (id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2)."""
    oid = PACE_OID_PREFIX + b"\x02\x02"
    info = tlv.encode(0x30, tlv.encode(0x06, oid) + tlv.encode(0x02, b"\x02"))
    return tlv.encode(0x31, info)


class SodSigner(Protocol):
    """Makes EF.SOD over data groups (see :mod:`tests.support.icao_pki`)."""

    def sod(self, data_groups: dict[int, bytes]) -> bytes:
        """EF.SOD (tag '77') signing the hashes of ``data_groups`` (number -> file)."""
        ...


@dataclass
class ChipConfig:
    """What the chip holds and how it misbehaves. Mutable between APDUs."""

    mrz: str = SAMPLE_MRZ
    photo: bytes | None = None
    jpeg2000: bool = False
    pace_only: bool = False  # has EF.CardAccess with PACE and refuses BAC
    card_access: bool = False  # EF.CardAccess offering PACE, BAC still allowed
    # misbehaviour on demand
    pull_after_apdus: int | None = None  # the card "leaves" before answering APDU n+1
    truncate_from_apdu: int | None = None  # answers from APDU n on lose their last 5 bytes
    wrong_length_from_apdu: int | None = None  # READ BINARY answers get one byte too many
    corrupt_mac_from_apdu: int | None = None
    delay_s: float = 0.0
    # Real chips' status words: wrong BAC keys give 6300 on some chips and 6988 on
    # others; PACE-only chips refuse BAC with 6982, 6985 or 6A88, some at GET CHALLENGE,
    # some only at EXTERNAL AUTHENTICATE, and not all show EF.CardAccess before SELECT.
    wrong_key_sw: bytes = SW_WRONG_KEY
    pace_refusal_sw: bytes = SW_SECURITY
    pace_refuses_at: Literal["challenge", "authenticate"] = "challenge"
    hide_card_access: bool = False
    # The chip goes mute: from APDU n on it takes the command and never answers
    # (the vpcd card keeps the connection open, as a stuck chip keeps the field).
    mute_from_apdu: int | None = None
    mute_on_dg2: bool = False  # mute as soon as DG2 is selected
    # DG2 faults: "corrupt" (a broken facial record inside a valid TLV) or
    # "too_large" (a header claiming more than short READ BINARY can address).
    dg2_fault: Literal["corrupt", "too_large"] | None = None
    # Passive authentication: with a signer the chip serves EF.SOD over its data
    # groups; signed_mrz, when set, is the MRZ the SOD was made for (an altered DG1).
    sod_signer: SodSigner | None = None
    signed_mrz: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


class IcaoChip:
    """Answers APDUs like an eMRTD chip with BAC. Reset on power-up via :meth:`reset`."""

    def __init__(
        self, config: ChipConfig | None = None, rng: Callable[[int], bytes] = os.urandom
    ) -> None:
        self.config = config or ChipConfig()
        self._rng = rng
        self.apdus = 0
        self.reset()

    # state ---------------------------------------------------------------------
    def reset(self) -> None:
        """Power-on state: nothing selected, no secure messaging."""
        self._applet = False
        self._challenge: bytes | None = None
        self._ks_enc = b""
        self._ks_mac = b""
        self._ssc = 0
        self._sm = False
        self._selected: int | None = None
        self.apdus = 0
        self.muted = False
        self._files = self._build_files()

    def _build_files(self) -> dict[int, bytes]:
        cfg = self.config
        files = lds_files(cfg.mrz, cfg.photo, cfg.jpeg2000)
        if cfg.sod_signer is not None:
            signed = dict(files)
            if cfg.signed_mrz is not None:
                signed[FID_DG1] = dg1_file(cfg.signed_mrz)
            groups = {1: signed[FID_DG1]}
            if FID_DG2 in signed:
                groups[2] = signed[FID_DG2]
            files[FID_SOD] = cfg.sod_signer.sod(groups)
        if FID_DG2 in files and cfg.dg2_fault == "corrupt":
            dg2 = bytearray(files[FID_DG2])
            at = dg2.find(b"FAC\x00")
            dg2[at : at + 4] = b"XXXX"  # still one well-formed TLV, no facial record
            files[FID_DG2] = bytes(dg2)
        elif FID_DG2 in files and cfg.dg2_fault == "too_large":
            # '75' '82' 8000: 32 KB + header, beyond 15-bit READ BINARY offsets.
            files[FID_DG2] = b"\x75\x82\x80\x00" + bytes(0x8000)
        return files

    @property
    def in_secure_messaging(self) -> bool:
        """True after a successful BAC (tests use it to check the session was dropped)."""
        return self._sm

    def should_pull(self) -> bool:
        """True when the configured 'pulled mid-read' point has been reached."""
        n = self.config.pull_after_apdus
        return n is not None and self.apdus >= n

    def goes_mute(self) -> bool:
        """True once the chip has stopped answering (the vpcd card then stays silent)."""
        n = self.config.mute_from_apdu
        if n is not None and self.apdus + 1 >= n:
            self.muted = True
        return self.muted

    def process(self, apdu: bytes) -> bytes:
        """One command APDU in, one response APDU out (with misbehaviour applied)."""
        self.apdus += 1
        response = self._answer(apdu)
        n = self.apdus
        cfg = self.config
        corrupt = cfg.corrupt_mac_from_apdu
        if corrupt is not None and n >= corrupt and len(response) > 4:
            response = response[:-3] + bytes([response[-3] ^ 0x01]) + response[-2:]
        if cfg.truncate_from_apdu is not None and n >= cfg.truncate_from_apdu:
            response = response[: max(0, len(response) - 5)]
        return response

    # dispatch ------------------------------------------------------------------
    def _answer(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins = apdu[0], apdu[1]
        if cla & 0x0C == 0x0C:
            return self._secure(apdu)
        if self._sm:
            # A plain command ends the secure session, as real chips do.
            self._sm = False
            return SW_SECURITY
        if ins == 0xA4 and apdu[2] == 0x04:
            return self._select_applet(apdu)
        if ins == 0xB0 and apdu[2] & 0x80:
            return self._read_sfi(apdu)
        if ins == 0x84:
            return self._get_challenge()
        if ins == 0x82:
            return self._external_authenticate(apdu)
        if ins in (0xA4, 0xB0):
            return SW_SECURITY  # plain access to the LDS before BAC
        return SW_INS

    def _select_applet(self, apdu: bytes) -> bytes:
        if len(apdu) < 5 or apdu[5 : 5 + apdu[4]] != EMRTD_AID:
            return SW_NOT_FOUND
        self._applet = True
        return SW_OK

    def _read_sfi(self, apdu: bytes) -> bytes:
        cfg = self.config
        if cfg.hide_card_access:
            return SW_NOT_FOUND
        if apdu[2] & 0x1F == 0x1C and (cfg.pace_only or cfg.card_access):
            data = pace_card_access()
            return data[apdu[3] :] + SW_OK
        return SW_NOT_FOUND

    def _get_challenge(self) -> bytes:
        if not self._applet:
            return SW_SECURITY
        if self.config.pace_only and self.config.pace_refuses_at == "challenge":
            return self.config.pace_refusal_sw
        self._challenge = self._rng(8)
        return self._challenge + SW_OK

    def _external_authenticate(self, apdu: bytes) -> bytes:
        challenge, self._challenge = self._challenge, None
        if self.config.pace_only:
            return self.config.pace_refusal_sw
        if challenge is None or len(apdu) < 45 or apdu[4] != 0x28:
            return SW_SECURITY if challenge is None else b"\x67\x00"
        l2 = parse_mrz(self.config.mrz)
        if isinstance(l2, str):
            return b"\x6f\x00"
        info = mrz_information(l2.document_number, l2.birth_date, l2.expiry_date)
        assert info is not None
        k_enc, k_mac = crypto.bac_keys(info)
        e_ifd, m_ifd = apdu[5:37], apdu[37:45]
        if crypto.retail_mac(k_mac, crypto.pad(e_ifd)) != m_ifd:
            return self.config.wrong_key_sw
        s = crypto.tdes_decrypt(k_enc, e_ifd)
        if s[8:16] != challenge:
            return self.config.wrong_key_sw
        rnd_ifd, k_ifd = s[:8], s[16:32]
        k_icc = self._rng(16)
        e_ic = crypto.tdes_encrypt(k_enc, challenge + rnd_ifd + k_icc)
        seed = crypto.xor(k_ifd, k_icc)
        self._ks_enc = crypto.derive_key(seed, crypto.ENC_COUNTER)
        self._ks_mac = crypto.derive_key(seed, crypto.MAC_COUNTER)
        self._ssc = int.from_bytes(challenge[4:] + rnd_ifd[4:], "big")
        self._sm = True
        return e_ic + crypto.retail_mac(k_mac, crypto.pad(e_ic)) + SW_OK

    # secure messaging ------------------------------------------------------------
    def _secure(self, apdu: bytes) -> bytes:
        if not self._sm:
            return SW_SECURITY
        self._ssc += 1
        if len(apdu) < 6 or apdu[4] + 5 > len(apdu):
            self._sm = False
            return SW_SM_BAD_MAC
        body = apdu[5 : 5 + apdu[4]]
        items = tlv.decode_all(body)
        mac = None if items is None else tlv.find(items, 0x8E)
        if items is None or mac is None:
            self._sm = False
            return SW_SM_BAD_MAC
        covered = b"".join(tlv.encode(t.tag, t.value) for t in items if t.tag != 0x8E)
        header = crypto.pad(apdu[:4])
        n = crypto.pad(self._ssc.to_bytes(8, "big") + header + covered)
        if crypto.retail_mac(self._ks_mac, n) != mac:
            self._sm = False  # a real chip drops the session keys on a bad MAC
            return SW_SM_BAD_MAC
        data = b""
        enc = tlv.find(items, 0x87)
        if enc is not None:
            plain = crypto.unpad(crypto.tdes_decrypt(self._ks_enc, enc[1:]))
            if plain is None:
                self._sm = False
                return SW_SM_BAD_MAC
            data = plain
        le_do = tlv.find(items, 0x97)
        le = None if le_do is None else (le_do[0] or 256)
        ins = apdu[1]
        if ins == 0xA4 and apdu[2] == 0x02 and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if fid == FID_DG2 and self.config.mute_on_dg2:
                self.muted = True
                return b""  # never sent: the vpcd card stays silent from here on
            if fid in self._files:
                self._selected = fid
                return self._wrap(b"", b"\x90\x00")
            return self._wrap(b"", SW_NOT_FOUND)
        if ins == 0xB0 and self._selected is not None and le is not None:
            content = self._files[self._selected]
            offset = (apdu[2] << 8) | apdu[3]
            if offset > len(content):
                return self._wrap(b"", SW_WRONG_PARAMS)
            chunk = content[offset : offset + le]
            cfg = self.config
            if cfg.wrong_length_from_apdu is not None and self.apdus >= cfg.wrong_length_from_apdu:
                chunk += b"\x00"
            sw = b"\x90\x00" if len(chunk) == le or offset + le <= len(content) else b"\x62\x82"
            return self._wrap(chunk, sw)
        return self._wrap(b"", SW_INS)

    def _wrap(self, data: bytes, sw: bytes) -> bytes:
        self._ssc += 1
        body = b""
        if data:
            body += tlv.encode(0x87, b"\x01" + crypto.tdes_encrypt(self._ks_enc, crypto.pad(data)))
        body += tlv.encode(0x99, sw)
        n = crypto.pad(self._ssc.to_bytes(8, "big") + body)
        body += tlv.encode(0x8E, crypto.retail_mac(self._ks_mac, n))
        return body + sw


def seeded_rng(seed: int) -> Callable[[int], bytes]:
    """Deterministic random bytes, for reproducible fuzzing (copy.deepcopy copies its state)."""
    return random.Random(seed).randbytes
