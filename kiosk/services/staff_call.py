"""Call staff (呼叫工作人员): a durable outbox record and its honest state.

A call is only "notified" once the platform has it: until then the kiosk says
the call is saved and waiting. The states follow the record, one way:

``WAITING`` (stored here, not yet delivered) → ``DELIVERED`` (the platform
confirmed the record) → ``ACKNOWLEDGED`` (a member of staff answered it on the
platform console; whoever learns that — the sync agent — calls :meth:`acknowledge`)
→ ``COMING`` (they pressed 正在前往: only then is anyone said to be on the way) →
``DONE`` (已处理: the call is closed). Offline the kiosk learns nothing new and says
the last step it heard, never one it did not (try-out 9, K1).
``NOT_SAVED`` means the record could not even be stored (disk full, a bug).

One citizen's call is one call: a tap while their call is open (not yet 已处理, the
session not over) asks again on that call, it makes no new one (try-out 17, C1/K4).
What the kiosk learns after a call (asked again, the printer back, the receipt that
did not print printed since) travels as the call's follow-ups on the heartbeat, as
its journey's end does (try-out 15, K4; try-out 17, K1).

A call still open when its citizen ended the journey themselves (完成, 首页) is the
kiosk's *left call* (:meth:`StaffCalls.left_call`): the citizen is still standing
there waiting, and the home screen keeps saying staff were called and where the call
stands (try-out 17, E1), until staff mark it 已处理, a new citizen begins (a task
started, or a call of their own), or ``LEFT_CALL_SHOWN`` has passed.

Blocking methods (disk) must run through ``core.run``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from kiosk.session import SAME_VISIT, Clock, EndReason
from offline_cache.outbox_protocol import Outbox, RecordKind, RecordState

log = logging.getLogger(__name__)


class StaffCallState(StrEnum):
    """Where the citizen's call stands (message keys ``staff.<value>.title/body``)."""

    SAVING = "saving"  # the tap was just made; nothing is stored yet
    NOT_SAVED = "not_saved"
    WAITING = "waiting"
    DELIVERED = "delivered"
    ACKNOWLEDGED = "acknowledged"
    COMING = "coming"
    DONE = "done"


# A call's reason as it travels to the platform: a device state code as the kiosk's
# supervisor reports it ("printer.paper_out"), nothing else (no citizen's words or data).
STAFF_CALL_REASON = re.compile(r"[a-z]+\.[a-z_]+")

# Calls whose citizen's journey ended, as the heartbeat tells the console (try-out 15,
# K4): the newest this many (a hall's console lists the day's calls).
ENDED_KEPT = 20

# Calls whose follow-ups the heartbeat carries (asked again, printer, receipt): the
# newest this many, as for ended calls.
FOLLOWED_KEPT = ENDED_KEPT

# How long after its citizen's journey ended a call still open is said on the home
# screen (and asked after on the platform): long enough for staff to walk over, short
# enough that a later citizen does not find a stranger's call there.
LEFT_CALL_SHOWN = dt.timedelta(minutes=15)

# Ends where the citizen ended the journey themselves and is still at the kiosk (首页,
# 完成). Not the idle reset and the like: the newcomer would read the call as theirs
# (try-out 7, 5).
_CITIZEN_STAYS = frozenset({EndReason.FINISHED, EndReason.HOME})

# The steps staff take on the console, in order.
_STEPS = (StaffCallState.ACKNOWLEDGED, StaffCallState.COMING, StaffCallState.DONE)


@dataclass(frozen=True, slots=True)
class CallAnswer:
    """What a tap of 呼叫工作人员 did: where the citizen's call stands and, when the tap
    only asked again on their open call (no new call), when that call was made."""

    state: StaffCallState
    again_since: dt.datetime | None = None
    asked: int = 1  # taps on this call, the first included


@dataclass(frozen=True, slots=True)
class LeftCall:
    """The call of the citizen whose journey just ended, still open: when it was made
    (the kiosk's clock) and where it stands. Nothing of the citizen's."""

    made_at: dt.datetime
    state: StaffCallState


@dataclass(slots=True)
class _Followed:
    """What the console is told about one call after it was made (its follow-ups)."""

    made_at: dt.datetime
    asked: int = 1
    asked_at: str = ""
    tracking_number: str | None = None
    receipt_missing: bool = False  # its receipt did not print when the call was made
    receipt_printed_at: str = ""
    receipt_copy: bool = False  # what printed was a copy (补打), not its first paper
    printer_concern: bool = False  # made while the printer could not print
    printer: str = ""  # the printer's state since ("ok" or "printer.…"), "" unknown
    printer_at: str = ""


class StaffCallDeps(Protocol):
    """The parts of the backend this service uses (read at call time)."""

    @property
    def outbox(self) -> Outbox:
        """The durable outbox."""
        ...

    @property
    def sync(self) -> Any:
        """The sync agent (woken after an enqueue), or None."""
        ...


