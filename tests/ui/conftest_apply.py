"""Fixtures for the apply journey's UI tests (imported by test_apply_flow.py).

The window and core come from tests/ui/conftest.py (demo configuration, inline
executor); here the simulated card reader is made instant and wired to the event
bus the way Backend.start wires it, and the local time zone is pinned to UTC.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from drivers.card.simulator import SimulatedCardReader
from drivers.card.types import CardEvent, CardEventKind
from kiosk.demo import sample_document
from kiosk.events import CardPresence, EventBus
from kiosk.flow import Journey, Screen
from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.payloads import VerificationKeys, public_key_text
from tests.support.pages import read_the_guide
from tests.ui.helpers import wait_until_tappable
from ui.widgets.tile import WORD_JOINER

SERVICE = "renshe.unemployment_registration"  # a paper to photograph, every common field type
ID_NUMBER = "11010519491231002X"  # valid GB 11643 check character


@dataclass
class ApplyRig:
    window: Any
    qtbot: Any
    backend: Any
    card: SimulatedCardReader
    eid_key: Ed25519PrivateKey

    @property
    def core(self) -> Any:
        return self.window.core

    def settle(self) -> None:
        for _ in range(3):
            QApplication.processEvents()

    def button(self, name: str) -> QAbstractButton:
        """The visible button called ``name`` (pads share key names, so visibility decides)."""
        self.settle()
        for w in self.window.findChildren(QAbstractButton, name):
            if w.isVisible():
                return w
        raise AssertionError(f"no visible button {name!r} on {self.core.screen()}")

    def click(self, name: str) -> None:
        if name.startswith("field_"):
            self.settle()
            field = self.window.findChild(QWidget, name)
            assert field is not None and field.isVisible(), name
            wait_until_tappable(field)
            self.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
            self.settle()
            return
        b = self.button(name)
        assert b.isEnabled(), name
        wait_until_tappable(b)
        self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
        self.settle()

    def type(self, text: str) -> None:
        """Tap keys on whichever pad is on display (letters in ABC mode, digits, X)."""
        for ch in text:
            self.click(f"key_{ch.upper()}")

    def label(self, name: str) -> str:
        self.settle()
        w = self.window.findChild(QLabel, name)
        assert w is not None, name
        return str(w.text()).replace(WORD_JOINER, "")  # drawn as nothing

    def shown(self, name: str) -> bool:
        self.settle()
        w = self.window.findChild(QWidget, name)
        return w is not None and w.isVisible()

    def check_every_page(self) -> None:
        """On the review, tap 下一页 until every page was seen (确认提交 waits for that)."""
        for _ in range(30):
            if (
                not self.shown("review_pager_next")
                or not self.button("review_pager_next").isEnabled()
            ):
                return
            self.click("review_pager_next")
        raise AssertionError("the review's pages never ended")

    def to_identify(self, service: str = SERVICE) -> None:
        self.click("tile_apply")
        # The catalog screen has its own tests: choose as its tile would.
        self.core.sessions.current.service_id = service
        self.window.show_screen(self.core.next())
        read_the_guide(self.window, self.click)
        self.click("btn_start")
        assert self.core.screen() == Screen.IDENTIFY

    def to_manual_id(self, size: tuple[int, int], assisted: bool = False) -> None:
        """Typed ID entry in a ``size`` window, by taps (长辈模式 turned on if ``assisted``)."""
        self.window.resize(*size)
        self.to_identify()
        if assisted:
            self.click("btn_big_mode")
        self.click("tile_manual")
        self.at(Screen.MANUAL_ID)

    def to_passport(self, size: tuple[int, int], assisted: bool = False) -> None:
        """The passport's details to type (MRZ entry) in a ``size`` window: 长辈模式
        turned on by a tap if ``assisted``, then the elder's sample passport laid on the
        reader, as on the identify screen's passport way."""
        self.window.resize(*size)
        self.to_identify()
        if assisted:
            self.click("btn_big_mode")
        self.card.insert_document(sample_document("elder"))
        self.qtbot.waitUntil(lambda: self.core.screen() == Screen.MRZ_ENTRY, timeout=5000)

    def type_passport(self, who: Any) -> None:
        """On the passport's pages (MRZ entry): ``who``'s number, birth date and expiry
        typed on the keys as the README's sample documents list them, then 读取证件."""
        self.at(Screen.MRZ_ENTRY)
        self.type(who.passport_number)
        self.click("field_birth_date")
        self.type(f"{who.birth_date:%Y%m%d}")
        self.type(f"{who.passport_expiry:%Y%m%d}")
        self.click("btn_read")

    def confirm_identified(self) -> None:
        """长辈模式, an application: 是我，继续 on the screen that says who was identified
        before the first question (try-out 8, E2/E7)."""
        titles = ("请确认是您本人", "请确认您输入的信息", "Please check this is you")
        titles = (*titles, "Please check what you typed")

        def asked() -> bool:
            self.settle()
            shown = self.window.findChildren(QLabel, "choice_title")
            return any(w.isVisible() and w.text() in titles for w in shown)

        # A document is read on a worker: the question comes when the read is done.
        self.qtbot.waitUntil(asked, timeout=20_000)
        self.click("btn_choice_yes")

    def at(self, screen: Screen) -> None:
        self.settle()
        assert self.core.screen() == screen, (self.core.screen(), screen)


