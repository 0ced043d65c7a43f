"""GB/T 3304 nation codes, from data/nations.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Nation:
    """One GB/T 3304 entry."""

    code: str
    printed: str  # as on the card: 汉, 蒙古, 其他 …
    name_zh: str
    name_en: str


@cache
def nations() -> dict[str, Nation]:
    """Every nation by its two-digit code."""
    raw = resources.files("drivers.idcard").joinpath("data/nations.json").read_text("utf-8")
    return {n["code"]: Nation(**n) for n in json.loads(raw)["nations"]}


def nation(code: str) -> Nation | None:
    """The nation for a two-digit code (``"1"`` is taken as ``"01"``), or None if unknown."""
    c = code.strip()
    if c.isdigit() and len(c) == 1:
        c = "0" + c
    return nations().get(c)
