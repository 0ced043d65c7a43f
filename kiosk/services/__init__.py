"""Citizen-journey services: blocking work the screens run through ``core.run``."""
