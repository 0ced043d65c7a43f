"""Technician cards: a small card application for signing technicians in (PC/SC)."""
