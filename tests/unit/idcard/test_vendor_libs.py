"""The ctypes adapters against small libraries with the vendors' entry points (built by gcc)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.idcard.photo import load_wlt_decoder
from drivers.idcard.sdk_reader import SdkSamReader
from drivers.idcard.simulator import sample_wlt
from drivers.idcard.types import CardKind, PhotoStatus, Presence, ReaderState, ReadOutcome
from tests.support.fake_vendor_libs import build_sdk, build_wlt, gcc_available
from tests.support.idcard_blocks import foreign_2023_block, resident_block

pytestmark = pytest.mark.skipif(not gcc_available(), reason="gcc is needed to build the fakes")


def test_wlt_decoder_turns_a_photo_into_a_bmp(tmp_path: Path) -> None:
    decoder = load_wlt_decoder(build_wlt(tmp_path))
    assert decoder is not None
    bmp = decoder.decode(sample_wlt())
    assert bmp is not None and bmp[:2] == b"BM" and len(bmp) == 38862
    assert decoder.decode(b"XX" + bytes(1022)) is None  # the library refuses it
    assert decoder.decode(b"WL") is None  # not 1024 bytes: never handed to C


def test_no_decoder_when_missing(tmp_path: Path) -> None:
    assert load_wlt_decoder(None) is None
    assert load_wlt_decoder(tmp_path / "absent.so") is None


@pytest.fixture
def sdk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    lib = build_sdk(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("FAKE_SDK_DIR", str(out))
    return lib, out


def test_sdk_reads_a_card_and_deletes_the_files(sdk: tuple[Path, Path], tmp_path: Path) -> None:
    lib, out = sdk
    reader = SdkSamReader(lib, output_dir=out, photo_decoder=load_wlt_decoder(build_wlt(tmp_path)))
    assert reader.read_once().outcome is ReadOutcome.NO_CARD
    assert reader.sam_id() == "05.01-20240101-0000000001-0000000002"
    (out / "card.bin").write_bytes(resident_block(valid_until="长期"))
    r = reader.read_once()
    assert r.ok and r.card is not None
    assert (r.card.kind, r.card.name, r.card.long_term) == (CardKind.RESIDENT, "张三", True)
    assert r.photo_status is PhotoStatus.DECODED and r.photo_mime == "image/bmp"
    assert reader.photo_available()
    assert not (out / "wz.txt").exists() and not (out / "zp.wlt").exists()
    reader.stop()
    assert reader.status() is ReaderState.DISCONNECTED


def test_sdk_other_layouts_and_no_photo_decoder(sdk: tuple[Path, Path]) -> None:
    lib, out = sdk
    (out / "card.bin").write_bytes(foreign_2023_block())
    r = SdkSamReader(lib, output_dir=out).read_once()
    assert r.ok and r.card is not None and r.card.kind is CardKind.FOREIGN_2023
    assert r.photo is None and r.photo_status is PhotoStatus.NOT_AVAILABLE
    assert not SdkSamReader(lib, output_dir=out).photo_available()


def test_sdk_failures_are_outcomes(sdk: tuple[Path, Path], tmp_path: Path) -> None:
    lib, out = sdk
    (out / "card.bin").write_bytes(resident_block())
    (out / "lift").touch()
    reader = SdkSamReader(lib, output_dir=out)
    assert reader.read_once().outcome is ReadOutcome.CARD_LIFTED
    (out / "lift").unlink()
    assert reader.read_once().ok  # free again after the failure
    (out / "card.bin").write_bytes(b"\x00" * 248 + "Z".encode("utf-16-le") + b"\x00" * 6)
    assert reader.read_once().outcome is ReadOutcome.UNKNOWN_CARD
    assert SdkSamReader(tmp_path / "nope.so").read_once().outcome is ReadOutcome.NO_READER
    assert SdkSamReader(lib, port=7, output_dir=out).read_once().outcome is ReadOutcome.NO_READER


# --- Is the card still there? (the vendor SDK's presence check) ---------------------------


def test_sdk_card_read_and_left_is_present_lifted_absent(sdk: tuple[Path, Path]) -> None:
    lib, out = sdk
    reader = SdkSamReader(lib, output_dir=out)
    assert reader.card_present() is Presence.ABSENT  # nothing there, the reader answering
    (out / "card.bin").write_bytes(resident_block())
    assert reader.card_present() is Presence.PRESENT  # laid, not yet read: found
    assert reader.read_once().ok
    # Halted by the read: not found again, so a find alone would call it gone.
    assert reader.read_once().outcome is ReadOutcome.NO_CARD
    assert reader.card_present() is Presence.PRESENT  # it still answers for its address
    assert sorted(p.name for p in out.iterdir()) == ["card.bin"]  # the address unread, gone
    (out / "card.bin").unlink()  # lifted
    assert reader.card_present() is Presence.ABSENT
    (out / "card.bin").write_bytes(resident_block())  # laid again: a new read
    assert reader.read_once().ok
    reader.stop()


def test_sdk_silent_or_gone_reader_never_says_taken(sdk: tuple[Path, Path], tmp_path: Path) -> None:
    lib, out = sdk
    reader = SdkSamReader(lib, output_dir=out)
    (out / "card.bin").write_bytes(resident_block())
    assert reader.read_once().ok
    (out / "silent").touch()  # the reader stops answering, then the card is lifted
    (out / "card.bin").unlink()
    assert reader.card_present() is Presence.UNKNOWN
    (out / "silent").unlink()
    (out / "unplugged").touch()
    assert reader.card_present() is Presence.UNKNOWN
    (out / "unplugged").unlink()
    assert reader.card_present() is Presence.ABSENT  # answering again: now it is known
    assert SdkSamReader(tmp_path / "nope.so").card_present() is Presence.UNKNOWN
    assert SdkSamReader(lib, port=7, output_dir=out).card_present() is Presence.UNKNOWN


def test_sdk_without_a_sam_id_call_cannot_tell_a_lift(
    sdk: tuple[Path, Path], tmp_path: Path
) -> None:
    _lib, out = sdk
    folder = tmp_path / "nosamid"
    folder.mkdir()
    reader = SdkSamReader(build_sdk(folder, samid=False), output_dir=out)
    (out / "card.bin").write_bytes(resident_block())
    assert reader.read_once().ok
    assert reader.card_present() is Presence.PRESENT
    (out / "card.bin").unlink()
    # Nothing proves the reader is still answering: its 0 is no word on the card.
    assert reader.card_present() is Presence.UNKNOWN


def test_sdk_watch_reports_a_lift_once_and_never_while_silent(sdk: tuple[Path, Path]) -> None:
    lib, out = sdk
    reader = SdkSamReader(lib, output_dir=out, poll_interval_s=0.01)
    reads: list[bool] = []
    reader.start(lambda r: reads.append(r.ok))
    try:
        (out / "card.bin").write_bytes(resident_block())
        _until(lambda: reads == [True])
        gone: list[int] = []
        reader.watch_removal(lambda: gone.append(1))
        (out / "silent").touch()
        (out / "card.bin").unlink()  # lifted while the reader cannot say so
        time.sleep(1.5)  # three checks' intervals: none may call it taken
        assert gone == []
        (out / "silent").unlink()
        _until(lambda: gone == [1])
        time.sleep(1.2)
        assert gone == [1]  # once: the watch ended with the news
    finally:
        reader.stop()
    assert reads == [True]  # the card was read once, not again while it lay there


def _until(cond: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10.0  # only keeps a broken test from hanging
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
