"""The bars' layout: one row where the buttons fit, a group to the next row where they
do not (never a button squeezed below its words), and the bar asks for that height."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QLayout, QPushButton, QVBoxLayout, QWidget

from ui.clipping import clipped_texts
from ui.widgets.bar_layout import BarLayout
from ui.widgets.fit_label import FitLabel


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _bar(qtbot):  # type: ignore[no-untyped-def]
    top = QWidget()
    qtbot.addWidget(top)
    outer = QVBoxLayout(top)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # as narrow as asked
    bar = QWidget()
    lay = BarLayout(bar)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(10)
    back = QPushButton("返回返回")
    header = FitLabel()
    header.set_texts("深圳市福田区政务服务中心", "09:00")
    lay.addWidget(back)
    lay.addWidget(header, 1)
    lay.new_group()
    buttons = [QPushButton(t) for t in ("English", "长辈模式", "呼叫工作人员")]
    for b in buttons:
        b.setStyleSheet("font-size: 30px; padding: 4px 12px;")
        lay.addWidget(b)
    back.setStyleSheet("font-size: 30px; padding: 4px 12px;")
    outer.addWidget(bar)
    outer.addStretch(1)
    top.show()
    return top, bar, back, header, buttons


def test_wide_one_row_narrow_two_and_the_words_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    top, bar, back, header, buttons = _bar(qtbot)
    one_row = sum(b.sizeHint().width() for b in [back, *buttons]) + 4 * 10
    top.resize(one_row + 400, 400)
    _settle()
    mid = back.geometry().center().y()
    assert all(abs(b.geometry().center().y() - mid) <= 1 for b in buttons)  # one row
    assert header.text() == "深圳市福田区政务服务中心"
    wide_height = bar.height()
    top.resize(one_row - 60, 400)  # the buttons no longer fit one row
    _settle()
    staff = buttons[-1]
    assert all(b.y() > back.geometry().bottom() for b in buttons)  # their group: row two
    assert bar.height() > wide_height  # and the bar asked for that height
    assert staff.geometry().right() == bar.width() - 1  # still at the right edge
    assert header.text()  # the header has row one's room left of it
    assert clipped_texts(top) == []


def test_too_narrow_for_a_group_is_seen_by_the_check(qtbot) -> None:  # type: ignore[no-untyped-def]
    top, _bar_widget, _back, _header, buttons = _bar(qtbot)
    top.resize(sum(b.sizeHint().width() for b in buttons) // 2, 400)
    _settle()
    assert any("QPushButton" in p for p in clipped_texts(top))  # nothing hides a squeeze


def test_landscape_says_it_shorter_portrait_takes_a_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets.fit_button import FitButton

    for portrait in (False, True):
        top = QWidget()
        qtbot.addWidget(top)
        outer = QVBoxLayout(top)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        bar = QWidget()
        lay = BarLayout(bar, lambda portrait=portrait: portrait)
        lay.setSpacing(10)
        back = QPushButton("返回")
        lay.addWidget(back)
        lay.new_group()
        staff = FitButton()
        staff.setStyleSheet("font-size: 30px; padding: 4px 12px;")
        staff.set_texts("呼叫工作人员呼叫工作人员", "求助")
        lay.addWidget(staff)
        outer.addWidget(bar)
        outer.addStretch(1)
        top.show()
        # Room for the long words alone, not beside 返回; for 返回 and the short words.
        top.resize(staff.sizeHint().width() + 40, 300)
        assert staff.sizeHint().width() + 40 < back.sizeHint().width() + staff.sizeHint().width()
        _settle()
        if portrait:
            assert staff.y() > back.geometry().bottom()  # a row of its own, whole
            assert staff.text() == "呼叫工作人员呼叫工作人员"
        else:
            assert staff.geometry().center().y() - back.geometry().center().y() in (-1, 0, 1)
            assert staff.text() == "求助"  # its shorter words, on the one row
        assert clipped_texts(top) == []


class _Asked(QPushButton):
    """A button that counts how often a layout asks it for its sizes."""

    asked = 0

    def sizeHint(self) -> QSize:
        _Asked.asked += 1
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        _Asked.asked += 1
        return super().minimumSizeHint()


def test_placed_again_the_bar_asks_its_buttons_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Each ask runs the button's Python sizeHint (the header fits its texts in it); a
    # screen change places both bars, and QWidgetItem asked each widget four times per
    # placing for the maximum size (issue 14). Measured once, a placing asks no more
    # until something in the bar changes; then it asks again.
    bar = QWidget()
    qtbot.addWidget(bar)
    lay = BarLayout(bar)
    buttons = [_Asked(t) for t in ("返回", "首页", "呼叫工作人员")]
    for b in buttons:
        lay.addWidget(b)
        lay.new_group()
    bar.resize(900, 100)
    bar.show()
    _settle()
    where = [b.geometry() for b in buttons]
    _Asked.asked = 0
    lay.setGeometry(QRect(0, 0, 900, 100))
    assert _Asked.asked == 0
    assert [b.geometry() for b in buttons] == where
    buttons[0].setText("返回上一页")  # a change in the bar: measured again, and placed
    _settle()
    assert _Asked.asked > 0
    assert buttons[0].width() >= buttons[0].sizeHint().width()
    assert buttons[1].x() > buttons[0].geometry().right()
