"""Clip cache: each (text, language, voice, engine version) is rendered once.

Clips are WAV files named by a hash of that tuple (the text itself is never
written to disk), written atomically (temporary file, fsync, rename) so a power
cut leaves either the old state or the whole file. A file that no longer reads
as WAV is deleted and rendered again. The directory is bounded in bytes and
evicts the least recently used clip; recency survives restarts as the mtime.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drivers.speech.protocol import SpeechEngine
from drivers.speech.types import Language, RenderResult, RenderStatus
from drivers.speech.wav import clip_to_wav, wav_to_clip

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # ~25 min of 22 kHz mono; hundreds of prompts


@dataclass(frozen=True, slots=True)
class CacheStats:
    """Counters since the cache was opened, and the current size."""

    hits: int
    misses: int
    evictions: int
    corrupt: int
    files: int
    bytes: int


class ClipCache:
    """A bounded, LRU, crash-safe directory of rendered clips in front of an engine."""

    def __init__(
        self, engine: SpeechEngine, directory: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self.engine = engine
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        self._index: OrderedDict[str, int] = OrderedDict()  # key -> size, oldest first
        self._inflight: dict[str, threading.Event] = {}
        self._hits = self._misses = self._evictions = self._corrupt = 0
        self._load_index()

    # -- public ---------------------------------------------------------------

    def key(self, text: str, language: Language) -> str:
        """Cache key of a clip: hash of engine, version, voice, language and text."""
        e = self.engine
        parts = (e.name, e.version, e.voice_id(language), language.value, text)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def contains(self, text: str, language: Language) -> bool:
        """True when the clip is on disk (without touching recency)."""
        with self._lock:
            return self.key(text, language) in self._index

    def get(self, text: str, language: Language) -> RenderResult:
        """The clip for ``text``: read from disk on a hit, rendered and stored on a miss.

        Concurrent requests for the same clip render it once.
        """
        key = self.key(text, language)
        while True:
            with self._lock:
                if key in self._index:
                    self._index.move_to_end(key)
                    waiter = None
                    owner = False
                elif key in self._inflight:
                    waiter, owner = self._inflight[key], False
                else:
                    self._inflight[key] = threading.Event()
                    waiter, owner = None, True
            if waiter is not None:
                waiter.wait()
                continue
            if owner:
                return self._render_and_store(key, text, language)
            result = self._read(key, text, language)
            if result is not None:
                return result

    def render_uncached(self, text: str, language: Language) -> RenderResult:
        """Render without touching the disk (for text that must not be persisted)."""
        return self.engine.render(text, language)

    def warm(self, items: Iterable[tuple[str, Language]]) -> WarmUp:
        """Render ``items`` that are not cached yet, on a background thread."""
        warm = WarmUp(self, list(items))
        warm.start()
        return warm

    def stats(self) -> CacheStats:
        """Current counters and size."""
        with self._lock:
            return CacheStats(
                self._hits,
                self._misses,
                self._evictions,
                self._corrupt,
                len(self._index),
                sum(self._index.values()),
            )

    def clear(self) -> None:
        """Delete every cached clip."""
        with self._lock:
            for key in list(self._index):
                self._unlink(key)
            self._index.clear()

    # -- internals --------------------------------------------------------------

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.wav"

    def _load_index(self) -> None:
        entries: list[tuple[float, str, int]] = []
        for p in self.directory.iterdir():
            if p.suffix == ".tmp":  # a write interrupted by a crash: never served
                with contextlib.suppress(OSError):
                    p.unlink()
            elif p.suffix == ".wav" and len(p.stem) == 64:
                with contextlib.suppress(OSError):
                    st = p.stat()
                    entries.append((st.st_mtime, p.stem, st.st_size))
        for _, key, size in sorted(entries):
            self._index[key] = size
        with self._lock:
            self._evict()

    def _read(self, key: str, text: str, language: Language) -> RenderResult | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:  # evicted or deleted behind our back: a plain miss
            with self._lock:
                self._index.pop(key, None)
            return None
        clip = wav_to_clip(data, text=text, language=language)
        if clip is None:
            log.warning("corrupt cached clip %s… removed", key[:12])
            with self._lock:
                self._corrupt += 1
                self._index.pop(key, None)
                self._unlink(key)
            return None
        with self._lock:
            self._hits += 1
        with contextlib.suppress(OSError):
            os.utime(path)
        return RenderResult(RenderStatus.OK, clip)

    def _render_and_store(self, key: str, text: str, language: Language) -> RenderResult:
        try:
            with self._lock:
                self._misses += 1
            result = self.engine.render(text, language)
            if result.ok and result.clip is not None:
                self._store(key, clip_to_wav(result.clip))
            return result
        finally:
            with self._lock:
                self._inflight.pop(key).set()

    def _store(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=key[:16], suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path(key))
        except OSError as exc:  # disk full, read-only: the clip is still played
            log.warning("could not store clip: %s", type(exc).__name__)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        with self._lock:
            self._index[key] = len(data)
            self._index.move_to_end(key)
            self._evict()

    def _evict(self) -> None:
        total = sum(self._index.values())
        while total > self.max_bytes and len(self._index) > 1:
            key, size = self._index.popitem(last=False)
            self._unlink(key)
            self._evictions += 1
            total -= size

    def _unlink(self, key: str) -> None:
        with contextlib.suppress(OSError):
            self._path(key).unlink()


class WarmUp:
    """A background warm-up run; cancel it or wait for it."""

    def __init__(self, cache: ClipCache, items: list[tuple[str, Language]]) -> None:
        self._cache = cache
        self._items = items
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speech-warmup", daemon=True)
        self.rendered = 0
        self.failed = 0

    def start(self) -> None:
        """Start the background thread."""
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the clip being rendered."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the run to end; True when it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        for text, language in self._items:
            if self._cancel.is_set():
                return
            if self._cache.contains(text, language):
                continue
            if self._cache.get(text, language).ok:
                self.rendered += 1
            else:
                self.failed += 1
