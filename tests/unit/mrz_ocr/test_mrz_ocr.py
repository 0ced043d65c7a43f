"""MRZ by the camera: reads on a generated corpus, and no wrong MRZ ever accepted."""

from __future__ import annotations

import random

import pytest

from drivers.card.mrz import MrzFormat
from drivers.mrz_ocr.layout import COVERED, LAYOUTS, constrain
from drivers.mrz_ocr.reader import Engine, MrzReader, unique_reading
from drivers.mrz_ocr.tesseract import tesseract_available
from tests.support.mrz_corpus import CONDITIONS, corpus, make_sample, random_mrz

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def _cells(text: str) -> list[list[list[tuple[str, float]]]]:
    return [[[(ch, 0.9)] for ch in line] for line in text.split("\n")]


def test_a_clean_reading_is_accepted() -> None:
    found = unique_reading(_cells(TD3), LAYOUTS[MrzFormat.TD3], COVERED[MrzFormat.TD3])
    assert found is not None and found[0].document_number == "L898902C3"


def test_any_single_misread_covered_by_a_check_digit_is_rejected() -> None:
    """Every substitution the check digits can see is refused.

    ICAO check digits (weights 7-3-1, modulo 10) are blind to a swap between two
    characters whose values differ by a multiple of 10 (L/B, A/K/U, 0/A …); those
    are left to the engine's margins (tested on the corpus) and are skipped here.
    """
    from drivers.card.mrz import char_value

    lines = TD3.split("\n")
    for pos, ch in enumerate(lines[1]):
        if COVERED[MrzFormat.TD3][1][pos] != "c":
            continue
        for wrong in "0123456789<" if ch.isdigit() or ch == "<" else "ABCXYZ":
            if wrong == ch:
                continue
            va, vb = char_value(ch), char_value(wrong)
            assert va is not None and vb is not None
            if (va - vb) % 10 == 0:
                continue  # the check digits' blind spot (see the docstring)
            bad = lines[1][:pos] + wrong + lines[1][pos + 1 :]
            text = lines[0] + "\n" + bad
            found = unique_reading(_cells(text), LAYOUTS[MrzFormat.TD3], COVERED[MrzFormat.TD3])
            assert found is None or found[1] == TD3, (pos, wrong)


def test_two_readings_that_both_pass_are_refused() -> None:
    # 0 and O in the document number at weights 3 and 7 change the check sum by
    # 24*3 + 24*7 = 240: both readings pass every check, so neither may be accepted.
    from drivers.card.mrz import build_td3

    mrz = build_td3(
        code="P",
        state="UTO",
        number="U07053155",
        surname="LI",
        given="AMARA",
        nationality="JPN",
        birth="450205",
        sex="M",
        expiry="300717",
    )
    assert unique_reading(_cells(mrz), LAYOUTS[MrzFormat.TD3], COVERED[MrzFormat.TD3]) is None


def test_lookalikes_mapped_into_digit_positions() -> None:
    assert constrain("O1IZ", "NNNN") == "0112"
    assert constrain("0SB", "AAA") == "OSB"


def test_random_mrzs_are_valid() -> None:
    rnd = random.Random(3)
    for kind in ("td3", "td1"):
        for _ in range(20):
            text = random_mrz(rnd, kind)
            found = unique_reading(
                _cells(text),
                LAYOUTS[MrzFormat.TD3 if kind == "td3" else MrzFormat.TD1],
                COVERED[MrzFormat.TD3 if kind == "td3" else MrzFormat.TD1],
            )
            # Unique unless the number holds an O/0 pair that collides (then refused).
            assert found is None or found[1] == text


@pytest.mark.integration
def test_glyph_matcher_on_the_corpus_never_accepts_a_wrong_mrz(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reader = MrzReader(Engine.GLYPHS)
    read = wrong = total = 0
    for sample in corpus(per_cell=1, seed=2):
        total += 1
        got = reader.read(sample.frame)
        if got is None:
            continue
        keys = (got.data.document_number, got.data.birth_date, got.data.expiry_date)
        if keys == sample.bac:
            read += 1
        else:
            wrong += 1
    with capsys.disabled():
        print(
            f"\nMRZ glyph matcher: read {read}/{total} = {read / total:.0%}, wrong accepted {wrong}"
        )
    assert wrong == 0
    assert read / total >= 0.45  # measured 0.62 on these frames; a regression shows here


@pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr is not installed")
def test_tesseract_never_accepts_a_wrong_mrz() -> None:
    reader = MrzReader(Engine.TESSERACT)
    for i, condition in enumerate(CONDITIONS[:3]):
        sample = make_sample(500 + i, "td3", condition, (1280, 720))
        got = reader.read(sample.frame)
        if got is not None:
            assert (
                got.data.document_number,
                got.data.birth_date,
                got.data.expiry_date,
            ) == sample.bac
