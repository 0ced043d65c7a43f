"""pypinyin's dictionaries, read without holding the interpreter lock for long.

On import, pypinyin reads each of its two dictionaries with one ``json.loads``:
2.5 MB of phrases, 50 ms of one C call on an idle machine here and several hundred
on a busy one, during which no other thread runs Python, so the screen freezes
if a worker imports pypinyin while the citizen is looking at it. :func:`install`
reads the same files one entry at a time (each a call of microseconds, so the GUI
thread takes the lock back within the switch interval) and registers the two
modules pypinyin imports them from, before pypinyin is imported. pypinyin then
finds them already loaded. The dictionaries are the same; only how they are read
differs.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import types
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def install() -> None:
    """Load pypinyin's dictionaries in small steps (blocking; once per process).

    Call it before importing pypinyin, off the GUI thread. Does nothing when
    pypinyin is absent or already imported (it then has its dictionaries).
    """
    with _lock:
        if "pypinyin.phrases_dict" in sys.modules or "pypinyin" in sys.modules:
            return
        spec = find_spec("pypinyin")
        if spec is None or spec.origin is None:
            return
        folder = Path(spec.origin).parent
        readings = {int(k): v for k, v in _entries((folder / "pinyin_dict.json").read_text("utf8"))}
        phrases = dict(_entries((folder / "phrases_dict.json").read_text("utf8")))
        # Registered as the modules pypinyin's own would have built.
        _register("pypinyin.pinyin_dict", "pinyin_dict", readings, folder)
        _register("pypinyin.phrases_dict", "phrases_dict", phrases, folder)


def _register(name: str, attr: str, value: dict[Any, Any], folder: Path) -> None:
    module = types.ModuleType(name, f"{attr} of pypinyin, read by kiosk.services.pinyin_dicts")
    setattr(module, attr, value)
    module._json_path = str(folder / f"{attr}.json")  # type: ignore[attr-defined]
    sys.modules[name] = module


def _skip(text: str, i: int) -> int:
    """The index of the first character at or after ``i`` that is not white space."""
    found = _WS.match(text, i)
    return found.end() if found else i


def _entries(text: str) -> list[tuple[str, Any]]:
    """The members of the JSON object ``text``, in order, each decoded on its own."""
    out: list[tuple[str, Any]] = []
    skip, decode = _skip, _decoder.raw_decode
    i = skip(text, 0)
    if text[i : i + 1] != "{":
        raise ValueError("not a JSON object")
    i = skip(text, i + 1)
    if text[i : i + 1] == "}":
        return out
    while True:
        key, i = decode(text, i)
        i = skip(text, i)
        if text[i : i + 1] != ":":
            raise ValueError(f"':' expected at {i}")
        value, i = decode(text, skip(text, i + 1))
        out.append((key, value))
        i = skip(text, i)
        if text[i : i + 1] == "}":
            return out
        if text[i : i + 1] != ",":
            raise ValueError(f"',' or '}}' expected at {i}")
        i = skip(text, i + 1)
