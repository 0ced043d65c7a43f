"""A breadth-first crawler over the real window: it taps every enabled control it sees.

A *state* is what a citizen sees: the screen, whether a modal layer is up, and the
set of enabled visible controls. From home, each state is reached again by
replaying its tap path (after ending the session, as the kiosk does between
citizens), then every control is tapped; taps that leave the state unchanged
(keys of a keypad) are chained without replaying. Each tap is checked for:
exceptions and error log lines, controls outside the window, visible text not
made from the string tables (or catalog data), widgets moving when a message
appears, and screens without a way home.
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from kiosk.flow import Screen
from kiosk.session import EndReason
from tests.support.pages import turn_pages_to
from tests.ui.helpers import wait_until_tappable
from ui.i18n import STRINGS
from ui.widgets.choice_grid import WrapButton
from ui.widgets.pager import PagedGrid
from ui.widgets.tile import WORD_JOINER

ROOT = Path(__file__).resolve().parents[2]
# Buttons that change the configuration under test (its mode and language are crawled
# as configurations of their own) or open a staff-only panel.
SKIP = frozenset({"btn_lang", "btn_assisted"})
# Where a citizen's own input or dictionary data shows: not interface text.
FREE_TEXT = re.compile(
    # platform_note_: a status note in the platform's own words (its data, not ours).
    r"^(field_|cand_|pinyin_buffer|composer_text|key_|reprint_echo|track_number|platform_note_)"
)
TYPING = re.compile(r"^(key_|cand_)")
MESSAGE = re.compile(r"(error|message|status|_state|notice|warning)", re.I)


@dataclass
class Finding:
    """One failed check, with where it happened."""

    kind: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} @ {self.where}: {self.detail}"


@dataclass
class Report:
    """What one crawl covered and found."""

    config: str
    states: int = 0
    taps: int = 0
    screens: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    def line(self) -> str:
        """One line for the log."""
        return (
            f"crawl {self.config}: {self.states} states, {self.taps} taps, "
            f"{len(self.screens)} screens ({', '.join(sorted(self.screens))}), "
            f"{len(self.findings)} findings"
        )


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


# --- the strings a citizen may see ----------------------------------------------------


def _data_strings() -> set[str]:
    out: set[str] = set()

    def walk(v: object) -> None:
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in (ROOT / "kiosk" / "data").rglob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    # Catalog texts may hold placeholders filled on the kiosk ({centre}): their pieces.
    pieces = {p.strip() for s in out for p in re.split(r"\{[^}]*\}", s)}
    return {s for s in pieces if len(s) > 1}


def _fragments() -> list[str]:
    """Literal pieces of every template and data string, longest first."""
    pieces: set[str] = set()
    for zh, en in STRINGS.values():
        for text in (zh, en):
            for part in re.split(r"\{[^}]*\}", text):
                part = part.strip()
                if len(part) > 1 or (part and not part.isascii()):
                    pieces.add(part)
    # Data may hold placeholders too (the catalog's "{centre}", filled from settings).
    for text in _data_strings():
        pieces |= {p.strip() for p in re.split(r"\{[^}]*\}", text) if p.strip()}
    return sorted(pieces, key=len, reverse=True)


class TextCheck:
    """Whether a visible text is made from the tables and data (plus numbers and codes)."""

    def __init__(self, extra: list[str]) -> None:
        self._fragments = sorted(set(_fragments()) | set(extra), key=len, reverse=True)
        self._ok: dict[str, bool] = {}

    def __call__(self, text: str) -> bool:
        if text not in self._ok:
            # Dates as the receipts write them (kiosk/receipts/strings.fmt_date).
            rest = re.sub(r"\d{4}年\d{1,2}月\d{1,2}日", " ", text)
            for frag in self._fragments:
                if frag in rest:
                    rest = rest.replace(frag, " ")
            # What may remain: numbers, codes and typed capitals, punctuation, spaces.
            cjk = re.search(r"[\u3400-\u9fff]", rest)
            words = re.search(r"\b[A-Za-z]*[a-z][A-Za-z]*\b", rest)
            self._ok[text] = not cjk and not words
        return self._ok[text]


# --- input: what a citizen would type, so journeys get past their entry screens -------

# Per pad kind, a value that passes (the demo passport's details, a valid ID number).
ANSWERS = {
    "pad_number": "1",
    "pad_date": "20261031",
    "pad_id": "11010519491231002X",
    "pad_digits": "13800138000",
}


def _type(c: Crawler, text: str) -> None:
    for ch in text:
        c.press(f"key_{ch.upper()}")


def _answer_pad(c: Crawler, field: str = "") -> None:
    """Type a plausible value on whichever pad is docked now (for ``field``)."""
    page = c.w.current_page()
    docked = (
        {p.objectName() for p in page.findChildren(QWidget) if p.isVisible()} if page else set()
    )
    for name, value in ANSWERS.items():
        if name in docked:
            phone = "phone" in field or "mobile" in field or not field
            # Whole numbers have ranges now (份数 1-5, 所属年度 2019-2100): a year must look like one.
            whole = "2026" if "year" in field else "1"
            _type(c, value if name != "pad_digits" or phone else whole)
            return
    if docked & {"pad_text", "pad_alnum"}:
        if c.shown("key_mode_abc"):
            c.press("key_mode_abc")
        _type(c, "ROAD")


def macro_card(c: Crawler) -> None:
    """Lay the demo passport on the (simulated) reader, as F2 on the demo panel does."""
    c.demo.insert_document("adult")
    c.wait(lambda: c.w.core.screen() != Screen.IDENTIFY)


def macro_mrz(c: Crawler) -> None:
    """Type the demo passport's details (E12345678, 1985-03-12, 2034-12-31) and read it."""
    _type(c, "E12345678")
    c.press("btn_step_next" if c.shown("btn_step_next") else "field_birth_date")
    _type(c, "19850312")  # a whole date moves on to the expiry by itself (standard mode)
    if c.shown("btn_step_next"):
        c.press("btn_step_next")  # 长辈模式: the page turns on 下一步 only
    _type(c, "20341231")
    c.press("btn_read")
    # 长辈模式 says whose passport was read (是我，继续 / 不是我) before the first question.
    c.wait(lambda: c.w.core.screen() != Screen.MRZ_ENTRY or c.shown("btn_choice_yes"))
    if c.w.core.screen() == Screen.MRZ_ENTRY and c.shown("btn_choice_yes"):
        c.press("btn_choice_yes")
        c.wait(lambda: c.w.core.screen() != Screen.MRZ_ENTRY)


