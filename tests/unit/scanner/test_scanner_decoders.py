"""Both backends hand back the exact bytes of the symbol, restricted to QR."""

from __future__ import annotations

import cv2
import pytest

from drivers.scanner.decoders import CombinedDecoder, ZbarDecoder, ZxingDecoder, make_decoder
from drivers.scanner.types import Backend
from tests.unit.scanner.conftest import code_frame

PAYLOADS = [
    "中华人民共和国居民身份证".encode(),
    "中国".encode(),  # short CJK that segno would put in Kanji mode if given str
    "社会保障卡".encode("gb18030"),
    b"ZWR1.A7H326112300429.1.QQN7Y6I3BAIOX3JK",
    bytes(range(256))[:80],
]


@pytest.mark.parametrize("factory", [ZbarDecoder, ZxingDecoder, CombinedDecoder])
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_backends_return_exact_payload_bytes(factory: type, payload: bytes) -> None:
    gray = cv2.cvtColor(code_frame(payload), cv2.COLOR_BGR2GRAY)
    codes = factory().decode(gray).codes
    assert [c.payload for c in codes] == [payload]


def test_zbar_runs_in_binary_mode() -> None:
    # Without binary mode zbar would re-encode UTF-8 Chinese through its charset guess.
    assert ZbarDecoder().binary_mode


def test_polygon_locates_the_code() -> None:
    gray = cv2.cvtColor(code_frame(b"where", at=(200, 100)), cv2.COLOR_BGR2GRAY)
    (code,) = ZxingDecoder().decode(gray).codes
    xs = [x for x, _ in code.polygon]
    ys = [y for _, y in code.polygon]
    assert 200 <= min(xs) < max(xs) < 400
    assert 100 <= min(ys) < max(ys) < 300


def test_empty_frame_reads_nothing() -> None:
    gray = cv2.cvtColor(code_frame(b"x")[300:, 300:].copy(), cv2.COLOR_BGR2GRAY)
    for backend in Backend:
        assert make_decoder(backend).decode(gray).codes == ()


def test_two_codes_in_one_frame_are_both_read() -> None:
    frame = code_frame(b"first", at=(20, 20))
    frame[:, 330:] = code_frame(b"second", at=(20, 200))[:, 330 - 330 : 310]
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    got = {c.payload for c in ZxingDecoder().decode(gray).codes}
    assert got == {b"first", b"second"}
