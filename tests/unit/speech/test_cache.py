"""Clip cache: rendered once, survives restarts, bounded, never serves a broken file."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from drivers.speech.cache import ClipCache
from drivers.speech.simulator import FakeEngine
from drivers.speech.types import Language, RenderStatus
from drivers.speech.wav import wav_to_clip

ZH, EN = Language.ZH, Language.EN


def wavs(d: Path) -> list[Path]:
    return sorted(d.glob("*.wav"))


def test_miss_renders_and_stores_then_hit_reads_without_rendering(
    cache: ClipCache, engine: FakeEngine
) -> None:
    first = cache.get("请插入身份证", ZH)
    second = cache.get("请插入身份证", ZH)
    assert first.ok and second.ok
    assert engine.rendered == [("请插入身份证", ZH)]
    assert first.clip is not None and second.clip is not None
    assert second.clip.pcm == first.clip.pcm
    s = cache.stats()
    assert (s.hits, s.misses, s.files) == (1, 1, 1)


def test_hit_survives_a_restart(engine: FakeEngine, tmp_path: Path) -> None:
    ClipCache(engine, tmp_path).get("Welcome", EN)
    again = ClipCache(engine, tmp_path)
    assert again.get("Welcome", EN).ok
    assert engine.rendered == [("Welcome", EN)]


def test_key_separates_language_voice_and_engine_version(
    cache: ClipCache, engine: FakeEngine
) -> None:
    cache.get("OK", ZH)
    cache.get("OK", EN)
    engine.version = "2"  # an engine upgrade must re-render, not replay old audio
    cache.get("OK", ZH)
    assert engine.rendered == [("OK", ZH), ("OK", EN), ("OK", ZH)]


def test_file_names_do_not_reveal_the_text(cache: ClipCache) -> None:
    cache.get("请到三号窗口", ZH)
    (f,) = wavs(cache.directory)
    assert "三号" not in f.name and len(f.stem) == 64


def test_lru_eviction_keeps_the_directory_bounded(engine: FakeEngine, tmp_path: Path) -> None:
    probe = ClipCache(engine, tmp_path / "probe")
    probe.get("a" * 10, ZH)
    one = probe.stats().bytes
    cache = ClipCache(engine, tmp_path / "c", max_bytes=3 * one)
    for t in ("A" * 10, "B" * 10, "C" * 10):
        cache.get(t, ZH)
    cache.get("A" * 10, ZH)  # A is now the most recently used
    cache.get("D" * 10, ZH)  # over the bound: B, the least recently used, goes
    assert cache.stats().evictions == 1
    assert cache.stats().bytes <= 3 * one
    assert cache.contains("A" * 10, ZH) and not cache.contains("B" * 10, ZH)
    assert len(wavs(cache.directory)) == 3


def test_recency_is_remembered_across_restarts(engine: FakeEngine, tmp_path: Path) -> None:
    c = ClipCache(engine, tmp_path)
    c.get("old", ZH)
    c.get("new", ZH)
    old = c.directory / f"{c.key('old', ZH)}.wav"
    past = time.time() - 1000
    new = c.directory / f"{c.key('new', ZH)}.wav"
    os.utime(new, (past, past))
    os.utime(old, (past - 10, past - 10))
    c.get("old", ZH)  # a hit refreshes the mtime
    size = c.stats().bytes
    reopened = ClipCache(engine, tmp_path, max_bytes=size - 1)  # room for one: keep the fresher
    assert reopened.contains("old", ZH) and not reopened.contains("new", ZH)


def test_corrupt_file_is_removed_and_rendered_again(cache: ClipCache, engine: FakeEngine) -> None:
    cache.get("请稍候", ZH)
    (f,) = wavs(cache.directory)
    f.write_bytes(f.read_bytes()[:30])  # truncated inside the header
    result = cache.get("请稍候", ZH)
    assert result.ok
    assert len(engine.rendered) == 2
    assert cache.stats().corrupt == 1
    (f2,) = wavs(cache.directory)
    assert wav_to_clip(f2.read_bytes()) is not None


def test_garbage_file_is_not_played(cache: ClipCache, engine: FakeEngine) -> None:
    cache.get("请稍候", ZH)
    (f,) = wavs(cache.directory)
    f.write_bytes(b"\x00" * f.stat().st_size)
    clip = cache.get("请稍候", ZH).clip
    assert clip is not None and any(clip.pcm)


def test_interrupted_write_leaves_no_clip_and_the_next_get_renders(
    cache: ClipCache, engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def power_cut(*_: object) -> None:
        raise OSError("simulated crash before rename")

    monkeypatch.setattr("drivers.speech.cache.os.replace", power_cut)
    assert cache.get("请取卡", ZH).ok  # the citizen still hears it
    assert list(cache.directory.iterdir()) == []  # no partial .wav, temp file cleaned
    monkeypatch.undo()
    assert cache.get("请取卡", ZH).ok
    assert len(engine.rendered) == 2 and len(wavs(cache.directory)) == 1


def test_leftover_temp_file_from_a_crash_is_cleaned_and_never_served(
    engine: FakeEngine, tmp_path: Path
) -> None:
    c = ClipCache(engine, tmp_path)
    key = c.key("请取卡", ZH)
    (tmp_path / f"{key[:16]}abc.tmp").write_bytes(b"RIFF partial")
    reopened = ClipCache(engine, tmp_path)
    assert list(tmp_path.glob("*.tmp")) == []
    assert reopened.get("请取卡", ZH).ok and engine.rendered == [("请取卡", ZH)]


def test_failed_render_is_reported_and_not_cached(cache: ClipCache, engine: FakeEngine) -> None:
    engine.fail_next = RenderStatus.TIMEOUT
    assert cache.get("请稍候", ZH).status is RenderStatus.TIMEOUT
    assert wavs(cache.directory) == []
    assert cache.get("请稍候", ZH).ok


def test_concurrent_requests_for_one_clip_render_it_once(tmp_path: Path) -> None:
    gate = threading.Event()

    class SlowEngine(FakeEngine):
        def render(self, text: str, language: Language):  # type: ignore[no-untyped-def]
            gate.wait(5)
            return super().render(text, language)

    engine = SlowEngine()
    cache = ClipCache(engine, tmp_path)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("请稍候", ZH))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(5)
    assert len(results) == 4 and all(r.ok for r in results)
    assert engine.rendered == [("请稍候", ZH)]


def test_warm_up_renders_the_known_prompts_in_the_background(
    cache: ClipCache, engine: FakeEngine
) -> None:
    cache.get("已缓存", ZH)
    warm = cache.warm([("已缓存", ZH), ("欢迎", ZH), ("Welcome", EN)])
    assert warm.wait(5)
    assert warm.rendered == 2 and warm.failed == 0
    assert cache.contains("欢迎", ZH) and cache.contains("Welcome", EN)
    assert len(engine.rendered) == 3


def test_clip_larger_than_the_bound_is_played_but_not_stored(
    engine: FakeEngine, tmp_path: Path
) -> None:
    cache = ClipCache(engine, tmp_path, max_bytes=100)
    assert cache.get("这是一句很长的话" * 3, ZH).ok
    assert wavs(tmp_path) == []
