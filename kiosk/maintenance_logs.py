"""The log as a technician reads it on the maintenance panel's log page.

The file (JSON lines, kiosk/logging_setup.py) is already redacted; every message
is redacted again here, as the net. Lines are sorted into topics (device, network,
outbox, screen, kiosk) by logger name (kiosk/data/log_topics.json), consecutive
repeats of one message collapse into one entry with a count, and the "problems"
view keeps warnings and errors only: what went wrong. Messages the panel can say in
the technician's language (kiosk/data/log_words.json) carry which words and their
fields; the file itself stays as logged (try-out 8, T2: English lines on a Chinese
panel, print jobs named by their internal ids). It once kept every device,
network and outbox line too, and showed "database migrated…" and "ID card read: ok"
as problems (try-out 5); a failure there is logged as a warning (the platform link
once per change, kiosk/sync/link_words.py; a print job not printed), a routine line
is not.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.logging_setup import redact

TAIL_BYTES = 512 * 1024  # the newest part of the file: enough for hundreds of lines
PROBLEM_LEVELS = frozenset({"WARNING", "ERROR", "CRITICAL"})
TOPICS_FILE = Path(__file__).parent / "data" / "log_topics.json"
WORDS_FILE = Path(__file__).parent / "data" / "log_words.json"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One message (or a run of the same message): local time of the last, level,
    topic, redacted text and how many times in a row it came."""

    at: str  # "YYYY-MM-DDTHH:MM:SS", local time, as the log file holds it
    level: str
    topic: str
    text: str
    count: int = 1
    # The panel's words for it (log_words.json), and their fields; "" for a line it
    # shows as logged.
    words: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    # What a print job named by the line is, as the 打印任务 page names it (kind, label,
    # tracking number), filled in by the panel's reader (kiosk/maintenance.py).
    job: tuple[str, str, str] | None = None

    @property
    def problem(self) -> bool:
        """Shown under 问题: a warning or worse, or the end of one (a device back);
        never a line the words file calls quiet (expected, nothing to act on)."""
        if self.words in _quiet_words():
            return False
        return self.level in PROBLEM_LEVELS or self.words in _problem_words()

    def field(self, name: str) -> str:
        """One of the words' fields ("" when the line has none of that name)."""
        return dict(self.fields).get(name, "")


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    data = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    pairs = [(p, topic) for topic, ps in data.items() if topic[0] != "_" for p in ps]
    return tuple(sorted(pairs, key=lambda pt: -len(pt[0])))


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return tuple((p["words"], re.compile(p["match"])) for p in data["patterns"])


@cache
def _problem_words() -> frozenset[str]:
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset(p["words"] for p in data["patterns"] if p.get("problem"))


@cache
def _quiet_words() -> frozenset[str]:
    data = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset(p["words"] for p in data["patterns"] if p.get("quiet"))


def words_of(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Which of the panel's words say ``text`` (a logged message), with their fields;
    ("", ()) for a message it has none for."""
    for words, pattern in _patterns():
        m = pattern.fullmatch(text)
        if m is not None:
            return words, tuple((k, v) for k, v in m.groupdict().items() if v is not None)
    return "", ()


def topic_of(logger: str) -> str:
    """The topic of a logger name: the longest configured prefix, else 'kiosk'."""
    for prefix, topic in _prefixes():
        if logger == prefix or logger.startswith(prefix + "."):
            return topic
    return "kiosk"


def _tail(path: Path) -> list[str]:
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - TAIL_BYTES))
        data = fh.read()
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[1:] if size > TAIL_BYTES else lines  # the first may be cut


def _entry(line: str) -> LogEntry:
    try:
        e = json.loads(line)
        if not isinstance(e, dict):
            raise ValueError
    except ValueError:
        return LogEntry("", "", "kiosk", redact(line))
    text = str(e.get("msg", ""))
    if e.get("exc"):
        text += " | " + str(e["exc"]).strip().splitlines()[-1]  # the exception, not the stack
    level = str(e.get("level", "")).upper()
    text = redact(text)
    words, fields = words_of(text)
    topic = topic_of(str(e.get("logger", "")))
    return LogEntry(str(e.get("ts", "")), level, topic, text, words=words, fields=fields)


def read_log(path: Path, *, problems_only: bool, limit: int) -> list[LogEntry]:
    """The newest ``limit`` entries, oldest first, repeats collapsed (blocking: disk)."""
    try:
        lines = _tail(path)
    except OSError:
        return []
    out: list[LogEntry] = []
    for line in lines:
        if not line.strip():
            continue
        e = _entry(line)
        if problems_only and not e.problem:
            continue
        last = out[-1] if out else None
        if last is not None and (last.level, last.topic, last.text) == (e.level, e.topic, e.text):
            out[-1] = LogEntry(
                e.at or last.at, e.level, e.topic, e.text, last.count + 1, e.words, e.fields
            )
        else:
            out.append(e)
    return out[-limit:]
