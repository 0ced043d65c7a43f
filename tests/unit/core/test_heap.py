"""kiosk/heap.py: freed C memory goes back to the system between citizens, at most once a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import heap


def _rss_anon_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon in /proc/self/status")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_last_trim", None)


@pytest.mark.usefixtures("fresh")
def test_a_trim_runs_then_waits_out_the_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(heap, "_malloc_trim", lambda: lambda pad: calls.append(pad) or 0)
    assert heap.release_free_memory(now=1000.0)
    assert not heap.release_free_memory(now=1000.0 + heap.TRIM_INTERVAL_S - 1)
    assert heap.release_free_memory(now=1000.0 + heap.TRIM_INTERVAL_S)
    assert calls == [0, 0]  # pad 0: keep nothing spare at the top of the heap


@pytest.mark.usefixtures("fresh")
def test_without_malloc_trim_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_malloc_trim", lambda: None)
    assert not heap.release_free_memory(now=1000.0)


@pytest.mark.usefixtures("fresh")
def test_free_pages_between_live_blocks_go_back_to_the_system() -> None:
    if heap._malloc_trim() is None:
        pytest.skip("this C library has no malloc_trim")
    # 64 KiB blocks (under glibc's mmap threshold, so from the heap) each followed by
    # a small block that stays: freeing the big ones leaves holes glibc keeps.
    big: list[bytearray] = []
    keep: list[bytearray] = []
    for _ in range(800):
        big.append(bytearray(b"x" * 65536))
        keep.append(bytearray(b"y" * 1000))
    del big
    before = _rss_anon_kib()
    assert heap.release_free_memory(now=1000.0)
    after = _rss_anon_kib()
    assert before - after > 20 * 1024, (before, after)  # most of the 50 MiB of holes
    assert len(keep) == 800
