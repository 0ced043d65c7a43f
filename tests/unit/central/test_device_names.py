"""The console's fleet page and the kiosk's maintenance panel name every device with
the same words (try-out 8, K3: "扫码摄像头 / 身份证读卡器 / 存储空间" on the console,
"摄像头 / 身份证阅读器 / 数据存储" on the kiosk, so an operator on the phone to the
technician at the kiosk spoke of different devices). The two tables live apart because
the platform may not import the kiosk; this test makes them one table in effect."""

from __future__ import annotations

import pytest

from central.console.i18n import label
from kiosk.events import Device
from ui.strings.maintenance import STRINGS


@pytest.mark.parametrize("device", list(Device))
def test_console_and_maintenance_panel_name_a_device_alike(device: Device) -> None:
    zh, en = STRINGS[f"device.{device.value}"]
    assert (label("device", device.value, "zh"), label("device", device.value, "en")) == (zh, en)
