"""Loudspeaker volume as a few equal steps in decibels, bounded at both ends.

Equal dB steps sound like equal steps to the ear. The minimum is not silence
(a citizen who turned it right down must still hear the next prompt) and the
maximum is full scale; the hardware amplifier is set once at installation.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VolumePolicy:
    """Levels ``min_level..max_level``; ``max_level`` plays at full scale."""

    min_level: int = 1
    max_level: int = 8
    default_level: int = 5  # -9 dB: clear in a lobby without startling anyone
    step_db: float = 3.0

    def __post_init__(self) -> None:
        if not self.min_level <= self.default_level <= self.max_level:
            raise ValueError("default_level must lie within min_level..max_level")
        if self.step_db <= 0:
            raise ValueError("step_db must be positive")

    def gain(self, level: int) -> float:
        """Linear amplitude factor for ``level`` (1.0 at ``max_level``)."""
        return float(10 ** ((level - self.max_level) * self.step_db / 20))


class Volume:
    """Thread-safe current level; players read :meth:`gain` for every buffer."""

    def __init__(self, policy: VolumePolicy | None = None) -> None:
        self.policy = policy or VolumePolicy()
        self._level = self.policy.default_level
        self._lock = threading.Lock()

    @property
    def level(self) -> int:
        """Current level."""
        return self._level

    def up(self) -> int:
        """One step louder, stopping at the maximum; returns the new level."""
        with self._lock:
            self._level = min(self._level + 1, self.policy.max_level)
            return self._level

    def down(self) -> int:
        """One step quieter, stopping at the minimum; returns the new level."""
        with self._lock:
            self._level = max(self._level - 1, self.policy.min_level)
            return self._level

    def reset(self) -> int:
        """Back to the default (at session end); returns the level."""
        with self._lock:
            self._level = self.policy.default_level
            return self._level

    def gain(self) -> float:
        """Linear amplitude factor for the current level."""
        return self.policy.gain(self._level)