@pytest.fixture(autouse=True)
def _utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def rig(window, qtbot, clock) -> Iterator[ApplyRig]:  # type: ignore[no-untyped-def]
    clock.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    # An hour on since the window's session began: it was not idle that hour (or the
    # window's idle check, once a second, ends it while a tap waits for the screen).
    window.core.sessions.touch()
    backend = window.core.backend
    card = SimulatedCardReader(read_delay_s=0.0)
    backend.card = card
    card.start(card_listener(window.core.bus))
    key = Ed25519PrivateKey.generate()
    backend.verification_keys = VerificationKeys(
        backend.verification_keys.receipt,
        {"P1": VerificationKeys.from_config(platform=public_key_text(key)).platform["1"]},
    )
    yield ApplyRig(window, qtbot, backend, card, key)
    card.stop()


def card_listener(bus: EventBus):  # type: ignore[no-untyped-def]
    """Card events onto the core's bus, as Backend.start wires them (without the network)."""

    def listener(event: CardEvent) -> None:
        if event.kind in (CardEventKind.CARD_INSERTED, CardEventKind.CARD_REMOVED):
            bus.publish(CardPresence(present=event.kind == CardEventKind.CARD_INSERTED))

    return listener


def manual_identity(latin: bool = False) -> Identity:
    """A typed-in identity (Latin name for the English screens)."""
    return Identity(
        DocumentType.RESIDENT_ID,
        ID_NUMBER,
        "" if latin else "张",
        "SANFENG ZHANG" if latin else "三丰",
        dt.date(1949, 12, 31),
        Sex.FEMALE,
        "CHN",
        None,
        IdentitySource.MANUAL,
    )


def put_on(window, screen: Screen, *, latin: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Bring the core to ``screen`` in the apply journey, as a citizen would have."""
    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = SERVICE
    core.next()  # guide
    core.next()  # identify
    if screen in (Screen.MRZ_ENTRY, Screen.MANUAL_ID):
        core.go(screen)
    elif screen != Screen.IDENTIFY:
        core.sessions.current.set_identity(manual_identity(latin))
        core.next()  # form
        if screen != Screen.FORM:
            core.sessions.current.form_values.update(
                phone="13800138000",
                address="Dongcheng Road 1",
                last_employer="ACME",
                leave_date="2026-10-31",
                seeking_training="no",
            )
            core.next()  # documents
        if screen == Screen.REVIEW:
            core.next()
        if screen == Screen.SUBMITTED:
            core.next()
    window.show_screen()


def to_review(
    r: ApplyRig,
    service: str,
    values: Mapping[str, str] | None = None,
    *,
    identity: Identity | None = None,
    size: tuple[int, int] | None = None,
) -> None:
    """The review of ``service`` on screen, staged as a citizen comes to it: chosen, an
    identity (typed unless given), the form answered with ``values``, nothing
    photographed; the window then resized to ``size``."""
    core = r.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = service
    core.next()  # guide
    core.next()  # identify
    core.sessions.current.set_identity(identity or manual_identity())
    core.next()  # form
    core.sessions.current.form_values.update(values or {})
    core.next()  # documents
    core.next()  # review
    r.window.show_screen()
    if size is not None:
        r.window.resize(*size)
        r.settle()
    r.at(Screen.REVIEW)