def macro_form(c: Crawler) -> None:
    """Answer every question of whatever form is shown (list or one question a page)."""
    if c.shown("btn_step_next"):
        for _ in range(12):
            if c.w.core.screen() != Screen.FORM:
                return
            _answer_pad(c, next(iter(c.named("step_")), "phone"))
            choices = [b for b in c.buttons() if b.startswith("choice_")]
            if choices:
                c.press(choices[0])
            c.press("btn_step_next")
        return
    # The list comes in pages that fit the window: answer each page, then turn it.
    for _ in range(8):
        for tile in c.named("value_"):
            c.press(tile)
            # A replay finds the earlier answer there: clear it ("1" then "11" is out of range).
            for _ in c.w.core.sessions.current.form_values.get(tile.removeprefix("value_"), ""):
                c.press("key_backspace")
            _answer_pad(c, tile)
            c.press("btn_done")
        seen: set[str] = set()
        for b in c.named("choice_"):
            group = b.rsplit("_", 1)[0]
            if group not in seen:
                seen.add(group)
                c.press(b)
        # More pages: 下一步, the form's one way forward, checks this page and shows the
        # next (on the last page the seed's own 下一步 goes on).
        pager = c.w.findChild(PagedGrid, "form_pager")
        if pager is None or not pager.isVisible() or pager.page() >= pager.page_count() - 1:
            return
        page = pager.page()
        c.press("btn_next")
        if pager.page() != page + 1:
            raise AssertionError(f"下一步 kept the form on page {page + 1}: an answer refused")


