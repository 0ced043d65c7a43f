"""A record as the agent sends it: the head written directly must be the JSON the
platform hashed before (``json.dumps(head, ensure_ascii=False, separators=(",", ":"))``),
and a stored payload that is not one JSON object must never reach a batch (the
platform would refuse the whole batch for it)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk.sync import SyncAgent, SyncConfig
from offline_cache.memory_outbox import MemoryOutbox
from offline_cache.outbox_protocol import RecordKind

NOW = dt.datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=dt.UTC)
PAYLOAD = json.dumps({"service_id": "s", "form": {"名字": '张三 "引号" \\ \u2028'}}).encode()


def _agent() -> tuple[SyncAgent, MemoryOutbox]:
    outbox = MemoryOutbox()
    # Nothing listens there: _body_item never talks to the platform.
    return SyncAgent(SyncConfig(base_url="http://127.0.0.1:9", kiosk_id="K1"), outbox), outbox


@pytest.mark.parametrize(
    "tracking_number",
    [None, "A7H3-261123-0042X", 'quote"back\\slash', "中文-编号", "tab\tnl\nctl\x01", "\u2028"],
)
@pytest.mark.parametrize("with_key", [True, False])
def test_the_head_is_the_json_it_always_was(tracking_number: str | None, with_key: bool) -> None:
    agent, outbox = _agent()
    rec = outbox.enqueue(RecordKind.APPLICATION, PAYLOAD, tracking_number, NOW)
    key = str(rec.id) if with_key else None
    head = {
        "kind": rec.kind.value,
        "tracking_number": tracking_number,
        "created_at": "2026-03-02T09:00:00.123456Z",
    }
    if key is not None:
        head["idempotency_key"] = key
    expected = json.dumps({**head, "payload": json.loads(PAYLOAD)}, ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
    body = agent._body_item(rec, key)
    assert body is not None
    assert json.loads(body) == json.loads(expected)
    # Byte for byte up to the payload, which is spliced in as stored.
    assert body == expected.split(',"payload":')[0].encode() + b',"payload":' + PAYLOAD + b"}"
    agent.stop()


@pytest.mark.parametrize(
    "payload",
    [b"[1, 2]", b'"text"', b"{", b'{"a": 1} trailing', b'{"a": 1}{"b": 2}', b"\xff\xfe{}", b""],
)
def test_a_payload_that_is_not_one_json_object_is_not_sent(payload: bytes) -> None:
    agent, outbox = _agent()
    rec = outbox.enqueue(RecordKind.APPLICATION, payload, "T1", NOW)
    assert agent._body_item(rec, str(rec.id)) is None
    agent.stop()


def test_whitespace_around_the_object_is_still_one_object() -> None:
    agent, outbox = _agent()
    rec = outbox.enqueue(RecordKind.APPLICATION, b' \n{"a": 1}\r\n\t ', "T1", NOW)
    body = agent._body_item(rec, str(rec.id))
    assert body is not None and json.loads(body)["payload"] == {"a": 1}
    agent.stop()
