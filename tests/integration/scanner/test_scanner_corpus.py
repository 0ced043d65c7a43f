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
from tests.support.qr_corpus import SIZES, corpus

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