def macro_docs(c: Crawler) -> None:
    """Photograph each page asked for (the simulated camera), then go on."""
    for _ in range(6):
        if not c.shown("btn_capture"):
            break
        c.press("btn_capture")
        c.wait(lambda: c.shown("btn_use"))
        c.press("btn_use")
        if c.w.core.screen() != Screen.DOCUMENTS:
            return  # 长辈模式: the last paper's pages all in, it led on by itself
        if c.shown("btn_material_done"):
            c.press("btn_material_done")  # 长辈模式 asks whether another page follows
        if c.w.core.screen() != Screen.DOCUMENTS:
            return
    c.press("btn_next")


def macro_submit(c: Crawler) -> None:
    """Turn the review's pages (确认提交 waits for every one), submit, confirm when
    长辈模式 asks first."""
    for _ in range(30):
        if not c.shown("review_pager_next") or "review_pager_next" not in c.buttons():
            break
        c.press("review_pager_next")
    c.press("btn_submit")
    if c.shown("btn_choice_yes"):
        c.press("btn_choice_yes")
    c.wait(lambda: c.w.core.screen() == Screen.SUBMITTED)


def macro_scan(c: Crawler) -> None:
    """Hold the receipt of the last application up to the (simulated) camera."""
    from kiosk.demo import DemoQr

    c.demo.show_qr(DemoQr.RECEIPT)
    c.wait(lambda: c.w.core.screen() != Screen.TRACK)


def macro_reprint(c: Crawler) -> None:
    """Type the demo passport's number and reprint, the paper restored first (as staff
    would) and taken out again after, so a faulted configuration stays faulted."""
    from kiosk.demo import DemoPrinter

    if c.paper_out:
        c.demo.set_printer(DemoPrinter.READY)
    try:
        _type(c, "E12345678")
        c.press("btn_reprint_receipt")
        c.wait(lambda: bool(c.w.findChild(QLabel, "reprint_result").text()))
    finally:
        if c.paper_out:
            c.demo.set_printer(DemoPrinter.PAPER_OUT)


def macro_queue(c: Crawler) -> None:
    """Take a walk-in number at the first counter."""
    depts = c.named("dept_")
    if not depts:
        return
    c.press(depts[0])
    c.press("mode_queue")
    c.wait(lambda: c.w.core.screen() == Screen.TICKET)


MACROS: dict[str, list[tuple[str, Callable[[Crawler], None]]]] = {
    "identify": [("macro:card", macro_card)],
    "track": [("macro:scan", macro_scan)],
    "reprint": [("macro:reprint", macro_reprint)],
    "appointment": [("macro:queue", macro_queue)],
    "mrz_entry": [("macro:mrz", macro_mrz)],
    "form": [("macro:form", macro_form)],
    "documents": [("macro:docs", macro_docs)],
    "review": [("macro:submit", macro_submit)],
}


# --- the crawl --------------------------------------------------------------------------


def _rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@dataclass(frozen=True)
class State:
    """What the citizen sees, as far as the crawler tells states apart."""

    screen: str
    modal: bool
    controls: tuple[str, ...]


