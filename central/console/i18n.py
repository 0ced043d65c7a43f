"""The console's strings in Chinese and English (data/strings.json) and the page language."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@cache
def strings() -> dict[str, dict[str, str]]:
    """Every console string, key -> {language: text}."""
    text = resources.files("central.console").joinpath("data/strings.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def tr(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (KeyError for a missing key: a bug to see in tests)."""
    return strings()[key][lang]


@cache
def labels() -> dict[str, dict[str, dict[str, str]]]:
    """Words for the codes kiosks send (screens, reasons, devices, states), per kind."""
    text = resources.files("central.console").joinpath("data/labels.json").read_text("utf-8")
    data: dict[str, dict[str, dict[str, str]]] = json.loads(text)
    return data


def label(kind: str, code: str, lang: str) -> str:
    """The word for a kiosk's ``code`` of ``kind`` in ``lang``; the code itself when it
    is one this console does not know yet (a newer kiosk), never an error."""
    return labels().get(kind, {}).get(code, {}).get(lang, code)


def pick_language(asked: str | None, remembered: str | None) -> str:
    """The page language: asked in the URL, else remembered in a cookie, else Chinese."""
    for lang in (asked, remembered):
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def place(said: Mapping[str, object], lang: str) -> str:
    """Where a kiosk stands, as it says it (a heartbeat, a staff call: ``location``, and
    ``location_en`` from kiosks since try-out 15, K5) in the page's language; in its own
    words when it gives none in that language (an older kiosk), "" when it says neither.
    One rule for every page (try-out 17, K6: the English 终端 page named places in Chinese)."""
    fields = ("location_en", "location") if lang == "en" else ("location",)
    return next((v for f in fields if isinstance(v := said.get(f), str) and v), "")
