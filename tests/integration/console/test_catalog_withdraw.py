"""下架 (withdrawing a service) over real HTTP (try-out 7, 32): the edit page offers it
apart from saving, a confirmation page says what happens and how to undo it, only the
confirmation's answer acts (a bare post does not), and 恢复 undoes it before publishing."""

from __future__ import annotations

import re

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import csrf_of, sign_in
from tests.integration.console.test_catalog import _edit, _post

SID = "renshe.ss_card_replace"
EDIT = f"/console/catalog/services/{SID}"


def _in_draft(platform: EmbeddedPlatform) -> list[str] | None:
    draft = platform.platform.staff.catalog_drafts.draft()
    return None if draft is None else [s["id"] for s in draft.doc["services"]]


def test_withdrawing_asks_first_and_can_be_undone(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    page, _form = _edit(admin, base, SID)
    # Not a button of the form that saves: its own section, a link to a confirmation.
    form_html = page.split('id="service-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="withdraw"' not in form_html and "/withdraw" not in form_html
    assert re.search(r'<a href="[^"]*/withdraw" id="withdraw" class="danger">下架此事项…</a>', page)

    # A post without the confirmation's answer (an old page, a slip) takes nothing out.
    bare = _post(admin, base + EDIT + "/withdraw", {"csrf": csrf_of(page)})
    assert bare.status_code == 200 and 'id="confirm-withdraw"' in bare.text
    assert _in_draft(platform) is None

    ask = admin.get(base + EDIT + "/withdraw", timeout=5)
    assert ask.status_code == 200
    words = ask.text.split('id="withdraw-consequences"', 1)[1].split("</div>", 1)[0]
    assert "社会保障卡补换" in ask.text
    assert "不再提供" in words and "发布前可以撤销" in words and "恢复" in words
    assert 'id="cancel-withdraw"' in ask.text
    assert _in_draft(platform) is None  # asking changed nothing

    done = _post(admin, base + EDIT + "/withdraw", {"csrf": csrf_of(ask.text), "confirm": SID})
    assert done.status_code == 303
    assert SID not in (_in_draft(platform) or [])
    listing = admin.get(base + done.headers["location"], timeout=5).text
    assert "已在草稿中下架" in listing and "已存入草稿" not in listing
    row = listing.split('<tr class="withdrawn" data-service-id="' + SID, 1)[1].split("</tr>")[0]
    assert "社会保障卡补换" in row and f'id="restore-{SID}"' in row
    # Kiosks still get the version in force until it is published.
    assert any(s["id"] == SID for s in platform.platform.catalog_doc["services"])

    undone = _post(admin, base + f"{EDIT}/restore", {"csrf": csrf_of(listing)})
    assert undone.status_code == 303
    order = [s["id"] for s in platform.platform.catalog_doc["services"]]
    assert _in_draft(platform) == order  # back, in its place
    listing = admin.get(base + undone.headers["location"], timeout=5).text
    assert 'class="withdrawn"' not in listing and "已恢复" in listing
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'id="no-changes"' in review


def test_english_confirmation(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    ask = admin.get(base + EDIT + "/withdraw?lang=en", timeout=5).text
    assert "Confirm withdrawal" in ask and "Before publishing it can be undone" in ask
