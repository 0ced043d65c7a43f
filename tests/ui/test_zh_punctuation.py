"""Chinese strings use full-width punctuation: no half-width colon after a Chinese word
("近期免冠证件照: 已拍摄" was a try-out finding).

Checked where Chinese text comes from: every entry of every ui/strings table (the merged
table), the receipts' table, the catalog's data, and what the screens show once they
have put texts together (a label and its value), on every tour scene in both modes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

import kiosk
from kiosk.receipts import strings as receipt_strings
from tests.ui.helpers import visible_texts
from ui.i18n import STRINGS
from ui.tour import SCENES, stage

HALF_COLON_AFTER_CJK = re.compile(r"[\u4e00-\u9fff）]\s*:")
# Half-width , ; ? ! between Chinese words (a half-width mark next to Latin text, as in
# "中文 (GB18030)" or "Page 1/2", is left alone).
HALF_MARK_IN_CJK = re.compile(r"[\u4e00-\u9fff][,;?!]\s*[\u4e00-\u9fff]")
DATA = Path(kiosk.__file__).parent / "data"


def bad_punctuation(text: str) -> bool:
    """A half-width colon after Chinese, or a half-width , ; ? ! between Chinese words."""
    return bool(HALF_COLON_AFTER_CJK.search(text) or HALF_MARK_IN_CJK.search(text))


def test_no_half_width_colon_in_chinese_strings() -> None:
    assert len(STRINGS) > 300  # every ui/strings table, merged
    bad = {k: zh for k, (zh, _en) in STRINGS.items() if bad_punctuation(zh)}
    assert not bad, bad


def test_receipt_strings_use_full_width_punctuation() -> None:
    table = receipt_strings._STRINGS
    assert table
    bad = {k: zh for k, (zh, _en) in table.items() if bad_punctuation(zh)}
    assert not bad, bad


def _zh_texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "zh" and isinstance(v, str):
                yield where, v
            else:
                yield from _zh_texts(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _zh_texts(v, f"{where}[{i}]")


def test_catalog_data_uses_full_width_punctuation() -> None:
    texts = list(_zh_texts(json.loads((DATA / "catalog.json").read_text(encoding="utf-8"))))
    assert len(texts) > 50
    bad = [(where, t) for where, t in texts if bad_punctuation(t)]
    assert not bad, bad


def test_checker_catches_the_try_out_finding() -> None:
    assert bad_punctuation("近期免冠证件照: 已拍摄") and bad_punctuation("请核对,或呼叫")
    assert not bad_punctuation("近期免冠证件照：已拍摄") and not bad_punctuation("中文 (GB18030)")


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
def test_screens_put_texts_together_with_full_width_punctuation(window, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    """What the screens compose (a label and its value, a list) on every tour scene."""
    bad: dict[str, list[str]] = {}
    seen = 0
    for scene in SCENES:
        if scene.name.startswith("maintenance"):
            continue  # the technicians' panel: its own words test (test_maintenance_words.py)
        stage(window, scene, "zh", assisted)
        root: QWidget = window
        texts = visible_texts(root)
        seen += len(texts)
        wrong = [t for t in texts if bad_punctuation(t)]
        if wrong:
            bad[scene.name] = wrong
    assert seen > 500
    assert not bad, bad
