"""Composition root: builds the core and its devices from settings. No Qt here."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.backend import Backend, build_backend
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
    backend: Backend

    def start(self) -> None:
        """Start network links in the background (call once the window is up)."""
        self.backend.start()

    def stop(self) -> None:
        """Stop workers first (they may still use devices), then devices and stores."""
        self.core.shutdown()
        self.backend.stop()


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
    bus = EventBus()
    backend = build_backend(settings, paths, clock, bus)
    core = KioskCore(
        settings,
        clock=clock,
        executor=executor or ThreadExecutor(),
        bus=bus,
        catalog=catalog or load_bundled_catalog(),
        backend=backend,
    )
    return KioskApp(settings=settings, paths=paths, core=core, backend=backend)
