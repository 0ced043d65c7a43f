"""An audit entry in the console's language: its kind and its details in words
(data/audit_words.json), the device and state codes as the fleet page words them.
Anything this console does not know yet (a newer kiosk's kind) is shown as sent."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from central.console.i18n import label, place, tr
from central.tracking_text import shown_form

# Kinds whose details are device -> health (kiosk/maintenance.py restart_devices): "card"
# there is the card reader, not signin.ok's "with a technician card".
DEVICES_AS_KEYS = frozenset({"panel.restart_devices"})


@cache
def _words() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("central.console").joinpath("data/audit_words.json").read_text("utf-8")
    data = json.loads(text)
    data.pop("_why", None)
    return data  # type: ignore[no-any-return]


def kind_words(kind: str, lang: str) -> str:
    """What happened, e.g. 查看日志 for ``panel.view_logs``."""
    return _words()["kind"].get(kind, {}).get(lang, kind)


def _value(key: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        value = "true" if value else "false"
    if key == "device":
        return label("device", str(value), lang)
    if key == "tracking_number" and isinstance(value, str):
        # As the citizen's receipt prints it (the kiosk records it as stored): the number
        # a complaint quotes is the one read here (try-out 17, K2). The search still
        # finds it by either form (audit.search).
        return shown_form(value)
    if isinstance(value, str) and key in ("detail", "status", "outcome", "space"):
        # Device details come as "printer.offline", "scanner.no_picture": in the words the
        # kiosk's maintenance panel uses for them (labels.json "devstate", kept alike with
        # ui/strings/device_states.py by tests/integration/console/test_audit_words.py;
        # try-out 11, K3: the page showed the codes), else the state part in words.
        code = value.split(" ", 1)[0]  # "idcard.ready SAM …": the code before its note
        worded = label("devstate", code, lang)
        if worded != code:
            return worded
        state = value.rsplit(".", 1)[-1]
        worded = label("state", state, lang)
        if worded != state:
            return worded
    if value is None:
        return "—"
    return _words()["value"].get(str(value), {}).get(lang, str(value))


# Details read first: the number a person matches an entry by (try-out 15, K3: a 补打凭条
# entry led with the print job's id).
LEADING = ("tracking_number", "slip_label")


def details_words(kind: str, data: dict[str, Any], lang: str) -> list[str]:
    """Each detail as "技术员：1000"; a device's code as its name (restart_devices)."""
    colon = tr("catalog.colon", lang)
    out = []
    for key, value in sorted(data.items(), key=lambda kv: kv[0] not in LEADING):
        name = None if kind in DEVICES_AS_KEYS else _words()["field"].get(key, {}).get(lang)
        if name is None:
            worded = label("device", key, lang)
            name, value = (
                (worded, label("state", str(value), lang)) if worded != key else (key, value)
            )
        out.append(f"{name}{colon}{_value(key, value, lang)}")
    return out


def call_words(call_id: str, row: dict[str, Any] | None, lang: str) -> str:
    """A staff call as the audit page names it (try-out 10, K3: a bare id told nothing):
    the kiosk's code and where it stands, and the screen the citizen called from
    ("终端 M001（一楼大厅东侧）· 呼叫时所在页面：确认提交（长辈模式）"); ``row`` is the
    call's submission (None: the platform no longer has it, so the id is all there is)."""
    if row is None:
        return tr("audit.call.gone", lang).replace("{id}", call_id)
    payload = (row.get("body") or {}).get("payload") or {}
    code = str(row.get("kiosk_id") or payload.get("kiosk") or "")
    kiosk = tr("audit.call.kiosk", lang).replace("{kiosk}", code)
    location = place(payload, lang)
    if location:
        kiosk += tr("audit.call.where", lang).replace("{location}", location)
    parts = [kiosk]
    screen = str(payload.get("screen") or "")
    if screen:
        words = tr("audit.call.screen", lang).replace("{screen}", label("screen", screen, lang))
        if payload.get("assisted"):
            words += tr("audit.call.assisted", lang)
        parts.append(words)
    return " · ".join(parts)
