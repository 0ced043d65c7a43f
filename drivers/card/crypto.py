"""BAC cryptography (ICAO 9303-11 section 9.7 and appendix D): 3DES, retail MAC, keys.

Pure functions over bytes, so the worked example in the standard can test each step.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

ENC_COUNTER = 1
MAC_COUNTER = 2
_ZERO_IV = bytes(8)


def adjust_parity(key: bytes) -> bytes:
    """Set DES odd parity on every byte (the low bit), as the standard's key values show."""
    out = bytearray()
    for b in key:
        hi = b & 0xFE
        out.append(hi | (0 if bin(hi).count("1") % 2 else 1))
    return bytes(out)


def key_seed(mrz_info: str) -> bytes:
    """Kseed: the first 16 bytes of SHA-1 over the MRZ information."""
    return hashlib.sha1(mrz_info.encode("ascii")).digest()[:16]


def derive_key(seed: bytes, counter: int) -> bytes:
    """A 16-byte two-key 3DES key from a seed and a counter (1 = encryption, 2 = MAC)."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return adjust_parity(digest[:16])


def _tdes_key(key16: bytes) -> bytes:
    # A 24-byte K1|K2|K1 key avoids cryptography's warning about 16-byte 3DES keys.
    return key16 + key16[:8]


@lru_cache(maxsize=64)
def _cbc(key24: bytes) -> Cipher[modes.CBC]:
    # Session keys are reused for every APDU of a read; building the cipher is the
    # expensive part, so keep the last few.
    return Cipher(TripleDES(key24), modes.CBC(_ZERO_IV))


@lru_cache(maxsize=64)
def _ecb(key24: bytes) -> Cipher[modes.ECB]:
    return Cipher(TripleDES(key24), modes.ECB())


def tdes_encrypt(key16: bytes, data: bytes) -> bytes:
    """3DES-CBC with a zero IV over whole blocks (no padding added)."""
    enc = _cbc(_tdes_key(key16)).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_decrypt(key16: bytes, data: bytes) -> bytes:
    """Inverse of :func:`tdes_encrypt`; ``data`` must be whole blocks."""
    dec = _cbc(_tdes_key(key16)).decryptor()
    return dec.update(data) + dec.finalize()


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a whole 8-byte block."""
    data = data + b"\x80"
    return data + bytes(-len(data) % 8)


def unpad(data: bytes) -> bytes | None:
    """Remove method-2 padding; None when the padding is not exactly right."""
    if not data or len(data) % 8:
        return None
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= 8:
        return None
    return stripped[:-1]


def retail_mac(key16: bytes, padded: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES (the 'retail MAC') over padded data."""
    ka, kb = key16[:8], key16[8:16]
    chain = _ZERO_IV
    if len(padded) > 8:
        single = _cbc(ka * 3).encryptor()
        chain = (single.update(padded[:-8]) + single.finalize())[-8:]
    last = bytes(a ^ b for a, b in zip(padded[-8:], chain, strict=True))
    final = _ecb(ka + kb + ka).encryptor()
    return final.update(last) + final.finalize()


def bac_keys(mrz_info: str) -> tuple[bytes, bytes]:
    """(Kenc, Kmac) for BAC from the MRZ information string."""
    seed = key_seed(mrz_info)
    return derive_key(seed, ENC_COUNTER), derive_key(seed, MAC_COUNTER)


def xor(a: bytes, b: bytes) -> bytes:
    """Byte-wise XOR of two equal-length strings."""
    return bytes(x ^ y for x, y in zip(a, b, strict=True))
