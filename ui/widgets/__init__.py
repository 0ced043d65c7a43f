"""Reusable widgets built from the design tokens."""
