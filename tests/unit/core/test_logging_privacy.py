"""Identity data never reaches the log files, even through exceptions or reprs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.identity import DocumentType, Identity, IdentitySource, Sex
from kiosk.logging_setup import redact, setup_logging
from tests.support.leftovers import root_logging_restored  # noqa: F401 (requested below)

NUMBER = "110105194912310021"
NAME = "张三丰"


def test_redact_masks_identity_shaped_numbers() -> None:
    assert NUMBER not in redact(f"lookup {NUMBER} failed")
    assert "110105********0021" in redact(f"lookup {NUMBER} failed")
    assert "E1234" not in redact("passport E12345678 seen")
    # Tracking numbers and ordinary figures are left alone.
    assert redact("queue 42, tracking M001-261123-0001K") == "queue 42, tracking M001-261123-0001K"


def test_log_files_never_contain_identity(tmp_path: Path, root_logging_restored: None) -> None:  # noqa: F811
    setup_logging(tmp_path, "DEBUG", 100_000, 2)
    ident = Identity(
        DocumentType.RESIDENT_ID,
        NUMBER,
        "张",
        "三丰",
        None,
        Sex.MALE,
        "CHN",
        None,
        IdentitySource.MANUAL,
    )
    log = logging.getLogger("kiosk.test")
    log.info("identity read: %s", ident)
    log.info("identity read: %r", ident)
    try:
        raise ValueError(f"platform rejected {NUMBER}")
    except ValueError:
        log.exception("submission failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = (tmp_path / "kiosk.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == 3 and all({"ts", "level", "logger", "msg"} <= set(e) for e in lines)
    assert NUMBER not in text
    assert NAME not in text and "三丰" not in text
    assert "exc" in lines[2]
