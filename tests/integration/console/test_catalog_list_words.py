"""The catalog list over real HTTP (try-out 9, K5): the 承诺时限 column states a time
limit (户籍证明开具's words "凭回执到派出所户籍窗口当场出具" say where to go, not how
long: the column says 即办, the words stay on hover), and an empty 历史版本 says 暂无
rather than showing a table of headers."""

from __future__ import annotations

import re

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in


def test_time_limits_are_limits_and_no_history_says_so(platform: EmbeddedPlatform) -> None:
    base = platform.base_url
    admin = sign_in(base, "zhao")
    page = admin.get(base + "/console/catalog", timeout=5).text
    row = re.search(r'data-service-id="gongan.hukou_certificate">(.*?)</tr>', page, re.S)
    assert row, "户籍证明开具 is not listed"
    cell = re.search(r'<td class="time-limit"([^>]*)>(.*?)</td>', row.group(1), re.S)
    assert cell and cell.group(2) == "即办" and "当场出具" in cell.group(1)
    cells = [c for _a, c in re.findall(r'<td class="time-limit"([^>]*)>(.*?)</td>', page)]
    assert not [c for c in cells if "窗口" in c or "凭回执" in c], cells
    assert "10个工作日" in cells
    assert 'id="no-versions"' in page and "暂无" in page and 'class="version"' not in page
    en = admin.get(base + "/console/catalog?lang=en", timeout=5).text
    assert "On the spot" in en and "None yet" in en
