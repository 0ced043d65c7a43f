"""Volume: a safe default, bounded steps, back to the default at session end."""

from __future__ import annotations

import pytest

from drivers.speech.volume import Volume, VolumePolicy


def test_up_and_down_stop_at_the_bounds() -> None:
    v = Volume()
    for _ in range(20):
        v.up()
    assert v.percent == v.policy.max_percent == 100
    for _ in range(20):
        v.down()
    assert v.percent == v.policy.min_percent
    assert v.gain() > 0  # the quietest setting is still audible


def test_each_step_changes_loudness_and_reset_restores_the_default() -> None:
    v = Volume()
    default_gain = v.gain()
    assert v.up() == 70 and v.gain() > default_gain
    v.reset()
    assert v.percent == 60 and v.gain() == default_gain
    assert v.down() == 50 and v.gain() < default_gain


def test_full_volume_plays_at_full_scale() -> None:
    assert VolumePolicy().gain(100) == 1.0


def test_configured_default_is_clamped_into_the_safe_range() -> None:
    assert VolumePolicy.with_default(0).default_percent == 20
    assert VolumePolicy.with_default(80).default_percent == 80


def test_inconsistent_policy_is_refused() -> None:
    with pytest.raises(ValueError):
        VolumePolicy(min_percent=50, default_percent=40)
