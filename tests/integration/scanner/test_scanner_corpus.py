"""The committed corpus: every clean code read, ≥ 80 % of distorted ones, Chinese byte-exact.

CI runs the first 120 samples of the same generator the benchmark runs in full
(bench/scanner.py); the sample order interleaves kinds, sizes and distortions,
so the prefix covers every combination.
"""

from __future__ import annotations

from collections import Counter

import pytest

from drivers.scanner.pipeline import FramePipeline, PipelineConfig
from drivers.scanner.types import Backend
from tests.support.qr_corpus import SIZES, VARIANT_KINDS, corpus, variant_corpus

pytestmark = pytest.mark.integration

N = 120


@pytest.fixture(scope="module")
def samples():  # type: ignore[no-untyped-def]
    return list(corpus(N))


def _run(samples, backend: Backend):  # type: ignore[no-untyped-def]
    pipe = FramePipeline(PipelineConfig(backend=backend))
    outcomes = []
    for s in samples:
        reads = [r.payload for r in pipe.decode(s.image, s.index, 0.0)]
        outcomes.append((s, reads))
    return outcomes


def test_default_pipeline_meets_the_corpus_claims(samples) -> None:  # type: ignore[no-untyped-def]
    outcomes = _run(samples, Backend.ZXING)
    clean = [(s, r) for s, r in outcomes if s.distortion == "clean"]
    distorted = [(s, r) for s, r in outcomes if s.distortion != "clean"]
    assert {s.size for s, _ in clean} == set(SIZES) and len(distorted) >= 80
    assert {s.distortion for s, _ in distorted} >= {
        "rotate",
        "perspective",
        "blur",
        "low_contrast",
        "glare",
    }

    missed_clean = [(s.index, s.kind, s.size) for s, r in clean if s.payload not in r]
    assert missed_clean == []
    rate = sum(s.payload in r for s, r in distorted) / len(distorted)
    assert rate >= 0.80, f"distorted read rate {rate:.1%}"
    # Whatever is read is exactly what was encoded: never a mangled Chinese string.
    wrong = [(s.index, s.kind) for s, r in outcomes for p in r if p != s.payload]
    assert wrong == []
    chinese_read = [s for s, r in outcomes if s.kind.startswith("zh") and s.payload in r]
    assert len(chinese_read) >= 0.8 * sum(s.kind.startswith("zh") for s in samples)


def test_zbar_backend_reads_every_clean_code_exactly(samples) -> None:  # type: ignore[no-untyped-def]
    outcomes = _run([s for s in samples if s.distortion == "clean"], Backend.ZBAR)
    kinds = Counter(s.kind for s, _ in outcomes)
    assert kinds["zh"] > 0 and kinds["zh_gb18030"] > 0 and kinds["binary"] > 0
    assert [(s.index, r) for s, r in outcomes if r != [s.payload]] == []


@pytest.fixture(scope="module")
def variants():  # type: ignore[no-untyped-def]
    return list(variant_corpus(48))


def test_light_on_dark_and_shift_jis_codes_read_byte_exact(variants) -> None:  # type: ignore[no-untyped-def]
    outcomes = _run(variants, Backend.ZXING)
    clean = [(s, r) for s, r in outcomes if s.distortion == "clean"]
    assert {s.kind for s, _ in clean} == set(VARIANT_KINDS)
    assert [(s.index, s.kind) for s, r in clean if s.payload not in r] == []
    distorted = [(s, r) for s, r in outcomes if s.distortion != "clean"]
    rate = sum(s.payload in r for s, r in distorted) / len(distorted)
    assert rate >= 0.70, f"distorted light-on-dark / Shift-JIS read rate {rate:.1%}"
    assert [(s.index, s.kind) for s, r in outcomes for p in r if p != s.payload] == []


def test_shift_jis_is_labelled_shift_jis_never_gb18030(variants) -> None:  # type: ignore[no-untyped-def]
    pipe = FramePipeline(PipelineConfig())
    labels = Counter()
    for s in variants:
        if not s.kind.startswith("sjis"):
            continue
        for r in pipe.decode(s.image, s.index, 0.0):
            labels[r.encoding] += 1
            assert r.text == s.payload.decode("shift_jis")
    assert labels["shift_jis"] >= 20 and set(labels) == {"shift_jis"}


def test_combined_never_reads_fewer_codes_than_either_decoder(samples, variants) -> None:  # type: ignore[no-untyped-def]
    frames = samples[:48] + variants[:24]
    per_backend = {b: _run(frames, b) for b in Backend}
    fewer = []
    for i, s in enumerate(frames):
        combined = set(per_backend[Backend.COMBINED][i][1])
        for alone in (Backend.ZXING, Backend.ZBAR):
            if not set(per_backend[alone][i][1]) <= combined:
                fewer.append((s.index, s.kind, alone.value))
    assert fewer == []
    # Not vacuous: the two decoders disagree on some of these frames.
    zx = [set(r) for _, r in per_backend[Backend.ZXING]]
    zb = [set(r) for _, r in per_backend[Backend.ZBAR]]
    assert any(a != b for a, b in zip(zx, zb, strict=True))
