"""A citizen reprints their own receipt with the tracking number and their ID number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from drivers.printer.document import Document, Text
from kiosk.flow import Journey, Screen
from tests.ui.helpers import wait_until_tappable

ID_NUMBER = "11010519491231002X"
TN = "M001-261123-0001C"


def _print_receipt(kiosk_app) -> None:  # type: ignore[no-untyped-def]
    doc = Document((Text("回执"),))
    kiosk_app.backend.printing.print_document("receipt", doc, TN, owner_secret=ID_NUMBER)


def _open(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    core = window.core
    core.start(Journey.TRACK)
    core.sessions.current.tracking_number = TN
    core.go(Screen.REPRINT)
    window.show_screen()


def _key(window, ch: str):  # type: ignore[no-untyped-def]
    # The keyboard has a digit row above the letters: tap the key the citizen can see.
    shown = [w for w in window.findChildren(QAbstractButton, f"key_{ch}") if w.isVisible()]
    assert shown, f"no visible key {ch!r}"
    return shown[0]


def _type_and_print(window, qtbot, number: str) -> str:  # type: ignore[no-untyped-def]
    for ch in number:
        wait_until_tappable(_key(window, ch))
        qtbot.mouseClick(_key(window, ch), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        window.findChild(QAbstractButton, "btn_reprint_receipt"), Qt.MouseButton.LeftButton
    )
    qtbot.wait(20)
    return window.findChild(QLabel, "reprint_result").text()


def test_right_id_number_reprints(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _print_receipt(kiosk_app)
    before = len(kiosk_app.backend.printer.printed)
    _open(window, qtbot)
    echo = window.findChild(QLabel, "reprint_echo")
    assert echo.isVisible() and echo.text() == ""  # the box is there before any key
    assert "受理编号：" + TN in window.findChild(QLabel, "reprint_number").text()
    assert _type_and_print(window, qtbot, ID_NUMBER) == "回执已补打，请在出纸口取走。"
    assert len(kiosk_app.backend.printer.printed) == before + 1


def test_wrong_numbers_are_refused_then_locked(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _print_receipt(kiosk_app)
    before = len(kiosk_app.backend.printer.printed)
    _open(window, qtbot)
    assert "不符" in _type_and_print(window, qtbot, "110105194912310021")
    assert "不符" in _type_and_print(window, qtbot, "110105194912310022")
    assert "服务台" in _type_and_print(window, qtbot, "110105194912310023")
    assert not window.findChild(QAbstractButton, "btn_reprint_receipt").isEnabled()
    assert len(kiosk_app.backend.printer.printed) == before


def test_unknown_receipt_is_a_calm_message(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _open(window, qtbot)
    assert "没有这张回执" in _type_and_print(window, qtbot, ID_NUMBER)


def test_a_passport_holder_can_reprint(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = Document((Text("回执"),))
    kiosk_app.backend.printing.print_document("receipt", doc, TN, owner_secret="E12345678")
    before = len(kiosk_app.backend.printer.printed)
    _open(window, qtbot)
    assert "不符" in _type_and_print(window, qtbot, "E12345679")
    for ch in "E12345678":
        wait_until_tappable(_key(window, ch))
        qtbot.mouseClick(_key(window, ch), Qt.MouseButton.LeftButton)
    echo = window.findChild(QLabel, "reprint_echo")
    assert echo.text() == "E12345678"  # shown while typing: a typo can be seen
    assert _type_and_print(window, qtbot, "") == "回执已补打，请在出纸口取走。"
    assert echo.text() == "E1*****78"  # masked once submitted
    assert len(kiosk_app.backend.printer.printed) == before + 1


def _tap(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    shown = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    assert shown, f"no visible {name}"
    wait_until_tappable(shown[0])
    qtbot.mouseClick(shown[0], Qt.MouseButton.LeftButton)


def _open_after_last4(window) -> None:  # type: ignore[no-untyped-def]
    core = window.core
    core.start(Journey.TRACK)
    core.sessions.current.tracking_number = TN
    # The track screen took the last 4 to show the status (as track.py does).
    core.sessions.current.tracking_id_last4 = ID_NUMBER[-4:]
    core.go(Screen.REPRINT)
    window.show_screen()


def test_after_the_last_four_only_the_rest_is_asked_then_done_goes_home(
    window, kiosk_app, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _print_receipt(kiosk_app)
    before = len(kiosk_app.backend.printer.printed)
    _open_after_last4(window)
    hint = [w for w in window.findChildren(QLabel) if w.isVisible() and "已核对" in w.text()]
    assert hint and "002X" in hint[0].text()  # not asked again for the whole number
    echo = window.findChild(QLabel, "reprint_echo")
    assert echo.text() == "…002X"
    assert _type_and_print(window, qtbot, ID_NUMBER[:-4]) == "回执已补打，请在出纸口取走。"
    assert len(kiosk_app.backend.printer.printed) == before + 1
    assert echo.text() == "110105********002X"  # masked once submitted
    # Print has become 完成 (after a moment, so a double tap cannot end the task).
    assert not window.findChild(QAbstractButton, "btn_reprint_receipt").isVisible()
    done = window.findChild(QAbstractButton, "btn_done")
    assert done.isVisible()
    qtbot.waitUntil(done.isEnabled, timeout=2000)
    _tap(qtbot, window, "btn_done")
    assert window.core.screen() == Screen.HOME
    assert window.core.sessions.current.tracking_number is None


def test_locked_out_offers_done(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    _print_receipt(kiosk_app)
    _open(window, qtbot)
    for wrong in ("110105194912310021", "110105194912310022", "110105194912310023"):
        _type_and_print(window, qtbot, wrong)
    done = window.findChild(QAbstractButton, "btn_done")
    assert done.isVisible()
    qtbot.waitUntil(done.isEnabled, timeout=2000)
    _tap(qtbot, window, "btn_done")
    assert window.core.screen() == Screen.HOME


def test_done_fits_at_the_largest_text_in_assisted_mode(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.a11y import out_of_reach

    _print_receipt(kiosk_app)
    window.resize(1280, 800)
    window.core.sessions.set_assisted(True)
    window.show_screen()
    for _ in range(3):
        _tap(qtbot, window, "btn_text_size")  # 字号 4/4
    _open_after_last4(window)
    assert out_of_reach(window) == []
    printer = window.findChild(QAbstractButton, "btn_reprint_receipt")
    where = printer.geometry()
    echo = window.findChild(QLabel, "reprint_echo").geometry()
    assert _type_and_print(window, qtbot, ID_NUMBER[:-4]) == "回执已补打，请在出纸口取走。"
    done = window.findChild(QAbstractButton, "btn_done")
    assert done.isVisible()
    qtbot.wait(10)
    # 完成 stands where 补打回执 stood, as wide; the number's box beside it does not move.
    assert done.geometry().left() == where.left() and done.width() >= where.width()
    assert window.findChild(QLabel, "reprint_echo").geometry() == echo
    assert out_of_reach(window) == []
    assert (window.width(), window.height()) == (1280, 800)
