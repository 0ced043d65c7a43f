"""Every interface string exists in both languages; English screens show no Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.flow import Journey, Screen
from tests.ui.helpers import has_cjk, visible_texts
from ui.i18n import STRINGS

UI = Path(__file__).resolve().parents[2] / "ui"
KEY_CALLS = {"t", "tr", "label", "button"}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            arg = node.args[0]
            if name in KEY_CALLS and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.add(arg.value)
    return keys


def test_every_used_key_is_translated_in_both_languages() -> None:
    keys = used_keys()
    assert len(keys) > 30
    missing = sorted(k for k in keys if k not in STRINGS)
    assert not missing, f"keys without translation: {missing}"
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
        assert has_cjk(zh) or key == "nav.lang", f"{key}: Chinese text missing"


def test_placeholders_match_between_languages() -> None:
    import string

    for key, (zh, en) in STRINGS.items():
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(zh) == fields(en), key


SCREENS = [
    (Journey.APPLY, []),
    (Journey.APPLY, ["pick"]),
    (Journey.GUIDES, ["pick"]),
]


@pytest.mark.parametrize("journey,steps", SCREENS)
def test_english_screens_show_no_chinese(window, journey: Journey, steps: list[str]) -> None:  # type: ignore[no-untyped-def]
    core = window.core
    core.sessions.set_language("en")
    core.start(journey)
    if steps:
        core.sessions.current.service_id = core.catalog.services[0].id
        core.next()
    window.show_screen()
    texts = visible_texts(window)
    offenders = [t for t in texts if has_cjk(t) and t != "中文"]
    assert not offenders, offenders


def test_english_home_has_no_chinese(window) -> None:  # type: ignore[no-untyped-def]
    window.lang_btn.click()
    assert window.core.screen() == Screen.HOME
    offenders = [t for t in visible_texts(window) if has_cjk(t) and t != "中文"]
    assert not offenders, offenders
