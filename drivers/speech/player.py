"""Audio output: raw PCM piped to a command-line player, or a null sink.

Why a subprocess: on Debian 12 there may be no sound server (PulseAudio or
PipeWire) at all on a kiosk, so we cannot rely on one; ``aplay`` (alsa-utils)
talks straight to the ALSA device, ``paplay`` / sox ``play`` cover machines that
do run a server. We stream 20 ms buffers into the player's stdin, applying the
volume to each buffer, so a volume change is heard within a buffer or two and a
new prompt stops the old one at once by killing the process. When no command or
no device is found, :class:`NullPlayer` reports ``no_audio_device`` as a status.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import select
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from drivers.speech.types import Clip, PlaybackOutcome, PlaybackStatus, PlayerStatus

log = logging.getLogger(__name__)

BUFFER_MS = 20
# A small pipe keeps queued audio short (~370 ms at 22 kHz mono) so a volume
# change is heard soon, yet holds enough that a busy CPU does not starve the player.
_PIPE_BYTES = 16384
_POLL_MS = 10  # how long a cancel can go unnoticed while the pipe is full

# Placeholders: {rate} {channels}. Each reads 16-bit little-endian PCM on stdin.
PLAYER_COMMANDS: Mapping[str, tuple[str, ...]] = {
    "aplay": ("aplay", "-q", "-t", "raw", "-f", "S16_LE", "-r", "{rate}", "-c", "{channels}"),
    "paplay": ("paplay", "--raw", "--format=s16le", "--rate={rate}", "--channels={channels}"),
    "play": (
        "play", "-q", "-t", "raw", "-e", "signed", "-b", "16", "-L",
        "-r", "{rate}", "-c", "{channels}", "-",
    ),
}  # fmt: skip


def apply_gain(pcm: bytes, gain: float) -> bytes:
    """Scale 16-bit PCM by ``gain``, clipping to the sample range."""
    if gain >= 0.999:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) * gain
    out: bytes = np.clip(samples, -32768, 32767).astype("<i2").tobytes()
    return out


@dataclass(frozen=True, slots=True)
class SubprocessPlayerOptions:
    """A command that plays raw PCM from stdin; see :data:`PLAYER_COMMANDS`."""

    command: Sequence[str]
    buffer_ms: int = BUFFER_MS


class SubprocessPlayer:
    """Plays each clip by streaming it into a fresh player process."""

    def __init__(self, options: SubprocessPlayerOptions) -> None:
        self.options = options
        self._status = PlayerStatus.READY
        self.last_error = ""

    def status(self) -> PlayerStatus:
        """READY, or DEVICE_ERROR after a playback the command refused."""
        return self._status

    def play(
        self,
        clip: Clip,
        *,
        gain: Callable[[], float],
        cancel: threading.Event,
        on_start: Callable[[], None] | None = None,
    ) -> PlaybackOutcome:
        """Stream ``clip`` to the command; kill it when ``cancel`` is set."""
        if cancel.is_set():
            return PlaybackOutcome(PlaybackStatus.INTERRUPTED)
        cmd = [
            a.format(rate=clip.sample_rate, channels=clip.channels) for a in self.options.command
        ]
        with tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err
                )
            except OSError as exc:
                return self._failed(f"cannot start {cmd[0]}: {type(exc).__name__}")
            assert proc.stdin is not None
            # Not Linux, or limited: only the responsiveness of volume changes suffers.
            with contextlib.suppress(OSError):
                fcntl.fcntl(proc.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            status = PlaybackStatus.DEVICE_ERROR
            try:
                status = self._feed(proc, clip, gain, cancel, on_start)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            if status is PlaybackStatus.INTERRUPTED:
                return PlaybackOutcome(status)
            if status is PlaybackStatus.DEVICE_ERROR or proc.returncode != 0:
                err.seek(0)
                return self._failed(
                    f"{cmd[0]} exit {proc.returncode}: "
                    + err.read(300).decode("utf-8", "replace").strip()
                )
        self._status = PlayerStatus.READY
        return PlaybackOutcome(PlaybackStatus.FINISHED)

    def _feed(
        self,
        proc: subprocess.Popen[bytes],
        clip: Clip,
        gain: Callable[[], float],
        cancel: threading.Event,
        on_start: Callable[[], None] | None,
    ) -> PlaybackStatus:
        assert proc.stdin is not None
        frame = 2 * clip.channels
        step = max(1, clip.sample_rate * self.options.buffer_ms // 1000) * frame
        pcm = clip.pcm
        # Non-blocking writes polled in short slices: a blocking write into a full
        # pipe waited ~50 ms for the player to free a page before a cancel was seen.
        fd = proc.stdin.fileno()
        os.set_blocking(fd, False)
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        for i in range(0, len(pcm), step):
            view = memoryview(apply_gain(pcm[i : i + step], gain()))
            while view:
                if cancel.is_set():
                    return PlaybackStatus.INTERRUPTED
                events = poller.poll(_POLL_MS)
                if any(ev & (select.POLLERR | select.POLLHUP) for _, ev in events):
                    return PlaybackStatus.DEVICE_ERROR  # the player died; its exit code says why
                if not events:
                    continue
                try:
                    view = view[os.write(fd, view) :]
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    return PlaybackStatus.DEVICE_ERROR
            if i == 0 and on_start is not None:
                on_start()
        proc.stdin.close()
        # The player drains what it has buffered; keep honouring cancel meanwhile.
        while True:
            try:
                proc.wait(timeout=0.02)
                return PlaybackStatus.FINISHED
            except subprocess.TimeoutExpired:
                if cancel.is_set():
                    return PlaybackStatus.INTERRUPTED

    def _failed(self, detail: str) -> PlaybackOutcome:
        self._status = PlayerStatus.DEVICE_ERROR
        self.last_error = detail
        log.warning("audio playback failed: %s", detail)
        return PlaybackOutcome(PlaybackStatus.DEVICE_ERROR, detail)


class NullPlayer:
    """The sink used when there is no audio output: says so, plays nothing."""

    def __init__(self, reason: str = "no audio device") -> None:
        self.reason = reason

    def status(self) -> PlayerStatus:
        """Always NO_AUDIO_DEVICE."""
        return PlayerStatus.NO_AUDIO_DEVICE

    def play(
        self,
        clip: Clip,
        *,
        gain: Callable[[], float],
        cancel: threading.Event,
        on_start: Callable[[], None] | None = None,
    ) -> PlaybackOutcome:
        """Return NO_AUDIO_DEVICE at once; ``on_start`` is not called (nothing played)."""
        return PlaybackOutcome(PlaybackStatus.NO_AUDIO_DEVICE, self.reason)


def _alsa_has_card(proc_cards: Path) -> bool:
    try:
        text = proc_cards.read_text()
    except OSError:
        return False
    return bool(text.strip()) and "no soundcards" not in text


def _pulse_reachable(env: Mapping[str, str]) -> bool:
    """A PulseAudio-compatible server (PulseAudio or pipewire-pulse) socket exists."""
    server = env.get("PULSE_SERVER", "")
    if server:
        return True
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and Path(runtime, "pulse", "native").exists()


def detect_player(
    *,
    prefer: Sequence[str] = ("aplay", "paplay", "play"),
    proc_cards: Path = Path("/proc/asound/cards"),
    env: Mapping[str, str] | None = None,
) -> SubprocessPlayer | NullPlayer:
    """Choose the first player in ``prefer`` that is installed and has an output.

    ``aplay`` needs an ALSA card, ``paplay`` a sound server socket, sox ``play``
    either. Otherwise a :class:`NullPlayer` explains what is missing.
    """
    env = os.environ if env is None else env
    alsa, pulse = _alsa_has_card(proc_cards), _pulse_reachable(env)
    needs = {"aplay": alsa, "paplay": pulse, "play": alsa or pulse}
    for name in prefer:
        if name in PLAYER_COMMANDS and shutil.which(name) and needs.get(name, False):
            log.info("audio output: %s", name)
            return SubprocessPlayer(SubprocessPlayerOptions(PLAYER_COMMANDS[name]))
    installed = [n for n in prefer if shutil.which(n)]
    reason = (
        "no audio device: no ALSA card and no sound server"
        if installed
        else "no audio device: no player installed (aplay, paplay or play)"
    )
    log.info("audio output: none (%s)", reason)
    return NullPlayer(reason)
