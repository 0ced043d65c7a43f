"""The receipts' own small string table (zh and en).

Kept here rather than in the UI's Qt translations: receipts are rendered in the
core (no Qt) and must read the same on paper, on screen and in the tests.
"""

from __future__ import annotations

import datetime as dt

LANGS = ("zh", "en")

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "receipt.title": ("办事回执", "Submission Receipt"),
    "receipt.service": ("办理事项", "Service"),
    "receipt.tracking": ("受理编号", "Tracking no."),
    "receipt.applicant": ("申请人", "Applicant"),
    "receipt.id_number": ("证件号码", "ID number"),
    "receipt.agent": ("代办人", "Agent"),
    "receipt.submitted_at": ("提交时间", "Submitted"),
    "receipt.kiosk": ("自助终端", "Kiosk"),
    "receipt.fee": ("应缴费用", "Fee"),
    "receipt.expected": ("预计办结", "Expected by"),
    "receipt.materials": ("请携带以下材料到窗口：", "Please bring these to the counter:"),
    # What is still to do at a counter, on top as the papers to bring are (try-out 15,
    # C3/C4: a fee was a row among the details, a certificate to collect not said at all).
    "receipt.todo": ("还需到窗口：", "Still to do at a counter:"),
    "receipt.todo.fee": ("缴费 {fee}", "Pay {fee}"),
    # How the result comes where it is not collected at a counter (posted; try-out 17, E6).
    "receipt.delivery": ("领取方式：", "How you get it:"),
    # The same, printed offline under the sentence that says it is not yet delivered:
    # the counter finds it only once the kiosk has sent it (try-out 17, C10).
    "receipt.todo.pending": (
        "送达平台后还需到窗口：",
        "Once it reaches the platform, still to do at a counter:",
    ),
    "receipt.no_materials": (
        "必需材料已在本机提交，以窗口审核为准。",
        "The required documents were submitted here; staff will check them.",
    ),
    "receipt.optional_skipped": (
        "以下非必需材料未提交，如有请带到窗口：",
        "Optional documents not given here (bring them if you have them):",
    ),
    "receipt.pending": (
        "提交时网络不通：申请已保存在本机，网络恢复后自动送达受理平台，办理时限自送达时起计算。"
        "扫描二维码可查询是否已送达。",
        "The network was down: the application is saved at this kiosk and is sent to the "
        "platform by itself once the network is back; the time limit runs from then. "
        "Scan the QR code to see whether it has arrived.",
    ),
    # A receipt printed offline, printed again after the platform got it (try-out 10,
    # T1: the reprint still said the network was down).
    "receipt.delivered": (
        "已送达受理平台：{at}。办理时限自送达时起计算。",
        "Delivered to the platform: {at}. The time limit runs from then.",
    ),
    "receipt.refused": (
        "受理平台未接收此申请，请凭本回执到窗口咨询。",
        "The platform did not accept this application; please ask at the counter with "
        "this receipt.",
    ),
    # Over a copy of a slip that came out before, in the copy's own language (try-out 10,
    # C9: the citizen's English reprint of a 中文 receipt was in Chinese throughout).
    "reprint.mark": ("补打 {at}", "REPRINT {at}"),
    "receipt.id_source": ("身份核验", "Identity"),
    "receipt.source.chip": ("已读取证件芯片", "Read from the document chip"),
    "receipt.source.e_id_qr": ("电子证照", "e-ID"),
    "receipt.source.manual": ("手工输入，待窗口核验", "Typed in, to be checked at the counter"),
    "receipt.scan_hint": (
        "凭本回执或扫描二维码查询办理进度。",
        "Scan the QR code or show this receipt to check progress.",
    ),
    "receipt.keep": ("请妥善保管本回执。", "Please keep this receipt."),
    "ticket.title": ("排队叫号单", "Queue Ticket"),
    "ticket.service": ("业务", "Service"),
    "ticket.ahead": ("前面等候", "Waiting ahead"),
    "ticket.people": ("{n} 人", "{n}"),
    "ticket.closes_soon": (
        "本窗口今天 {t} 结束办理，临近下班，可能来不及办理",
        "This counter stops serving at {t} today; you may not be served before then",
    ),
    "ticket.ahead_unknown": ("暂无法获知，请留意叫号屏", "not known now; watch the display"),
    "ticket.wait": ("预计等候", "Expected wait"),
    "ticket.minutes": ("约 {n} 分钟", "about {n} min"),
    "ticket.window": ("请到窗口", "Counter"),
    "ticket.appointment": ("预约时段", "Appointment"),
    "ticket.issued": ("取号时间", "Issued"),
    "ticket.hint": (
        "请留意叫号屏幕及语音提示，过号请重新取号。",
        "Watch the display for your number. If you miss it, take a new ticket.",
    ),
    "appt.title": ("预约凭条", "Appointment Slip"),
    "appt.provisional": (
        "待确认：平台尚未确认此预约，不会另行通知您。前来前请在自助机“查询”中扫描本凭条二维码或输入预约编号：显示“已确认”才有效；显示未成功或查不到，请重新预约或咨询服务台。",
        'Provisional: the booking is not yet confirmed, and no one will tell you. Before you come, scan this slip\'s QR code or type the booking number under Track at a kiosk: only "Confirmed" means it holds; if it says not booked or is not found, please book again or ask at the front desk.',
    ),
    "appt.confirmed": ("平台已确认此预约。", "The booking is confirmed."),
    # Under it, on a slip printed after one of the same booking that said 待确认
    # (try-out 17, C5: two slips in hand, nothing said which counts).
    "appt.replaces": (
        "本凭条取代此前打印的“待确认”凭条，旧凭条作废。",
        'This slip replaces the earlier "Provisional" slip of this booking; that one no '
        "longer counts.",
    ),
    "appt.number": ("预约编号", "Booking no."),
    "appt.service": ("窗口", "Counter"),
    "appt.day": ("预约日期", "Date"),
    "appt.time": ("预约时间", "Time"),
    "appt.booked": ("提交时间", "Booked at"),
    "appt.hint": (
        "请在预约时间前 10 分钟到窗口，带上身份证件和本凭条。",
        "Please come to the counter 10 minutes early with your ID and this slip.",
    ),
    "status.title": ("办理进度", "Application Status"),
    "status.current": ("当前状态", "Status"),
    "status.updated": ("更新时间", "Updated"),
    "status.printed": ("打印时间", "Printed"),
    "status.steps": ("办理环节", "Progress"),
    "status.note": ("说明", "Note"),
    "thanks.title": ("感谢您的评价", "Thank You"),
    "thanks.body": (
        "您的评价已记录，我们将持续改进服务。",
        "Your rating is recorded; we will keep improving our service.",
    ),
    "thanks.rating": ("您的评分", "Your rating"),
    # Printed maybe offline: the comment goes with the rating when it is sent, not before.
    "thanks.comment": ("您的意见将转交相关部门。", "Your comments will be passed on to the team."),
    # A complaint's slip (try-out 8, C15): the number as the screen and console write it.
    "complaint.title": ("投诉回执", "Complaint Slip"),
    "complaint.number": ("投诉编号", "Complaint number"),
    "complaint.use": (
        "向工作人员询问或在“查询”中查看时，请提供此编号。",
        "Give this number when you ask staff, or type it under Track.",
    ),
    "complaint.term": (
        "平台收到后，相关部门会在 {d} 个工作日内处理并回访。",
        "Once the platform has it, the department concerned handles it and follows up "
        "within {d} working days.",
    ),
    "complaint.term_unknown": (
        "平台收到后，相关部门会按规定时限处理并回访。",
        "Once the platform has it, the department concerned handles it and follows up "
        "within the official time limit.",
    ),
    # No reply number given: handled, no 回访 promised (try-out 13, C3).
    "complaint.term.no_reply": (
        "平台收到后，相关部门会在 {d} 个工作日内处理。未留电话，无法回访。",
        "Once the platform has it, the department concerned handles it within {d} working"
        " days. No phone number was left, so no one can call you back.",
    ),
    "complaint.term_unknown.no_reply": (
        "平台收到后，相关部门会按规定时限处理。未留电话，无法回访。",
        "Once the platform has it, the department concerned handles it within the official"
        " time limit. No phone number was left, so no one can call you back.",
    ),
    "complaint.phone": ("答复电话", "Reply to"),
    "complaint.saved": (
        "打印时平台尚未确认收到；本机会自动发送，不需要您再操作。",
        "When printed, the platform had not yet confirmed it; this kiosk sends it by itself, "
        "nothing more is needed from you.",
    ),
    "complaint.delivered": ("打印时：平台已收到。", "When printed: the platform has it."),
    "test.title": ("打印机测试页", "Printer Test Page"),
    "test.ascii": ("ASCII 字符", "ASCII characters"),
    "test.cjk": ("中文 (GB18030)", "Chinese (GB18030)"),
    "test.sizes": ("字号", "Sizes"),
    "test.styles": ("样式", "Styles"),
    "test.bold": ("粗体", "Bold"),
    "test.underline": ("下划线", "Underline"),
    "test.align": ("对齐", "Alignment"),
    "test.left": ("左对齐", "Left"),
    "test.center": ("居中", "Centre"),
    "test.right": ("右对齐", "Right"),
    "test.barcode": ("条形码 CODE128", "Barcode CODE128"),
    "test.qr": ("二维码", "QR code"),
    "test.profile": ("纸宽", "Paper"),
    "test.version": ("软件版本", "Software"),
    "test.end": ("测试页结束，下方应自动切纸。", "End of test page; the paper is cut below."),
    "summary.title": ("每日汇总", "Daily Summary"),
    "summary.day": ("日期", "Date"),
    "summary.submissions": ("受理件数", "Submissions"),
    "summary.by_service": ("按事项", "By service"),
    "summary.tickets": ("取号数", "Queue tickets"),
    "summary.ratings": ("评价数", "Ratings"),
    "summary.rating_avg": ("平均评分", "Average rating"),
    "summary.print_failed": ("打印失败", "Print failures"),
    "summary.outbox_pending": ("待上传", "Outbox pending"),
    "summary.outbox_failed": ("上传失败", "Outbox failed"),
    "summary.staff_only": ("仅供工作人员使用", "For staff only"),
    "common.printed": ("打印时间", "Printed"),
    "common.none": ("无", "none"),
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The string for ``key`` in ``lang`` ('zh' or 'en'), formatted with ``fmt``."""
    if lang not in LANGS:
        raise ValueError(f"unsupported receipt language {lang!r}")
    text = _STRINGS[key][LANGS.index(lang)]
    return text.format(**fmt) if fmt else text


def fmt_datetime(value: dt.datetime, lang: str, *, seconds: bool = False) -> str:
    """Date and minute (and second: two copies printed a minute apart told apart), as
    people write them in each language."""
    clock = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日 {clock}"
    return f"{value:%Y-%m-%d} {clock}"


def fmt_date(value: dt.date, lang: str) -> str:
    """A date, as people write it in each language."""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value:%Y-%m-%d}"


def fmt_yuan(fen: int) -> str:
    """An amount in fen as yuan: ¥12.50 (the printer path maps ¥ to full-width ￥)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100}.{fen % 100:02d}"
