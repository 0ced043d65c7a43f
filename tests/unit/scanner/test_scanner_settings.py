"""Every [scanner] key reaches the camera driver, or --check-config refuses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drivers.scanner.camera import OpenCVScanner
from kiosk.backend import _build_scanner
from kiosk.settings import ConfigError, ScannerSection, Settings, load_settings

_NON_DEFAULT = {
    "source": "7",
    "fps": 24.0,
    "decoder": "combined",
    "width": 1920,
    "height": 1080,
    "roi": (0.25, 0.1, 0.5, 0.8),
    "max_decode_width": 1920,
    "preview_fps": 4.0,
}


def test_the_table_above_covers_every_scanner_key() -> None:
    assert set(ScannerSection.model_fields) - {"driver"} == set(_NON_DEFAULT)


def test_every_scanner_key_is_honoured_by_the_driver() -> None:
    section = ScannerSection(driver="opencv", **_NON_DEFAULT)  # type: ignore[arg-type]
    scanner = _build_scanner(Settings(scanner=section))
    assert isinstance(scanner, OpenCVScanner)
    cfg = scanner.config
    seen = {
        "source": str(cfg.source),
        "fps": cfg.fps,
        "decoder": cfg.pipeline.backend.value,
        "width": cfg.width,
        "height": cfg.height,
        "roi": cfg.pipeline.roi,
        "max_decode_width": cfg.pipeline.max_decode_width,
        "preview_fps": cfg.preview_fps,
    }
    assert seen == _NON_DEFAULT


def test_max_decode_width_1920_decodes_1080p_at_full_size() -> None:
    import numpy as np

    from drivers.scanner.pipeline import FramePipeline, PipelineConfig

    frame = np.zeros((1080, 1920, 3), np.uint8)
    full = FramePipeline(PipelineConfig(max_decode_width=1920)).prepare(frame)[0]
    halved = FramePipeline(PipelineConfig()).prepare(frame)[0]
    assert full.shape == (1080, 1920) and halved.shape == (540, 960)


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("width = 1280\n", "width and height"),
        ("roi = [0.5, 0.5, 0.8, 0.2]\n", "outside the frame"),
        ("roi = [0.0, 0.0, 1.5, 0.5]\n", "fractions"),
        ("width = 320\nheight = 240\nroi = [0, 0, 0.1, 0.1]\n", "64"),
        ("preview_fps = 0\n", "preview_fps"),
        ("zoom = 2\n", "zoom"),
    ],
)
def test_bad_camera_keys_are_refused_by_check_config(tmp_path: Path, toml: str, words: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[scanner]\n" + toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert words in str(info.value)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--check-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and words in (done.stdout + done.stderr)
