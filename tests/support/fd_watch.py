"""Opt-in pytest plugin: which tests leave file descriptors open.

``python -m pytest -p tests.support.fd_watch tests/ui`` counts this process's open file
descriptors before and after each test (set-up and tear-down included) and, at the end,
writes the tests that grew the count most, with what the new descriptors point at, to
``$FD_WATCH_OUT`` (default ``fd-watch.json`` in the current directory). A process that
reaches 1,024 descriptors breaks every ``select.select`` in it, so a suite that leaks
them fails far from the leak; this finds the leak.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

_FD_DIR = "/proc/self/fd"
_growth: list[dict[str, Any]] = []
_first: list[int] = []
_kinds: Counter[str] = Counter()  # what the descriptors left open point at, whole run


def open_fds() -> dict[int, str]:
    """This process's open descriptors and what each points at (Linux /proc)."""
    out: dict[int, str] = {}
    for name in os.listdir(_FD_DIR):
        try:
            out[int(name)] = os.readlink(f"{_FD_DIR}/{name}")
        except OSError:  # the descriptor listdir itself used, closed since
            continue
    return out


def kind(target: str) -> str:
    """A descriptor's target with its instance numbers and temporary paths folded."""
    target = re.sub(r":\[\d+\]$", "", target)  # socket:[123] -> socket
    target = re.sub(r"/pytest-\d+/[^/]+/", "/pytest-N/TEST/", target)
    return re.sub(r"/dev/pts/\d+", "/dev/pts/N", target)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    before = open_fds()
    if not _first:
        _first.append(len(before))
    try:
        return (yield)
    finally:
        after = open_fds()
        new = [t for fd, t in after.items() if before.get(fd) != t]
        if len(after) > len(before):
            _kinds.update(kind(t) for t in new)
        if len(after) != len(before) or new:
            _growth.append(
                {
                    "test": item.nodeid,
                    "grew": len(after) - len(before),
                    "total": len(after),
                    "new": dict(Counter(kind(t) for t in new).most_common(8)),
                }
            )


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = Path(os.environ.get("FD_WATCH_OUT", "fd-watch.json"))
    final = len(open_fds())
    report = {
        "first": _first[0] if _first else final,
        "final": final,
        "kinds": dict(_kinds.most_common(30)),
        "biggest": sorted(_growth, key=lambda g: -g["grew"])[:40],
    }
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
