"""kiosk/heap.py: freed C memory goes back to the system between citizens, at most once a minute."""

from __future__ import annotations

import subprocess
import sys
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


_CHURN = """
import ctypes, sys
from kiosk import heap

class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd",
        "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "tuned":
    assert heap.tune_allocator()
x = bytearray(4 << 20)  # a big block freed: glibc would raise its threshold to 4 MiB
del x
mapped = libc.mallinfo2().hblks
big = [bytearray(256 << 10) for _ in range(50)]
print(libc.mallinfo2().hblks - mapped)
"""


def test_big_blocks_stay_out_of_the_arenas() -> None:
    if not heap.tune_allocator():
        pytest.skip("this C library has no mallopt")
    root = Path(__file__).resolve().parents[3]

    def mapped(mode: str) -> int:
        out = subprocess.run(
            [sys.executable, "-c", _CHURN, mode], cwd=root, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        return int(out.stdout)

    # 256 KiB blocks after a 4 MiB one was freed: glibc's own rule puts them in the
    # arenas (where they leave holes); tuned, each is its own mapping, unmapped on free.
    assert mapped("default") == 0
    assert mapped("tuned") == 50
