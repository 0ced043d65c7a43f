"""Strings of the technicians' maintenance panel (and the 暂停服务 screen it turns on)."""

STRINGS: dict[str, tuple[str, str]] = {
    "maint.title": ("维护模式", "Maintenance"),
    "maint.number_prompt": ("请输入技术员编号", "Enter your technician number"),
    "maint.pin_prompt_for": (
        "技术员编号 {number}：请输入个人密码",
        "Technician number {number}: enter your PIN",
    ),
    "maint.change_number": ("更改编号", "Change number"),
    "maint.card_prompt": (
        "技术员卡：{number}，请输入卡片密码",
        "Technician card {number}: enter the card's PIN",
    ),
    "maint.pin_wrong": ("编号或密码不正确，请重试", "Wrong number or PIN, please try again"),
    # Tries left before the wait, as bank terminals say (try-out 5).
    "maint.pin_wrong_left": (
        "编号或密码不正确。再错 {n} 次，需等待 {wait} 秒后才能重试。",
        "Wrong number or PIN. {n} more wrong tries and you wait {wait} s.",
    ),
    "maint.pin_wrong_last": (
        "编号或密码不正确。再错 1 次，需等待 {wait} 秒后才能重试。",
        "Wrong number or PIN. One more wrong try and you wait {wait} s.",
    ),
    # With a technician card only its PIN is typed (its prompt says 卡片密码), so only the
    # PIN can be wrong; one count, whichever limit comes first: the card's own block
    # (3 tries) or the kiosk's wait (try-out 19, T1: both ran into one sentence).
    "maint.card_pin_wrong_block": (
        "卡片密码不正确。再错 {n} 次，这张卡将被锁定。",
        "Wrong card PIN. {n} more wrong tries and this card is blocked.",
    ),
    "maint.card_pin_wrong_block_last": (
        "卡片密码不正确。再错 1 次，这张卡将被锁定。",
        "Wrong card PIN. One more wrong try and this card is blocked.",
    ),
    # The kiosk's wait first (wrong tries before the card came), or a card that gave no
    # count (it did not answer the check: not known to be a wrong PIN, still counted).
    "maint.card_pin_wrong": (
        "卡片密码未通过验证，请重试",
        "The card did not accept the PIN, please try again",
    ),
    "maint.card_pin_wrong_left": (
        "卡片密码未通过验证。再错 {n} 次，需等待 {wait} 秒后才能重试。",
        "The card did not accept the PIN. {n} more wrong tries and you wait {wait} s.",
    ),
    "maint.card_pin_wrong_last": (
        "卡片密码未通过验证。再错 1 次，需等待 {wait} 秒后才能重试。",
        "The card did not accept the PIN. One more wrong try and you wait {wait} s.",
    ),
    "maint.locked": (
        "密码错误次数过多，请在 {seconds} 秒后重试",
        "Too many wrong PINs: try again in {seconds} s",
    ),
    "maint.no_register": (
        "无法读取技术员名册，请联系管理员",
        "The technician register cannot be read: call the administrator",
    ),
    "maint.card_refused": (
        "这张技术员卡未通过验证",
        "This technician card did not pass the check",
    ),
    "maint.card_blocked": (
        "这张技术员卡已锁定，请联系管理员",
        "This technician card is blocked: call the administrator",
    ),
    "maint.next": ("下一步", "Next"),
    "maint.unlock": ("进入", "Unlock"),
    "maint.exit": ("退出维护", "Leave maintenance"),
    "maint.sign_out": ("退出登录", "Sign out"),
    # Two lines: the panel's messages show beside it (try-out 8, T3) and need the width.
    "maint.signed_in": ("技术员 {number}\n已登录", "Technician {number}\nsigned in"),
    "maint.idle_out": (
        "两分钟无操作，已退出登录",
        "Signed out after two minutes without a touch",
    ),
    "maint.card_out": ("技术员卡已取出，已退出登录", "Technician card removed: signed out"),
    # Signed out by the panel itself with 暂停服务/恢复服务 asked and not confirmed: the
    # change is dropped, and said (try-out 8, T1). On the sign-in page at once, and the
    # next time it opens ("maint.unapplied.last") until a technician signs in.
    "maint.unapplied.suspend.idle": (
        "两分钟无操作，已退出登录。暂停服务没有确认：本机没有暂停，已交还市民使用。",
        "Signed out after 2 minutes idle. Out of service NOT confirmed:"
        " the kiosk was not paused and is back with citizens.",
    ),
    "maint.unapplied.suspend.card_removed": (
        "技术员卡已取出，已退出登录。暂停服务没有确认：本机没有暂停，市民仍可使用。",
        "Technician card removed: signed out. Out of service NOT confirmed:"
        " the kiosk was not paused.",
    ),
    "maint.unapplied.resume.idle": (
        "两分钟无操作，已退出登录。恢复服务没有确认：本机仍暂停服务。",
        "Signed out after 2 minutes idle. Back in service NOT confirmed:"
        " the kiosk is still out of service.",
    ),
    "maint.unapplied.resume.card_removed": (
        "技术员卡已取出，已退出登录。恢复服务没有确认：本机仍暂停服务。",
        "Technician card removed: signed out. Back in service NOT confirmed:"
        " the kiosk is still out of service.",
    ),
    "maint.unapplied.last": ("上次维护：{what}", "Last time: {what}"),
    "maint.refresh": ("刷新", "Refresh"),
    "maint.tab.devices": ("设备", "Devices"),
    "maint.tab.outbox": ("上传队列", "Outbox"),
    "maint.tab.jobs": ("打印任务", "Print jobs"),
    "maint.tab.platform": ("平台连接", "Platform link"),
    "maint.tab.logs": ("日志", "Logs"),
    "maint.tab.diagnostics": ("诊断导出", "Diagnostics"),
    "maint.tab.service": ("暂停服务", "Out of service"),
    # The same tab while the kiosk is paused: its state, seen from every page (T5).
    "maint.tab.service_paused": ("已暂停服务", "Paused now"),
    "maint.paused_at_sign_in": (
        "本机仍在暂停服务，市民不能使用。要恢复服务，请点「{tab}」。",
        "Still out of service: citizens cannot use the kiosk. To resume, tap {tab}.",
    ),
    "maint.test_card": ("读卡测试", "Read a card"),
    "maint.test_scanner": ("扫码测试", "Scan a code"),
    "maint.test_page": ("打印测试页", "Print test page"),
    "maint.test_speech": ("语音测试", "Speak a line"),
    "maint.restart_devices": ("重启证件读卡器和摄像头", "Restart card reader and camera"),
    "maint.restart_confirm": ("确认重启", "Confirm restart"),
    "maint.restart_confirm_hint": (
        "重启会中断正在使用读卡器和摄像头的业务。确认重启请再按一次（8 秒内）。",
        "A restart interrupts any service using the card reader and camera."
        " Tap again within 8 s to restart.",
    ),
    "maint.test_idcard": ("读卡器自检", "Reader self-check"),
    # Short: the buttons are one width, the longest's (try-out 7), two devices a row.
    "maint.test_platform": ("测试平台连接", "Test the link"),
    "maint.test_storage": ("存储读写测试", "Test storage"),
    "maint.storage_ok": (
        "存储测试通过：测试记录已写入、读回并删除；{space}",
        "Storage test passed: a test record was written, read back and deleted; {space}",
    ),
    "maint.last_problem": ("最近故障：{at}，{detail}", "Last fault: {at}, {detail}"),
    "maint.no_problem": ("最近故障：无记录", "Last fault: none recorded"),
    # A device faulty now: since when (its last recorded fault is this one).
    "maint.fault_since": ("故障开始于：{at}", "Faulty since {at}"),
    "maint.fault_since_unknown": ("故障开始时间尚未记录", "Start of the fault not recorded yet"),
    "maint.time_today": ("今天 {t}", "today {t}"),
    "maint.time_yesterday": ("昨天 {t}", "yesterday {t}"),
    "maint.logs_problems": ("问题", "Problems"),
    "maint.logs_all": ("全部", "All"),
    "maint.logs_no_problems": (
        "没有警告或错误。点「全部」查看全部日志",
        "No warnings or errors. Tap All for every line",
    ),
    "maint.log_level.CRITICAL": ("严重", "Critical"),
    "maint.log_level.ERROR": ("错误", "Error"),
    "maint.log_level.WARNING": ("警告", "Warning"),
    "maint.log_level.INFO": ("信息", "Info"),
    "maint.log_level.DEBUG": ("调试", "Debug"),
    "maint.log_topic.device": ("设备", "Device"),
    "maint.log_topic.network": ("网络", "Network"),
    "maint.log_topic.outbox": ("上传", "Outbox"),
    "maint.log_topic.screen": ("界面", "Screen"),
    "maint.log_topic.kiosk": ("系统", "System"),
    # Log lines in the technician's words (kiosk/data/log_words.json; try-out 8, T2: the
    # 日志 page was English, print jobs named by internal ids). The file keeps the line.
    "maint.log_words.job_unknown": ("打印任务（记录已清除）", "Print job (record purged)"),
    "maint.log_words.print_left": (
        "{job}：市民已离开，留给工作人员处理",
        "{job}: the citizen has gone, left for staff",
    ),
    "maint.log_words.print_cut": (
        "{job}：打印中途中断（已发送 {n} 字节）",
        "{job}: cut off mid-way ({n} bytes sent)",
    ),
    "maint.log_words.print_undecryptable": (
        "{job}：存储的内容无法解密，不能补打",
        "{job}: its stored copy cannot be decrypted, no reprint",
    ),
    "maint.log_words.print_interrupted": (
        "{n} 个打印任务因本机重启而中断",
        "{n} print job(s) interrupted by a restart",
    ),
    "maint.log_words.device_fault": (
        "{device}：{health}（{detail}）",
        "{device}: {health} ({detail})",
    ),
    "maint.log_words.device_ok": ("{device}：恢复正常", "{device}: back to normal"),
    "maint.log_words.unapplied_suspend_idle": (
        "暂停服务未确认，没有暂停：两分钟无操作，技术员已被退出登录，本机交还市民使用",
        "Out of service not confirmed, not applied: signed out after 2 minutes idle,"
        " the kiosk back with citizens",
    ),
    "maint.log_words.unapplied_suspend_card": (
        "暂停服务未确认，没有暂停：技术员卡已取出，已退出登录",
        "Out of service not confirmed, not applied: technician card removed, signed out",
    ),
    "maint.log_words.unapplied_resume_idle": (
        "恢复服务未确认，仍暂停服务：两分钟无操作，技术员已被退出登录",
        "Back in service not confirmed, still out of service: signed out after 2 minutes idle",
    ),
    "maint.log_words.unapplied_resume_card": (
        "恢复服务未确认，仍暂停服务：技术员卡已取出，已退出登录",
        "Back in service not confirmed, still out of service: technician card removed",
    ),
    "maint.log_words.platform_not_reached": ("连接不上平台：{why}", "Platform not reached: {why}"),
    "maint.log_words.platform_credentials": (
        "平台拒绝了本机的证书或令牌（HTTP {status}）",
        "The platform refused this kiosk's credentials (HTTP {status})",
    ),
    "maint.log_words.platform_http": (
        "平台出错（HTTP {status}），本机稍后重试",
        "Platform error (HTTP {status}); the kiosk tries again later",
    ),
    "maint.log_words.platform_back": ("平台恢复应答", "The platform answers again"),
    "maint.log_words.insecure_dev_embedded": (
        "内置受理平台以不安全的开发模式运行（不认证终端，仅限本机回环）：仅供演示，不能用于生产",
        "The embedded platform runs in INSECURE DEV mode (kiosks not authenticated, loopback"
        " only): a demo stand-in, never for production",
    ),
    "maint.log_words.insecure_dev_platform": (
        "受理平台处于不安全的开发模式：不认证终端，仅供本机开发使用",
        "The platform is in INSECURE DEV mode: kiosks are not authenticated; development"
        " on loopback only",
    ),
    # The technician sign-in, never naming who (kiosk/technicians/signin.py; try-out 19,
    # T2: wrong card PINs and the sign-in after them were in the audit trail only).
    "maint.log_words.signin_wrong": (
        "技术员登录失败：编号或密码不正确（连续第 {n} 次）",
        "Technician sign-in failed: wrong number or PIN ({n} in a row)",
    ),
    "maint.log_words.signin_wrong_card": (
        "技术员登录失败：卡片密码不正确（连续第 {n} 次；这张卡再错 {card} 次将被锁定）",
        "Technician sign-in failed: wrong card PIN ({n} in a row; the card blocks after"
        " {card} more)",
    ),
    "maint.log_words.signin_card_silent": (
        "技术员登录失败：技术员卡没有完成密码验证（连续第 {n} 次）",
        "Technician sign-in failed: the card did not answer the PIN check ({n} in a row)",
    ),
    "maint.log_words.signin_locked": (
        "密码连续错误 {n} 次：密码输入暂停 {wait} 秒",
        "{n} wrong PINs in a row: the PIN pad waits {wait} s",
    ),
    "maint.log_words.signin_refused_locked": (
        "技术员登录被拒：密码输入暂停中，还需等待 {wait} 秒",
        "Technician sign-in refused: the PIN pad waits {wait} s more",
    ),
    "maint.log_words.signin_card_blocked": (
        "技术员卡已锁定（密码错误次数过多），不再接受任何密码：请联系管理员",
        "Technician card blocked (too many wrong PINs): it refuses every PIN; call the"
        " administrator",
    ),
    "maint.log_words.signin_card_refused": (
        "技术员卡未通过验证：签名与技术员名册登记的不符",
        "Technician card refused: its signature does not match the register",
    ),
    "maint.log_words.signin_no_register": (
        "无法读取技术员名册，技术员无法登录",
        "The technician register cannot be read: no technician can sign in",
    ),
    "maint.log_words.signin_ok": (
        "技术员已登录（编号和密码）",
        "Technician signed in (number and PIN)",
    ),
    "maint.log_words.signin_ok_card": ("技术员已登录（技术员卡）", "Technician signed in (card)"),
    "maint.log_words.signout_signed_out": ("技术员已退出登录", "Technician signed out"),
    "maint.log_words.signout_idle": (
        "两分钟无操作，技术员已被退出登录",
        "Technician signed out after two idle minutes",
    ),
    "maint.log_words.signout_card_removed": (
        "技术员卡已取出，技术员已退出登录",
        "Technician card removed: signed out",
    ),
    "maint.log_words.console_url": (
        "内置平台控制台：{url}（创建工作人员账号：{command}）",
        "Embedded platform console: {url} (a staff account: {command})",
    ),
    "maint.log_why.connection_refused": (
        "对方拒绝连接（平台地址上没有服务在监听）",
        "connection refused (nothing listening at the platform's address)",
    ),
    "maint.log_why.dns": ("找不到平台的主机名（DNS）", "host name not found (DNS)"),
    "maint.log_why.reset": ("连接被对方断开", "connection reset by the other end"),
    "maint.log_why.timeout": ("平台未及时应答", "no answer in time"),
    "maint.log_why.tls": ("加密连接失败", "secure connection (TLS) failed"),
    "maint.log_why.no_answer": ("没有应答", "no answer"),
    "maint.scan_wait": (
        "请在 15 秒内将任意二维码（如测试页上的）对准摄像头",
        "Hold any QR code (the test page has one) to the camera within 15 s",
    ),
    "maint.test_ok": ("测试通过：{detail}", "Test passed: {detail}"),
    "maint.test_failed": ("测试未通过：{detail}", "Test failed: {detail}"),
    "maint.scan_ok": ("已读到二维码（{n} 个字符）", "Code read ({n} characters)"),
    "maint.scan_none": ("15 秒内未读到二维码", "No code read within 15 s"),
    "maint.scan_no_picture": (
        "摄像头没有画面，无法读码：请检查摄像头连线",
        "The camera gives no picture, so no code can be read: check its cable",
    ),
    "maint.last_error": ("最近问题：{detail}", "Last problem: {detail}"),
    "maint.outbox": ("待上传队列", "Outbox"),
    "maint.record_state.pending": ("待发送", "pending"),
    "maint.record_state.sending": ("发送中", "sending"),
    "maint.record_state.failed": ("重试中", "retrying"),
    "maint.record_state.dead": ("失败", "dead"),
    "maint.record_state.delivered": ("已送达", "delivered"),
    "maint.outbox_counts": (
        "待发送 {pending} · 发送中 {sending} · 重试中 {failed} · 失败 {dead} · 已送达 {delivered}"
        " · 最早待发送 {age}",
        "pending {pending} · sending {sending} · retrying {failed} · dead {dead}"
        " · delivered {delivered} · oldest pending {age}",
    ),
    "maint.oldest_dead": ("最早失败记录：{age}", "Oldest dead record: {age}"),
    "maint.age_s": ("{n} 秒", "{n} s"),
    "maint.age_min": ("{n} 分钟", "{n} min"),
    "maint.age_h": ("{n} 小时", "{n} h"),
    # What 已送达 N is made of (try-out 11, T2: "已送达 11" alone told nothing).
    # Citizens' records apart from the kiosk's own audit entries (try-out 14, T2).
    "maint.delivered_kinds": (
        "已送达的市民记录 {n} 条：{kinds}",
        "Citizens' records delivered, {n}: {kinds}",
    ),
    "maint.delivered_audit": (
        "另有本机审计记录 {n} 条已送达（技术人员和系统的操作记录，不是市民的）",
        "Also delivered: {n} of this kiosk's audit entries (technicians' and system actions, not citizens')",
    ),
    "maint.kind_count": ("{kind} {n} 条", "{kind} {n}"),
    # What 待发送 is made of, like 已送达: whether a citizen's record is waiting (try-out 15, T1).
    "maint.waiting_kinds": (
        "待发送的市民记录 {n} 条：{kinds}",
        "Citizens' records waiting to be sent, {n}: {kinds}",
    ),
    "maint.waiting_none": (
        "待发送的记录中没有市民记录",
        "No citizen's record is among those waiting",
    ),
    "maint.waiting_audit": (
        "待发送的本机审计记录 {n} 条（技术人员和系统的操作记录，不是市民的）",
        "Waiting to be sent: {n} of this kiosk's audit entries (technicians' and system actions, not citizens')",
    ),
    # What a record is, in words (try-out 6 saw the stored codes on the 打印任务 page;
    # the outbox page showed "application" in the Chinese panel too).
    "maint.record_kind.application": ("办件申请", "Application"),
    "maint.record_kind.rating": ("好差评", "Rating"),
    # A complaint is a feedback record: the citizen's own name for both (try-out 17, P1).
    "maint.record_kind.feedback": ("投诉建议", "Feedback or complaint"),
    "maint.record_kind.appointment": ("预约", "Booking"),
    "maint.record_kind.staff_call": ("呼叫工作人员", "Staff call"),
    "maint.record_kind.audit": ("审计记录", "Audit entry"),
    "maint.record_kind.other": ("其他记录", "Other record"),
    "maint.requeue": ("重新发送", "Send again"),
    "maint.requeue_all": ("全部重新发送", "Send all again"),
    "maint.requeued": ("已重新排队 {n} 条", "{n} queued again"),
    # Every kind of slip is listed here (a test page too: try-out 9, T4).
    "maint.print_jobs": ("未打印成功的打印任务", "Print jobs not printed"),
    # Some of them printed by 补打 since the page was opened: they keep their rows (and
    # their button's place) until the page is left, and the heading says so (try-out 11, T1).
    "maint.print_jobs_reprinted": (
        "未打印成功的打印任务（其中 {n} 项已补打成功，离开本页后不再列出）",
        "Print jobs not printed ({n} since reprinted: gone once you leave this page)",
    ),
    "maint.reprinted": ("已补打", "Reprinted"),
    # The same where none of them had come out before: their first paper, no copy (try-out
    # 20, T1 follow-up: 其中 n 项已补打成功 and 已补打 for a job that never printed).
    "maint.print_jobs_printed": (
        "未打印成功的打印任务（其中 {n} 项已打印成功，离开本页后不再列出）",
        "Print jobs not printed ({n} since printed: gone once you leave this page)",
    ),
    "maint.printed_now": ("已打印", "Printed"),
    # One word for printing a job again, whichever list its button is on: the audit page,
    # the slip's heading and the citizen's 补打回执 say 补打 too (try-out 17, K5: the
    # recent jobs' button said 重打 and the console's audit the same act 补打凭条).
    "maint.reprint": ("补打", "Reprint"),
    # A job no paper of which may exist yet (failed each time): its first paper, no copy.
    "maint.print_now": ("打印", "Print"),
    "maint.recent_jobs": ("最近的打印任务（全部状态）", "Recent print jobs (all states)"),
    # Print jobs in words (try-out 3: "status_slip · failed · not_sent: paper_out" in zh).
    "maint.job_kind.receipt": ("回执", "Receipt"),
    "maint.job_kind.status_slip": ("进度查询单", "Status slip"),
    "maint.job_kind.appointment": ("预约单", "Booking slip"),
    "maint.job_kind.queue_ticket": ("排队叫号单", "Queue ticket"),
    "maint.job_kind.rating_thanks": ("评价凭条", "Rating slip"),
    "maint.job_kind.complaint_slip": ("投诉回执", "Complaint slip"),
    "maint.job_kind.test_page": ("打印测试页", "Test page"),
    "maint.job_kind.daily_summary": ("日结单", "Daily summary"),
    "maint.job_kind.submission_receipt": ("申请回执", "Application receipt"),
    # A kind this panel has no name for (a newer kiosk's slip): a name still, never the
    # stored code on screen (try-out 6: "其他凭条（submission_receipt）").
    "maint.job_kind.other": ("其他凭条", "Other slip"),
    "maint.job_state.queued": ("排队中", "queued"),
    "maint.job_state.printing": ("打印中", "printing"),
    "maint.job_state.done": ("已打印", "printed"),
    # Printed once, its latest reprint not (try-out 15, T2): the reason that follows is the reprint's.
    "maint.job_state.reprint_failed": ("已打印 · 补打未成功", "printed · reprint failed"),
    "maint.job_state.failed": ("未打印", "not printed"),
    "maint.job_state.unconfirmed": ("未确认是否打出", "not confirmed"),
    "maint.job_outcome.not_sent": ("未送到打印机", "never reached the printer"),
    "maint.job_outcome.interrupted": ("打印中断", "cut off mid-way"),
    "maint.job_outcome.unconfirmed": ("打印机未确认", "printer did not confirm"),
    "maint.job_outcome.printed": ("已打印", "printed"),
    "maint.job_outcome.internal_error": ("本机程序出错", "a kiosk software error"),
    "maint.job_outcome.other": ("未打印成功", "not printed"),
    "maint.job_state.other": ("状态未知", "state not known"),
    # Each attempt at a job printed more than once, under its line (try-out 7).
    "maint.job_try.first": ("{at} 首次打印：{result}", "{at} first print: {result}"),
    "maint.job_try.again": ("{at} 补打：{result}", "{at} reprint: {result}"),
    # Who asked for the copy (try-out 17, T1: a citizen's own 补打回执 from 查询 read as
    # the technician's); "maint.job_try.again" for a try kept before it was said.
    "maint.job_try.again.citizen": ("{at} 市民补打：{result}", "{at} citizen's reprint: {result}"),
    "maint.job_try.again.technician": (
        "{at} 技术员补打：{result}",
        "{at} technician's reprint: {result}",
    ),
    "maint.job_try.retry": ("{at} 再次打印：{result}", "{at} tried again: {result}"),
    # A technician's 补打 of a job that never came out: its first paper, no copy (the
    # audit's panel.print_again, 技术员重新打印; try-out 20, T1 follow-up: 再次打印 here,
    # 补打凭条 on the console).
    "maint.job_try.retry.technician": (
        "{at} 技术员重新打印：{result}",
        "{at} technician printed it again: {result}",
    ),
    # The citizen's own 重新打印回执 of a receipt that never came out: no copy, theirs
    # (the audit's citizen.print_again, 市民重新打印回执; try-out 20, T1).
    "maint.job_try.retry.citizen": (
        "{at} 市民重新打印：{result}",
        "{at} citizen printed it again: {result}",
    ),
    "maint.none": ("无", "None"),
    # Over the foot of a page taller than its room (try-out 10, T4).
    "maint.more_below": ("▼ 下方还有内容，请向上滑动查看", "▼ More below: swipe up to see it"),
    "maint.sync": ("平台连接", "Platform link"),
    "maint.link_tested": ("已测试连接，结果见下方", "Link tested: the result is below"),
    "maint.online": ("在线", "Online"),
    "maint.offline": ("离线", "Offline"),
    "maint.unknown": ("尚未连接", "Not yet connected"),
    "maint.credentials_refused": (
        "平台拒绝了本机的证书或令牌：待发送的记录会保留并在修复后自动发送。"
        "请检查本机证书/令牌及平台上的终端登记。",
        "The platform refused this kiosk's credentials: records wait and are sent once"
        " fixed. Check the kiosk's certificate or token and its registration at the"
        " platform.",
    ),
    "maint.check_link": ("测试连接", "Test the link"),
    "maint.platform_said": ("平台答复：{text}", "the platform said: {text}"),
    # The sync agent's failures, repeats collapsed, newest first (try-out 7: raw English
    # lines "heartbeat: connection error" ×N, oldest first).
    "maint.sync_problems": ("最近的连接问题（最新的在前）", "Recent link problems (newest first)"),
    "maint.sync_problem_once": ("{last} · {what}：{why}", "{last} · {what}: {why}"),
    "maint.sync_problem": (
        "{last} · {what}：{why} · 共 {n} 次，首次 {first}",
        "{last} · {what}: {why} · {n} times, first {first}",
    ),
    "maint.sync_op.heartbeat": ("心跳检测", "Heartbeat"),
    # Any record, not only an application: which one is said beside it (try-out 17, P1).
    "maint.sync_op.deliver": ("上传记录", "Sending a record"),
    "maint.sync_op.of_kind": ("{what}（{kind}）", "{what} ({kind})"),
    "maint.sync_op.batch": ("批量上传", "Sending a batch"),
    "maint.sync_op.catalog": ("更新事项目录", "Catalog update"),
    "maint.sync_op.status": ("查询办理进度", "Status query"),
    "maint.sync_op.capabilities": ("读取平台功能", "Platform capabilities"),
    # Asking how staff answered a call already made, not the call (try-out 17, T1: under
    # 呼叫工作人员 nine failed asks read as nine calls that failed).
    "maint.sync_op.staff_call_state": (
        "查询已发出呼叫的处理进展",
        "Asking how staff answered a call already made",
    ),
    "maint.sync_op.other": ("其他请求", "Other request"),
    "maint.sync_why.connection_error": ("连接不上", "cannot connect"),
    "maint.sync_why.timeout": ("平台未及时应答", "no answer in time"),
    "maint.sync_why.tls": ("加密连接失败", "secure connection failed"),
    "maint.sync_why.backing_off": ("等待重试", "waiting to retry"),
    "maint.sync_why.request_failed": ("请求未发出", "request not sent"),
    "maint.sync_why.unreadable": ("平台的答复无法识别", "the platform's answer was not understood"),
    "maint.sync_why.refused": (
        "平台拒绝（HTTP {status}）",
        "refused by the platform (HTTP {status})",
    ),
    "maint.sync_why.http": ("平台出错（HTTP {status}）", "platform error (HTTP {status})"),
    "maint.sync_why.other": ("其他错误", "other error"),
    "maint.sync_why.not_retried": ("（不再重试）", " (not retried)"),
    "maint.link_never": ("尚未测试连接", "Link not tested yet"),
    "maint.link_result": (
        "最近成功：{at} · 延迟 {latency} ms · 时钟偏差 {offset} 秒",
        "Last success: {at} · latency {latency} ms · clock offset {offset} s",
    ),
    "maint.link_failed": ("连接失败：{error}", "Link failed: {error}"),
    "maint.link_error.no_link": ("本机未配置平台连接", "no platform link configured"),
    "maint.logs": ("最近日志（已隐去个人信息）", "Latest log lines (personal data removed)"),
    # The log keeps real time; the page tells each line in the hall's (try-out 14, T1).
    "maint.logs_real_time": (
        "时间为大厅时间（同顶部时钟）；标“真实时间”的行无法换算。",
        "Times are hall time (the clock at the top); lines marked real time could not be converted.",
    ),
    "maint.log_time_real": ("真实时间 {t}", "real time {t}"),
    "maint.show_logs": ("显示日志", "Show log lines"),
    "maint.export": ("导出诊断信息到U盘", "Export diagnostics to USB drive"),
    "maint.export_help": (
        "插入U盘后点击导出：日志、配置（不含密钥）、版本和设备状态打包为一个文件",
        "Plug in a USB drive, then export: logs, configuration (no secrets), versions"
        " and device states in one file",
    ),
    "maint.no_drive": (
        "未找到U盘：请插入U盘后重试",
        "No USB drive found: plug one in and try again",
    ),
    "maint.service_on": ("本机正在服务群众", "The kiosk is serving citizens"),
    "maint.service_off": ("本机已暂停服务", "The kiosk is out of service"),
    "maint.suspend": ("暂停服务", "Put out of service"),
    "maint.resume": ("恢复服务", "Back in service"),
    # One tap asks, the second acts; the page says what citizens see (try-out 7).
    "maint.suspend_confirm": ("确认暂停服务", "Confirm: out of service"),
    "maint.resume_confirm": ("确认恢复服务", "Confirm: back in service"),
    "maint.suspend_confirm_hint": (
        "再按一次「确认暂停服务」才会暂停（8 秒内）",
        "Tap Confirm: out of service within 8 s to stop serving citizens",
    ),
    "maint.resume_confirm_hint": (
        "再按一次「确认恢复服务」才会恢复（8 秒内）",
        "Tap Confirm: back in service within 8 s to serve citizens again",
    ),
    "maint.citizens_see": ("「{title}：{body}」", '"{title}: {body}"'),
    "maint.suspend_means": (
        "暂停后，市民屏幕只显示{shown}，不能办理业务。",
        "Out of service, citizens see only {shown} and can do nothing else here.",
    ),
    "maint.citizens_see_now": (
        "市民屏幕现在显示{shown}。",
        "Citizens now see {shown}.",
    ),
    "maint.resume_means": (
        "恢复后，市民屏幕回到首页，可以办理业务。",
        " Back in service, citizens get the home screen and can use the kiosk.",
    ),
    # Asked and not confirmed (try-out 8, T1): nothing changed, said plainly, on the 8 s
    # running out and on leaving the panel (which then waits for a second tap).
    "maint.suspend_not_done": (
        "没有暂停：8 秒内没有再按「确认暂停服务」。本机仍在服务群众。",
        "Not put out of service: Confirm was not tapped within 8 s."
        " Citizens can still use the kiosk.",
    ),
    "maint.resume_not_done": (
        "没有恢复：8 秒内没有再按「确认恢复服务」。本机仍暂停服务。",
        "Not back in service: Confirm was not tapped within 8 s."
        " The kiosk is still out of service.",
    ),
    # Another tab tapped while the confirm waited (try-out 13, T3: dropped silently).
    "maint.suspend_left": (
        "没有暂停：离开这一页前没有按「确认暂停服务」。本机仍在服务群众。",
        "Not put out of service: Confirm was not tapped before leaving that page."
        " Citizens can still use the kiosk.",
    ),
    "maint.resume_left": (
        "没有恢复：离开这一页前没有按「确认恢复服务」。本机仍暂停服务。",
        "Not back in service: Confirm was not tapped before leaving that page."
        " The kiosk is still out of service.",
    ),
    "maint.restart_not_done": (
        "没有重启：8 秒内没有再按「确认重启」。",
        "Not restarted: Confirm restart was not tapped within 8 s.",
    ),
    "maint.leave_suspend_pending": (
        "本机没有暂停服务，市民仍可使用。要暂停请按「确认暂停服务」；不暂停，再按「{leave}」。",
        "NOT out of service: citizens can still use the kiosk. Tap Confirm: out of service,"
        " or {leave} again to leave it serving.",
    ),
    "maint.leave_resume_pending": (
        "本机没有恢复服务，市民仍不能使用。要恢复请按「确认恢复服务」；不恢复，再按「{leave}」。",
        "NOT back in service: citizens still cannot use the kiosk. Tap Confirm: back in"
        " service, or {leave} again to leave it out of service.",
    ),
    "maint.resume_faults": ("注意：{devices}现在有故障。", " Note, faulty now: {devices}."),
    "maint.printing": ("正在打印…", "Printing..."),
    "maint.working": ("正在处理…", "Working..."),
    "maint.printed": ("已打印", "Printed"),
    "maint.not_printed": ("打印未完成，请检查打印机", "Not printed: check the printer"),
    # Why it did not print, and what to do (try-out 6: only 请检查打印机 with paper out).
    "maint.not_printed.paper_out": (
        "未打印：打印机缺纸。请装入凭条纸并合上机盖，再点「打印测试页」",
        "Not printed: the printer is out of paper. Load a paper roll, close the cover,"
        " then tap Print test page again",
    ),
    "maint.not_printed.cover_open": (
        "未打印：打印机盖未合上。请合上机盖后重试",
        "Not printed: the printer cover is open. Close it and try again",
    ),
    "maint.not_printed.offline": (
        "未打印：打印机未连接。请检查打印机电源和数据线（网线或USB）后重试",
        "Not printed: the printer is not connected. Check its power and its network"
        " or USB cable, then try again",
    ),
    "maint.not_printed.error": (
        "未打印：打印机故障。请查看打印机指示灯，重启打印机后重试；仍不行请报修",
        "Not printed: the printer reports a fault. Check its lights, restart it and try"
        " again; if it still fails, report it for repair",
    ),
    "maint.not_printed.unconfirmed": (
        "已发送，但打印机未确认是否打出：请查看出纸口",
        "Sent, but the printer did not confirm it printed: look at the paper slot",
    ),
    "maint.not_printed.not_found": (
        "找不到这个打印任务，请点「刷新」",
        "This print job was not found: tap Refresh",
    ),
    "maint.restarted.ok": ("{d}：已重启，正常", "{d}: restarted, working"),
    "maint.restarted.fault": (
        "{d}：已重启，仍有故障（{detail}）",
        "{d}: restarted, still faulty ({detail})",
    ),
    "maint.restarted.degraded": (
        "{d}：已重启，部分可用（{detail}）",
        "{d}: restarted, partly working ({detail})",
    ),
    "maint.restarted.unknown": ("{d}：已重启，状态未知", "{d}: restarted, state not known"),
    "maint.done_path": ("已完成：{path}", "Done: {path}"),
    "suspended.title": ("暂停服务", "Out of service"),
    "suspended.body": (
        "本机正在维护，暂停服务。请稍后再来，或使用大厅内其他自助终端，也可到服务窗口办理。",
        "This kiosk is being serviced. Please come back later, use another kiosk in the"
        " hall, or go to a service counter.",
    ),
    "device.card": ("证件读卡器", "Card reader"),
    "device.scanner": ("摄像头", "Camera"),
    "device.printer": ("凭条打印机", "Receipt printer"),
    "device.speech": ("语音", "Speech"),
    "device.platform": ("政务平台", "Platform"),
    "device.storage": ("数据存储", "Data storage"),
    "maint.health.ok": ("正常", "OK"),
    "maint.health.degraded": ("部分可用", "Degraded"),
    "maint.health.fault": ("故障", "Fault"),
    "maint.health.unknown": ("尚未检测", "Not checked yet"),
    "device.idcard": ("身份证阅读器", "Resident ID reader"),
}
