"""Technicians: who may open the maintenance panel, how they prove it, and lockout."""
