"""One citizen's session: identity (memory only), choices, form, captured pages.

Ending a session for any reason (finished, cancelled, idle timeout, Home) wipes
it: the object is replaced by a fresh one and the old one's references to
personal data are dropped, so nothing outlives the citizen at the screen.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.identity import Identity

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The real clock; injected everywhere so tests can move time."""
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class CapturedPage:
    """A photographed supporting document (JPEG), held until submission."""

    material_index: int
    jpeg: bytes = field(repr=False)
    width: int
    height: int


@dataclass(slots=True)
class Session:
    """Everything the kiosk knows about the citizen in front of it."""

    id: uuid.UUID
    started_at: dt.datetime
    language: str
    assisted: bool = False
    identity: Identity | None = None
    agent: Identity | None = None  # 代办: the person acting for the applicant
    proxy: bool = False  # 代办 chosen: the first identity proven is the agent's
    assisted_offered: bool = False  # the 65+ offer of assisted mode was made (once a session)
    service_id: str | None = None
    form_values: dict[str, str] = field(default_factory=dict)
    # Photos per material (catalog index), in the order taken: a paper can have pages.
    pages: dict[int, list[CapturedPage]] = field(default_factory=dict)
    tracking_number: str | None = None
    # The receipt rated in this session (a receipt is rated once): not offered again.
    rated_tracking_number: str | None = None
    # Proof for the status lookup: the scanned receipt's signed code, or the last 4
    # characters of the ID number typed with a bare number (memory only, wiped with
    # the session).
    tracking_receipt: str | None = field(default=None, repr=False)
    tracking_id_last4: str | None = field(default=None, repr=False)
    # The result page sent the citizen back to type the ID's last 4 again, the number
    # kept (nothing matched the ones typed).
    tracking_retype_last4: bool = False
    # A paper of the looked-up number's receipt may be out already
    # (PrintService.receipt_copy_next): 查询 offers 补打回执, else 打印回执 (try-out 20, T1).
    tracking_receipt_copy: bool = True
    sensitive: set[str] = field(default_factory=set)  # strings the voice must not say aloud
    # Staff were called in this session: the citizen waits for them, so the idle
    # warning waits longer (SessionManager.warning_after_s).
    staff_called: bool = False
    # Identities recorded so far: a screen built for one sees that another came (不是我,
    # then the citizen's own document) without keeping any of theirs.
    identities: int = 0
    # The document read was seen leaving its reader (the chip reader's removal, or the
    # SAM reader's presence check): no screen of this session asks for it again.
    document_taken: bool = False
    # Told of each identity recorded (SessionManager.on_identity): the SAM reader's card
    # is followed from its read, not from the page that asks for it back.
    recorded: Callable[[Session, Identity], None] | None = field(
        default=None, repr=False, compare=False
    )

    def set_identity(self, identity: Identity, *, as_agent: bool = False) -> None:
        """Record a proven identity and remember its personal strings for the voice guard."""
        self.identities += 1
        if as_agent:
            self.agent = identity
        else:
            self.identity = identity
        self.sensitive |= {
            identity.document_number,
            identity.full_name,
            identity.surname,
            identity.given_names,
            identity.masked_number(),
            identity.address,
        } - {""}
        if self.recorded is not None:
            self.recorded(self, identity)


class EndReason(StrEnum):
    """Why a session ended (for the audit log; never personal)."""

    FINISHED = "finished"
    HOME = "home"
    IDLE_TIMEOUT = "idle_timeout"
    CARD_PULLED = "card_pulled"
    LANGUAGE_RESET = "language_reset"
    VISIT_ENDED = "visit_ended"  # 结束办理 on the idle warning: the citizen is done
    MAINTENANCE = "maintenance"  # a technician took the kiosk over
    NEXT_TASK = "next_task"  # 继续办理其他事项 at a journey's end: the same citizen goes on


# The task ends but the citizen stays (首页 mid-journey: the same person, going back
# for another errand): identity and everything typed go, the display choices
# (language, 长辈模式, the window's 字号 and colours, the voice volume) stay. Any other
# end ends the visit, everything back to the default for the next citizen: the idle
# reset, 结束办理, a technician, and the end of a journey (完成 or 首页 on the rating, the
# ticket or the receipt: the window passes FINISHED for 首页 there): there the citizen
# leaves with their paper and the next one steps up, as a voting machine resets after
# each voter (try-out 5: the next citizen found English, 字号 4/4 and dark colours).
# 继续办理其他事项, offered where a journey ends, is the citizen saying they stay: an
# elderly visitor applying, then booking, then taking a ticket kept 长辈模式 only by
# switching it on at each task (try-out 18, E1).
TASK_ONLY = frozenset({EndReason.HOME, EndReason.NEXT_TASK})

