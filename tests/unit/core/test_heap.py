"""kiosk/heap.py: freed C memory goes back to the system between citizens, at most once a
minute; the Python heap settled at start-up milestones, with full collections held while it
is built."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import uuid
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import heap
from kiosk.heap import full_collections_held, settle_heap


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


_HOLES = """
from pathlib import Path
from kiosk import heap

def rss_anon_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])

# 64 KiB blocks (under glibc's mmap threshold, so from the heap) each followed by
# a small block that stays: freeing the big ones leaves holes glibc keeps.
big, keep = [], []
for _ in range(800):
    big.append(bytearray(b"x" * 65536))
    keep.append(bytearray(b"y" * 1000))
del big
before = rss_anon_kib()
assert heap.release_free_memory(now=1000.0)
print(before, rss_anon_kib(), len(keep))
"""


def test_free_pages_between_live_blocks_go_back_to_the_system() -> None:
    if heap._malloc_trim() is None:
        pytest.skip("this C library has no malloc_trim")
    # In a fresh process: in this one, whatever earlier tests left on the heap decides
    # where the blocks land (packed at the top, free() itself returns them).
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", _HOLES], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    before, after, kept = (int(v) for v in out.stdout.split())
    assert before - after > 20 * 1024, (before, after)  # most of the 50 MiB of holes
    assert kept == 800


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


class Node:
    """A container the cyclic collector tracks."""

    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test process collects as usual


def _tracked(obj: object) -> bool:
    # Frozen objects are in no generation, so the collector's listing leaves them out.
    return any(o is obj for o in gc.get_objects())


def test_settle_collects_young_cycles_then_sets_the_living_aside() -> None:
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle that only the cyclic collector can free
    gone = weakref.ref(a)
    del a, b
    kept = Node()
    settle_heap(f"test {uuid.uuid4()}")
    assert gone() is None, "garbage cycle collected before freezing"
    assert not _tracked(kept), "a living object is set aside from later collections"
    assert gc.get_freeze_count() > 0


def test_each_milestone_settles_once() -> None:
    name = f"test {uuid.uuid4()}"
    settle_heap(name)
    later = Node()
    settle_heap(name)
    assert _tracked(later), "the second call for the same milestone froze nothing"
    settle_heap(f"test {uuid.uuid4()}")
    assert not _tracked(later)


def test_full_collections_held_in_overlapping_blocks_then_restored() -> None:
    before = gc.get_threshold()
    inside = threading.Event()
    leave = threading.Event()

    def other_block() -> None:
        with full_collections_held():
            inside.set()
            leave.wait(5)

    t = threading.Thread(target=other_block)
    with full_collections_held():
        assert gc.get_threshold()[:2] == before[:2], "young collections go on"
        assert gc.get_threshold()[2] > 1_000_000
        t.start()
        assert inside.wait(5)
    assert gc.get_threshold()[2] > 1_000_000, "still held while the other block runs"
    leave.set()
    t.join(5)
    assert gc.get_threshold() == before


def test_full_collections_come_back_when_the_block_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), full_collections_held():
        raise RuntimeError("start-up failed")
    assert gc.get_threshold() == before
