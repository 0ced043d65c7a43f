"""GA 467-style frames, byte for byte."""

from __future__ import annotations

import pytest

from drivers.idcard.frames import (
    Command,
    FrameError,
    FrameParser,
    command_frame,
    parse_reply,
    reply_frame,
    xor,
)

H = "AAAAAA9669"


@pytest.mark.parametrize(
    ("command", "wire"),
    [
        (Command.SAM_RESET, H + "000310FFEC"),
        (Command.SAM_STATUS, H + "000311FFED"),
        (Command.SAM_ID, H + "000312FFEE"),
        (Command.FIND_CARD, H + "0003200122"),
        (Command.SELECT_CARD, H + "0003200221"),
        (Command.READ_TEXT_PHOTO, H + "0003300132"),
        (Command.READ_ADDITIONAL_ADDRESS, H + "0003300330"),
        (Command.READ_WITH_FINGERPRINT, H + "0003301023"),
    ],
)
def test_command_frames(command: Command, wire: str) -> None:
    assert command_frame(command) == bytes.fromhex(wire)


def test_find_card_reply_is_the_documented_one() -> None:
    # "card found" with four zero data bytes: length 8 = 3 status + 4 data + check.
    assert reply_frame(0x9F, bytes(4)) == bytes.fromhex(H + "0008 00009F 00000000 97")


def test_read_reply_length_counts_status_data_and_check() -> None:
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + bytes(1280)
    frame = reply_frame(0x90, data)
    assert frame[5:7] == (3 + 1284 + 1).to_bytes(2, "big") == bytes.fromhex("0508")
    assert len(frame) == 1295
    assert frame[-1] == xor(frame[5:-1])


def test_parser_splits_status_and_data_across_feeds() -> None:
    frame = reply_frame(0x90, b"\x01\x02\x03")
    p = FrameParser()
    for i in range(len(frame)):
        p.feed(frame[i : i + 1])
        body = p.next_body()
        if i < len(frame) - 1:
            assert body is None
    assert body is not None
    reply = parse_reply(body)
    assert (reply.sw1, reply.sw2, reply.status, reply.data) == (0, 0, 0x90, b"\x01\x02\x03")


def test_parser_skips_noise_and_a_partial_header() -> None:
    p = FrameParser()
    p.feed(b"\x00\x13\xaa\xaa" + bytes.fromhex(H))  # noise ending like a header's start
    assert p.next_body() is None
    p.feed(bytes.fromhex("0004 000080 84"))
    body = p.next_body()
    assert body == bytes.fromhex("000080")
    assert p.skipped == 4


def test_bad_check_byte_raises_once_then_the_stream_goes_on() -> None:
    good = reply_frame(0x90)
    bad = good[:-1] + bytes([good[-1] ^ 1])
    p = FrameParser()
    p.feed(bad + good)
    with pytest.raises(FrameError):
        p.next_body()
    assert p.next_body() == bytes.fromhex("000090")


def test_implausible_length_is_refused() -> None:
    p = FrameParser()
    p.feed(bytes.fromhex(H + "FFFF"))
    with pytest.raises(FrameError):
        p.next_body()


def test_reply_shorter_than_status_is_refused() -> None:
    with pytest.raises(FrameError):
        parse_reply(b"\x00\x00")
