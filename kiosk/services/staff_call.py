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

Blocking methods (disk) must run through ``core.run``.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from enum import StrEnum
from typing import Any, Protocol

from kiosk.session import Clock
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

# The steps staff take on the console, in order.
_STEPS = (StaffCallState.ACKNOWLEDGED, StaffCallState.COMING, StaffCallState.DONE)


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

    def call(self, body: dict[str, Any], tracking_number: str | None) -> StaffCallState:
        """Store a call durably (blocking); its state right after storing."""
        payload = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        try:
            record = self._deps.outbox.enqueue(
                RecordKind.STAFF_CALL, payload, tracking_number, self._clock()
            )
        except Exception:
            log.exception("staff call could not be stored")
            return StaffCallState.NOT_SAVED
        with self._lock:
            self._last = record.id
            self._open.append(record.id)
        agent = self._deps.sync
        if agent is not None:
            agent.wake()
            # The agent asks the platform until staff answer on the console.
            agent.watch_staff_call(record.id, self.acknowledge)
        return self.state()

    def journey_ended(self, at: str) -> bool:
        """The session the open calls were made in ended at ``at`` (ISO, the kiosk's
        clock): the console says so on their rows (try-out 15, K4: staff walked to a kiosk
        whose citizen had gone). True when a call was open."""
        with self._lock:
            if not self._open:
                return False
            for call_id in self._open:
                self._ended[call_id] = at
            self._open.clear()
            while len(self._ended) > ENDED_KEPT:
                del self._ended[next(iter(self._ended))]
            return True

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
        if step is not None:
            return step
        record = self._deps.outbox.get(last)
        if record is not None and record.state is RecordState.DELIVERED:
            return StaffCallState.DELIVERED
        return StaffCallState.WAITING
