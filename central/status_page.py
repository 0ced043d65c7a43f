"""The public status page behind the receipt QR: status only, in Chinese and English."""

from __future__ import annotations

import html
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from central.tracking_text import shown_form


@cache
def _texts() -> dict[str, dict[str, str]]:
    raw = resources.files("central").joinpath("data/status_page.toml").read_text("utf-8")
    return tomllib.loads(raw)


def _both(key: str) -> str:
    t = _texts()[key]
    zh, en = html.escape(t["zh"]), html.escape(t["en"])
    return f'<span lang="zh">{zh}</span> / <span lang="en">{en}</span>'


def _page(body: str, title: str = "title") -> str:
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{html.escape(_texts()[title]['zh'])} / {html.escape(_texts()[title]['en'])}"
        "</title></head><body>"
        f"<h1>{_both(title)}</h1>{body}</body></html>"
    )


def render(status: dict[str, Any]) -> str:
    """The page for a found application (``status`` as Platform.status returns it)."""
    timeline = status["timeline"]
    last = timeline[-1]
    rows = "".join(
        f"<li><time>{html.escape(e['at'][:16].replace('T', ' '))}</time> "
        f'<span lang="zh">{html.escape(e["note"]["zh"])}</span> / '
        f'<span lang="en">{html.escape(e["note"]["en"])}</span></li>'
        for e in timeline
    )
    booking = status.get("booking") if status.get("kind") == "appointment" else None
    when = ""
    if isinstance(booking, dict) and booking.get("slot_start"):
        start = str(booking["slot_start"]).replace("T", " ")[:16]
        end = str(booking.get("slot_end") or "")[11:16]
        slot = html.escape(start + ("–" + end if end else ""))
        when = f"<p>{_both('booking_time')}: <b>{slot}</b></p>"
    label = "booking_number" if booking is not None else "tracking_number"
    # As the citizen's receipt shows it: the check character apart (try-out 7, C-f).
    number = html.escape(shown_form(status["tracking_number"]))
    return _page(
        f"<p>{_both(label)}: <b>{number}</b></p>{when}"
        f"<p>{_both('current')}: <b>"
        f'<span lang="zh">{html.escape(last["note"]["zh"])}</span> / '
        f'<span lang="en">{html.escape(last["note"]["en"])}</span></b></p>'
        f"<p>{_both('updated')}: {html.escape(last['at'][:16].replace('T', ' '))}</p>"
        f"<h2>{_both('history')}</h2><ol>{rows}</ol>",
        "booking_title" if booking is not None else "title",
    )


def not_found() -> str:
    """The page for an unknown (or mistyped) receipt code."""
    return _page(f"<p>{_both('not_found')}</p>")
