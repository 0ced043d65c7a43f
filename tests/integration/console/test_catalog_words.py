"""What an administrator reads in the catalog editor, over real HTTP (try-out 7):
every mistake of a form on the one save (33), and the review page's difference in the
console's words, not the document's codes (34)."""

from __future__ import annotations

import html
import re

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_catalog import _edit, _error, _post

SID = "renshe.ss_card_replace"


def test_one_save_shows_every_mistake(platform: EmbeddedPlatform) -> None:
    """An empty name, a fee that is not a number, negative days and copies: all said on
    the first save, beside their boxes, with what was typed kept."""
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base, SID)
    form.update(
        {
            "name.zh": "",
            "fees.amount_cny": "abc",
            "time_limit.days": "-3",
            "materials.0.copies": "-1",
        }
    )
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 400
    assert _error(r.text, "name.zh") == "此项必填。"
    assert _error(r.text, "fees.amount_cny") == "请填写数字。"
    assert _error(r.text, "time_limit.days") == "不能小于 0。"
    assert _error(r.text, "materials.0.copies") == "不能小于 0。"
    # The days changed and the words shown to citizens did not: said at once too.
    assert "天数已改" in _error(r.text, "time_limit.text.zh")
    assert 'value="-3"' in r.text and 'value="abc"' in r.text


def _diff_rows(page: str, sid: str) -> dict[str, tuple[str, str]]:
    block = page.split(f'data-service-id="{sid}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<tr class="diff-row"><td>(.*?)</td><td class="old">(.*?)</td><td class="new">(.*?)</td>',
        block,
        re.S,
    )
    return {html.unescape(f): (html.unescape(a), html.unescape(b)) for f, a, b in rows}


def test_the_review_shows_words_not_codes(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base, SID)
    form.update(
        {
            "department_id": "minzheng",
            "popular": "false",
            "kiosk_completable": "false",
            "time_limit.kind": "days",
            "form.fields.0.label.zh": "申请人全名",
            "form.fields.0.validation.max_length": "30",
        }
    )
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303, r.text
    rows = _diff_rows(admin.get(base + "/console/catalog/review", timeout=5).text, SID)
    assert rows["所属部门"] == ("人力资源和社会保障局", "民政局")
    assert rows["热门事项"] == ("是", "否")
    assert rows["办理方式"] == ("本机可办", "需到窗口")
    assert rows["天数计法"] == ("工作日", "自然日")
    old, new = rows["表单字段 applicant_name"]
    assert old.startswith("申请人姓名 / Applicant name · 文字 · 必交") and "最多字数 40" in old
    assert new.startswith("申请人全名 / Applicant name · 文字 · 必交") and "最多字数 30" in new
    for field, (a, b) in rows.items():
        for value in (a, b):
            assert value not in ("renshe", "minzheng", "true", "false", "days"), field
            assert "{" not in value and '"' not in value, (field, value)  # no JSON

    en = _diff_rows(admin.get(base + "/console/catalog/review?lang=en", timeout=5).text, SID)
    assert en["Popular"] == ("yes", "no") and en["Counted in"] == ("working days", "calendar days")


def test_the_list_states_a_time_limit_once(platform: EmbeddedPlatform) -> None:
    """ "20个工作日" already says the days: no "(20 工作日)" after it."""
    base = platform.base_url
    page = sign_in(base, "zhao").get(base + "/console/catalog", timeout=5).text
    cells = re.findall(r'<td class="time-limit">(.*?)</td>', page)
    assert "10个工作日" in cells and "20个工作日" in cells
    assert not [c for c in cells if "工作日 (" in c], cells
