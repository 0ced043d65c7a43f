"""A stored receipt brought up to date before it is printed again.

A receipt is stored as the document that went to paper. One printed while the network
was down says so in bold ("提交时网络不通：申请已保存在本机…") and has no 预计办结: the
time limit runs from delivery. Printed again after the platform got the application,
that copy stated something no longer true and left out the date the citizen needs
(try-out 10, T1). Here that sentence becomes where the application stands now, with the
date the online receipt carries; everything else stays as first printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from drivers.printer.document import Document, KeyValue, Separator, Text

from .strings import LANGS, fmt_date, fmt_datetime, t


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where an application saved offline stands: delivered (when, and the expected date
    counted from then, when known), refused for good, or neither yet (still waiting)."""

    delivered_at: dt.datetime | None = None  # local time, as printed
    expected: dt.date | None = None
    refused: bool = False


def said_pending(doc: Document) -> str | None:
    """The language of ``doc``'s "saved here, sent once the network is back" sentence,
    or None when it has none (printed online, or brought up to date already)."""
    texts = {b.text for b in doc.blocks if isinstance(b, Text)}
    return next((lang for lang in LANGS if t("receipt.pending", lang) in texts), None)


def as_of_now(doc: Document, now: Delivery) -> Document:
    """``doc`` with its offline sentence saying where the application stands ``now``; the
    document itself when it has no such sentence or nothing has changed."""
    lang = said_pending(doc)
    if lang is None or (now.delivered_at is None and not now.refused):
        return doc
    blocks = list(doc.blocks)
    at = next(
        k
        for k, b in enumerate(blocks)
        if isinstance(b, Text) and b.text == t("receipt.pending", lang)
    )
    if now.delivered_at is not None:
        when = fmt_datetime(now.delivered_at, lang)
        blocks[at] = Text(t("receipt.delivered", lang, at=when), bold=True)
        # The visit owed, said "once it reaches the platform" while it had not: now it has.
        owed = t("receipt.todo.pending", lang)
        blocks = [
            Text(t("receipt.todo", lang), bold=b.bold, size=b.size)
            if isinstance(b, Text) and b.text == owed
            else b
            for b in blocks
        ]
        label = t("receipt.expected", lang)
        has_date = any(isinstance(b, KeyValue) and b.key == label for b in blocks)
        if now.expected is not None and not has_date:
            # Where the online receipt has it: last in the details' section (the one with
            # 提交时间), before its rule. (The offline sentence heads the paper since
            # try-out 17, C10; before, it stood in that section.)
            sent = t("receipt.submitted_at", lang)
            start = next(
                (k for k, b in enumerate(blocks) if isinstance(b, KeyValue) and b.key == sent),
                at,
            )
            end = next(
                (k for k in range(start + 1, len(blocks)) if isinstance(blocks[k], Separator)),
                len(blocks),
            )
            blocks.insert(end, KeyValue(label, fmt_date(now.expected, lang)))
    else:
        blocks[at] = Text(t("receipt.refused", lang), bold=True)
    return Document(tuple(blocks), kind=doc.kind)
