"""Loudspeaker volume in percent, moved in equal steps of loudness, bounded both ends.

Percent maps to decibels (100 % = full scale, each 10 % step = 3 dB) because
equal dB steps sound like equal steps to the ear. The minimum is not silence: a
citizen who turned it right down must still hear the next prompt. The hardware
amplifier is set once at installation; this is the citizen's adjustment.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VolumePolicy:
    """Bounds, default and step of the volume, in percent."""

    min_percent: int = 20
    max_percent: int = 100
    default_percent: int = 60  # -12 dB: clear in a lobby without startling anyone
    step_percent: int = 10
    range_db: float = 30.0  # attenuation at 0 %

    def __post_init__(self) -> None:
        if not 0 <= self.min_percent <= self.default_percent <= self.max_percent <= 100:
            raise ValueError("need 0 <= min_percent <= default_percent <= max_percent <= 100")
        if self.step_percent <= 0 or self.range_db <= 0:
            raise ValueError("step_percent and range_db must be positive")

    @classmethod
    def with_default(cls, default_percent: int) -> VolumePolicy:
        """The standard bounds with a configured default, clamped into them."""
        base = cls()
        clamped = min(max(default_percent, base.min_percent), base.max_percent)
        return cls(default_percent=clamped)

    def gain(self, percent: int) -> float:
        """Linear amplitude factor for ``percent`` (1.0 at 100 %)."""
        return float(10 ** (-(100 - percent) * self.range_db / 100 / 20))


class Volume:
    """Thread-safe current volume; players read :meth:`gain` for every buffer."""

    def __init__(self, policy: VolumePolicy | None = None) -> None:
        self.policy = policy or VolumePolicy()
        self._percent = self.policy.default_percent
        self._lock = threading.Lock()

    @property
    def percent(self) -> int:
        """Current volume in percent."""
        return self._percent

    def up(self) -> int:
        """One step louder, stopping at the maximum; returns the new percent."""
        with self._lock:
            p = self.policy
            self._percent = min(self._percent + p.step_percent, p.max_percent)
            return self._percent

    def down(self) -> int:
        """One step quieter, stopping at the minimum; returns the new percent."""
        with self._lock:
            p = self.policy
            self._percent = max(self._percent - p.step_percent, p.min_percent)
            return self._percent

    def reset(self) -> int:
        """Back to the default (at session end); returns the percent."""
        with self._lock:
            self._percent = self.policy.default_percent
            return self._percent

    def gain(self) -> float:
        """Linear amplitude factor for the current volume."""
        return self.policy.gain(self._percent)
