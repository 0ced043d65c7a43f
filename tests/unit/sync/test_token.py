"""The per-kiosk bearer token: read from an owner-only file, refused otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.sync import SyncConfig
from kiosk.sync.http import build_session, read_token


def _token(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "kiosk.token"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_the_token_goes_into_every_request(tmp_path: Path) -> None:
    path = _token(tmp_path, "abc.DEF-123_x\n")
    config = SyncConfig(base_url="https://p.invalid", kiosk_id="A001", token_file=path)
    assert build_session(config).headers["Authorization"] == "Bearer abc.DEF-123_x"


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644])
def test_a_token_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    with pytest.raises(ValueError, match="owner only"):
        read_token(_token(tmp_path, "abc", mode))


@pytest.mark.parametrize("text", ["", "  \n", "two words", "x" * 5000])
def test_what_is_not_a_token_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError, match="not a bearer token"):
        read_token(_token(tmp_path, text))


def test_a_missing_token_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="token file not found"):
        read_token(tmp_path / "nope")
