"""A proxy style that makes the design tokens' minimum gap the default layout spacing.

Every layout that does not set its own spacing asks the style; answering with the
token gap (3 mm, 5 mm in 长辈模式) keeps neighbouring touch targets apart on every
screen without each screen remembering to do it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

GAP_METRICS = (
    QStyle.PixelMetric.PM_LayoutHorizontalSpacing,
    QStyle.PixelMetric.PM_LayoutVerticalSpacing,
)


class KioskStyle(QProxyStyle):
    """Fusion underneath; layout spacing from the tokens."""

    def __init__(self, gap_px: int) -> None:
        super().__init__("Fusion")
        self.gap_px = gap_px

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        """Layout spacing is the token gap; everything else as Fusion draws it."""
        if metric in GAP_METRICS:
            return self.gap_px
        return super().pixelMetric(metric, option, widget)
