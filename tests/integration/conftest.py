"""Integration tests: no test leaves a kiosk thread running or a handler on the root
logger for the tests after it (tests/support/leftovers.py)."""

from tests.support.leftovers import (  # noqa: F401 (autouse, every integration test)
    root_logging_kept,
    root_logging_restored,
    threads_stopped,
)
