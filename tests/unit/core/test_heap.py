"""The heap settled at start-up milestones, and full collections held while it is built."""

from __future__ import annotations

import gc
import threading
import uuid
import weakref
from collections.abc import Iterator

import pytest

from kiosk.heap import full_collections_held, settle_heap


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
