"""Composition root: builds the core and its devices from settings. No Qt here."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from kiosk.bundled_catalog import load_bundled_catalog
from kiosk.catalog import Catalog
from kiosk.core import KioskCore
from kiosk.events import EventBus
from kiosk.paths import DataPaths, resolve_paths
from kiosk.session import Clock, utc_now
from kiosk.settings import Settings
from kiosk.workers import Executor, ThreadExecutor

log = logging.getLogger(__name__)


@dataclass
class KioskApp:
    """Everything the running kiosk is made of; ``stop`` releases it all."""

    settings: Settings
    paths: DataPaths
    core: KioskCore
    stoppers: list[Any] = field(default_factory=list)

    def stop(self) -> None:
        """Stop devices, sync and workers (in reverse start order)."""
        for stop in reversed(self.stoppers):
            try:
                stop()
            except Exception:
                log.exception("error while stopping")
        self.core.shutdown()


def build_app(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    executor: Executor | None = None,
    catalog: Catalog | None = None,
) -> KioskApp:
    """Assemble the kiosk for ``settings`` (demo settings select simulators)."""
    paths = resolve_paths(settings)
    paths.create()
    core = KioskCore(
        settings,
        clock=clock,
        executor=executor or ThreadExecutor(),
        bus=EventBus(),
        catalog=catalog or load_bundled_catalog(),
    )
    return KioskApp(settings=settings, paths=paths, core=core)
