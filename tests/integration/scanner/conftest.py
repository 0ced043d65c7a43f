"""Fixtures for scanner integration tests: a video file written by OpenCV as the camera."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.support.qr_corpus import blank_frame, render

FPS = 25.0
SIZE = (1280, 720)


@dataclass(frozen=True)
class Appearance:
    payload: bytes
    first_frame: int
    last_frame: int


@dataclass(frozen=True)
class Clip:
    path: Path
    frames: int
    appearances: tuple[Appearance, ...]


def write_clip(path: Path, script: list[tuple[bytes | None, int]], seed: int = 7) -> Clip:
    """Write an MJPG .avi: each script entry shows a code (or nothing) for N frames.

    A shown code drifts by a few pixels per frame, as a hand-held phone does.
    """
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    assert writer.isOpened(), "OpenCV cannot write MJPG here"
    background = blank_frame(SIZE, seed)
    rendered: dict[bytes, np.ndarray] = {}
    appearances: list[Appearance] = []
    index = 0
    try:
        for payload, count in script:
            if payload is not None and payload not in rendered:
                rng = random.Random(f"clip:{seed}:{len(rendered)}")
                rendered[payload], _, _ = render(payload, SIZE, rng, module_px=6.0)
            for k in range(count):
                if payload is None:
                    frame = background
                else:
                    frame = np.roll(rendered[payload], (k % 5) - 2, axis=1)
                writer.write(frame)
            if payload is not None:
                appearances.append(Appearance(payload, index, index + count - 1))
            index += count
    finally:
        writer.release()
    return Clip(path, index, tuple(appearances))


@pytest.fixture
def clip_writer(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(script: list[tuple[bytes | None, int]], name: str = "camera.avi") -> Clip:
        return write_clip(tmp_path / name, script)

    return make
