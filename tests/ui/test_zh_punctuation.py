"""Chinese strings use full-width punctuation: no half-width colon after a Chinese word
("近期免冠证件照: 已拍摄" was a try-out finding)."""

from __future__ import annotations

import re

from ui.i18n import STRINGS

HALF_COLON_AFTER_CJK = re.compile(r"[\u4e00-\u9fff）]\s*:")


def test_no_half_width_colon_in_chinese_strings() -> None:
    bad = {k: zh for k, (zh, _en) in STRINGS.items() if HALF_COLON_AFTER_CJK.search(zh)}
    assert not bad, bad
