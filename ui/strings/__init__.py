"""String tables, one module per area of the interface (merged by ui.i18n)."""
