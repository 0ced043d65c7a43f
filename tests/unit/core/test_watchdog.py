"""The watchdog notices a GUI thread that stopped turning, and only then."""

from __future__ import annotations

from kiosk.watchdog import Watchdog


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_stall_is_reported_once_and_hang_triggers_restart() -> None:
    clock = Clock()
    hangs: list[bool] = []
    dog = Watchdog(stall_s=2, restart_s=10, on_hang=lambda: hangs.append(True), clock=clock)
    dog.beat()
    clock.t += 1.9
    dog.check()
    assert dog.stalls == 0 and not hangs
    clock.t += 0.2
    dog.check()
    dog.check()
    assert dog.stalls == 1 and not hangs
    clock.t += 10
    dog.check()
    dog.check()
    assert hangs == [True]


def test_beats_keep_it_quiet() -> None:
    clock = Clock()
    dog = Watchdog(stall_s=2, restart_s=10, on_hang=lambda: None, clock=clock)
    for _ in range(50):
        clock.t += 1
        dog.beat()
        dog.check()
    assert dog.stalls == 0


def test_alive_pings_only_while_the_gui_beats() -> None:
    clock = Clock()
    pings: list[float] = []
    dog = Watchdog(
        stall_s=2, restart_s=60, clock=clock, alive=lambda: pings.append(clock.t), alive_every_s=1
    )
    for _ in range(5):  # GUI turning: a ping per second
        clock.t += 1
        dog.beat()
        dog.check()
    assert len(pings) == 5
    for _ in range(10):  # GUI frozen: no beat, and after stall_s no ping either
        clock.t += 1
        dog.check()
    assert len(pings) == 6  # the first second of silence is still within stall_s
    clock.t += 1
    dog.beat()  # thawed: pings resume
    dog.check()
    assert len(pings) == 7


def test_alive_pings_are_spaced() -> None:
    clock = Clock()
    pings: list[float] = []
    dog = Watchdog(stall_s=2, clock=clock, alive=lambda: pings.append(clock.t), alive_every_s=5)
    for _ in range(20):
        clock.t += 0.5
        dog.beat()
        dog.check()
    assert [round(p - pings[0], 1) for p in pings] == [0.0, 5.0]
