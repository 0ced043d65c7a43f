"""Fixtures for the printer integration tests: a loopback TCP printer per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.printer.loopback_printer import LoopbackPrinter


@pytest.fixture
def loopback() -> Iterator[LoopbackPrinter]:
    """A started loopback printer; stopped (threads joined, sockets closed) afterwards."""
    server = LoopbackPrinter().start()
    try:
        yield server
    finally:
        server.stop()
