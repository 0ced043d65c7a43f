"""Helpers to read what is on screen, as a citizen would see it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget


def visible_texts(root: QWidget) -> list[str]:
    """Every non-empty text on a visible label or button under ``root``."""
    # Widgets added to a shown layout become visible once queued events run.
    QApplication.processEvents()
    out: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root.window()) or not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton) and w.text().strip():
            out.append(w.text())
    return out


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
