"""Strings of the shell: chrome, home, idle, call staff, catalog, guide."""

STRINGS: dict[str, tuple[str, str]] = {
    # Chrome
    "app.title": ("政务服务自助终端", "Government Self-Service Kiosk"),
    "nav.back": ("返回", "Back"),
    "display.text": ("字号 {n}/{total}", "Text {n}/{total}"),
    "display.contrast.standard": ("标准色", "Colours"),
    "display.contrast.dark": ("深色", "Dark"),
    # "Contrast", not "High contrast": 标准色's slot is as wide as its longest label in
    # either language, and that one word took 80 px of 长辈模式's bottom bar on
    # 1280x800, where the step chip then had room only for a bare "1/6".
    "display.contrast.high": ("高对比", "Contrast"),
    # English spells the month: "12/4" reads as 12 April in much of the world.
    "header.clock": (
        "{year}年{mon}{day}日 {weekday} {time}",
        "{weekday} {day} {mon} {year} {time}",
    ),
    "header.clock.short": ("{mon}{day}日 {weekday} {time}", "{weekday} {day} {mon} {time}"),
    "header.months": (
        "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "steps.choose": ("选择事项", "Choose"),
    "steps.identify": ("身份核验", "Identity"),
    "steps.form": ("填写", "Form"),
    "steps.documents": ("材料", "Documents"),
    "steps.review": ("确认", "Confirm"),
    "steps.receipt": ("回执", "Receipt"),
    # Each step in a short word where the bar has no room for the names above (English
    # at 字号 4/4: 1280x800, and 1080x1920 beside the staff-call chip's slot): shorter
    # names rather than bare numbers (try-out 8, C17). Short enough for 669 px at 33 px.
    "steps.choose.short": ("选择", "Pick"),
    "steps.identify.short": ("核验", "ID"),
    "steps.form.short": ("填写", "Form"),
    "steps.documents.short": ("材料", "Docs"),
    "steps.review.short": ("确认", "Check"),
    "steps.receipt.short": ("回执", "Receipt"),
    # 长辈模式's one step chip: the journey's step in words, not "1/6" (beside a guide's
    # pages it read as "page 1 of 6", try-out 12, N1); with the step's name or short name
    # where the bar has room, else the step alone, else its bare number.
    "steps.chip": ("第{n}步 {name}", "Step {n}: {name}"),
    "steps.chip.bare": ("第{n}步", "Step {n}"),
    "nav.home": ("首页", "Home"),
    "nav.next": ("下一步", "Next"),
    "nav.lang": ("English", "中文"),
    "nav.call_staff": ("呼叫工作人员", "Call staff"),
    "nav.assisted_on": ("长辈模式", "Assisted mode"),
    # In 长辈模式 the button says what it does, with the mode's name: "标准模式" beside
    # 高对比 (a colour button that names the colours on) read as the mode one is in
    # (try-out 9, E6).
    "nav.assisted_off": ("退出长辈模式", "Exit assisted"),
    # No shorter words for the bar buttons: one label everywhere, in smaller type where
    # the bar is short of room (try-out 6; _ChromeButton in ui/main_window.py).
    "status.online": ("网络正常", "Online"),
    # True of whatever is done offline, a booking or a complaint as well as an application
    # (try-out 13, C4: "applications upload" was shown while booking).
    "status.offline": ("离线办理中，联网后自动发送", "Offline - saved here, sent when back online"),
    "status.offline.short": ("离线", "Offline"),
    "status.online.short": ("在线", "Online"),
    "status.pending": ("待上传 {n} 件", "{n} waiting to upload"),
    "voice.repeat": ("再听一遍", "Repeat"),
    "voice.quieter": ("小声", "Vol −"),
    "voice.louder": ("大声", "Vol +"),
    # Home. Each tile's ".short" says its ".sub" in a few words, for a panel where the
    # full one does not fit whole (English at 字号 4/4 on 1280x800): one line, plain.
    "home.greeting": ("您好，请选择要办理的事项", "Hello. What would you like to do?"),
    "home.apply": ("办事", "Apply"),
    "home.apply.sub": ("申请办理政务服务", "Apply for a service"),
    "home.apply.short": ("申请办事", "Start a service"),
    "home.track": ("查询", "Track"),
    "home.track.sub": ("扫描回执查看办理进度", "Scan your receipt to see progress"),
    "home.track.short": ("查看进度", "See progress"),
    "home.appointment": ("预约取号", "Bookings"),
    "home.appointment.sub": ("预约时间或领取排队号", "Book a time or take a queue number"),
    "home.appointment.short": ("预约或取号", "Book or queue"),
    "home.guides": ("办事指南", "Guides"),
    "home.guides.sub": ("所需材料、时限、费用", "Materials, time limits, fees"),
    "home.guides.short": ("材料、费用", "Materials, fees"),
    "home.rate": ("评价", "Rate"),
    "home.rate.sub": ("对服务进行好差评", "Rate our service"),
    "home.rate.short": ("好差评", "Rate us"),
    "home.feedback": ("投诉建议", "Feedback"),
    "home.feedback.sub": ("提出意见或投诉", "Suggestions and complaints"),
    "home.feedback.short": ("意见、投诉", "Ideas, complaints"),
    "home.assisted": ("长辈模式", "Assisted mode"),
    "home.assisted.sub": ("大字、语音、一步一步来", "Large text, voice, one step at a time"),
    "home.assisted.short": ("大字、语音", "Large text, voice"),
    "home.assisted.on": (
        "已开启。要关闭，请点右上角的按钮",
        "On. To turn it off, use the button at the top right",
    ),
    "home.assisted.on.short": ("已开启", "On"),
    "home.attract": ("请触摸屏幕开始", "Touch the screen to begin"),
    # The call of the citizen who just finished, still open (try-out 17, E1): when it was
    # made and where it stands, nothing of theirs.
    "home.left_call.waiting": (
        "已呼叫工作人员（{at}），呼叫已保存在本机，联网后送达。如需帮助请在此稍候。",
        "Staff were called at {at}: the call is saved on this kiosk and goes out once the"
        " network is back. If you need help, please wait here.",
    ),
    "home.left_call.delivered": (
        # Delivered is not answered: 工作人员已收到通知 read as staff having seen it while
        # the console said 未处理 (try-out 21, E2); 已确认收到 is the acknowledged line's.
        "已呼叫工作人员（{at}），已通知大厅，等待工作人员回应。如需帮助请在此稍候。",
        "Staff were called at {at}: the hall has been notified and no one has answered yet."
        " If you need help, please wait here.",
    ),
    "home.left_call.acknowledged": (
        "已呼叫工作人员（{at}），工作人员已确认收到。如需帮助请在此稍候。",
        "Staff were called at {at} and have seen the call. If you need help, please wait here.",
    ),
    "home.left_call.coming": (
        "工作人员正在赶来（{at} 呼叫），如需帮助请在此稍候。",
        "Staff are on their way (called at {at}). If you need help, please wait here.",
    ),
    # Catalog
    "catalog.title": ("选择办理事项", "Choose a service"),
    "catalog.prompt": ("请选择您要办理的事项", "Please choose the service you need"),
    "catalog.popular": ("热门事项", "Popular"),
    # What each of the catalog's two pagers turns (ui/widgets/pager.py, ``what``).
    "catalog.pager.departments": ("部门", "Departments"),
    "catalog.pager.services": ("事项", "Services"),
    # The departments' buttons are not the services' "◀ 上一页 / 下一页 ▶" beside them
    # (try-out 8, C3: two identical pairs side by side): they turn the column up and
    # down, in words of their own (▲/▼ alone where words do not fit).
    # Never "Back": the top bar's 返回 / Back, just above, leaves the screen (try-out 9, C1).
    # Two words each, like Earlier / More: "▲ 前面的部门 / 更多部门 ▼" never fit the
    # column at 1280x800, so Chinese readers got bare ▲/▼ where English had words
    # (try-out 12, N9); the label above already says 部门 第 1/3 页.
    "catalog.depts_prev": ("▲ 前面", "▲ Earlier"),
    "catalog.depts_next": ("更多 ▼", "More ▼"),
    # English names are searched by their words: no pinyin asked of an English reader.
    "catalog.search": ("拼音首字母搜索", "Search by name"),
    "catalog.search_hint": (
        "可按部门浏览，或用拼音首字母搜索，如 SFZ",
        "Browse by department, or type a word of the service's name, e.g. CARD",
    ),
    "catalog.searching": ("搜索：{q}", "Search: {q}"),
    "catalog.more": ("更多事项", "More services"),
    "catalog.more_sub": ("查看全部可办理的事项", "See every service"),
    # A tile's short second line for a same-day service whose time limit is a sentence
    # (户籍证明: 凭回执到派出所户籍窗口当场出具): a time, as every other tile's short line.
    "catalog.limit_same_day": ("当天办结", "Same day"),
    "catalog.empty": (
        "没有找到相关事项，请换个关键词或呼叫工作人员。",
        "No matching service. Try other letters or call staff.",
    ),
    # Guide
    "guide.title": ("办事指南", "Service guide"),
    "guide.prompt": (
        "请阅读办理须知，确认材料齐全后开始办理",
        "Please read what you need, then start",
    ),
    "guide.none": ("请先选择办理事项", "Please choose a service first"),
    "guide.department": ("受理部门：{v}", "Department: {v}"),
    "guide.time_limit": ("承诺时限：{v}", "Time limit: {v}"),
    "guide.fee": ("收费标准：{v}", "Fees: {v}"),
    # The fee with where and how it is paid, in one line (never a page apart): the kiosk
    # takes no money (try-out 11, C6: "15元" and nothing about paying at a counter).
    "guide.fee_pay": ("收费标准：{v}。{pay}", "Fees: {v}. {pay}"),
    "guide.where": ("办理地点：{v}", "Where: {v}"),
    "guide.materials": ("所需材料", "What you need"),
    "guide.facts": ("办理须知", "About this service"),
    # Over a page that goes on with a section begun on the page before (try-out 8, C5).
    "guide.materials_more": ("所需材料（续）", "What you need (continued)"),
    "guide.facts_more": ("办理须知（续）", "About this service (continued)"),
    "guide.from_id": (
        "（在本机读取证件或电子证照即可，无需复印；手工输入号码的请带原件到窗口）",
        "(read from your document or e-ID here, no copy needed; if you type the number, bring the original)",
    ),
    "guide.capture": ("（可在本机拍照上传）", "(can be photographed here)"),
    "guide.bring": ("（办理时带到窗口）", "(bring it to the counter)"),
    "guide.optional": ("（非必需）", " (optional)"),
    "guide.optional_capture": (
        "（非必需，可在本机拍照上传）",
        "(optional; can be photographed here)",
    ),
    "guide.not_here": (
        "此事项需到窗口办理。点下方“预约取号”，可在本机预约时间或领取排队号。",
        "This service is handled at a counter. Tap Book a time or take a number below to get a time or a queue number for it.",
    ),
    # The guide's pager sits beside 开始办理: its buttons say they turn pages, and never
    # read as "go on" (try-out 6: "Next ▶" beside "Start").
    "guide.page_prev": ("◀ 上一页", "◀ Previous page"),
    "guide.page_next": ("下一页 ▶", "Next page ▶"),
    "guide.book": ("预约取号", "Book a time or take a number"),
    "guide.start": ("开始办理", "Start"),
    # 开始办理 held until every page of the 一次性告知 was shown, saying what is left
    # (try-out 10, E7: the fee and the time limit on page 2 could be skipped unseen), and
    # naming itself: "1 page to see" read as a label, not as Start waiting (try-out 13, C1).
    "guide.pages_left.one": ("再看 1 页可开始办理", "Start: read 1 more page"),
    "guide.pages_left.many": ("再看 {n} 页可开始办理", "Start: read {n} more pages"),
    # Home during a journey
    "home_confirm.title": ("回到首页吗？", "Go back to the start?"),
    "home_confirm.body": (
        "回到首页会清除本次读取的证件信息和填写的内容，需要重新开始。字号、颜色、语言和长辈模式保持不变。",
        "Going back to the start clears the identity read and everything entered; you would start again. Text size, colours, language and assisted mode stay as they are.",
    ),
    "home_confirm.yes": ("回到首页", "Go to the start"),
    "home_confirm.no": ("继续办理", "Keep going"),
    # Idle
    "idle.title": ("您还在吗？", "Are you still there?"),
    "idle.body": (
        "为保护您的信息，{s} 秒后将自动退出并清除本次填写的内容。",
        "To protect your information, this session will end in {s} seconds and everything entered will be cleared.",
    ),
    # Only what the session holds is said to be cleared (try-out 10, C7: "清除本次填写的
    # 内容" on a queue ticket where nothing was filled in): an identity read, or nothing.
    "idle.body.read": (
        "为保护您的信息，{s} 秒后将自动退出并清除本次读取的证件信息。",
        "To protect your information, this session will end in {s} seconds and the identity read will be cleared.",
    ),
    "idle.body.none": (
        "{s} 秒后将自动退出，回到首页。",
        "This session will end in {s} seconds and the kiosk will go back to the start.",
    ),
    # After 呼叫工作人员 the warning comes only after [timeouts] staff_wait_s (10 min);
    # this goes before the body.
    "idle.staff_lead": (
        "已呼叫工作人员，但等候已久。如您仍在等候，请点“我需要更多时间”；",
        'Staff were called, but the wait has been long. If you are still waiting, tap "I need more time". ',
    ),
    # On 首页 nothing is under way: the reset puts back what this citizen changed there
    # (try-out 14, C14: "退出，回到首页" on the home page itself). {what}: idle.reset.*.
    "idle.body.home": (
        "{s} 秒后，{what}将恢复默认，供下一位使用。",
        "In {s} seconds the {what} will go back to the defaults for the next person.",
    ),
    "idle.body.home.none": (
        "{s} 秒后，本机将恢复初始状态，供下一位使用。",
        "In {s} seconds the kiosk will go back to its starting state for the next person.",
    ),
    "idle.reset.text_size": ("字号", "text size"),
    "idle.reset.colours": ("颜色", "colours"),
    "idle.reset.language": ("语言", "language"),
    "idle.reset.assisted": ("长辈模式", "assisted mode"),
    "idle.end.home": ("现在恢复默认", "Reset now"),
    "idle.more": ("我需要更多时间", "I need more time"),
    "idle.take_card.body": (
        "为保护您的信息，本次办理已结束，填写的内容已清除。您的证件还在读卡区，请取走。",
        "To protect your information, this session has ended and what was entered is cleared. Your ID document is still on the reader: please take it.",
    ),
    "idle.take_card.body.read": (
        "为保护您的信息，本次办理已结束，读取的证件信息已清除。您的证件还在读卡区，请取走。",
        "To protect your information, this session has ended and the identity read is cleared. Your ID document is still on the reader: please take it.",
    ),
    "idle.take_card.body.none": (
        "本次办理已结束。您的证件还在读卡区，请取走。",
        "This session has ended. Your ID document is still on the reader: please take it.",
    ),
    # The same notice once the document is lifted: it stays, its 好的 where it was, until
    # tapped (gone by itself, the tap meant for 好的 opened 评价 under it: try-out 9, C8).
    # The citizen took it: "has been taken" sounded like someone else had (try-out 18, C2).
    "idle.take_card.taken_body": (
        "谢谢，您的证件已取走。本次填写的内容已清除，请点“好的”。",
        "Thank you: you have taken your ID document. What was entered is cleared; tap OK.",
    ),
    "idle.take_card.taken_body.read": (
        "谢谢，您的证件已取走。读取的证件信息已清除，请点“好的”。",
        "Thank you: you have taken your ID document. The identity read is cleared; tap OK.",
    ),
    "idle.take_card.taken_body.none": (
        "谢谢，您的证件已取走。请点“好的”。",
        "Thank you: you have taken your ID document. Tap OK.",
    ),
    # The paper printed for the citizen who walked away, named with the document
    # (try-out 10, C7: a queue ticket lay in the slot, the notice named only the card).
    # A staff call pending when the visit ends (try-out 12, N3): the chip goes with the
    # session, the call stays on the platform's hall page.
    "end.visit_over": ("本次办理已结束", "Your visit has ended"),
    # 继续办理其他事项 after an identity given by hand: it is cleared with the task, and
    # the next one asks again (try-out 21, E1).
    "end.next_task.title": ("请办理下一项", "On to your next task"),
    "end.next_task.body": (
        "为保护您的信息，刚才核验的身份已清除。办理下一项时，请再次核验身份。",
        "To protect your information, the identity you gave has been cleared."
        " The next task will ask for it again.",
    ),
    "end.staff_call.coming": (
        "您呼叫的工作人员仍会前来，请在此稍候。",
        "The staff you called will still come: please wait here.",
    ),
    "end.staff_call.waiting": (
        "您的呼叫已保存在本机，送达后工作人员会前来。",
        "Your call to staff is saved here; staff will come once it reaches them.",
    ),
    "idle.take_card.title.queue": (
        "请取走您的证件和排队号",
        "Please take your ID document and your queue ticket",
    ),
    "idle.take_card.title.booking": (
        "请取走您的证件和预约凭条",
        "Please take your ID document and your booking slip",
    ),
    "idle.take_card.title.receipt": (
        "请取走您的证件和回执",
        "Please take your ID document and your receipt",
    ),
    "idle.take_slip.queue": (
        "排队号已打印，请从出纸口取走。",
        "Your queue ticket was printed: please take it from the slot.",
    ),
    "idle.take_slip.booking": (
        "预约凭条已打印，请从出纸口取走。",
        "Your booking slip was printed: please take it from the slot.",
    ),
    "idle.take_slip.receipt": (
        "回执已打印，请从出纸口取走。",
        "Your receipt was printed: please take it from the slot.",
    ),
    "idle.end": ("结束办理", "End now"),
    # Call staff
    # The call's state, never more than is known: the kiosk stores it, the platform
    # receives it, staff answer it (kiosk.services.staff_call.StaffCallState).
    "staff.saving.title": ("正在呼叫工作人员", "Calling staff"),
    "staff.saving.body": ("正在保存您的呼叫，请稍候…", "Saving your call, one moment..."),
    "staff.not_saved.title": ("呼叫未能发出", "The call could not be made"),
    "staff.not_saved.body": (
        "本机暂时无法记录呼叫，请到服务台或向大厅工作人员招手求助。",
        "This kiosk could not record the call. Please go to the front desk or wave to lobby staff.",
    ),
    "staff.waiting.title": ("呼叫已保存，等待送达", "Call saved, not yet delivered"),
    "staff.waiting.body": (
        "呼叫已保存在本机，网络通畅后自动发给大厅工作人员，工作人员可能还没收到。急需帮助请到服务台。",
        "Your call is saved on this kiosk and goes to lobby staff as soon as the network allows; they may not have it yet. For urgent help, please go to the front desk.",
    ),
    "staff.delivered.title": ("已通知大厅工作人员", "Lobby staff have been notified"),
    "staff.delivered.body": (
        "呼叫已送达，请在此稍候，工作人员确认后这里会显示。",
        "Your call has been delivered. Please wait here; this message changes when staff answer.",
    ),
    # 确认收到 on the console says staff have the call, not that anyone is on the way:
    # the kiosk says no more than that (try-out 9, E1).
    "staff.acknowledged.title": ("工作人员已收到您的呼叫", "Staff have received your call"),
    "staff.acknowledged.body": (
        "请在此稍候。",
        "Please wait here.",
    ),
    # Only after 正在前往 on the console; 已处理 closes the call (try-out 9, K1).
    "staff.coming.title": ("工作人员正在赶来", "Staff are on their way"),
    "staff.coming.body": (
        "请在此稍候。",
        "Please wait here.",
    ),
    "staff.done.title": ("工作人员已处理您的呼叫", "Staff have dealt with your call"),
    "staff.done.body": (
        "如仍需帮助，请再次点“呼叫工作人员”或到服务台。",
        "If you still need help, tap Call staff again or go to the front desk.",
    ),
    # Said only on the pages where the citizen has filled something in (the form, the
    # materials, the review): on a receipt or a guide it promised to keep nothing and
    # made the notice longer for an elderly reader at 字号 4/4 (try-out 15, E10).
    "staff.kept": (
        "等候期间您填写的内容会保留（无操作最长 {m} 分钟）。",
        "What you entered is kept while you wait (up to {m} minutes without a touch).",
    ),
    "staff.kept.not_saved": (
        "您填写的内容会保留（无操作最长 {m} 分钟）。",
        "What you entered is kept (up to {m} minutes without a touch).",
    ),
    # A tap while this citizen's call is open: no new call, the same one asked again
    # (the console's row counts it); the state's own words follow (try-out 17, C1).
    "staff.again": (
        "您已在 {at} 呼叫过工作人员，这次不新增呼叫，已记为再次呼叫。",
        "You called staff at {at}. This tap makes no new call; it is noted as asking again.",
    ),
    "staff.ok": ("好的", "OK"),
    # The same states in a line that stays on screen after the notice is closed.
    "staff.banner.waiting": ("呼叫已保存，尚未送达", "Call saved, not yet delivered"),
    "staff.banner.delivered": ("已通知工作人员，等待回应", "Staff notified, awaiting reply"),
    "staff.banner.acknowledged": ("工作人员已收到，请稍候", "Staff have your call, please wait"),
    "staff.banner.waiting.short": ("呼叫尚未送达", "Call not delivered yet"),
    "staff.banner.delivered.short": ("已通知工作人员", "Staff notified"),
    "staff.banner.acknowledged.short": ("工作人员已收到", "Staff have your call"),
    "staff.banner.coming": (
        "工作人员正在赶来，请在此稍候",
        "Staff are on their way, please wait here",
    ),
    "staff.banner.coming.short": ("工作人员正在赶来", "Staff on their way"),
    # Generic
    "notice.title": ("温馨提示", "Please note"),
    "common.loading": ("请稍候…", "Please wait..."),
    "common.error": (
        "出了点问题，请重试或呼叫工作人员。您的信息不会丢失。",
        "Something went wrong. Please try again or call staff. Nothing you entered is lost.",
    ),
    "common.confirm": ("确认", "Confirm"),
    "common.cancel": ("取消", "Cancel"),
    "common.retry": ("重试", "Try again"),
    "common.yes": ("是", "Yes"),
    "common.no": ("否", "No"),
    # Out of service
    "oos.title": ("此功能暂时无法使用", "This function is temporarily unavailable"),
    "oos.body": (
        "设备正在维护。请返回首页选择其他事项，或呼叫工作人员。",
        "A device needs attention. Please go back and choose something else, or call staff.",
    ),
}
