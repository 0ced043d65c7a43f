"""The catalog snapshot shipped with the kiosk, used until the platform sends a newer one.

A kiosk installed with no network still shows every service's guide. The snapshot
is exported from the reference platform's seed (tests/unit/test_bundled_catalog.py
keeps them in step).
"""

from __future__ import annotations

import json
from importlib import resources

from kiosk.catalog import Catalog, parse_catalog


def load_bundled_catalog() -> Catalog:
    """Parse the shipped snapshot."""
    text = resources.files("kiosk").joinpath("data/catalog.json").read_text(encoding="utf-8")
    return parse_catalog(json.loads(text))
