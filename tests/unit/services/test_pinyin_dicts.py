"""pypinyin's dictionaries read an entry at a time (kiosk/services/pinyin_dicts.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.services.pinyin_dicts import _entries

# In a fresh interpreter: install() first, then pypinyin as the kiosk uses it.
_PROBE = """
import json, sys
from kiosk.services import pinyin_dicts
if sys.argv[1] == "ours":
    pinyin_dicts.install()
from pypinyin import lazy_pinyin
import pypinyin.phrases_dict as p, pypinyin.pinyin_dict as q
print(json.dumps({
    "ours": "kiosk" in (p.__doc__ or ""),
    "phrases": sorted(p.phrases_dict.items()),
    "readings": sorted(q.pinyin_dict.items()),
    "said": lazy_pinyin("重庆银行的张三"),
}, ensure_ascii=False))
"""


def _run(mode: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def test_install_gives_pypinyin_the_same_dictionaries_as_its_own_loading() -> None:
    ours, theirs = _run("ours"), _run("theirs")
    assert ours["ours"] is True and theirs["ours"] is False  # each path really taken
    assert ours["phrases"] == theirs["phrases"]
    assert ours["readings"] == theirs["readings"]
    assert len(ours["phrases"]) > 40_000  # type: ignore[arg-type]
    assert ours["said"] == theirs["said"] == ["chong", "qing", "yin", "hang", "de", "zhang", "san"]


def test_entries_read_any_json_object_and_refuse_a_damaged_one() -> None:
    text = '{ "a" : [["x", "y"]],\n"b":"c,d" , "\\u4e00": {"n": 1} }'
    assert _entries(text) == list(json.loads(text).items())
    assert _entries(" {} ") == []
    for bad in ('["a"]', '{"a" 1}', '{"a": 1 "b": 2}', '{"a": 1,'):
        with pytest.raises(ValueError):
            _entries(bad)
