"""A failed sign-in in Debian's headless Chromium, then an administrator finding it on
the audit page (issue 16): the name typed (masked when no account has it: it may be
a password typed into the wrong box), from where, why it failed, never the password."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import PASSWORDS
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration


def _type_and_send(driver: Any, base: str, username: str, password: str) -> str:
    driver.get(base + "/console/signin")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "signin").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "error"))
    return str(driver.find_element(By.ID, "error").text)


def _search(driver: Any, text: str) -> list[list[str]]:
    box = driver.find_element(By.NAME, "q")
    box.clear()
    box.send_keys(text)
    driver.find_element(By.ID, "search").click()
    # The answer's address carries the search (the box on the page before it already
    # held the text, and an element read while the page changes goes stale).
    WebDriverWait(driver, 30).until(
        lambda d: (
            parse_qs(urlparse(d.current_url).query).get("q") == [text]
            and d.execute_script("return document.readyState") == "complete"
        )
    )
    return [
        [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        for row in driver.find_elements(By.CSS_SELECTOR, "#signin-failures tr.signin-failure")
    ]


def test_an_admin_finds_a_failed_sign_in_on_the_audit_page(
    platform: EmbeddedPlatform,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    typo = "Wang-Typo-Guess-2026"
    assert _type_and_send(chromium, base, "wnag", PASSWORDS["wang"][1]).startswith(
        "用户名或密码不正确。"
    )
    assert _type_and_send(chromium, base, "wang", typo).startswith("用户名或密码不正确。再错 4 次")
    _sign_in(chromium, base, "zhao")
    chromium.find_element(By.ID, "nav-audit").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.NAME, "q"))
    assert typo not in chromium.page_source and PASSWORDS["wang"][1] not in chromium.page_source
    # A name no account has may be a password typed into the wrong box: masked, its text
    # never on the page (nor found by it).
    assert "wnag" not in chromium.page_source
    assert _search(chromium, "wnag") == []
    ((at, name, source, reason, times),) = _search(chromium, "无此账号")
    assert at.endswith(" UTC") and (name, source, times) == ("w＊＊＊", "127.0.0.1", "1")
    assert reason == "登录失败：无此账号"
    assert "wnag" not in chromium.page_source
    ((_, name, _, reason, _),) = _search(chromium, "密码错误")
    assert (name, reason) == ("wang", "登录失败：密码错误")
