"""What a polled reader's attempts leave in the log: each read, and a failure once.

The reader is polled every 0.7 s. A reader that stopped answering logged "ID card
read: timeout" at every poll, hundreds of lines a few minutes, burying everything
else in the file a technician exports (try-out 10, T5). Here a failure that repeats
poll after poll is logged when it begins, and once more when it ends, with how many
attempts it lasted; a read that got somewhere (a card, or one lifted mid-read) is
logged each time, as before. Whether the reader counts as faulty is the reader's
state and the supervisor's business, not the log's: nothing here changes it.
Outcomes only: never a card's contents.
"""

from __future__ import annotations

import logging
import threading
import time

from drivers.idcard.types import ReadOutcome

# An attempt that found no card is no event at all (it is most polls).
QUIET = frozenset({ReadOutcome.NO_CARD})
# Outcomes about a card the citizen laid: each is news, never folded into a run.
EACH_TIME = frozenset({ReadOutcome.OK, ReadOutcome.CARD_LIFTED})


class ReadLog:
    """Logs the outcomes of ``read_once`` on ``logger`` under ``what``
    ("ID card read", "ID card read (SDK)"), a run of one failure as two lines."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._log = logger
        self._what = what
        self._lock = threading.Lock()  # polls and a maintenance test may both report
        self._run: ReadOutcome | None = None  # the failure repeating now
        self._count = 0
        self._since = 0.0

    def note(self, outcome: ReadOutcome) -> None:
        """One attempt came to ``outcome``."""
        with self._lock:
            if outcome is self._run:
                self._count += 1
                return
            self._end_run()
            if outcome in QUIET:
                return
            self._log.info("%s: %s", self._what, outcome.value)
            if outcome not in EACH_TIME:
                self._run, self._count, self._since = outcome, 1, time.monotonic()

    def _end_run(self) -> None:
        if self._run is None:
            return
        if self._count > 1:
            seconds = time.monotonic() - self._since
            self._log.info(
                "%s: %s ended after %d attempts in a row (%.0f s)",
                self._what,
                self._run.value,
                self._count,
                seconds,
            )
        self._run = None
        self._count = 0
