"""The kiosk sessions lock a citizen in: no key combination leads out, the screen never blanks.

The X11 session script runs for real under Xvfb with the real kiosk (simulated
devices, production mode: no demo keys). Every escape a citizen or a prankster
might try is typed through the X server; after each the kiosk must still be running,
full screen and on top, and the session must still be there. The cage session
script is run with a stand-in `cage` that records its command line, to prove VT
switching is never allowed and rotation comes from the configuration.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.xvfb]

ROOT = Path(__file__).resolve().parents[3]
SESSION_DIR = ROOT / "deploy" / "session"
SCREEN = (1920, 1080)

# What people press to get out of a kiosk: window manager and desktop shortcuts,
# the X server's own escapes, application quit keys, full-screen toggles.
ESCAPES = (
    "alt+F4",
    "ctrl+alt+BackSpace",
    "ctrl+alt+Delete",
    "ctrl+alt+F1",
    "ctrl+alt+F2",
    "ctrl+alt+F7",
    "alt+Tab",
    "super",
    "super+d",
    "alt+F2",
    "ctrl+alt+t",
    "ctrl+q",
    "ctrl+w",
    "Escape",
    "F11",
    "alt+space",
    "ctrl+Escape",
)


@pytest.fixture
def xvfb() -> Iterator[str]:
    for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool"), ("xset", "x11-xserver-utils")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install {package}")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            "{}x{}x24".format(*SCREEN),
            "+extension",
            "DPMS",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    try:
        yield f":{display}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _kiosk_wrapper(tmp_path: Path) -> Path:
    """Stands in for /opt/zhengwu-kiosk/venv/bin/kiosk: this checkout's kiosk."""
    wrapper = tmp_path / "kiosk"
    wrapper.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m kiosk "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    return wrapper


def _config(tmp_path: Path, rotation: int = 0) -> Path:
    """Production mode (no demo keys) with simulated devices and an embedded platform."""
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    text = text.replace(
        "[kiosk]\n", f"[display]\nfullscreen = true\nrotation = {rotation}\n\n[kiosk]\n", 1
    )
    text += f'\n[storage]\ndata_dir = "{tmp_path / "data"}"\n'
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _xdotool(display: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=20,
    )


def _kiosk_window(display: str, pid: int) -> str | None:
    found = _xdotool(display, "search", "--onlyvisible", "--pid", str(pid))
    ids = found.stdout.split()
    return ids[0] if ids else None


