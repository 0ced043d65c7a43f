"""The device supervisor reports changes once, survives a failing probe, and polls on demand."""

from __future__ import annotations

import threading

from kiosk.events import Device, DeviceStatusChanged, Event, EventBus, Health
from kiosk.supervisor import DeviceSupervisor


def test_publishes_changes_only_and_survives_a_broken_probe() -> None:
    bus = EventBus()
    seen: list[Event] = []
    bus.subscribe(seen.append)
    printer = [(Health.OK, "printer.ready")]

    def broken() -> tuple[Health, str]:
        raise RuntimeError("driver bug")

    sup = DeviceSupervisor(bus, {Device.PRINTER: lambda: printer[0], Device.SCANNER: broken})
    sup.poll_once()
    sup.poll_once()
    assert seen == [
        DeviceStatusChanged(Device.PRINTER, Health.OK, "printer.ready"),
        DeviceStatusChanged(Device.SCANNER, Health.FAULT, "scanner.error"),
    ]
    printer[0] = (Health.FAULT, "printer.paper_out")
    sup.poll_once()
    assert seen[-1] == DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out")
    assert len(seen) == 3


def test_poke_polls_again_without_waiting_for_the_interval() -> None:
    bus = EventBus()
    seen = {"printer.ready": threading.Event(), "printer.paper_out": threading.Event()}
    bus.subscribe(lambda e: seen[e.detail].set())  # type: ignore[union-attr]
    got = seen["printer.paper_out"]
    state = [(Health.OK, "printer.ready")]
    sup = DeviceSupervisor(bus, {Device.PRINTER: lambda: state[0]}, interval_s=3600)
    sup.start()
    try:
        assert seen["printer.ready"].wait(10)
        state[0] = (Health.FAULT, "printer.paper_out")
        sup.poke()
        assert got.wait(10), "a poke must trigger a poll long before the hour is up"
    finally:
        sup.stop()


def test_a_device_in_trouble_is_logged_and_so_is_its_recovery_but_not_work(caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    caplog.set_level(logging.INFO, logger="kiosk.supervisor")
    state = {
        Device.PRINTER: (Health.OK, "printer.ready"),
        Device.IDCARD: (Health.OK, "idcard.ready"),
    }
    sup = DeviceSupervisor(EventBus(), {d: (lambda d=d: state[d]) for d in state})
    sup.poll_once()  # all well at start: nothing logged
    state[Device.IDCARD] = (Health.DEGRADED, "idcard.busy SAM 05.01")  # a card being read
    sup.poll_once()
    state[Device.IDCARD] = (Health.OK, "idcard.ready")
    state[Device.PRINTER] = (Health.FAULT, "printer.offline")
    sup.poll_once()
    state[Device.PRINTER] = (Health.OK, "printer.ready")
    sup.poll_once()
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert lines == [
        ("WARNING", "device printer: fault (printer.offline)"),
        ("INFO", "device printer: back to normal"),
    ]
