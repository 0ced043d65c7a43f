"""Application core of the self-service kiosk (no Qt here)."""

__version__ = "0.1.0"
