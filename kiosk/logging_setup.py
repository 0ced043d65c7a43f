"""Logging: JSON lines in rotating files for technicians, readable lines on the console.

Identity data must never reach a log. The primary rule is that no code logs it;
:class:`RedactFilter` is the safety net that masks anything shaped like an ID or
document number that slips through (e.g. inside an exception message).
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
from pathlib import Path

# 18-digit resident IDs (last char may be X), 15-digit old IDs, passport-style numbers.
_ID_PATTERNS = (
    re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{5}(\d{4})(?![0-9A-Za-z])"),
    re.compile(r"(?<![0-9A-Za-z<])([A-Z]{1,2})\d{6,8}(?![0-9A-Za-z])"),
)


def redact(text: str) -> str:
    """Mask anything that looks like an identity number."""
    text = _ID_PATTERNS[0].sub(lambda m: m.group(1) + "********" + m.group(2)[-4:], text)
    text = _ID_PATTERNS[1].sub(lambda m: m.group(1) + "*****" + m.group(2), text)
    return _ID_PATTERNS[2].sub(lambda m: m.group(1) + "******", text)


class RedactFilter(logging.Filter):
    """Rewrites each record's message with identity-shaped numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = redact(record.getMessage())
        record.msg, record.args = msg, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy to grep, ship and parse."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_text:
            entry["exc"] = record.exc_text
        elif record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(log_dir: Path | None, level: str, max_bytes: int, backups: int) -> None:
    """Install the file and console handlers on the root logger (idempotent)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    redactor = RedactFilter()
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    console.addFilter(redactor)
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(
            log_dir / "kiosk.jsonl", maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        fh.setFormatter(JsonFormatter())
        fh.addFilter(redactor)
        fh._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(fh)
