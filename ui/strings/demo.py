"""Strings of the demo-controls panel (demo mode only)."""

STRINGS: dict[str, tuple[str, str]] = {
    "demo.title": ("演示控制", "Demo controls"),
    "demo.show": ("展开", "show"),
    "demo.hide": ("收起", "hide"),
    "demo.card_adult": ("放入示例证件", "Insert sample ID document"),
    "demo.card_elder": ("放入老年人证件", "Insert an elderly citizen's document"),
    "demo.card_remove": ("取走证件", "Remove document"),
    "demo.qr_eid": ("出示电子证照码", "Show e-ID QR code"),
    "demo.qr_receipt": ("出示回执二维码", "Show receipt QR code"),
    "demo.qr_forged": ("出示伪造二维码", "Show forged QR code"),
    "demo.qr_eid_forged": ("出示伪造电子证照", "Show forged e-ID QR"),
    "demo.qr_garbage": ("出示无关二维码", "Show unrelated QR code"),
    "demo.paper_out": ("打印机缺纸", "Printer: paper out"),
    "demo.printer_ready": ("打印机恢复", "Printer: ready"),
    "demo.printer_offline": ("打印机离线 / 恢复", "Printer: offline / back"),
    "demo.network": ("断网 / 恢复网络", "Network down / up"),
    "demo.idcard_resident": ("放置居民身份证", "Lay a resident ID card"),
    "demo.idcard_hmt": ("放置港澳台居民居住证", "Lay a HK/Macao/Taiwan residence permit"),
    "demo.idcard_foreign": ("放置外国人永久居留身份证", "Lay a permanent-residence card"),
    "demo.idcard_lift": ("取走身份证", "Lift the ID card"),
    "demo.techcard_on": ("放上技术员卡（密码 246810）", "Technician card on (PIN 246810)"),
    "demo.techcard_off": ("取走技术员卡", "Take the technician card away"),
    "demo.device_faults": ("设备故障 / 恢复…", "Device faults / back..."),
    "demo.camera_fault": ("摄像头故障 / 恢复", "Camera: fault / back"),
    "demo.card_reader_fault": ("证件读卡器拔出 / 插回", "Passport reader: unplug / back"),
    "demo.idcard_reader_fault": ("身份证阅读器故障 / 恢复", "Resident ID reader: fault / back"),
    # What a newcomer types for the sample documents (values from kiosk/data/demo_citizens.json).
    "demo.samples_title": (
        "示例证件（虚构数据）与要输入的内容",
        "Sample documents (fictitious) and what to type",
    ),
    "demo.clock.office": ("模拟时间：办公时间内", "Simulated: office hours"),
    "demo.clock.real": ("真实时间", "Real time"),
    "demo.clock.folded": ("模拟时间", "simulated time"),
    "demo.clock.simulated": (
        "大厅时间为模拟时间（办公时间内）：{t}，可试现场取号与预约。",
        "The hall runs on a SIMULATED time (office hours): {t}, so queue numbers and bookings can be tried.",
    ),
    "demo.clock.real_now": ("大厅时间为真实时间：{t}", "The hall runs on the real time: {t}"),
    # F12 could not bring the embedded platform back: said in words, the link stays down.
    "demo.network_failed": (
        "网络未能恢复：内置受理平台无法启动（{why}）。本机继续离线办理。",
        "The network did not come back: the embedded platform could not start ({why})."
        " The kiosk keeps working offline.",
    ),
    # A demo kiosk on a separate kiosk-central: F12 has no embedded platform to stop.
    "demo.network_remote": (
        "F12 只能断开内置受理平台。本机连接的是独立平台（kiosk-central），未断开任何连接。"
        "要演示离线，请关闭本终端或停止该平台。",
        "F12 cuts only the embedded platform. This kiosk uses a separate platform"
        " (kiosk-central): nothing was cut. To show a kiosk offline, close it or stop"
        " that platform.",
    ),
    "demo.network_down": ("网络已断开（演示）。", "Network cut (demo)."),
    "demo.network_up": ("网络已恢复。", "Network restored."),
    # While F12's switch is under way on a worker (the platform takes seconds to stop).
    "demo.network_going_down": ("正在断开网络…", "Cutting the network…"),
    "demo.network_coming_up": ("正在恢复网络…", "Restoring the network…"),
    "demo.sample_passport": (
        "{fkey} {name}：护照号 {number}，出生日期 {birth}，有效期至 {expiry}",
        "{fkey} {name}: passport {number}, born {birth}, expires {expiry}",
    ),
    "demo.sample_typed": (
        "    手工输入或电子证照（F5 为王晓明）：身份证号 {id}，姓名 {name}",
        "    Typed in, or e-ID (F5 is Wang Xiaoming): resident ID {id}, name {name}",
    ),
}
