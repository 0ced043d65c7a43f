"""The catalog editor over real HTTP (try-out 9): a fee is not accepted while the words
citizens read still say 不收费 and nobody wrote where to pay it (K7); saving a service
with nothing changed makes no draft, and a draft that changes nothing cannot go out as a
new version, not even by a post made without the page (K8)."""

from __future__ import annotations

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in
from tests.integration.console.test_catalog import SID, _edit, _error, _post, _reviewed


def test_a_fee_needs_its_words_and_where_to_pay(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    assert form["fees.amount_cny"] == "0" and form["fees.text.zh"] == "不收费"
    assert form["fees.pay.zh"] == ""
    form["fees.amount_cny"] = "5"
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 400 and 'id="errors"' in r.text
    assert "收费金额已改" in _error(r.text, "fees.text.zh")
    assert "收费金额已改" in _error(r.text, "fees.text.en")  # "Free of charge" stayed too
    assert "有收费时必填" in _error(r.text, "fees.pay.zh")
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'class="change"' not in review  # nothing reached the draft

    form.update(
        {
            "fees.text.zh": "5元",
            "fees.text.en": "CNY 5",
            "fees.pay.zh": "凭回执到户籍窗口缴费",
        }
    )
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303, r.text
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert review.count('class="change"') == 1 and "凭回执到户籍窗口缴费" in review


def test_no_change_makes_no_draft_and_no_version(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    _page, form = _edit(admin, base)
    r = _post(admin, f"{base}/console/catalog/services/{SID}", form)
    assert r.status_code == 303
    page = admin.get(base + r.headers["location"], timeout=5).text
    assert 'id="unchanged"' in page and "没有改动，未存入草稿" in page
    assert 'id="no-draft"' in page and 'id="drafted"' not in page

    # A draft that comes back to the version in force (changed, then changed back).
    original = form["summary.zh"]
    _post(admin, f"{base}/console/catalog/services/{SID}", {**form, "summary.zh": "改过的简介"})
    r = _post(admin, f"{base}/console/catalog/services/{SID}", {**form, "summary.zh": original})
    assert r.status_code == 303
    review = admin.get(base + "/console/catalog/review", timeout=5).text
    assert 'id="no-changes"' in review and "无需发布" in review
    assert 'id="publish"' not in review and 'id="discard"' in review
    # Posted anyway (an old page, a script): refused, nothing published.
    r = _post(admin, base + "/console/catalog/publish", {**_reviewed(review), "version": "2026.12"})
    assert r.status_code == 400 and "无需发布" in r.text
    page = admin.get(base + "/console/catalog", timeout=5).text
    assert '<strong id="version">2026.11</strong>' in page
