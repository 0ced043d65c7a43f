"""Frame preparation (ROI, downscale) keeps reads exact and coordinates in frame space."""

from __future__ import annotations

import numpy as np

from drivers.scanner.pipeline import FramePipeline, PipelineConfig
from drivers.scanner.types import Backend
from tests.unit.scanner.conftest import code_frame


def test_chinese_payload_is_read_as_exact_bytes_and_text() -> None:
    payload = "不动产登记（受理回执）".encode()
    (r,) = FramePipeline().decode(code_frame(payload), 7, 0.28)
    assert (r.payload, r.text, r.encoding) == (payload, "不动产登记（受理回执）", "utf-8")
    assert (r.frame_index, r.timestamp) == (7, 0.28)


def test_gb18030_payload_is_decoded_as_gb18030() -> None:
    payload = "营业执照".encode("gb18030")
    (r,) = FramePipeline(PipelineConfig(backend=Backend.ZBAR)).decode(code_frame(payload), 0, 0)
    assert (r.payload, r.text, r.encoding) == (payload, "营业执照", "gb18030")


def test_binary_payload_has_no_text() -> None:
    payload = bytes(range(40))
    (r,) = FramePipeline().decode(code_frame(payload), 0, 0)
    assert (r.payload, r.text) == (payload, None)


def test_roi_ignores_codes_outside_it() -> None:
    frame = code_frame(b"left", at=(20, 20))
    assert FramePipeline(PipelineConfig(roi=(0.5, 0.0, 0.5, 1.0))).decode(frame, 0, 0) == []
    (r,) = FramePipeline(PipelineConfig(roi=(0.0, 0.0, 0.5, 1.0))).decode(frame, 0, 0)
    assert r.payload == b"left"


def test_roi_result_polygon_is_in_frame_coordinates() -> None:
    frame = code_frame(b"right", at=(400, 250))
    (r,) = FramePipeline(PipelineConfig(roi=(0.5, 0.5, 0.5, 0.5))).decode(frame, 0, 0)
    assert min(x for x, _ in r.polygon) >= 400
    assert min(y for _, y in r.polygon) >= 250


def test_1080p_frame_is_halved_and_points_mapped_back() -> None:
    frame = code_frame(b"big frame", size=(1920, 1080), module_px=10, at=(1200, 500))
    pipe = FramePipeline(PipelineConfig(max_decode_width=1280))
    gray, scale, _, _ = pipe.prepare(frame)
    assert gray.shape == (540, 960) and scale == 2.0
    (r,) = pipe.decode(frame, 0, 0)
    xs = [x for x, _ in r.polygon]
    assert min(xs) >= 1200 and max(xs) <= 1200 + 29 * 10 + 10


def test_non_halving_downscale_uses_resize() -> None:
    pipe = FramePipeline(PipelineConfig(max_decode_width=1000))
    gray, scale, _, _ = pipe.prepare(np.zeros((720, 1280, 3), np.uint8))
    assert gray.shape[1] == 1000 and abs(scale - 1.28) < 1e-9


def test_process_debounces_by_source_time() -> None:
    pipe = FramePipeline(PipelineConfig(forget_after_s=1.0))
    frame = code_frame(b"held")
    events = [len(pipe.process(frame, i, i / 25)) for i in range(30)]
    assert events == [1] + [0] * 29
    assert len(pipe.process(frame, 50, 29 / 25 + 0.9)) == 0  # within 1 s of the last sighting
    assert len(pipe.process(frame, 99, 29 / 25 + 0.9 + 1.5)) == 1  # gone for 1.5 s: new event
