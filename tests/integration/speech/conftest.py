"""Real espeak-ng, and real player processes that write what they receive to a file.

There is no sound card on CI machines, so the "device" is a process reading raw
PCM on stdin exactly as aplay would: sox writing a WAV file, or a sink that
consumes at real-time speed like a sound card does (for interruption tests).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from drivers.speech.espeak import EspeakEngine

pytestmark = pytest.mark.integration

PACED_SINK = """
import os, sys, time
out = open(sys.argv[1], "wb")
open(sys.argv[2], "w").write(str(os.getpid()))
rate = int(sys.argv[3])
while True:
    chunk = sys.stdin.buffer.read(rate // 50 * 2)   # 20 ms of 16-bit mono
    if not chunk:
        break
    out.write(chunk); out.flush()
    time.sleep(len(chunk) / 2 / rate)               # consume at playback speed
"""


@pytest.fixture
def espeak() -> EspeakEngine:
    engine = EspeakEngine()
    assert engine.available(), "espeak-ng must be installed (Debian package espeak-ng)"
    return engine


@pytest.fixture
def sox_sink(tmp_path: Path) -> tuple[list[str], Path]:
    """A player command that writes the PCM it is fed to a WAV file, plus that file."""
    assert shutil.which("sox"), "sox must be installed (Debian package sox)"
    out = tmp_path / "played.wav"
    cmd = ["sox", "-q", "-t", "raw", "-e", "signed", "-b", "16", "-L", "-r", "{rate}"]
    cmd += ["-c", "{channels}", "-", str(out)]
    return cmd, out


@pytest.fixture
def paced_sink(tmp_path: Path) -> tuple[list[str], Path, Path]:
    """A real-time player stand-in: (command, raw output file, pid file)."""
    script = tmp_path / "sink.py"
    script.write_text(PACED_SINK)
    out, pid = tmp_path / "played.raw", tmp_path / "sink.pid"
    return [sys.executable, str(script), str(out), str(pid), "{rate}"], out, pid
