"""Make a question or notice fit its room: the whole sentence and both answers on screen.

In 长辈模式 at 字号 4/4 on a 1280x800 panel, "Submit now?" with the printer's note, and
"Your receipt did not print … Leave this page?", were cut through the line that asks the
question (try-out 6, item 2): the citizen saw the answers but not what they answered.
A dialog here first puts its two answers side by side (when each still shows its whole
label in half the width), then sets its title and body in smaller type, step by step,
down to a floor (:data:`FLOOR_RATIO` of the citizen's size, never under the standard
mode's small type), so the words stay as large as the room allows. Nothing scrolls:
a dialog that scrolls hides its question again, and nobody scrolls a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton

from ui.layout_items import widgets

FLOOR_RATIO = 0.7  # of the styled size: the smallest type a dialog's words may take
FLOOR_PX = 18  # and never under the standard mode's small type (reference px)
STEP = 0.04  # each try shrinks by this much of the styled size


def label_height(label: QLabel, px: int, width: int, text: str | None = None) -> int:
    """The height ``label``'s text (or ``text``) takes at ``px`` and ``width`` (as
    ui/clipping.py measures)."""
    text = label.text() if text is None else text
    if not text:
        return 0
    font = QFont(label.font())
    font.setPixelSize(px)
    fm = QFontMetrics(font)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    m = label.contentsMargins()
    room = width - m.left() - m.right() - 2 * label.margin()
    # A framed label (a note's box) keeps a whole "x" of its width free when QLabel works
    # out its height (it draws the text half an "x" in): without it a line that just fit
    # here wrapped on screen and was cut through (try-out 7, E-i).
    indent = label.indent()
    if indent < 0 and label.frameWidth() > 0:
        indent = fm.horizontalAdvance("x") - 2 * label.margin()
    sideways = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight
    if indent > 0 and label.alignment() & sideways:
        room -= indent
    rect = fm.boundingRect(QRect(0, 0, max(1, room), 100_000), flags, text)
    return rect.height() + m.top() + m.bottom() + 2 * label.margin()


def room_height(label: QLabel, px: int, width: int) -> int:
    """As :func:`label_height`, for the tallest of the texts whose room ``label`` keeps
    (ui/widgets/room_label.py): a dialog fits the words that may come into it later."""
    kept = getattr(label, "alternatives", None)
    texts = [label.text(), *(kept() if callable(kept) else ())]
    return max(label_height(label, px, width, t) for t in texts)


def _set_px(label: QLabel, px: int | None) -> None:
    """Set ``label``'s type size (None: the style's own), only when it changes."""
    sheet = "" if px is None else f"font-size: {px}px;"
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)


def text_height(
    labels: Sequence[tuple[QLabel, int]], scale: float, width: int, floor_px: int
) -> int:
    """The height ``labels`` (each with its styled px) take at ``scale`` of their size."""
    return sum(label_height(lab, max(floor_px, round(px * scale)), width) for lab, px in labels)


def fit_labels(
    labels: Sequence[tuple[QLabel, int]],
    room: int,
    width: int,
    floor_px: int,
    floor_ratio: float = FLOOR_RATIO,
) -> None:
    """Set ``labels`` (each with its styled px) in smaller type, step by step down to
    ``floor_ratio`` of it (and never under ``floor_px``), until their wrapped text fits
    ``room`` px in height at ``width``; back to their styled size when it fits as styled."""
    scale = 1.0
    while text_height(labels, scale, width, floor_px) > room and scale - STEP >= floor_ratio - 1e-9:
        scale -= STEP
    for lab, px in labels:
        _set_px(lab, None if scale >= 1.0 else max(floor_px, round(px * scale)))


def _row_fits(buttons: Sequence[QPushButton], width: int, spacing: int) -> bool:
    """Whether each button shows its whole label in its share of one row."""
    share = (width - spacing * (len(buttons) - 1)) // max(1, len(buttons))
    # A button's size hint is its label's advance plus its style's border and padding.
    return all(b.sizeHint().width() <= share for b in buttons)


def fit_dialog(
    labels: Sequence[tuple[QLabel, int]],
    row: QBoxLayout,
    stacked: QBoxLayout.Direction,
    room: QRect,
    gaps: int,
    floor_px: int,
) -> None:
    """Fit ``labels`` (each with its styled px) and the answers in ``row`` into ``room``.

    ``stacked`` is the row's direction when there is room (its answers one above the
    other, or already side by side); ``gaps`` the height of the spacing between the
    dialog's parts, which does not change. ``floor_px``: the smallest type allowed.
    """
    width = room.width()
    buttons = [w for w in widgets(row) if isinstance(w, QPushButton) and not w.isHidden()]

    def answers_h(direction: QBoxLayout.Direction) -> int:
        heights = [b.sizeHint().height() for b in buttons]
        if not heights:
            return 0
        vertical = direction in (QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.BottomToTop)
        if vertical:
            return sum(heights) + row.spacing() * (len(heights) - 1)
        return max(heights)

    def need(scale: float, direction: QBoxLayout.Direction) -> int:
        words = sum(room_height(lab, max(floor_px, round(px * scale)), width) for lab, px in labels)
        return words + answers_h(direction) + gaps

    side = QBoxLayout.Direction.LeftToRight
    direction = stacked
    # Side by side already (either way round: right to left puts the way on at the right).
    beside = stacked in (side, QBoxLayout.Direction.RightToLeft)
    fits_beside = _row_fits(buttons, width, row.spacing())
    if need(1.0, stacked) > room.height() and not beside and fits_beside:
        direction = side
    scale = 1.0
    while need(scale, direction) > room.height() and scale - STEP >= FLOOR_RATIO - 1e-9:
        scale -= STEP
    if row.direction() != direction:
        row.setDirection(direction)
    for lab, px in labels:
        _set_px(lab, None if scale >= 1.0 else max(floor_px, round(px * scale)))
