"""Shared helpers for the benchmarks: where results go, simple statistics."""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


def write_result(name: str, figures: dict[str, Any]) -> Path:
    """Print ``figures`` and store them in bench/out/NAME.json with machine context."""
    OUT.mkdir(parents=True, exist_ok=True)
    doc = {
        "benchmark": name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
        },
        **figures,
    }
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for k, v in figures.items():
        print(f"{name}.{k} = {v}")
    return path


def median(values: list[float]) -> float:
    """Median, rounded for reading."""
    return round(statistics.median(values), 3)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return round(s[k], 3)
