"""The reply wait counts the time its thread waited, not the time it could not run."""

from __future__ import annotations

from drivers.wait_budget import WaitBudget


class _Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_a_silent_device_runs_out_at_the_normal_rate() -> None:
    clock = _Clock()
    budget = WaitBudget(0.5, slice_s=0.1, clock=clock)
    looks = 0
    while not budget.expired():
        clock.t += 0.02  # one serial read's timeout per look
        looks += 1
    assert looks == 26  # 0.52 s of looks: just past the 0.5 s
    assert budget.not_running_s == 0.0


def test_a_stretch_the_thread_could_not_run_is_not_counted() -> None:
    clock = _Clock()
    budget = WaitBudget(0.5, slice_s=0.1, clock=clock)
    clock.t += 3.6  # the GUI thread held the GIL for 3.6 s
    assert not budget.expired()
    assert round(budget.spent_s, 3) == 0.1 and round(budget.not_running_s, 3) == 3.5
    for _ in range(19):  # the device then has the rest of its time
        clock.t += 0.02
        assert not budget.expired()
    clock.t += 0.05
    assert budget.expired()
