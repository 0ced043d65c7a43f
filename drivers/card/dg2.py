"""DG2: the face image inside an ISO/IEC 19794-5 facial record (ICAO 9303-10 section 4.7.2)."""

from __future__ import annotations

from drivers.card import tlv
from drivers.card.types import FaceFormat, FaceImage

_JPEG_MAGIC = b"\xff\xd8\xff"
_JP2_MAGIC = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K_MAGIC = b"\xff\x4f\xff\x51"
_GENERAL_HEADER = 14
_FACIAL_INFO = 20
_IMAGE_INFO = 12


def parse_dg2(data: bytes) -> FaceImage | str:
    """The first face image in DG2, or a string saying why DG2 was refused."""
    body = tlv.decode_one(data, 0x75)
    group = None if body is None else tlv.decode_one(body, 0x7F61)
    items = None if group is None else tlv.decode_all(group)
    if not items or items[0].tag != 0x02 or len(items[0].value) != 1:
        return "biometric group template malformed"
    count = items[0].value[0]
    templates = [t for t in items[1:] if t.tag == 0x7F60]
    if count < 1 or len(templates) != count or len(items) != count + 1:
        return "instance count does not match"
    inner = tlv.decode_all(templates[0].value)
    if inner is None:
        return "biometric template malformed"
    block = tlv.find(inner, 0x5F2E)
    if block is None:
        block = tlv.find(inner, 0x7F2E)
    if block is None or tlv.find(inner, 0xA1) is None:
        return "biometric data block missing"
    return parse_facial_record(block)


def parse_facial_record(block: bytes) -> FaceImage | str:
    """Extract the first image from an ISO/IEC 19794-5:2005 facial record."""
    if len(block) < _GENERAL_HEADER + _FACIAL_INFO + _IMAGE_INFO:
        return "facial record too short"
    if block[0:4] != b"FAC\x00" or block[7] != 0:
        return "not a facial record"
    if int.from_bytes(block[8:12], "big") != len(block):
        return "facial record length mismatch"
    if int.from_bytes(block[12:14], "big") < 1:
        return "facial record has no image"
    pos = _GENERAL_HEADER
    block_len = int.from_bytes(block[pos : pos + 4], "big")
    points = int.from_bytes(block[pos + 4 : pos + 6], "big")
    image_info = pos + _FACIAL_INFO + 8 * points
    image_start = image_info + _IMAGE_INFO
    if block_len < image_start - pos or pos + block_len > len(block):
        return "facial information block length mismatch"
    data_type = block[image_info + 1]
    width = int.from_bytes(block[image_info + 2 : image_info + 4], "big")
    height = int.from_bytes(block[image_info + 4 : image_info + 6], "big")
    image = block[image_start : pos + block_len]
    if data_type == 0 and image.startswith(_JPEG_MAGIC):
        return FaceImage(FaceFormat.JPEG, image, width, height)
    if data_type == 1 and (image.startswith(_JP2_MAGIC) or image.startswith(_J2K_MAGIC)):
        return FaceImage(FaceFormat.JPEG2000, image, width, height)
    return "image is neither JPEG nor JPEG 2000 as declared"


def build_dg2(image: bytes, *, jpeg2000: bool = False, width: int = 0, height: int = 0) -> bytes:
    """Wrap an image as DG2 (for the emulator, simulator and tests)."""
    info = bytes(20)
    info = (len(info) + _IMAGE_INFO + len(image)).to_bytes(4, "big") + info[4:]
    image_info = bytes([1, 1 if jpeg2000 else 0]) + width.to_bytes(2, "big")
    image_info += height.to_bytes(2, "big") + bytes(6)
    record_body = info + image_info + image
    total = _GENERAL_HEADER + len(record_body)
    record = b"FAC\x00010\x00" + total.to_bytes(4, "big") + b"\x00\x01" + record_body
    header = tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01") + tlv.encode(0x87, b"\x01\x01"))
    template = tlv.encode(0x7F60, header + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))