class StaffCalls:
    """Stores staff calls and reports the state of the latest one."""

    def __init__(self, deps: StaffCallDeps, clock: Clock) -> None:
        self._deps = deps
        self._clock = clock
        self._lock = threading.Lock()
        self._last: uuid.UUID | None = None
        self._steps: dict[uuid.UUID, StaffCallState] = {}  # heard from the platform
        # Calls made in the session now under way; those of sessions ended, and when.
        self._open: list[uuid.UUID] = []
        self._ended: dict[uuid.UUID, str] = {}
        self._followed: dict[uuid.UUID, _Followed] = {}
        # The left call (see the module's doc): its id, when made, when its journey ended.
        self._left: tuple[uuid.UUID, dt.datetime, dt.datetime] | None = None
        # One tap at a time decides "new call or asked again": two quick taps on two
        # workers must not both store a call.
        self._calling = threading.Lock()

    def call(self, body: dict[str, Any], tracking_number: str | None) -> CallAnswer:
        """Store a call durably (blocking), or, while this citizen's call is open, count
        the tap on it (asked again: the console's one row says so); where it stands."""
        with self._calling:
            again = self._ask_again(body, tracking_number)
            if again is not None:
                agent = self._deps.sync
                if agent is not None:
                    agent.send_heartbeat_soon()  # the console's row says it now
                return CallAnswer(self.state(), again.made_at, again.asked)
            return CallAnswer(self._store(body, tracking_number))

    def _ask_again(self, body: dict[str, Any], tn: str | None) -> _Followed | None:
        """The open call of this session, counted once more; None when there is none."""
        with self._lock:
            last = self._last
            if last is None or last not in self._open:
                return None
            if self._steps.get(last) is StaffCallState.DONE:
                return None  # 已处理: a tap now is a new request for help
            followed = self._followed.get(last)
            if followed is None:
                return None
            followed.asked += 1
            followed.asked_at = self._clock().isoformat()
            # What this tap knows that the call did not say (the printer failed since,
            # the receipt then did not print): the console hears it with the call.
            self._concerns(followed, body, tn)
            return followed

    def _concerns(self, followed: _Followed, body: dict[str, Any], tn: str | None) -> None:
        """Note what the console is to hear about later (the lock held)."""
        printer = body.get("printer") or body.get("reason") or ""
        if isinstance(printer, str) and printer.startswith("printer."):
            followed.printer_concern = True
            followed.printer, followed.printer_at = printer, ""
        if tn and body.get("receipt_not_printed") is True:
            followed.tracking_number = tn
            followed.receipt_missing = True
            followed.receipt_printed_at = ""

    def _store(self, body: dict[str, Any], tracking_number: str | None) -> StaffCallState:
        payload = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            record = self._deps.outbox.enqueue(
                RecordKind.STAFF_CALL, payload, tracking_number, self._clock()
            )
        except Exception:
            log.exception("staff call could not be stored")
            return StaffCallState.NOT_SAVED
        self._forget_left()  # a call of the citizen now here: theirs is the one said
        with self._lock:
            self._last = record.id
            self._open.append(record.id)
            followed = _Followed(made_at=self._clock())
            self._concerns(followed, body, tracking_number)
            # The printer's state at the call is the call's own (its body says it).
            followed.printer = ""
            self._followed[record.id] = followed
            while len(self._followed) > FOLLOWED_KEPT:
                del self._followed[next(iter(self._followed))]
        agent = self._deps.sync
        if agent is not None:
            agent.wake()
            # The agent asks the platform until staff answer on the console.
            agent.watch_staff_call(record.id, self.acknowledge)
        return self.state()

    def printer_now(self, state: str) -> bool:
        """The printer's state changed to ``state`` ("ok" or "printer.paper_out"…; any
        thread): calls made while it could not print follow it. True when one does (the
        console is to hear it)."""
        changed = False
        with self._lock:
            for followed in self._followed.values():
                if followed.printer_concern and followed.printer != state:
                    followed.printer, followed.printer_at = state, self._clock().isoformat()
                    changed = True
        return changed

    def receipt_printed(self, tracking_number: str | None, copy: bool = False) -> bool:
        """A receipt for ``tracking_number`` printed (from the panel or by the citizen;
        any thread), ``copy`` when a paper of it may have come out before
        (PrintResult.copy): a call that asked for it says so. True when one did."""
        if not tracking_number:
            return False
        changed = False
        with self._lock:
            for followed in self._followed.values():
                if followed.receipt_missing and followed.tracking_number == tracking_number:
                    followed.receipt_missing = False
                    followed.receipt_printed_at = self._clock().isoformat()
                    followed.receipt_copy = copy
                    changed = True
        return changed

    def follow_ups(self) -> dict[str, dict[str, Any]]:
        """What the console is to know of calls since they were made, for the heartbeat:
        call id -> {"asked", "asked_at", "printer", "printer_at", "receipt_printed_at",
        "receipt_copy"}
        (only what there is to say). Ids, counts, device states and times only."""
        out: dict[str, dict[str, Any]] = {}
        with self._lock:
            for call_id, f in self._followed.items():
                said: dict[str, Any] = {}
                if f.asked > 1:
                    said.update(asked=f.asked, asked_at=f.asked_at)
                if f.printer == "ok" or STAFF_CALL_REASON.fullmatch(f.printer):
                    said["printer"] = f.printer
                    if f.printer_at:
                        said["printer_at"] = f.printer_at
                if f.receipt_printed_at:
                    said["receipt_printed_at"] = f.receipt_printed_at
                    # The console says 补打 only for a copy: the receipt the call was
                    # about had mostly not come out at all (try-out 20, T1 follow-up).
                    if f.receipt_copy:
                        said["receipt_copy"] = True
                if said:
                    out[str(call_id)] = said
        return out

    def journey_ended(self, at: str, reason: EndReason | None = None) -> bool:
        """The session the open calls were made in ended at ``at`` (ISO, the kiosk's
        clock) for ``reason``: the console says so on their rows (try-out 15, K4: staff
        walked to a kiosk whose citizen had gone). Where the citizen ended it themselves,
        their open call becomes the left call. True when a call was open.

        Not an end of the visit (:data:`~kiosk.session.SAME_VISIT`): the citizen goes on
        to another task, their open calls stay theirs (asked again, followed, on one row)."""
        if reason in SAME_VISIT:
            return False
        self._forget_left()  # the session before this one is two citizens back
        with self._lock:
            if not self._open:
                return False
            for call_id in self._open:
                self._ended[call_id] = at
            left = list(self._open)
            self._open.clear()
            while len(self._ended) > ENDED_KEPT:
                del self._ended[next(iter(self._ended))]
            last = self._last
            followed = self._followed.get(last) if last is not None else None
            if (
                reason in _CITIZEN_STAYS
                and last in left
                and followed is not None
                and self._steps.get(last) is not StaffCallState.DONE
            ):
                assert last is not None
                self._left = (last, followed.made_at, self._clock())
                left.remove(last)  # still asked after: its answer is said on screen
        agent = self._deps.sync
        if agent is not None:
            # Nobody at the kiosk waits for its answer now: asking the platform on
            # (30 minutes) only filled the panel with failures offline (try-out 17, T1).
            agent.unwatch_staff_calls(left)
        return True

    def left_call(self) -> LeftCall | None:
        """The call still open of the citizen whose journey just ended, while it is to be
        said (see the module's doc); None when there is none (blocking: reads the outbox)."""
        with self._lock:
            left = self._left
            if left is None:
                return None
            call_id, made_at, ended_at = left
            step = self._steps.get(call_id)
        if step is StaffCallState.DONE or self._clock() - ended_at >= LEFT_CALL_SHOWN:
            self._forget_left()
            return None
        return LeftCall(made_at, step or self._stored_state(call_id))

    def new_citizen(self) -> None:
        """A new citizen began a task: the call before theirs is no longer said here (it
        stays on the console's hall page). In memory: never blocks."""
        self._forget_left()

    def _forget_left(self) -> None:
        with self._lock:
            left, self._left = self._left, None
        agent = self._deps.sync
        if left is not None and agent is not None:
            agent.unwatch_staff_calls([left[0]])

    def ended(self) -> dict[str, str]:
        """The calls whose journey ended, newest last: call id -> when (the heartbeat's)."""
        with self._lock:
            return {str(k): v for k, v in self._ended.items()}

    def last_call(self) -> uuid.UUID | None:
        """The id of the latest call, if any."""
        with self._lock:
            return self._last

    def acknowledge(self, call_id: uuid.UUID, step: str = "acknowledged") -> None:
        """Staff took ``step`` on ``call_id`` on the platform console (any thread):
        acknowledged, coming or done. A step never goes back (replies may cross)."""
        new = StaffCallState(step)
        assert new in _STEPS
        with self._lock:
            had = self._steps.get(call_id)
            if had is None or _STEPS.index(new) > _STEPS.index(had):
                self._steps[call_id] = new

    def state(self) -> StaffCallState:
        """The latest call's state (blocking: reads the outbox)."""
        with self._lock:
            last = self._last
            step = self._steps.get(last) if last is not None else None
        if last is None:
            return StaffCallState.NOT_SAVED
        return step or self._stored_state(last)

    def _stored_state(self, call_id: uuid.UUID) -> StaffCallState:
        """A call no step of staff has reached yet: delivered or still waiting here
        (blocking: reads the outbox)."""
        record = self._deps.outbox.get(call_id)
        if record is not None and record.state is RecordState.DELIVERED:
            return StaffCallState.DELIVERED
        return StaffCallState.WAITING