class Crawler:
    """Crawl one configuration of ``window`` (its mode, language, size and devices)."""

    def __init__(
        self,
        window,  # type: ignore[no-untyped-def]
        config: str,
        *,
        max_depth: int,
        max_states: int,
        prepare: Callable[[], None],
        texts: TextCheck,
        demo=None,  # type: ignore[no-untyped-def]
        seeds: tuple[tuple[str, ...], ...] = (),
        seed_depth: int = 1,
        reach_seeds: tuple[tuple[str, ...], ...] = (),
        reach_depth: int = 0,
        paper_out: bool = False,
    ) -> None:
        self.w = window
        self.paper_out = paper_out  # a reprint restores the paper for itself, then takes it out
        self.demo = demo  # the demo controls (card reader, camera), as the demo panel has
        self.seeds = seeds  # tap paths along whole journeys; each of their states is crawled
        self.seed_depth = seed_depth
        # Journeys that make sure screens are reached and checked in every configuration
        # (a real receipt scanned, a ticket taken); crawled only ``reach_depth`` further,
        # since every replay of them costs a card read or a delivery.
        self.reach_seeds = reach_seeds
        self.reach_depth = reach_depth
        self.report = Report(config)
        self.max_depth = max_depth
        self.max_states = max_states
        self.prepare = prepare  # mode and language for a fresh session
        self.texts = texts
        self._seen_findings: set[tuple[str, str, str]] = set()
        self._errors = _ErrorLog()

    # --- observing -------------------------------------------------------------------

    def _scope(self) -> QWidget:
        overlay = self.w.overlay
        return overlay if overlay.isVisible() else self.w

    def _controls(self) -> list[QAbstractButton]:
        scope = self._scope()
        out = [
            b
            for b in scope.findChildren(QAbstractButton)
            if b.isVisible() and b.isEnabled() and b.objectName() not in SKIP
        ]
        # Only what is on screen can be tapped (a scroll area's hidden part is not).
        return [b for b in out if self._on_screen(b)]

    def _on_screen(self, w: QWidget) -> bool:
        r = _rect(w, self.w)
        p = w.parentWidget()
        while p is not None and p is not self.w:
            r = r.intersected(_rect(p, self.w))
            p = p.parentWidget()
        return r.width() > 4 and r.height() > 4

    def state(self) -> State:
        """The state on display now (keys and pinyin candidates do not tell states apart:
        typing is tapped key by key, not explored as sequences)."""
        names = sorted(
            {b.objectName() or b.text() for b in self._controls()},
            key=str,
        )
        names = [n for n in names if not TYPING.match(n)] + self._macros()
        return State(self.w.core.screen().value, self.w.overlay.isVisible(), tuple(names))

    def _where(self) -> str:
        return f"{self.report.config} {self.w.core.screen().value}"

    def _find(self, kind: str, detail: str) -> None:
        key = (kind, self.w.core.screen().value, detail)
        if key not in self._seen_findings:
            self._seen_findings.add(key)
            self.report.findings.append(Finding(kind, self._where(), detail))

    def _geometry(self) -> dict[str, QRect]:
        return {
            b.objectName(): _rect(b, self.w)
            for b in self.w.findChildren(QWidget)
            if b.objectName() and b.isVisible() and not isinstance(b, QLabel)
        }

    def _messages(self) -> set[str]:
        return {
            lab.objectName()
            for lab in self.w.findChildren(QLabel)
            if lab.isVisible() and MESSAGE.search(lab.objectName() or "")
        }

    def check(self, path: tuple[str, ...]) -> None:
        """Every check on what is on display now."""
        w = self.w
        size = (w.width(), w.height())
        if size != self.size:
            self._find("outside", f"window grew to {size} after {path[-3:]}")
            w.resize(*self.size)  # one finding, not one for every later tap
            _settle()
        for b in self._controls():
            if not w.rect().contains(_rect(b, w)):
                self._find("outside", f"{b.objectName() or b.text()!r} off the window")
        for lab in self._scope().findChildren(QWidget):
            if not isinstance(lab, QLabel | QAbstractButton) or not lab.isVisible():
                continue
            name = lab.objectName()
            parent = lab.parentWidget()
            parent_name = parent.objectName() if parent is not None else ""
            if FREE_TEXT.match(name) or FREE_TEXT.match(parent_name):
                continue
            # A word joiner keeps a line from ending on one character alone (ui/widgets/
            # tile.py): drawn as nothing, it is not part of the words.
            text = lab.text().replace(WORD_JOINER, "").strip()
            # A choice's words broken over lines (ui/widgets/choice_grid.py, WrapButton)
            # are its words: at a space, or between two characters of Chinese.
            if "\n" in text and isinstance(lab, WrapButton):
                text = lab.full_text()
            if text and not self.texts(text):
                self._find("string", f"{name or type(lab).__name__}: {text[:60]!r}")
        screen = w.core.screen()
        if w.overlay.isVisible():
            if not self._controls():
                self._find("dead-end", "a modal layer without a button")
        elif screen not in (Screen.HOME, Screen.OUT_OF_SERVICE) and not w.home_btn.isVisible():
            self._find("dead-end", "no Home button")
        for line in self._errors.lines:
            self._find("error-log", line)
        self._errors.lines.clear()

    # --- acting ----------------------------------------------------------------------

    def home(self) -> None:
        """A fresh session on the home screen, in this configuration."""
        w = self.w
        w.overlay.hide()
        w.core.leave_maintenance()
        w.core.home(EndReason.IDLE_TIMEOUT)
        _settle()
        self.prepare()
        w.show_screen()
        _settle()

    # --- for macros ---------------------------------------------------------------------

    def shown(self, name: str) -> bool:
        """Whether a widget called ``name`` is visible."""
        return any(x.isVisible() for x in self.w.findChildren(QWidget, name))

    def buttons(self) -> list[str]:
        """Names of the enabled controls on screen, in order."""
        return [b.objectName() for b in self._controls() if b.objectName()]

    def named(self, prefix: str) -> list[str]:
        """Names of visible widgets starting with ``prefix``, scrolled out of view or not."""
        out = [x.objectName() for x in self.w.findChildren(QWidget) if x.isVisible()]
        return list(dict.fromkeys(n for n in out if n.startswith(prefix)))

    def press(self, name: str) -> None:
        """Tap the visible widget ``name`` (a field too), swiping it into view first."""
        for x in self.w.findChildren(QWidget, name):
            if x.isVisible() and x.isEnabled():
                p = x.parentWidget()
                while p is not None and not isinstance(p, QScrollArea):
                    p = p.parentWidget()
                if p is not None:  # a long form scrolls (a known gap): swipe as a citizen would
                    p.ensureWidgetVisible(x)
                    _settle()
                wait_until_tappable(x)  # as a citizen looks first (ui/tap_guard.py)
                QTest.mouseClick(x, Qt.MouseButton.LeftButton, pos=x.rect().center())
                _settle()
                self.report.taps += 1
                return

    def wait(self, cond: Callable[[], bool], timeout_s: float = 5.0) -> None:
        """Run the event loop until ``cond()`` (a worker or a device answered)."""
        import time

        end = time.monotonic() + timeout_s
        while not cond() and time.monotonic() < end:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 10)
        _settle()

    def _macros(self) -> list[str]:
        if self.w.overlay.isVisible():
            return []
        return [name for name, _fn in MACROS.get(self.w.core.screen().value, [])]

    def tap(self, name: str) -> bool:
        """Tap the control called ``name`` (object name or text); False if it is gone."""
        if name.startswith("macro:"):
            fn = {n: f for pairs in MACROS.values() for n, f in pairs}.get(name)
            if fn is None or name not in self._macros():
                return False
            fn(self)
            self.report.taps += 1
            return True
        self._turn_to(name)
        for b in self._controls():
            if (b.objectName() or b.text()) == name:
                wait_until_tappable(b)
                QTest.mouseClick(b, Qt.MouseButton.LeftButton, pos=b.rect().center())
                _settle()
                self.report.taps += 1
                return True
        return False

    def _turn_to(self, name: str) -> None:
        """A seed's tile on a later page of a list: tap 下一页 (or 上一页) until it shows."""
        if self.w.overlay.isVisible():
            return

        def tap(button: QWidget) -> None:
            wait_until_tappable(button)
            QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
            _settle()
            self.report.taps += 1

        turn_pages_to(self.w, name, tap)

    def replay(self, path: tuple[str, ...]) -> bool:
        """Home, then the taps of ``path``; False if a control along it is missing.

        A seed's optional step ("?name") is skipped when its control is not there.
        """
        self.home()
        return all(self.tap(n.removeprefix("?")) or n.startswith("?") for n in path)

    def crawl(self) -> Report:
        """Breadth-first over states, up to the bounds."""
        root = logging.getLogger()
        root.addHandler(self._errors)
        self.size = (self.w.width(), self.w.height())
        try:
            self._crawl()
        finally:
            root.removeHandler(self._errors)
        return self.report

    def _crawl(self) -> None:
        self.home()
        start = self.state()
        seen = {start}
        # (state, its tap path, how many taps deeper to explore from it)
        queue: deque[tuple[State, tuple[str, ...], int]] = deque([(start, (), self.max_depth)])
        self.report.screens.add(start.screen)
        self.check(())
        seeds = [(seed, self.seed_depth) for seed in self.seeds]
        seeds += [(seed, self.reach_depth) for seed in self.reach_seeds]
        for seed, depth in seeds:  # whole journeys first: their states join the queue
            self.home()
            for i, step in enumerate(seed):
                name = step.removeprefix("?")  # "?name": only if this journey has the step
                if not self.tap(name):
                    if step.startswith("?"):
                        continue
                    self._find("seed", f"{name!r} missing after {seed[max(0, i - 3) : i]}")
                    break
                self.check(seed[: i + 1])
                st = self.state()
                self.report.screens.add(st.screen)
                if st not in seen:
                    seen.add(st)
                    queue.append((st, seed[: i + 1], depth))
        while queue and self.report.states < self.max_states:
            state, path, budget = queue.popleft()
            self.report.states += 1
            if budget <= 0:
                continue
            pending = list(state.controls)
            at_state = False
            while pending:
                name = pending.pop(0)
                if not at_state and not self.replay(path):
                    self._find("unstable", f"could not replay {path[-3:]}")
                    break
                before_geo = self._geometry()
                before_msgs = self._messages()
                before_screen = self.w.core.screen()
                before_display = self.w.display_prefs()
                if not self.tap(name):
                    at_state = False
                    continue
                new = self.state()
                self.report.screens.add(new.screen)
                self.check((*path, name))
                # One tap, one message: a macro (many taps, pages opened and closed) is not.
                single = not name.startswith("macro:")
                # 字号 and 对比度 rebuild every screen in new sizes: everything moves by
                # design, and a message that comes with it (the review's 还有 1 页没看 once
                # its answers take two pages) did not move it. Crawled from there, the
                # states at the new size are checked like any other.
                same_display = self.w.display_prefs() == before_display
                if (
                    single
                    and same_display
                    and self.w.core.screen() == before_screen
                    and not new.modal
                ):
                    appeared = self._messages() - before_msgs
                    if appeared:
                        self._moved(before_geo, appeared, name)
                at_state = new == state
                if new not in seen and len(seen) < self.max_states:
                    seen.add(new)
                    queue.append((new, (*path, name), budget - 1))

    def _moved(self, before: dict[str, QRect], appeared: set[str], tapped: str) -> None:
        after = self._geometry()
        moved = [
            n
            for n, r in before.items()
            if n in after and after[n] != r and n not in appeared and n != "overlay"
        ]
        if moved:
            self._find("moved", f"{sorted(appeared)} after {tapped!r} moved {sorted(moved)[:5]}")


def crawl_all(configs: Iterator[tuple[str, Callable[[], Crawler]]]) -> list[Report]:
    """Run each configuration's crawler; their reports."""
    return [make().crawl() for _name, make in configs]
