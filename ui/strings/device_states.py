"""Device states in words for the maintenance panel (keys ``devstate.<code>``).

The core reports a device's state as a code (``printer.paper_out``, ``idcard.ready SAM
…``); a technician reads words. Every state a driver can report has its words here;
tests/ui/test_maintenance_words.py walks the drivers' state enums so a new state
without words fails.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # Identity document reader (PC/SC)
    "devstate.card.no_reader": ("未连接读卡器", "No reader connected"),
    "devstate.card.no_card": ("就绪，无证件", "Ready, no document on it"),
    "devstate.card.card_present": ("证件已放上", "A document is on the reader"),
    "devstate.card.reading": ("正在读取", "Reading"),
    "devstate.card.error": ("读卡服务无响应，正在重试", "Card service not answering; retrying"),
    # Receipt printer
    "devstate.printer.ready": ("就绪", "Ready"),
    "devstate.printer.paper_near_end": ("纸将用完", "Paper nearly out"),
    "devstate.printer.paper_out": ("缺纸", "Out of paper"),
    "devstate.printer.cover_open": ("纸仓盖未关", "Cover open"),
    "devstate.printer.offline": ("未连接或未开机", "Not connected or switched off"),
    "devstate.printer.error": ("打印机报告故障", "The printer reports a fault"),
    # Camera (QR codes, document photos)
    "devstate.scanner.stopped": ("待机", "Idle"),
    "devstate.scanner.starting": ("正在启动", "Starting"),
    "devstate.scanner.running": ("正在工作", "Running"),
    "devstate.scanner.reconnecting": ("画面中断，正在重连", "Picture lost; reconnecting"),
    "devstate.scanner.ended": ("视频源已播放完", "The video source has ended"),
    "devstate.scanner.failed": ("无法打开摄像头", "The camera cannot be opened"),
    "devstate.scanner.error": ("状态读取失败", "Its state could not be read"),
    "devstate.scanner.no_picture": (
        "没有画面（请检查摄像头连线）",
        "No picture (check the camera's cable)",
    ),
    # Speech
    "devstate.speech.ready": ("就绪", "Ready"),
    "devstate.speech.no_audio_device": ("没有音频设备", "No audio device"),
    "devstate.speech.device_error": ("上次播放失败", "The last playback failed"),
    "devstate.speech.none": ("本机未配置语音", "No speech configured on this kiosk"),
    "devstate.speech.error": ("状态读取失败", "Its state could not be read"),
    # Platform link
    "devstate.platform.up": ("已连接", "Connected"),
    "devstate.platform.down": ("连接不上", "Not reachable"),
    "devstate.platform.error": ("状态读取失败", "Its state could not be read"),
    # Data disk
    "devstate.storage.ok": ("空间充足", "Enough space"),
    "devstate.storage.low": ("空间不足，请清理", "Space running low"),
    "devstate.storage.full": ("空间已满，无法保存新申请", "Full: new applications cannot be saved"),
    "devstate.storage.unreadable": ("无法读取磁盘空间", "Free space cannot be read"),
    "devstate.storage.error": ("状态读取失败", "Its state could not be read"),
    "devstate.storage.probe_failed": (
        "测试记录无法写入或读回",
        "A test record could not be written or read back",
    ),
    # Resident ID (SAM) reader
    "devstate.idcard.ready": ("就绪", "Ready"),
    "devstate.idcard.busy": ("正在读卡", "Reading a card"),
    "devstate.idcard.fault": ("读卡器故障", "Reader fault"),
    # A faulty reader, why (drivers/idcard/polling.py FAULT_REASONS; try-out 9, T2).
    "devstate.idcard.not_answering": (
        "读卡器没有应答（请检查连线和电源）",
        "The reader does not answer (check its cable and power)",
    ),
    "devstate.idcard.sam_fault": (
        "安全模块故障或未获授权",
        "Its security module failed or is not authorised",
    ),
    "devstate.idcard.garbled": (
        "读卡器的应答无法识别（线路干扰）",
        "The reader's replies are garbled (noise on the line)",
    ),
    "devstate.idcard.disconnected": ("未连接", "Not connected"),
    "devstate.idcard.starting": ("正在启动", "Starting"),
    "devstate.idcard.error": ("状态读取失败", "Its state could not be read"),
    "devstate.idcard.none": ("本机未配置身份证阅读器", "No resident-ID reader configured"),
    "devstate.idcard.sam": ("安全模块 {sam}", "SAM {sam}"),
    "devstate.idcard.no_photo": ("未配置照片解码", "no photo decoder configured"),
    # A code this table does not know (a newer driver): calm words, the code beside in small type.
    "devstate.unknown": ("其他状态（见代码）", "Other state (see the code)"),
    "devstate.none": ("无", "none"),
}
