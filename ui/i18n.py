"""Interface strings in Simplified Chinese (default) and English.

Each area keeps its table in ``ui/strings/<area>.py`` as ``STRINGS = {key: (zh, en)}``;
this module merges them (a key defined twice is an error), so a missing
translation is a test failure (tests/ui/test_i18n.py checks every key used in
ui/ exists in both languages, and that an English screen shows no Chinese text).
Catalog content (service names, materials) comes translated from the platform.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import ui.strings

LANGUAGES = ("zh", "en")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(ui.strings.__path__), key=lambda m: m.name):
        table: dict[str, tuple[str, str]] = importlib.import_module(
            f"ui.strings.{info.name}"
        ).STRINGS
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"ui/strings/{info.name}.py redefines {sorted(clash)}")
        merged.update(table)
    return merged


STRINGS: dict[str, tuple[str, str]] = _merge()


def tr(key: str, lang: str, **fmt: Any) -> str:
    """The string ``key`` in ``lang`` ('zh' or 'en'), formatted with ``fmt``.

    An unknown key returns the key itself so the gap is visible (and caught by tests)
    rather than crashing a citizen's screen.
    """
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**fmt) if fmt else text
