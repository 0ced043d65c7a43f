"""Source strings map to the right kind; folders play their images in order."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from drivers.scanner.sources import FolderSource, SourceKind, SourceSpec


def test_source_kinds(tmp_path: Path) -> None:
    assert SourceSpec.parse(0).kind is SourceKind.CAMERA
    assert SourceSpec.parse("2").kind is SourceKind.CAMERA
    assert SourceSpec.parse("rtsp://10.0.0.5/cam").kind is SourceKind.STREAM
    assert SourceSpec.parse(str(tmp_path)).kind is SourceKind.FOLDER
    assert SourceSpec.parse(str(tmp_path / "x.avi")).kind is SourceKind.FILE
    assert SourceSpec.parse("rtsp://u:p@cam").live and not SourceSpec.parse(str(tmp_path)).live


def test_stream_credentials_are_not_shown() -> None:
    assert (
        str(SourceSpec.parse("rtsp://admin:secret@10.0.0.5:554/cam")) == "rtsp://10.0.0.5:554/cam"
    )


def test_folder_plays_images_in_name_order_and_skips_broken_files(tmp_path: Path) -> None:
    for i, name in enumerate(["b.png", "a.png", "c.jpg"]):
        cv2.imwrite(str(tmp_path / name), np.full((8, 8, 3), i * 50, np.uint8))
    (tmp_path / "broken.png").write_bytes(b"not an image")
    (tmp_path / "notes.txt").write_text("ignored")
    src = FolderSource(str(tmp_path), fps=5)
    assert src.open()
    values = []
    while (img := src.read()) is not None:
        values.append(int(img[0, 0, 0]))
    assert values == [50, 0, 100]


def test_missing_or_empty_folder_does_not_open(tmp_path: Path) -> None:
    assert not FolderSource(str(tmp_path / "nope")).open()
    assert not FolderSource(str(tmp_path)).open()
