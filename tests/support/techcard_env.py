"""The real pcscd with vpcd for technician card tests; the card goes in the second slot.

Import ``pcscd`` into a test module to use it (a module-scoped fixture). Run such
tests under `flock /work/.pcscd.lock` on a shared machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.pcscd import PcscdService, PcscSetupError

TECH_READER = "Virtual PCD 00 01"  # vpcd's second slot: the kiosk's technician card reader


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdService]:
    """pcscd as our child with both vpcd slots; stopped after the module."""
    try:
        service = PcscdService(Path(tmp_path_factory.mktemp("pcscd")))
        service.start()
    except PcscSetupError as exc:
        pytest.fail(f"PC/SC test setup: {exc}", pytrace=False)
    yield service
    service.stop()


def tech_port(service: PcscdService) -> int:
    """The TCP port a technician card connects to (vpcd's second slot)."""
    return service.port + 1
