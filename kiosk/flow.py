"""Which screen comes next: a navigation state machine with no Qt in it.

The screen shown is a pure function of (navigation state, maintenance flag,
blocking device fault), checked in priority order: maintenance, then a fault
that blocks the current journey, then the normal flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.events import Device


class Screen(StrEnum):
    """Every screen the kiosk can show."""

    HOME = "home"
    CATALOG = "catalog"
    GUIDE = "guide"
    IDENTIFY = "identify"
    MRZ_ENTRY = "mrz_entry"
    MANUAL_ID = "manual_id"
    FORM = "form"
    DOCUMENTS = "documents"
    REVIEW = "review"
    SUBMITTED = "submitted"
    TRACK = "track"
    TRACK_RESULT = "track_result"
    REPRINT = "reprint"  # a citizen reprints their receipt (tracking number + ID number)
    APPOINTMENT = "appointment"
    TICKET = "ticket"
    RATE = "rate"
    FEEDBACK = "feedback"
    CALL_STAFF = "call_staff"
    MAINTENANCE = "maintenance"
    OUT_OF_SERVICE = "out_of_service"


class Journey(StrEnum):
    """What the citizen came to do (the home screen's entries)."""

    APPLY = "apply"
    TRACK = "track"
    APPOINTMENT = "appointment"
    GUIDES = "guides"
    RATE = "rate"
    FEEDBACK = "feedback"


# The normal order of each journey; identification sub-screens return to IDENTIFY's successor.
JOURNEYS: dict[Journey, tuple[Screen, ...]] = {
    Journey.APPLY: (
        Screen.CATALOG,
        Screen.GUIDE,
        Screen.IDENTIFY,
        Screen.FORM,
        Screen.DOCUMENTS,
        Screen.REVIEW,
        Screen.SUBMITTED,
        Screen.RATE,
    ),
    Journey.TRACK: (Screen.TRACK, Screen.TRACK_RESULT),
    Journey.APPOINTMENT: (Screen.IDENTIFY, Screen.APPOINTMENT, Screen.TICKET),
    Journey.GUIDES: (Screen.CATALOG, Screen.GUIDE),
    Journey.RATE: (Screen.RATE,),
    Journey.FEEDBACK: (Screen.FEEDBACK,),
}

# Devices a screen cannot work without (a fault there shows OUT_OF_SERVICE for that journey).
NEEDS: dict[Screen, frozenset[Device]] = {}

IDENTIFY_SUBSCREENS = frozenset({Screen.MRZ_ENTRY, Screen.MANUAL_ID})

# Points of no return: reaching one closes the journey's pages before it. Behind the
# receipt lies only the form already sent (try-out 7, C-e: 返回 led back to the review,
# 确认提交 greyed, a dead end), so the receipt has no 返回; what comes after it (the
# rating) still goes back to it.
CLOSES_BEHIND = frozenset({Screen.SUBMITTED})


@dataclass(slots=True)
class Navigator:
    """A back stack over the journey's screens."""

    journey: Journey | None = None
    stack: list[Screen] = field(default_factory=lambda: [Screen.HOME])
    skip: set[Screen] = field(default_factory=set)

    @property
    def screen(self) -> Screen:
        """The screen the flow is on."""
        return self.stack[-1]

    def start(self, journey: Journey) -> Screen:
        """Begin a journey from the home screen."""
        self.journey = journey
        self.skip = set()
        self.stack = [Screen.HOME, JOURNEYS[journey][0]]
        return self.screen

    def go(self, screen: Screen) -> Screen:
        """Jump to a specific screen (a branch such as manual entry, or call staff)."""
        if screen == Screen.HOME:
            return self.home()
        self.stack.append(screen)
        return self.screen

    def next(self) -> Screen:
        """Advance along the journey; after its last screen, go home."""
        if self.journey is None:
            return self.home()
        order = JOURNEYS[self.journey]
        cur = self.screen
        if cur in IDENTIFY_SUBSCREENS or cur == Screen.CALL_STAFF:
            # Branches return into the main line: find the main-line screen below them.
            cur = next((s for s in reversed(self.stack) if s in order), order[0])
        idx = order.index(cur) if cur in order else -1
        for s in order[idx + 1 :]:
            if s not in self.skip:
                self.stack.append(s)
                if s in CLOSES_BEHIND:
                    self.stack = [Screen.HOME, s]
                return self.screen
        return self.home()

    def can_go_back(self) -> bool:
        """Whether 返回 leads anywhere the citizen may go: not from a point of no return."""
        return self.screen not in CLOSES_BEHIND

    @property
    def behind(self) -> Screen:
        """The screen 返回 leads to."""
        return self.stack[-2] if len(self.stack) > 1 else Screen.HOME

    def back(self) -> Screen:
        """One step back (never past home, never from a point of no return)."""
        if not self.can_go_back():
            return self.screen
        if len(self.stack) > 1:
            self.stack.pop()
        if self.screen == Screen.HOME:
            self.journey = None
        return self.screen

    def home(self) -> Screen:
        """Drop the journey and return to the home screen."""
        self.journey = None
        self.skip = set()
        self.stack = [Screen.HOME]
        return self.screen


def choose_screen(flow_screen: Screen, maintenance: bool, faults: frozenset[Device]) -> Screen:
    """The screen to show, by priority: maintenance, blocking fault, normal flow."""
    if maintenance:
        return Screen.MAINTENANCE
    if NEEDS.get(flow_screen, frozenset()) & faults:
        return Screen.OUT_OF_SERVICE
    return flow_screen