# Ends after which the visit goes on: the citizen said so (继续办理其他事项). Their open
# staff call stays theirs across the tasks: a tap asks again on it, its chip stays, and
# it ends with the visit (try-out 18, E2: a second row on the console, and 正在前往 on
# the first one never reached her screen). 首页 mid-journey may be a stranger's tap on a
# task left behind: it ends the call's journey as before.
SAME_VISIT = frozenset({EndReason.NEXT_TASK})


class IdlePhase(StrEnum):
    """Where the idle timer stands."""

    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class IdleStatus:
    """Idle phase plus the seconds left in the countdown (WARNING only)."""

    phase: IdlePhase
    remaining_s: int = 0


class SessionManager:
    """Owns the current session and its idle clock; thread-safe."""

    def __init__(
        self,
        clock: Clock,
        default_language: str,
        idle_warning_s: float,
        countdown_s: float,
        assisted_factor: float,
        staff_wait_s: float = 600.0,
    ) -> None:
        self._clock = clock
        self._staff_wait_s = staff_wait_s
        self._default_language = default_language
        self._idle_warning_s = idle_warning_s
        self._countdown_s = countdown_s
        self._assisted_factor = assisted_factor
        self._lock = threading.Lock()
        self._listeners: list[Callable[[EndReason], None]] = []
        self._identity_listeners: list[Callable[[Session, Identity], None]] = []
        self._session = self._fresh(default_language)
        self._last_input = self._clock()

    def _fresh(self, language: str) -> Session:
        return Session(
            id=uuid.uuid4(),
            started_at=self._clock(),
            language=language,
            recorded=self._identity_recorded,
        )

    def _identity_recorded(self, session: Session, identity: Identity) -> None:
        for listener in list(self._identity_listeners):
            listener(session, identity)

    @property
    def current(self) -> Session:
        """The live session (never None: an idle kiosk holds an empty one)."""
        return self._session

    def on_end(self, listener: Callable[[EndReason], None]) -> None:
        """Call ``listener`` whenever a session ends (voice volume reset, screen wipe...)."""
        self._listeners.append(listener)

    def on_identity(self, listener: Callable[[Session, Identity], None]) -> None:
        """Call ``listener`` with the session whenever an identity is recorded in one."""
        self._identity_listeners.append(listener)

    def touch(self) -> None:
        """The citizen did something: restart the idle timer."""
        with self._lock:
            self._last_input = self._clock()

    def warning_after_s(self) -> float:
        """Seconds without input before the warning; longer in assisted mode, and
        longer still while the citizen waits for the staff they called."""
        factor = self._assisted_factor if self._session.assisted else 1.0
        usual = self._idle_warning_s * factor
        return max(usual, self._staff_wait_s) if self._session.staff_called else usual

    def countdown_s(self) -> float:
        """Seconds the visible countdown lasts; longer in assisted mode too."""
        factor = self._assisted_factor if self._session.assisted else 1.0
        return self._countdown_s * factor

    def idle_since(self, seconds_ago: float) -> None:
        """Date the last input ``seconds_ago`` back (the tour shows the real warning)."""
        with self._lock:
            self._last_input = self._clock() - dt.timedelta(seconds=seconds_ago)

    def idle_status(self) -> IdleStatus:
        """Where the idle timer stands now."""
        with self._lock:
            idle = (self._clock() - self._last_input).total_seconds()
        warn = self.warning_after_s()
        if idle < warn:
            return IdleStatus(IdlePhase.ACTIVE)
        left = warn + self.countdown_s() - idle
        if left > 0:
            return IdleStatus(IdlePhase.WARNING, int(left + 0.999))
        return IdleStatus(IdlePhase.EXPIRED)

    def set_language(self, language: str) -> None:
        """Switch the interface language for this session."""
        self._session.language = language

    def set_assisted(self, on: bool) -> None:
        """Assisted mode stays on for the session once chosen."""
        self._session.assisted = on

    def end(self, reason: EndReason) -> None:
        """Wipe the session and start an empty one: in the default language, or, when only
        the task ended (:data:`TASK_ONLY`), in the citizen's language and mode."""
        with self._lock:
            old = self._session
            keep = reason in TASK_ONLY
            self._session = self._fresh(old.language if keep else self._default_language)
            self._session.assisted = keep and old.assisted
            # Still waiting for the staff they called: the idle warning still waits longer.
            self._session.staff_called = reason in SAME_VISIT and old.staff_called
            self._last_input = self._clock()
        # Drop references eagerly so the identity (and its photo) is collectable now.
        old.identity = old.agent = None
        old.form_values.clear()
        old.pages.clear()
        old.sensitive.clear()
        for listener in list(self._listeners):
            listener(reason)
