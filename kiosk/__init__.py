"""Application core of the self-service kiosk (no Qt here)."""

import os

__version__ = "0.1.0"

# The kiosk uses no pydantic plugins; looking them up scans every installed
# distribution's entry points, ~20 ms of every start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
