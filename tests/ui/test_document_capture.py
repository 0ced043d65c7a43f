"""The documents screen through the real window: quality gates, several pages, exact preview."""

from __future__ import annotations

import base64
import json

import cv2
import numpy as np
from PySide6.QtWidgets import QLabel

from drivers.scanner.types import DocumentCapture, DocumentStatus
from kiosk.flow import Screen
from offline_cache.outbox_protocol import RecordKind
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.helpers import visible_texts


def _jpeg(seed: int) -> bytes:
    img = np.random.default_rng(seed).integers(0, 255, (200, 140, 3), dtype=np.uint8)
    ok, buf = cv2.imencode(".jpg", img)
    assert ok
    return buf.tobytes()


class Camera:
    """Stands in for the document camera: hands out the captures queued in ``shots``."""

    def __init__(self, shots: list[DocumentCapture]) -> None:
        self.shots = shots

    def __call__(self, *, max_bytes: int = 300_000, timeout_s: float = 2.0) -> DocumentCapture:
        return self.shots.pop(0)


def _ok(seed: int) -> DocumentCapture:
    return DocumentCapture(DocumentStatus.OK, _jpeg(seed), 140, 200, 85, True)


def _at_documents(r: ApplyRig, shots: list[DocumentCapture]) -> None:
    r.backend.scanner.capture_document = Camera(shots)
    put_on(r.window, Screen.DOCUMENTS)
    r.at(Screen.DOCUMENTS)


def test_page_not_found_and_too_small_ask_for_a_retake_and_keep_nothing(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _at_documents(
        r,
        [
            DocumentCapture(DocumentStatus.NO_PAGE),
            DocumentCapture(DocumentStatus.TOO_SMALL),
            _ok(1),
        ],
    )
    r.click("btn_capture")
    assert "没有找到完整的纸张" in r.label("docs_status")
    assert not r.shown("btn_use") and not r.shown("docs_preview")
    r.click("btn_capture")
    assert "太远" in r.label("docs_status")
    assert not r.shown("btn_use") and r.core.sessions.current.pages == {}
    r.click("btn_capture")
    assert r.shown("docs_preview") and r.shown("btn_use")


def test_a_paper_with_two_pages_is_sent_as_two_photos_exactly_as_previewed(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    first, second = _ok(1), _ok(2)
    _at_documents(r, [first, second])
    r.click("btn_capture")
    preview = r.window.findChild(QLabel, "docs_preview").pixmap()
    assert not preview.isNull()
    r.click("btn_use_more")
    assert r.shown("btn_add_page") and r.shown("btn_material_done") and not r.shown("btn_skip")
    r.click("btn_add_page")
    r.click("btn_use")
    pages = r.core.sessions.current.pages
    [(index, kept)] = pages.items()
    # Exactly the bytes the camera produced (and the preview showed): nothing re-encoded.
    assert [p.jpeg for p in kept] == [first.jpeg, second.jpeg]
    assert "已拍摄 2 页" in " ".join(visible_texts(r.window))
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    [rec] = [x for x in r.backend.outbox.list() if x.kind is RecordKind.APPLICATION]
    body = json.loads(rec.payload)
    sent = [base64.b64decode(a["data_b64"]) for a in body["attachments"]]
    assert sent == [first.jpeg, second.jpeg] and index >= 0


def test_one_page_paper_still_moves_on_after_use(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _at_documents(r, [_ok(3)])
    r.click("btn_capture")
    r.click("btn_use")
    assert not r.shown("btn_add_page")
    assert len(next(iter(r.core.sessions.current.pages.values()))) == 1
