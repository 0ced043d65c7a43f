"""Drivers wait on descriptors numbered past 1,024 (``select.select``, and so pyserial's
own read and write, cannot): the real serial driver reads a card from the simulated SAM
reader, and the printer's device-file link reads its status, with every descriptor they
use above that line, as in a process holding many files."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator

import pytest

from drivers.fd_wait import wait_readable
from drivers.idcard.frames import Command, FrameParser, command_frame, parse_reply
from drivers.idcard.serial_reader import SerialSamReader
from drivers.idcard.simulator import PtySamReader, sample_card
from drivers.idcard.status import SUCCESS
from drivers.printer.transports import FileConfig, FileLink

LINE = 1024  # select.select's FD_SETSIZE


@pytest.fixture
def past_the_line() -> Iterator[None]:
    """While it lasts, descriptors opened next are numbered past 1,024."""
    fillers: list[int] = []
    null = os.open(os.devnull, os.O_RDONLY)
    fillers.append(null)
    while fillers[-1] < LINE + 8:
        fillers.append(os.dup(null))
    # Free the last few: the code under test gets those numbers, all past the line.
    for fd in fillers[-8:]:
        os.close(fd)
    kept = fillers[:-8]
    yield
    for fd in kept:
        os.close(fd)


def _read_reply(fd: int) -> bytes | None:
    parser = FrameParser()
    while wait_readable(fd, 5.0):
        parser.feed(os.read(fd, 4096))
        body = parser.next_body()
        if body is not None:
            return body
    return None


def test_the_simulated_reader_answers_on_a_high_descriptor(past_the_line: None) -> None:
    sim = PtySamReader()
    try:
        fd = os.open(sim.port, os.O_RDWR | os.O_NOCTTY)
        try:
            assert fd >= LINE
            os.write(fd, command_frame(Command.SAM_STATUS))
            body = _read_reply(fd)
            assert body is not None, "the simulated reader did not answer"
            assert parse_reply(body).status == SUCCESS
        finally:
            os.close(fd)
    finally:
        sim.close()


def test_the_serial_driver_reads_a_card_on_high_descriptors(past_the_line: None) -> None:
    sim = PtySamReader()
    reader = SerialSamReader(sim.port)
    try:
        card = sample_card("resident")
        sim.lay(card)
        result = reader.read_once()
        assert result.ok and result.card is not None, result.outcome
        assert result.card.number == card.values["number"]
    finally:
        reader.stop()
        sim.close()


def test_the_device_file_link_reads_status_on_a_high_descriptor(past_the_line: None) -> None:
    master, slave = os.openpty()  # the "printer": its status bytes come from the master side
    tty.setraw(slave)
    link = FileLink(FileConfig(path=os.ttyname(slave)))
    try:
        link.open()
        os.write(master, b"\x12")
        assert link.read(5.0) == b"\x12"
    finally:
        link.close()
        os.close(master)
        os.close(slave)
