"""Strings of the track, appointment, ticket, rate and feedback screens."""

STRINGS: dict[str, tuple[str, str]] = {
    # Shared by these screens
    "svc.unavailable": (
        "此功能暂时无法使用，请呼叫工作人员或到服务台办理。",
        "This is not available right now. Please call staff or ask at the front desk.",
    ),
    "svc.done": ("完成", "Done"),
    # Beside 完成 where a journey ends: the same citizen stays for another errand.
    "svc.another_task": ("继续办理其他事项", "Another task"),
    # Beside the receipt's pager where the whole words leave it no room (a narrow row).
    "svc.another_task_short": ("办其他事", "Next task"),
    "svc.step_back": ("上一步", "Previous step"),
    "svc.print.printing": ("正在打印，请稍候…", "Printing, please wait..."),
    "svc.print.ok": ("已打印，请从出纸口取走。", "Printed. Please take it from the slot."),
    "svc.print.failed": (
        "打印机暂时无法打印，请用手机拍下屏幕上的信息，或呼叫工作人员补打。",
        "The printer cannot print right now. Please take a photo of the screen, or call staff for a reprint.",
    ),
    "svc.print.unconfirmed": (
        "打印机没有确认是否已打出，请先看看出纸口；如果没有，请拍下屏幕上的信息或呼叫工作人员。",
        "The printer did not confirm it printed. Please check the slot first; if nothing is "
        "there, take a photo of the screen or call staff.",
    ),
    # Offline a staff call waits in this kiosk: send the citizen to the desk instead.
    "svc.print.failed.offline": (
        "打印机暂时无法打印，请用手机拍下屏幕上的信息，或到服务台请工作人员补打。",
        "The printer cannot print right now. Please take a photo of the screen, or ask at the "
        "service desk for a reprint.",
    ),
    "svc.print.paper_out.offline": (
        "打印机缺纸，请用手机拍下屏幕上的信息，或到服务台请工作人员补打。",
        "The printer is out of paper. Please take a photo of the screen, or ask at the service "
        "desk for a reprint.",
    ),
    "svc.print.unconfirmed.offline": (
        "打印机没有确认是否已打出，请先看看出纸口；如果没有，请拍下屏幕上的信息或到服务台找工作人员。",
        "The printer did not confirm it printed. Please check the slot first; if nothing is "
        "there, take a photo of the screen or ask at the service desk.",
    ),
    "svc.print.paper_out": (
        "打印机缺纸，请用手机拍下屏幕上的信息，或呼叫工作人员补打。",
        "The printer is out of paper. Please take a photo of the screen, or call staff for a reprint.",
    ),
    "svc.print.printer_back": (
        "打印机已恢复，可以再点一次打印。",
        "The printer is working again: tap print once more.",
    ),
    "svc.saved_offline": (
        "网络暂时不通，已保存在本机，恢复后自动发送。",
        "The network is down; this is saved here and will be sent automatically.",
    ),
    # The same, once the outbox has delivered it (the screen follows the delivery).
    "svc.sent_later": (
        "网络已恢复，已送达平台。",
        "The network is back; it has reached the platform.",
    ),
    # Track
    "track.title": ("查询办理进度、预约或投诉", "Track an application, booking or complaint"),
    # Receipts, booking slips and complaint numbers are all looked up here (try-out 8).
    "track.prompt": (
        "请扫描回执或预约凭条上的二维码，或输入受理、预约或投诉编号",
        "Scan your receipt or booking slip, or type its number (application, booking or complaint)",
    ),
    "track.number_label": ("编号：", "Number: "),
    # A real number, written as receipts and slips write it (try-out 8, C13).
    "track.number_empty": ("例如 A7H3-261123-0042-9", "e.g. A7H3-261123-0042-9"),
    "track.lookup": ("查询", "Look up"),
    "track.scanning": ("扫描口已就绪", "The scanner is ready"),
    "track.camera_off": (
        "扫描口暂不可用，请用屏幕上的键盘输入编号。",
        "The scanner is not available; please type the number on the keypad.",
    ),
    # Where every letter is: a passport's number may end in any (try-out 17, P2). The
    # number being looked up said first: the step showed nothing of it (try-out 18, C3).
    "track.last4_prompt": (
        "编号 {number}：为保护您的信息，请输入申请时所用证件号码的最后 4 位（X 在键盘上，"
        "护照号码中的其他字母点 A–P 或 Q–Z）",
        # Two lines at 字号 4/4 on 1280x800 with the widest number (three took the room of
        # the words over the keys, whose messages were then cut).
        "Number {number}: please type the last 4 characters of the ID number you applied"
        " with (X on the keypad; other letters under A–P, Q–Z)",
    ),
    # The ID's last 4: the names read out of the keys that show the digits (0–9), or a
    # page of letters (A–P, Q–Z: symbols, as the keys they show).
    "track.keys.digits.name": ("数字 0 到 9", "Digits 0 to 9"),
    "track.keys.a_p.name": ("字母 A 到 P", "Letters A to P"),
    "track.keys.q_z.name": ("字母 Q 到 Z", "Letters Q to Z"),
    "track.last4_label": ("证件号码后 4 位：", "Last 4 of ID number: "),
    # Where the whole label leaves its box too little room (字号 4/4, a portrait panel).
    "track.last4_label.short": ("后 4 位：", "Last 4: "),
    "track.last4_empty": ("例如 002X", "e.g. 002X"),
    # Inside 补打回执's empty box (try-out 13, C6): what goes there (no sample ID number:
    # a whole one on screen would read as someone's).
    "reprint.example": ("在此显示输入的证件号码", "The ID number you type shows here"),
    "reprint.example.short": ("输入的证件号码", "Your ID number"),
    "track.last4_invalid": (
        "请输入 4 位：数字或字母（身份证最后一位可能是 X）。",
        "Please type 4 characters: digits or letters (an ID card may end in X).",
    ),
    "track.problem.none": ("已识别，正在查询…", "Found, looking it up..."),
    "track.problem.forged": (
        "此二维码无法验证，不是本系统出具的回执。请核对回执，或呼叫工作人员。",
        "This QR code could not be verified as one of our receipts. Please check your receipt or call staff.",
    ),
    "track.problem.unknown_kiosk": (
        "此回执来自其他服务点，本机暂时无法验证。请输入回执上的受理编号查询。",
        "This receipt comes from another service point and cannot be verified here. Please type its tracking number.",
    ),
    "track.problem.damaged": (
        "二维码不完整或已损坏，请输入回执上的受理编号。",
        "The QR code is incomplete or damaged. Please type the tracking number on the receipt.",
    ),
    "track.problem.not_a_receipt": (
        "这不是办事回执的二维码。请扫描回执上的二维码，或输入受理编号。",
        "That is not a receipt QR code. Please scan the code on your receipt or type the tracking number.",
    ),
    "track.problem.unreadable": (
        "无法识别此二维码，请输入回执上的受理编号。",
        "That code could not be read. Please type the tracking number on the receipt.",
    ),
    # Said exactly (try-out 11, C7: "共 15 位左右" for a number of fixed groups, and not
    # what was wrong): the form 4-6-4-1 as the receipt prints it.
    "track.problem.invalid_number": (
        "编号格式不对：回执上的编号是 4 位-6 位日期-序号-1 位校验码，请对照回执核对。",
        "Not a tracking number's form (4 characters, a 6-digit date, a serial, a check "
        "character). Please check it against your receipt.",
    ),
    "track.problem.number_short": (
        "编号不完整：输入了 {n} 位，回执上的编号至少 15 位，请对照回执补全。",
        "Incomplete: {n} characters typed; the number on the receipt has at least 15.",
    ),
    "track.problem.number_date": (
        "编号第 5 至 10 位是办理日期（年月日），现在不是有效日期，请对照回执核对。",
        "Characters 5 to 10 are the date (YYMMDD) and are not a valid date. Please check "
        "them against your receipt.",
    ),
    "track.problem.wrong_check": (
        "编号最后一位（校验码）与前面对不上，有一位输错了，请对照回执逐位核对。",
        "The last character does not match the rest of the number: one is mistyped. "
        "Please check it against your receipt.",
    ),
    # Track result
    # Said as the page comes, before the answer tells what the number is: true of all.
    "result.title": ("查询结果", "Look-up result"),
    "result.title.application": ("办理进度", "Application progress"),
    "result.title.booking": ("预约查询", "Your booking"),
    "result.title.complaint": ("投诉处理进度", "Your complaint"),
    # Until the answer comes the kiosk cannot tell an application's number from a
    # booking's (a booking slip's QR is the same signed code, the number the same form):
    # words true of both, not 办理进度 or 受理编号 said of a booking.
    "result.loading": ("正在查询，请稍候…", "Looking it up, please wait..."),
    "result.number.asked": ("查询编号：{n}", "Number: {n}"),
    "result.number": ("受理编号：{n}", "Tracking number: {n}"),
    "result.current": ("当前状态：{s}", "Current status: {s}"),
    "result.last_known": ("最近已知状态：{s}", "Last known status: {s}"),
    "result.booking_last_known": ("最近已知预约状态：{s}", "Booking, last known: {s}"),
    "result.complaint_last_known": ("最近已知处理状态：{s}", "Status, last known: {s}"),
    # 已办结, and the result is collected at a counter (the catalog's pickup, as the receipt
    # says it).
    "result.pickup": ("还需到窗口：{what}", "Still to do at the counter: {what}"),
    # ...or posted, by the applicant's 领取方式 (try-out 17, E6).
    "result.delivery": ("领取方式：{what}", "How you get it: {what}"),
    "result.updated": ("更新于 {t}", "Updated {t}"),
    "result.throttled": (
        "查询过于频繁，请稍候一分钟再试。",
        "Too many look-ups just now. Please try again in a minute.",
    ),
    "result.offline": (
        "网络暂时不通，显示的是 {t} 时的最新状态（{age}前）。",
        "Offline: this is the last known status, from {t} ({age} ago).",
    ),
    "result.local": (
        "您的申请已保存在本机，尚未上传到平台，会自动上传，无需再次办理。",
        "Your application is saved on this kiosk and not yet with the platform; it is sent automatically. You do not need to apply again.",
    ),
    # A number this kiosk issued and delivered, looked up while offline: never "no record".
    "result.submitted": (
        "此申请已由本机提交至平台，最新进度需联网查询。最近已知状态：{s}（{t}）。",
        "This application was sent to the platform from this kiosk; the latest progress"
        " needs the network. Last known status: {s} ({t}).",
    ),
    # ...of which the platform has said nothing here yet: the save here and the delivery
    # are two times (an offline save is delivered later), the first no 已收件 time.
    "result.submitted_delivered": (
        "此申请已在本机提交（{saved}），已送达平台（{delivered}）。最新进度需联网查询。",
        "This application was made on this kiosk ({saved}) and reached the platform"
        " ({delivered}). The latest progress needs the network.",
    ),
    "result.submitted_sent": (
        "此申请已在本机提交（{saved}），并已送达平台。最新进度需联网查询。",
        "This application was made on this kiosk ({saved}) and has reached the platform."
        " The latest progress needs the network.",
    ),
    "result.not_found": (
        "未查到与此编号及证件信息相符的申请。请核对受理编号和证件号码后 4 位；"
        "刚提交的申请可能需要几分钟才能查到，请稍后再试或呼叫工作人员。",
        "No application matches this number and these details. Please check the number and"
        " the last 4 characters of the ID number; a new application can take a few minutes"
        " to appear. Please try later or call staff.",
    ),
    "result.unavailable": (
        "网络暂时不通，本机也没有此编号的记录。请稍后再试，或到服务台咨询。",
        "The network is down and this kiosk has no record of this number. Please try later or "
        "ask at the service desk.",
    ),
    # Offline, a typed number and ID ending that match nothing here (the same words whether
    # the kiosk has the number or not: a wrong ending learns nothing).
    "result.unavailable_typed": (
        "网络暂时不通，本机没有与此编号及证件号码后 4 位相符的记录。请核对后重输，"
        "或稍后再试、到服务台咨询。",
        "The network is down and this kiosk has no record matching this number and these"
        " last 4 characters of the ID number. Please check and retype them, or try later or"
        " ask at the service desk.",
    ),
    # UNAVAILABLE was answered offline; the bar now says 网络正常 and the page asks again.
    "result.unavailable_back": (
        "网络已恢复，正在重新查询…",
        "The network is back; looking it up again...",
    ),
    # 预计办结 as the receipt said it (the service's working days from receipt).
    "result.expected": ("预计 {d} 前", "expected by {d}"),
    # A complaint's own number (try-out 8, C19): no receipt, no ID, its own states.
    "result.complaint_number": ("投诉编号：{n}", "Complaint number: {n}"),
    "result.complaint_current": ("处理状态：{s}", "Status: {s}"),
    "result.complaint_steps": ("处理进度", "Progress"),
    "result.complaint.status.received": ("平台已收到", "Received by the platform"),
    "result.complaint.status.followed_up": ("已跟进处理", "Followed up"),
    "result.complaint.status.queued": ("待上传", "Waiting to upload"),
    "result.complaint.status.undelivered": ("未能送达平台", "Not delivered"),
    "result.complaint.status.unknown": ("未知", "Unknown"),
    "result.complaint.local": (
        "投诉已保存在本机，尚未送达平台，联网后会自动发送，无需再次提交。",
        "The complaint is saved on this kiosk and not yet with the platform; it is sent"
        " automatically. You do not need to send it again.",
    ),
    "result.complaint.undelivered": (
        "平台没有接收这条投诉。请到服务台反映，或呼叫工作人员。",
        "The platform did not accept this complaint. Please tell the service desk, or call staff.",
    ),
    "result.complaint.submitted": (
        "此投诉已由本机送达平台（{t}）。现在无法向平台查询最新处理情况，以上为本机所知。",
        "This complaint reached the platform from this kiosk ({t}). The platform cannot be"
        " asked just now: this is what this kiosk knows.",
    ),
    "result.error": (
        "查询时出了点问题，请重试或呼叫工作人员。",
        "Something went wrong while looking it up. Please try again or call staff.",
    ),
    "result.print": ("打印进度单", "Print status slip"),
    "result.again": ("查询其他编号", "Track another number"),
    "result.retry": ("重新查询", "Check again"),
    "result.retype_last4": ("重输证件后4位", "Retype ID's last 4"),
    "result.steps": ("办理环节", "Progress"),
    "result.pending_step": ("待办理", "Still to come"),
    "result.age.minutes": ("{n} 分钟", "{n} min"),
    "result.age.hours": ("{n} 小时", "{n} h"),
    "result.age.days": ("{n} 天", "{n} days"),
    "result.status.received": ("已收件", "Received"),
    "result.status.accepted": ("已受理", "Accepted"),
    "result.status.in_review": ("审核中", "Under review"),
    "result.status.completed": ("已办结", "Completed"),
    "result.status.rejected": ("不予受理 / 已退回", "Rejected"),
    "result.status.queued": ("待上传", "Waiting to upload"),
    "result.status.unknown": ("未知", "Unknown"),
    # A booking slip's number (try-out 7, 1): a booking's states, never an application's.
    "result.booking_number": ("预约编号：{n}", "Booking number: {n}"),
    "result.booking_current": ("预约状态：{s}", "Booking: {s}"),
    "result.booking_steps": ("预约信息", "Booking"),
    "result.status.booked": ("已确认", "Confirmed"),
    "result.status.pending": ("待确认", "Not yet confirmed"),
    "result.status.expired": ("已过期", "Expired"),
    "result.status.refused": ("未能预约成功", "Not booked"),
    "result.booking.come": (
        "请在预约时间前 10 分钟到窗口，带上身份证件和预约凭条。",
        "Please come to the counter 10 minutes before the time, with your ID and the booking slip.",
    ),
    "result.booking.expired": (
        "预约时间已过，这个预约不再保留。如需办理，请重新预约或现场取号。",
        "The booked time has passed and the booking is no longer held. To be served, please book again or take a queue number.",
    ),
    "result.booking.pending": (
        "预约已保存在本机，尚未上传到平台，平台确认后才生效（如该时段已约满，需要改约）。会自动上传，无需再次预约。",
        "The booking is saved on this kiosk and not yet with the platform; it holds once the platform confirms it (if the time is full you will need to change it). It is sent automatically: you do not need to book again.",
    ),
    "result.booking.refused": (
        "平台没有接受这个预约（可能已约满），这个时段没有为您保留。请在“预约取号”中重新预约，或呼叫工作人员。",
        "The platform did not accept this booking (the time may be full), so it is not kept for you. Please book again under Appointments, or call staff.",
    ),
    "result.booking.submitted": (
        "此预约已由本机提交，平台已确认（{t}）。现在无法向平台查询最新状态，以上为本机所知。",
        "This booking was sent from this kiosk and confirmed by the platform ({t}). The platform cannot be asked for the latest state just now: this is what this kiosk knows.",
    ),
    # Appointment
    "appt.title": ("预约取号", "Bookings"),  # as its home tile says (try-out 6)
    "appt.choose_dept": ("请选择要办理业务的窗口", "Which counter do you need?"),
    "appt.choose_mode": ("{d}：请选择", "{d}: please choose"),
    # The step back inside the booking says where it leads: a bare 上一步 under the top
    # bar's 返回 (which leaves the screen) read as the same button (try-out 9, C10).
    "appt.back.mode": ("◀ 换一个窗口", "◀ Another counter"),
    "appt.back.day": ("◀ 改选取号或预约", "◀ Queue or book"),
    "appt.back.slot": ("◀ 换一天", "◀ Another day"),
    "appt.back.confirm": ("◀ 换一个时段", "◀ Another time"),
    "appt.queue_now": ("现场取号", "Take a queue number now"),
    "appt.queue_now.sub": ("今天在窗口排队办理", "Wait for your turn today"),
    "appt.queue_closed": ("现在不在办公时间，暂停取号", "Closed now: no queue numbers"),
    "appt.book": ("预约时间", "Book a time"),
    "appt.book.sub": (
        "选择日期和时段，按时到窗口办理",
        "Pick a day and time, then come to the counter",
    ),
    # While the printer cannot print: said on 现场取号 / 预约时间 and the booking's
    # confirmation, before the number or booking is taken (try-out 5, item 5).
    "appt.no_slip": (
        "打印机暂时无法打印凭条，请记下或拍下屏幕上的号码",
        "No slip can be printed now: note or photograph the number on screen",
    ),
    "appt.sep": ("；", ". "),
    "appt.hours": ("办公时间 {a}–{b}", "Open {a}-{b}"),
    "appt.choose_day": ("请选择日期", "Choose a day"),
    "appt.choose_slot": ("{day}：请选择时段", "{day}: choose a time"),
    "appt.no_days": (
        "近期没有可预约的时段，请现场取号或呼叫工作人员。",
        "No times are free soon. Please take a queue number or call staff.",
    ),
    "appt.no_departments": (
        "暂时没有可预约的窗口，请呼叫工作人员。",
        "No counters take appointments right now. Please call staff.",
    ),
    "appt.confirm_title": ("请确认预约", "Please confirm"),
    "appt.confirm_body": ("窗口：{d}\n时间：{day} {slot}", "Counter: {d}\nWhen: {day} {slot}"),
    "appt.confirm": ("确认预约", "Book it"),
    # Whose booking, the name masked (kiosk.identity.mask_name), as a receipt says it.
    "appt.applicant": ("申请人：{name}", "Applicant: {name}"),
    "appt.unconfirmed": (
        "现在无法向平台确认此时段是否还有名额：预约将先保存在本机，平台确认后才生效。",
        "The platform cannot be asked now whether this time is still free: the booking is saved here and holds once the platform confirms it.",
    ),
    "appt.working": ("正在办理，请稍候…", "One moment..."),
    "appt.refused.closed_now": (
        "现在不在办公时间（办公时间 {a}–{b}），暂停取号，请预约其他时间。",
        "This counter is closed now (open {a}-{b}): no queue numbers. Please book a time instead.",
    ),
    "appt.refused.slot_passed": (
        "这个时段已经来不及了，请选择稍晚的时段。",
        "That time is too soon. Please choose a later one.",
    ),
    "appt.refused.not_offered": (
        "这个时段不可预约，请重新选择。",
        "That time cannot be booked. Please choose again.",
    ),
    "appt.refused.already_booked": (
        "您在这个窗口当天已有预约，无需重复预约。",
        "You already have a booking at this counter that day.",
    ),
    "appt.rebook": (
        "刚才的时段没有预约成功，请选择其他时段。",
        "That time could not be booked. Please choose another.",
    ),
    "appt.existing": (
        "您的预约：{day} {slot}，预约编号 {n}。请按时前往；如需改期，请呼叫工作人员。",
        "Your booking: {day} {slot}, booking number {n}. Please come on time; to change it, please call staff.",
    ),
    "appt.today": ("今天", "Today"),
    "appt.full": ("已约满", "full"),
    # The times listed while the platform cannot be asked how many places are left
    # (offline, or no answer): all are offered, any may be taken (try-out 13, C4). One
    # line in the buttons' row.
    "appt.seats_unknown": (
        "现在无法查询名额：所列时段可能已约满",
        "Places not known now: any time may be full",
    ),
    "appt.seats_unknown.short": ("名额未知", "Places unknown"),
    "appt.slot_full": (
        "这个时段已约满，请选择其他时段。",
        "That time is fully booked. Please choose another.",
    ),
    "appt.weekday.0": ("周一", "Mon"),
    "appt.weekday.1": ("周二", "Tue"),
    "appt.weekday.2": ("周三", "Wed"),
    "appt.weekday.3": ("周四", "Thu"),
    "appt.weekday.4": ("周五", "Fri"),
    "appt.weekday.5": ("周六", "Sat"),
    "appt.weekday.6": ("周日", "Sun"),
    # Ticket
    "ticket.title": ("您的号码", "Your number"),
    "ticket.queue_heading": ("您的排队号", "Your queue number"),
    "ticket.appt.provisional": ("预约已保存，待平台确认", "Booking saved, not yet confirmed"),
    "ticket.appt.confirmed": ("预约成功，平台已确认", "Booked and confirmed"),
    "ticket.appt.refused": ("此时段未能预约成功", "This time could not be booked"),
    # The slip's words (kiosk/receipts/strings.py appt.provisional) say the same: no one
    # tells the citizen; 查询 does, by the number (or the slip's QR: said once, by the
    # hint under it, and only when a slip printed) (try-out 13, C4).
    "ticket.appt.provisional_note": (
        "平台确认后预约才生效；如该时段已约满，需要改约。不会另行通知您：前来前请在“查询”中输入预约编号查看，显示“已确认”才有效。",
        'The booking holds once the platform confirms it; if the time is full you will need to change it. No one will tell you: before you come, type the booking number under Track; only "Confirmed" means it holds.',
    ),
    "ticket.appt.refused_note": (
        "平台没有接受这个预约（可能已约满）。请点“重新预约”选择其他时段，或呼叫工作人员。",
        "The platform did not accept this booking (the time may be full). Please tap Book again to choose another time, or call staff.",
    ),
    "ticket.appt.refused_note.slot_full": (
        "平台答复：这个时段已约满，预约没有成功。请点“重新预约”选择其他时段，或呼叫工作人员。",
        "The platform answered: this time is fully booked, so the booking was not made. Please tap Book again to choose another time, or call staff.",
    ),
    "ticket.appt.refused_note.unknown_slot": (
        "平台答复：这个时段不接受预约，预约没有成功。请点“重新预约”选择其他时段，或呼叫工作人员。",
        "The platform answered: this time cannot be booked, so the booking was not made. Please tap Book again to choose another time, or call staff.",
    ),
    "ticket.appt.no_slip": (
        "预约没有成功，因此没有打印预约凭条。",
        "The booking was not made, so no slip was printed.",
    ),
    "ticket.appt.already_booked": (
        "您当天在此窗口已有预约，这个预约未生效",
        "You already have a booking at this counter that day; this one was not made",
    ),
    "ticket.appt.already_booked_note": (
        "平台上已有您当天在此窗口的另一个预约（可能在其他终端预约），那个预约仍然有效，这个时段没有为您保留。如有疑问请呼叫工作人员。",
        "The platform already holds another booking of yours at this counter that day (perhaps made at another kiosk); that one stands, and this time was not kept for you. Please call staff if in doubt.",
    ),
    "ticket.rebook": ("重新预约", "Book again"),
    "ticket.queue.closes_soon": (
        "请注意：本窗口今天 {t} 结束办理，临近下班，可能来不及为您办理。也可以改为预约其他时间。",
        "Please note: this counter stops serving at {t} today, so you may not be served before then. You can also book another time instead.",
    ),
    "ticket.queue.provisional_note": (
        "号码还没有同步到叫号系统（网络暂时不通或正在发送），同步后才会被叫到；如等候较久，请到服务台。",
        "The number is not yet in the calling system (the network is down or it is being sent); it is called once it arrives. If you wait long, please ask at the front desk.",
    ),
    "ticket.queue.refused_note": (
        "号码未能同步到叫号系统，请到服务台由工作人员为您安排。",
        "The number could not reach the calling system. Please ask at the front desk.",
    ),
    "ticket.printer_back": (
        "打印机已恢复，可以点“重新打印”。",
        "The printer is working again: tap Print again.",
    ),
    "ticket.where": ("窗口：{d}", "Counter: {d}"),
    "ticket.when": ("时间：{t}", "When: {t}"),
    "ticket.reference": ("预约编号：{n}", "Booking number: {n}"),
    "ticket.next_queue": (
        "请在大厅等候，留意叫号屏和语音叫号。过号请重新取号。",
        "Please wait in the lobby and watch the display for your number. If you miss it, take a new one.",
    ),
    # The QR code is on the printed slip, never on the screen: said once, and only when
    # a slip came out (try-out 5: said twice, with no QR in sight, paper out or not).
    "ticket.next_appt": (
        "请在预约时间前 10 分钟到窗口，带上身份证件和凭条。在“查询”中扫描凭条上的二维码，也可查看预约状态。",
        "Please come to the counter 10 minutes early with your ID and the slip. Scanning the QR code on the slip under Track also shows the booking.",
    ),
    "ticket.next_appt.no_slip": (
        "请在预约时间前 10 分钟到窗口，带上身份证件，并记下上面的预约编号。",
        "Please come to the counter 10 minutes early with your ID, and note the booking number above.",
    ),
    "ticket.none": (
        "没有找到您的号码，请重新取号或呼叫工作人员。",
        "No ticket was found. Please take one again or call staff.",
    ),
    # A second request for the same counter the same day: the number already held.
    "ticket.again_note": (
        "您今天已取过这个窗口的号，这是您的号码，没有重复取号。需要凭条请点“重新打印”。",
        'You already have a number for this counter today: this is it, and no second number was taken. Tap "Print again" for a slip.',
    ),
    "ticket.reprint": ("重新打印", "Print again"),
    # Confirmed while the citizen is still here, after a slip saying 待确认 came out: a
    # slip that says what the screen says now is offered, once (try-out 14, C9).
    "ticket.print_confirmed": ("打印确认凭条", "Print confirmed slip"),
    "ticket.confirmed_slip": (
        "您手上的凭条印的是“待确认”：可点“打印确认凭条”取一张已确认的凭条。",
        'The slip you hold says "not yet confirmed": tap "Print confirmed slip" for one that says confirmed.',
    ),
    # Printed: the one in hand now says confirmed, and replaces the other (try-out 17, C5).
    "ticket.confirmed_printed": (
        "已确认的凭条已打印，请从出纸口取走。它取代您先前那张“待确认”的凭条。",
        'The confirmed slip is printed: please take it from the slot. It replaces your earlier "not yet confirmed" slip.',
    ),
    "ticket.confirmed_slip.cannot": (
        "您手上的凭条印的是“待确认”，以本屏为准。打印机暂时无法打印，恢复后可在这里打印已确认的凭条。",
        'The slip you hold says "not yet confirmed": this screen is what counts. The printer cannot print right now; once it can, you may print a confirmed slip here.',
    ),
    "ticket.ahead.asking": ("正在查询前面的等候人数…", "Finding out how many people wait ahead…"),
    "ticket.ahead.count": ("前面还有 {n} 人等候", "{n} people are ahead of you"),
    "ticket.ahead.none": (
        "前面没有人等候，请留意叫号",
        "Nobody is ahead of you: watch for your number",
    ),
    "ticket.ahead.wait": (
        "预计等候约 {m} 分钟（按近期叫号速度估算）",
        "Expected wait: about {m} min (from the recent pace of calls)",
    ),
    "ticket.ahead.offline": (
        "网络未连接，暂时无法得知前面的等候人数。",
        "No network: how many people wait ahead is not known.",
    ),
    "ticket.ahead.unknown": (
        "叫号系统暂未答复，前面的等候人数暂不可知。",
        "The calling system has not answered: how many people wait ahead is not known.",
    ),
    # Rate
    "rate.title": ("服务评价", "Rate our service"),
    "rate.prompt": ("您对本次服务满意吗？", "How satisfied are you with our service?"),
    "rate.for_number": ("评价对象：受理编号 {n}", "For application {n}"),
    # From the home tile, with no application: the hall's service as a whole.
    "rate.for_hall": (
        "评价对象：本中心的窗口、工作人员和自助终端",
        "For: this centre's counters, staff and kiosks",
    ),
    "rate.level.very_satisfied": ("非常满意", "Very satisfied"),
    "rate.level.satisfied": ("满意", "Satisfied"),
    "rate.level.basically_satisfied": ("基本满意", "Fairly satisfied"),
    "rate.level.dissatisfied": ("不满意", "Dissatisfied"),
    "rate.level.very_dissatisfied": ("非常不满意", "Very dissatisfied"),
    "rate.selected": ("已选择", "Selected"),
    "rate.why": ("请告诉我们原因（至少选一项）", "Please tell us why (choose at least one)"),
    "rate.reason.waited_long": ("等待时间长", "Waited too long"),
    "rate.reason.hard_to_use": ("操作复杂", "Hard to use"),
    "rate.reason.device_fault": ("设备故障", "A device did not work"),
    "rate.reason.unclear_materials": ("材料要求不清楚", "Unclear what to bring"),
    "rate.reason.staff_attitude": ("工作人员态度", "Staff attitude"),
    "rate.reason.result": ("对办理结果不满意", "Unhappy with the result"),
    "rate.reason.other": ("其他", "Other"),
    "rate.next": ("下一步", "Next"),
    "rate.chosen": ("您选择的原因：{reasons}", "Your reasons: {reasons}"),
    "rate.reason_sep": ("、", ", "),
    "rate.your_level": ("{level} · 重选", "{level} · Redo"),
    "rate.more": (
        "需要工作人员回访，或想补充说明吗？（可选）",
        "Would you like a call-back, or to add a comment? (optional)",
    ),
    "rate.add_text": ("补充说明（可选）", "Add a comment (optional)"),
    "rate.submit": ("提交评价", "Send rating"),
    "rate.choose_first": ("请先点选一项评价。", "Please choose one of the ratings first."),
    # 满意 and 非常满意: "we will improve" read as if they had complained (try-out 20, C7).
    "rate.thanks_good": (
        "感谢您的评价！欢迎再次使用。",
        "Thank you for your rating. You are welcome back any time.",
    ),
    "rate.thanks": (
        "感谢您的评价！我们会认真改进。",
        "Thank you for your rating. We will use it to improve.",
    ),
    "rate.thanks_low": (
        "感谢您的评价。工作人员会根据您的意见跟进改进。",
        "Thank you. Staff will follow up on what you told us.",
    ),
    "rate.print_thanks": ("打印评价凭条", "Print a slip"),
    # The slip holds nothing the citizen needs: no photo, no reprint, in every state.
    "rate.print.failed": (
        "打印机暂时无法打印，凭条没有打出。您的评价已保存，不需要凭条。",
        "The printer cannot print right now, so no slip came out. Your rating is saved; "
        "you need no slip.",
    ),
    "rate.print.paper_out": (
        "打印机缺纸，凭条没有打出。您的评价已保存，不需要凭条。",
        "The printer is out of paper, so no slip came out. Your rating is saved; you need no slip.",
    ),
    "rate.print.unconfirmed": (
        "打印机没有确认是否已打出，请看看出纸口。您的评价已保存，不需要凭条。",
        "The printer did not confirm it printed: please check the slot. Your rating is "
        "saved; you need no slip.",
    ),
    "rate.callback.want": (
        "请工作人员回访我（整改回访）",
        "Call me back (follow-up)",
    ),
    # 长辈模式: the heading of the call-back number's own page.
    "rate.callback.number": ("请留下回访电话", "Your number for the call-back"),
    "rate.callback.from_form": (
        "（申请时填写的号码，可直接使用）",
        " (the number on your application; you can keep it)",
    ),
    "rate.callback.consent": (
        "我同意工作人员仅为本次回访使用此号码",
        "I agree to its use for this call-back only",
    ),
    "rate.callback.saved": ("回访电话：{p}", "Call-back number: {p}"),
    "rate.callback.other": ("改用其他号码", "Use another number"),
    # 长辈模式: the consent, a question of its own after the number (try-out 9, E8);
    # the number, masked, under it (rate.callback.saved).
    "rate.callback.ask.title": ("同意工作人员回访吗？", "May staff call you back?"),
    "rate.callback.ask.body": (
        "工作人员只用这个号码为本次评价回访您。",
        "Staff will use this number only to call you back about this rating.",
    ),
    "rate.callback.ask.yes": ("同意，提交评价", "Yes, send my rating"),
    "rate.callback.ask.no": ("不用回访", "No call-back"),
    # Standard mode, where the number's problem has no room by the number (字号 4/4).
    "rate.callback.check.title": ("请检查回访电话", "Please check the number"),
    "rate.callback.check.body": (
        "这个号码无法用于回访。",
        "This number cannot be used to call you back.",
    ),
    "rate.callback.check.yes": ("重新输入号码", "Type it again"),
    "rate.callback.check.no": ("不用回访", "No call-back"),
    # Standard mode: the consent not ticked. The toggle that takes the call-back back is
    # named by its words (it is under the number, not "above").
    "rate.problem.consent_required": (
        "请点选同意，工作人员才能用此号码回访您；不需要回访请再点一下“{want}”取消。",
        'Please tap to agree so staff may use this number, or tap "{want}" again if you do not want a call.',
    ),
    "rate.callback.when": (
        "平台收到后，工作人员会在 {d} 个工作日内回访。",
        "Once the platform has it, staff call you back within {d} working days.",
    ),
    "rate.callback.when_no_term": (
        "平台收到后，工作人员会按规定时限回访。",
        "Once the platform has it, staff call you back within the official time limit.",
    ),
    # Feedback
    "feedback.title": ("投诉建议", "Feedback"),
    "feedback.choose_category": ("请选择类别", "What kind of feedback?"),
    "feedback.category.complaint": ("投诉", "Complaint"),
    "feedback.category.complaint.sub": ("对服务或办理有意见", "Something went wrong"),
    "feedback.category.suggestion": ("建议", "Suggestion"),
    "feedback.category.suggestion.sub": ("帮助我们做得更好", "Help us do better"),
    "feedback.category.praise": ("表扬", "Praise"),
    "feedback.category.praise.sub": ("表扬窗口或工作人员", "Praise a counter or a member of staff"),
    "feedback.category.question": ("咨询", "Question"),
    "feedback.category.question.sub": ("有问题需要答复", "You need an answer"),
    "feedback.write": ("{c}：请选择常用语或输入内容", "{c}: tap a phrase or type"),
    "feedback.text_empty": ("（尚未填写）", "(nothing yet)"),
    "feedback.phrases": ("常用语", "Common phrases"),
    "feedback.keyboard": ("键盘输入", "Keyboard"),
    "feedback.keyboard_done": ("输入完成", "Done typing"),
    "feedback.clear": ("清空", "Clear"),
    "feedback.submit": ("提交", "Send"),
    "feedback.thanks": (
        "您的意见已提交，谢谢。相关部门收到后会认真阅处。",
        "Thank you. The department concerned will read it once it arrives.",
    ),
    # The term is the platform's own 整改回访 rule, sent with the catalog.
    "feedback.thanks.complaint": (
        "您的投诉已提交。平台收到后，相关部门会在 {d} 个工作日内处理并回访。",
        "Your complaint has been sent. Once the platform has it, the department concerned"
        " handles it and follows up within {d} working days.",
    ),
    "feedback.thanks.complaint_no_term": (
        "您的投诉已提交，平台收到后，相关部门会按规定时限处理并回访。",
        "Your complaint has been sent. Once the platform has it, the department concerned"
        " handles it and follows up within the official time limit.",
    ),
    # No number to call: handled, and no 回访 promised (try-out 13, C3); feedback.no_phone
    # says why under the number.
    "feedback.thanks.complaint.no_reply": (
        "您的投诉已提交。平台收到后，相关部门会在 {d} 个工作日内处理。",
        "Your complaint has been sent. Once the platform has it, the department concerned"
        " handles it within {d} working days.",
    ),
    "feedback.thanks.complaint_no_term.no_reply": (
        "您的投诉已提交，平台收到后，相关部门会按规定时限处理。",
        "Your complaint has been sent. Once the platform has it, the department concerned"
        " handles it within the official time limit.",
    ),
    "feedback.no_phone.complaint": (
        "您没有留电话，无法回访您；可凭投诉编号在“查询”中查看进度。",
        "You left no phone number, so no one can call you back; see its progress under"
        " Track with the complaint number.",
    ),
    "feedback.no_phone": (
        "您没有留电话，工作人员无法联系您。",
        "You left no phone number, so staff cannot contact you.",
    ),
    "feedback.print_slip": ("打印投诉回执", "Print a slip"),
    # The slip holds the number shown above: the words point there, in every state.
    "feedback.print.cannot": (
        "打印机现在不能打印回执：请记下或用手机拍下上面的投诉编号。",
        "The printer cannot print a slip just now: please write down or photograph the "
        "complaint number above.",
    ),
    "feedback.print.failed": (
        "回执没有打出：打印机暂时无法打印。您的投诉已保存；请记下或用手机拍下上面的投诉编号。",
        "No slip came out: the printer cannot print right now. Your complaint is saved; "
        "please write down or photograph the number above.",
    ),
    "feedback.print.paper_out": (
        "回执没有打出：打印机缺纸。您的投诉已保存；请记下或用手机拍下上面的投诉编号。",
        "No slip came out: the printer is out of paper. Your complaint is saved; please "
        "write down or photograph the number above.",
    ),
    "feedback.print.unconfirmed": (
        "打印机没有确认是否已打出，请看看出纸口；如果没有，请记下上面的投诉编号。",
        "The printer did not confirm it printed: please check the slot; if nothing is "
        "there, write down the number above.",
    ),
    "feedback.reference": ("投诉编号：{n}", "Complaint number: {n}"),
    # The reply page's heading: what it asks (the page had only the toggle: try-out 9,
    # C7). One line: it shares 1280x800 with the toggle, the keypad and 提交 in 长辈模式
    # at 字号 4/4 ("would you like a phone reply?" took two, #14).
    "feedback.contact.heading": (
        "{c}：需要电话答复吗？",
        "{c}: a reply by phone?",
    ),
    # One line beside the keypad at 字号 4/4 ("I would like a reply by phone (optional)"
    # was cut there once the keys moved beside it, #14).
    "feedback.contact.want": (
        "希望工作人员电话答复我（可选）",
        "Please call me back (optional)",
    ),
    # Short enough for one line beside the keypad at 字号 4/4 (the reply's own page).
    "feedback.contact.consent": (
        "我同意仅为答复本次意见使用此号码",
        "I agree to its use for this reply only",
    ),
    "feedback.contact.saved": ("答复电话：{p}", "Reply to: {p}"),
    # The consent asked on a page of its own where its words do not fit beside 提交.
    "feedback.contact.ask.title": ("同意工作人员电话答复吗？", "May staff call you back?"),
    "feedback.contact.ask.body": (
        "工作人员只用这个号码答复您本次的意见。",
        "Staff will use this number only to reply to what you told us.",
    ),
    "feedback.contact.ask.yes": ("同意，提交", "Yes, send it"),
    "feedback.contact.ask.no": ("不用电话答复", "No call-back"),
    "contact.phone_label": ("联系电话：", "Phone: "),
    # One line beside the keypad at 字号 4/4 in 长辈模式 on 1280x800 (two left the
    # complaint's reply page no room for its question, #14); the keys are beside it.
    "contact.phone_empty": (
        "请输入手机号或带区号座机",
        "mobile, or area code + number",
    ),
    "feedback.problem.none": ("可以提交", "Ready to send"),
    "feedback.problem.reason_required": (
        "请至少选择一个原因。",
        "Please choose at least one reason.",
    ),
    "feedback.problem.text_required": (
        "请先选择常用语或输入内容。",
        "Please tap a phrase or type something first.",
    ),
    # Where the words above do not fit beside the buttons (字号 4/4 on a small panel).
    "feedback.problem.text_required.short": ("请先选常用语或打字", "Tap a phrase first"),
    "feedback.problem.text_too_long.short": ("超过 500 字，请精简", "Over 500 characters"),
    "feedback.problem.text_too_long": (
        "内容太长，请精简到 500 字以内。",
        "That is too long; please keep it under 500 characters.",
    ),
    "feedback.problem.phone_invalid": (
        "请输入正确的电话号码：11 位手机号，或带区号的固定电话。",
        "Please enter a valid number: an 11-digit mobile, or a landline with its area code.",
    ),
    "feedback.problem.consent_required": (
        "请点选同意，工作人员才能用此号码联系您；不需要联系请再点一下上方按钮取消。",
        "Please tap to agree so staff may use this number, or tap the button above again if you do not want a call.",
    ),
    "feedback.problem.already_rated": (
        "这份回执已经评价过了，每份回执只能评价一次。感谢您的反馈。",
        "This receipt has already been rated; each receipt can be rated once. Thank you.",
    ),
    "feedback.phrase.wait": ("排队等候时间太长", "The wait was too long"),
    "feedback.phrase.guide": ("希望指引更清楚", "Signs and guidance could be clearer"),
    "feedback.phrase.machine": ("自助机器操作不方便", "The kiosk is hard to use"),
    "feedback.phrase.staff_good": ("工作人员热情耐心", "The staff were kind and patient"),
    "feedback.phrase.fast": ("办事效率高", "It was quick"),
    "feedback.phrase.more_kiosks": ("建议增加自助终端", "Please add more kiosks"),
    "feedback.phrase.hours": ("希望延长办公时间", "Please open longer hours"),
    "feedback.phrase.callback": ("请工作人员联系我", "Please contact me"),
    "feedback.phrase.staff_bad": ("工作人员态度不好", "The staff were unhelpful"),
    "feedback.phrase.slow": ("办理时间太长", "It took too long to handle"),
    "feedback.phrase.unclear": ("指引不清楚，找不到地方", "The guidance was unclear; I got lost"),
    # Keypads
    "svc.keys.backspace": ("退格", "Delete"),
    "svc.keys.clear": ("清空", "Clear"),
    # 清空 once it has cleared: tapped again, the number comes back.
    "svc.keys.undo_clear": ("恢复", "Undo"),
    "svc.keys.space": ("空格", "Space"),
    "svc.keys.pinyin_hint": ("输入拼音后点选汉字", "Type pinyin, then tap a character"),
}