def _geometry(display: str, window: str) -> tuple[int, int, int, int]:
    out = _xdotool(display, "getwindowgeometry", "--shell", window).stdout
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def test_x11_session_has_no_way_out_and_never_blanks(xvfb: str, tmp_path: Path) -> None:
    env = dict(
        os.environ,
        DISPLAY=xvfb,
        KIOSK_BIN=str(_kiosk_wrapper(tmp_path)),
        KIOSK_CONFIG=str(_config(tmp_path)),
        WATCHDOG_PID="1",
    )
    session = subprocess.Popen(
        [str(SESSION_DIR / "zhengwu-kiosk-x11-session")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        window = None
        deadline = time.monotonic() + 90
        while window is None and time.monotonic() < deadline:
            assert session.poll() is None, f"the session ended with {session.returncode}"
            window = _kiosk_window(xvfb, session.pid)  # the script exec'd the kiosk
            time.sleep(0.3)
        assert window is not None, "the kiosk window never appeared"
        time.sleep(1.0)  # let the full-screen request settle
        assert _geometry(xvfb, window) == (0, 0, *SCREEN)

        for combo in ESCAPES:
            _xdotool(xvfb, "key", "--clearmodifiers", combo)
            time.sleep(0.3)
            assert session.poll() is None, f"{combo} ended the kiosk"
            assert _kiosk_window(xvfb, session.pid) == window, f"{combo} closed the window"
            assert _geometry(xvfb, window) == (0, 0, *SCREEN), f"{combo} left full screen"
    finally:
        if session.poll() is None:
            session.send_signal(signal.SIGTERM)
            try:
                session.wait(30)
            except subprocess.TimeoutExpired:
                session.kill()
                session.wait(10)
    assert session.returncode == 0, "SIGTERM should end the kiosk cleanly"


def _shim(bindir: Path, name: str, log: Path) -> None:
    """A stand-in command that records its arguments and exits."""
    script = bindir / name
    script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
    script.chmod(0o755)


@pytest.mark.parametrize(("rotation", "flags"), [(0, ""), (90, "-r "), (270, "-r -r -r ")])
def test_cage_session_never_allows_vt_switching(tmp_path: Path, rotation: int, flags: str) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "calls.log"
    _shim(bindir, "cage", log)
    kiosk = _kiosk_wrapper(tmp_path)
    config = _config(tmp_path, rotation)
    env = dict(
        os.environ,
        PATH=f"{bindir}:{os.environ['PATH']}",
        KIOSK_BIN=str(kiosk),
        KIOSK_CONFIG=str(config),
        WATCHDOG_PID="1",
    )
    subprocess.run([str(SESSION_DIR / "zhengwu-kiosk-session")], env=env, check=True, timeout=60)
    call = log.read_text(encoding="utf-8").strip()
    assert call == f"cage -d {flags}-- {kiosk} --config {config}"
    assert " -s" not in call


def test_x11_session_turns_output_and_touch_together(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "calls.log"
    for name in ("xset", "xrandr"):
        _shim(bindir, name, log)
    (bindir / "xinput").write_text(
        f'#!/bin/sh\nif [ "$1" = list ]; then echo "ILITEK Multi-Touch"; echo "AT Keyboard"; '
        f'else echo "xinput $*" >> "{log}"; fi\n',
        encoding="utf-8",
    )
    (bindir / "xinput").chmod(0o755)
    kiosk = bindir / "kiosk-shim"
    kiosk.write_text(
        f'#!/bin/sh\nif [ "$3" = --print-setting ]; then echo 90; else echo "kiosk $*" >> "{log}"; fi\n',
        encoding="utf-8",
    )
    kiosk.chmod(0o755)
    env = dict(
        os.environ,
        PATH=f"{bindir}:{os.environ['PATH']}",
        KIOSK_BIN=str(kiosk),
        KIOSK_CONFIG="/etc/zhengwu-kiosk/kiosk.toml",
    )
    subprocess.run(
        [str(SESSION_DIR / "zhengwu-kiosk-x11-session")], env=env, check=True, timeout=30
    )
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[:3] == ["xset s off", "xset s noblank", "xset -dpms"]
    assert "xrandr -o right" in calls
    assert (
        "xinput set-prop ILITEK Multi-Touch Coordinate Transformation Matrix 0 1 0 -1 0 1 0 0 1"
        in calls
    )
    assert not any("AT Keyboard" in c for c in calls)
    assert calls[-1] == "kiosk --config /etc/zhengwu-kiosk/kiosk.toml"


def test_x_server_escapes_and_blanking_are_switched_off() -> None:
    """What Xvfb cannot show: Xorg's own escapes and power-saving, set by file and flags.

    (Xvfb keeps its screen-saver timeout whatever xset asks, so the X11 session's
    calls are checked with stand-ins above, and the server's settings here.)
    """
    conf = (SESSION_DIR / "10-zhengwu-kiosk.conf").read_text(encoding="utf-8")
    for option in ("DontVTSwitch", "DontZap", "DontZoom"):
        assert f'Option "{option}" "true"' in conf
    for option in ("BlankTime", "StandbyTime", "SuspendTime", "OffTime"):
        assert f'Option "{option}" "0"' in conf
    unit = (ROOT / "deploy" / "zhengwu-kiosk-x11.service").read_text(encoding="utf-8")
    start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "zhengwu-kiosk-x11-session" in start
    for flag in ("-novtswitch", "-nolisten tcp", "-s 0", "-dpms"):
        assert flag in start, flag
