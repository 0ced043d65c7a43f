"""Try-out 17, E6: 社会保障卡补换's receipt said neither that the new card is collected at
a counter nor that it is posted: how it comes depends on the form's 领取方式 (窗口领取 or
邮寄), which the catalog could not say. The catalog's pickup now depends on an answer
(data, not code), and the submitted page, the paper and 查询's result say the one that
applies: a counter visit as 还需到窗口：…, a posted card as 领取方式：… with no counter
visit. Through the real window, in Chinese on the landscape panel, one case per answer
(the 领取方式 question itself is tapped in test_elder_form_forward.py)."""

from __future__ import annotations

import pytest

from tests.support.citizen_backend import platform_status, tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.conftest_apply import ApplyRig, rig, to_review  # noqa: F401  (fixture)
from tests.ui.test_fee_after_guide import _paper, _words
from tests.ui.test_receipt_first_page import every_page, submit
from tests.ui.test_services_flow import DAY
from tests.ui.test_track_expected import _look_up

SERVICE = "renshe.ss_card_replace"
VALUES = {"phone": "13800138000", "address": "朝阳区建国路88号", "reason": "lost", "bank": "icbc"}
SAID = {
    "counter": "还需到窗口：新卡制成后凭回执到人社服务专区领取",
    "post": "领取方式：新卡制成后邮寄到您填写的联系地址，无需到窗口领取",
}


@pytest.mark.parametrize("answer", ["counter", "post"])
def test_the_way_the_card_comes_is_said_by_the_answer(
    rig: ApplyRig,  # noqa: F811
    citizen,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    r = rig
    docs = _paper(monkeypatch)
    r.window.resize(1920, 1080)
    to_review(r, SERVICE, VALUES | {"delivery": answer})
    submit(r)
    other = SAID["post" if answer == "counter" else "counter"]
    # The submitted page: the way that applies, on the first page, the other nowhere.
    first = every_page(r)[0].get("submitted_bring", "")
    assert SAID[answer] in first, first
    assert other.split("：")[1] not in first, first
    if answer == "post":
        assert "还需到窗口" not in first.split("\n")[-1], first  # posted: no counter visit
    # The paper heads with it, the same words.
    [doc] = [d for lang, d in docs if lang == "zh"]
    head = "".join(_words(doc).split("\n")[:3])
    assert SAID[answer].split("：")[1] in head and other.split("：")[1] not in head, head
    # 查询, once the platform says 已办结 (with the answer it was given): the same way.
    tn = str(tracking_number(DAY, 44))
    status = platform_status(
        tn,
        [("received", "2026-11-23T08:00:00Z"), ("completed", "2026-11-23T09:00:00Z")],
        SERVICE,
    )
    citizen.sync.statuses[tn] = {**status, "answers": {"delivery": answer}}
    citizen.sync.id_last4[tn] = "002X"
    r.core.home()
    r.window.show_screen()
    page = _look_up(r.window, r.qtbot, tn)
    assert "已办结" in page and SAID[answer] in page and other not in page, page
