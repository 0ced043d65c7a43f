"""Waiting on a file descriptor, with no limit on its number.

``select.select`` refuses descriptors numbered 1,024 or more ("filedescriptor out of
range in select()"), and pyserial's own read and write use it: a kiosk that has run for
months, or any process holding many files and sockets, can hand a driver such a
descriptor. ``poll`` has no such limit.
"""

from __future__ import annotations

import math
import select


def _ready(fd: int, events: int, timeout_s: float) -> bool:
    poller = select.poll()
    poller.register(fd, events)
    # poll takes whole milliseconds; rounding up keeps a short wait from becoming a spin.
    return bool(poller.poll(max(0, math.ceil(timeout_s * 1000))))


def wait_readable(fd: int, timeout_s: float) -> bool:
    """True when ``fd`` has data (or an end or error to read) within ``timeout_s`` seconds."""
    return _ready(fd, select.POLLIN | select.POLLPRI, timeout_s)


def wait_writable(fd: int, timeout_s: float) -> bool:
    """True when ``fd`` takes bytes (or reports an error) within ``timeout_s`` seconds."""
    return _ready(fd, select.POLLOUT, timeout_s)
