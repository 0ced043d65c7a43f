"""Strings of the apply journey: identify, MRZ and manual entry, form, documents, review, submitted."""

STRINGS: dict[str, tuple[str, str]] = {
    # Shared
    "apply.unavailable": (
        "此功能暂时无法使用，请呼叫工作人员或到服务台办理。",
        "This is not available right now. Please call staff or ask at the front desk.",
    ),
    "apply.working": ("正在处理，请稍候…", "Working on it, please wait..."),
    "apply.continue": ("下一步", "Next"),
    "apply.done": ("完成", "Done"),
    "apply.cancel": ("取消", "Cancel"),
    "apply.big_mode": ("长辈模式（大字）", "Assisted mode (large text)"),
    # The same words as the top bar's button, which does the same (try-out 9, E6).
    "apply.std_mode": ("退出长辈模式", "Exit assisted mode"),
    # Short forms, where the long ones do not fit side by side (large text, small panel).
    "apply.big_mode.short": ("长辈模式", "Assisted mode"),
    "apply.std_mode.short": ("退出长辈模式", "Exit assisted"),
    # Identify
    "identify.title": ("核验身份", "Confirm who you are"),
    "identify.prompt": (
        "请选择一种方式证明您的身份",
        "Please choose one way to show who you are",
    ),
    "identify.prompt.appointment": (
        "预约取号：请选择一种方式证明您的身份",
        "Booking a visit: please choose one way to show who you are",
    ),
    "identify.card": ("放置证件", "Use my ID document"),
    "identify.card.sub": (
        "将护照、通行证或身份证件放在下方读卡区",
        "Place your passport, travel permit or ID card on the reader below",
    ),
    # Each way's explanation in a few words, for a screen that has no room for the whole
    # one (长辈模式 at 字号 4/4 on 1280x800): how, or that staff check it later, rather than
    # a title alone (try-out 10, E8; the home tiles' ".short" likewise).
    "identify.card.sub.short": ("放在下方读卡区", "On the reader"),
    # The way's own words while a reader it relies on is out (try-out 9, C6): only what
    # still works, or that it does not work now (the tile is then not offered).
    "identify.card.sub.passport": (
        "将护照或通行证放在下方读卡区",
        "Place your passport or travel permit on the reader below",
    ),
    "identify.card.sub.passport.short": ("护照、通行证", "Passport/permit"),
    "identify.card.sub.idcard": (
        "将居民身份证放在身份证阅读器上",
        "Lay your resident ID card on its reader",
    ),
    "identify.card.sub.idcard.short": ("仅限身份证", "ID card only"),
    "identify.way.down": ("{broken}暂时不能用", "Not working just now: {broken}"),
    "identify.way.down.short": ("暂时不能用", "Not working"),
    # A way not offered now, tapped (try-out 14, C10: the tap did nothing at all).
    "identify.way.unavailable": (
        "{way}现在不能用。您可以{ways}。",
        'Not available now: "{way}". You can {ways}.',
    ),
    # Tapped while only the ID card reader works: the passport keypad would end in an error.
    "identify.card.idcard_only": (
        "证件读卡器暂时不能用，护照和通行证现在无法读取。请把居民身份证放在身份证阅读器上，或选择其他方式。",
        "The document reader is not working now. Please lay your resident ID card on its "
        "reader, or choose another way.",
    ),
    "identify.card.anim": ("请将证件放在读卡区 ▼", "Place your document on the reader ▼"),
    "identify.card.anim2": ("请将证件放在读卡区 ▽", "Place your document on the reader ▽"),
    # A way's device out of order: what does not work, and what still does (try-out 8, R1).
    "identify.fault": (
        "{broken}暂时不能用。您可以{ways}。",
        "Not working: {broken}. You can {ways}.",
    ),
    # Between the ways that still work, and before the last of them (English: "a, b, or c").
    "identify.fault.and": ("，或", ", "),
    "identify.fault.or": ("，或", ", or "),
    "identify.fault.device.card": ("证件读卡器", "the document reader"),
    "identify.fault.device.idcard": ("身份证阅读器", "the ID card reader"),
    "identify.fault.device.scanner": ("扫码摄像头", "the QR camera"),
    "identify.fault.way.card": ("把证件放在读卡区", "put your document on the reader"),
    "identify.fault.way.passport": (
        "把护照或通行证放在读卡区",
        "use a passport or permit",
    ),
    "identify.fault.way.idcard": (
        "把居民身份证放在身份证阅读器上",
        "put your ID card on its reader",
    ),
    "identify.fault.way.qr": ("出示电子证照二维码", "show your e-ID"),
    "identify.fault.way.manual": ("点“{manual}”", 'tap "{manual}"'),
    "identify.qr": ("电子证照二维码", "e-ID QR code"),
    # Short enough that no width the tile takes leaves one character alone on a line
    # (try-out 14, C11: "口" alone at 字号 4/4 on 1920x1080).
    "identify.qr.sub": (
        "打开手机电子证照，二维码对准扫描口",
        "Open the e-ID and hold its QR code to the scanner",
    ),
    "identify.qr.sub.short": ("对准扫描口", "QR to scanner"),
    "identify.manual": ("手工输入身份证号", "Type my ID number"),
    "identify.manual.sub": (
        "没有带证件时使用，需到窗口核验",
        "If you do not have your document with you; staff will check it later",
    ),
    # When to take this way, the choice a citizen makes here: "Staff check later" left
    # that out, and one holding their card might type instead (try-out 15, E9).
    "identify.manual.sub.short": ("没带证件时用", "No ID with you"),
    "identify.checking": ("正在核验，请稍候…", "Checking, please wait..."),
    "identify.welcome": ("身份核验成功", "Identity confirmed"),
    # Identification results (message keys from kiosk.services.identify)
    "identify.result.ok": ("身份核验成功", "Identity confirmed"),
    "identify.result.invalid_details": (
        "填写的信息格式不对，请检查证件号码和日期。",
        "Those details are not in the right form. Please check the number and the dates.",
    ),
    "identify.result.wrong_keys": (
        "填写的信息与证件不一致，请对照证件检查后重试。",
        "The details do not match the document. Please check them against your document and try again.",
    ),
    "identify.result.card_removed": (
        "证件拿开得太早了。请把证件放回读卡区，读取完成前不要移动。",
        "The document was taken away too early. Please put it back and keep it still until reading is done.",
    ),
    "identify.result.no_card": (
        "没有检测到证件，请把证件平放在读卡区。",
        "No document found. Please lay your document flat on the reader.",
    ),
    "identify.result.unreadable": (
        "暂时无法读取这本证件，请重新放置后重试，或选择其他方式。",
        "This document could not be read. Please place it again and retry, or choose another way.",
    ),
    "identify.result.pace_only": (
        "本机暂不支持读取这种证件，请使用电子证照或手工输入。",
        "This kiosk cannot read this type of document yet. Please use an e-ID or type your ID number.",
    ),
    "identify.result.chip_not_genuine": (
        "证件芯片未通过防伪核验，无法使用。请到人工窗口办理。",
        "This document's chip failed the authenticity check and cannot be used. Please go to a staffed counter.",
    ),
    "identify.result.not_supported": (
        "这张卡不是可读取的身份证件，请换一个证件或选择其他方式。",
        "This card is not a readable identity document. Please use another one or choose another way.",
    ),
    "identify.result.reader_unavailable": (
        "读卡器暂时无法使用，请使用电子证照或手工输入，或呼叫工作人员。",
        "The reader is not available right now. Please use an e-ID, type your ID number, or call staff.",
    ),
    "identify.result.expired": (
        "该证件已过有效期，请使用有效证件。",
        "This document has expired. Please use a valid one.",
    ),
    # An e-ID that fails verification is not helped by showing it again (try-out 8, C9):
    # the citizen is sent to staff or another way, not into endless retries.
    "identify.result.qr_forged": (
        "这个电子证照二维码未能通过核验。请呼叫工作人员，或改用证件、手工输入办理。",
        "This e-ID QR code could not be verified. Please call staff, or use your document or type your ID number instead.",
    ),
    "identify.result.qr_expired": (
        "电子证照二维码已过期，未能核验。请在手机上刷新后重新出示；仍不行请呼叫工作人员。",
        "This e-ID QR code has expired and could not be verified. Refresh it on your phone and show it again; if that fails, please call staff.",
    ),
    "identify.result.qr_not_eid": (
        "这不是电子证照二维码，请打开电子证照后重新出示。",
        "This is not an e-ID QR code. Please open your e-ID and show it again.",
    ),
    "identify.result.qr_incomplete": (
        "电子证照信息不完整，请使用其他方式。",
        "This e-ID does not carry enough details. Please choose another way.",
    ),
    "identify.result.id_invalid": (
        "身份证号码不正确，请检查。",
        "That ID number is not valid. Please check it.",
    ),
    "identify.result.name_invalid": ("请输入您的姓名。", "Please enter your name."),
    "identify.result.wrong_document": (
        "这个事项需要居民身份证，这种证件不能办理。请使用居民身份证，或到人工窗口咨询。",
        "This service needs a resident ID card; this kind of document cannot be used for it. Please use a resident ID card, or ask at a staffed counter.",
    ),
    "mrz.camera": (
        "正在用摄像头读取证件资料页底部的机读码，也可以直接输入。",
        "Reading the machine-readable lines on your document's photo page with the camera; you can also type the details.",
    ),
    "idcard.take_back": ("请取走您的身份证", "Please take your ID card with you"),
    # MRZ keypad
    "mrz.title": ("输入证件信息", "Enter your document details"),
    "mrz.prompt": (
        "为保护您的信息，证件芯片需要以下三项才能读取。请对照证件资料页填写。",
        "To protect your data, the chip opens only with these three details. Copy them from the photo page.",
    ),
    # 长辈模式 asks them one a page.
    "mrz.prompt.steps": (
        "为保护您的信息，证件芯片需三项信息才能读取，每页填一项，请对照证件资料页填写。",
        "To protect your data, the chip needs three details, one a page. Copy them from the photo page.",
    ),
    "mrz.fill_first": (
        "请先填写“{what}”，再读取证件。",
        "Please fill in {what} first, then read it.",
    ),
    "mrz.document_number": ("证件号码", "Document number"),
    # Short enough for three side by side; the format in both languages (try-out 8, C7:
    # the English labels never said it), the hint over the keys says it in full.
    "mrz.birth_date": ("出生日期（年月日）", "Date of birth (YYYYMMDD)"),
    "mrz.expiry_date": ("有效期至（年月日）", "Expiry date (YYYYMMDD)"),
    # Where the whole label does not fit one line (portrait, 字号 3–4): the hint under
    # the field says the format while the date is typed.
    "mrz.birth_date.short": ("出生日期", "Date of birth"),
    "mrz.expiry_date.short": ("有效期至", "Expiry date"),
    "mrz.read": ("读取证件", "Read my document"),
    "mrz.reading": (
        "正在读取，请不要移动证件…",
        "Reading - please keep the document still...",
    ),
    # While no document is on the reader; mrz.read_chip while one is.
    "mrz.place_card": (
        "请把证件资料页朝下放在读卡区，然后点“读取证件”。",
        'Put the document photo page down on the reader, then tap "Read my document".',
    ),
    "mrz.read_chip": (
        "请点“读取证件”读取证件芯片。",
        'Tap "Read my document" to read its chip.',
    ),
    "mrz.err.document_number": (
        "证件号码应为 5 到 22 位字母或数字。",
        "The document number should be 5 to 22 letters or digits.",
    ),
    "mrz.err.date": (
        "请输入 8 位数字：4 位年份 + 2 位月份 + 2 位日期。",
        "Please type 8 digits: year, month, day (YYYYMMDD).",
    ),
    # A typed date that cannot be right, said as soon as the digits show it.
    "mrz.err.year": (
        "这个年份不对，请对照证件资料页重新输入。",
        "That year cannot be right. Please check the photo page and type it again.",
    ),
    "mrz.err.month": (
        "月份应在 01 到 12 之间，请对照证件资料页重新输入。",
        "The month should be 01 to 12. Please check the photo page and type it again.",
    ),
    "mrz.err.day": (
        "这个月没有这一天，请对照证件资料页重新输入。",
        "That month has no such day. Please check the photo page and type it again.",
    ),
    # Manual entry
    "manual.title": ("手工输入身份信息", "Type your identity details"),
    "manual.prompt": (
        "请输入 18 位身份证号码和姓名。手工输入的信息需到窗口核验证件。",
        "Enter your 18-character ID number and your name. Staff will check your document later.",
    ),
    "manual.id_number": ("身份证号码", "ID number"),
    "manual.name": ("姓名", "Name"),
    # 长辈模式, proxy: whose identity is part of the one question on the screen.
    "manual.id_number.agent": ("您（代办人）的身份证号码", "Your ID number (agent)"),
    "manual.id_number.applicant": ("申请人的身份证号码", "The applicant's ID number"),
    "manual.name.agent": ("您（代办人）的姓名", "Your name (agent)"),
    "manual.name.applicant": ("申请人的姓名", "The applicant's name"),
    "manual.confirm": ("确认", "Confirm"),
    # The end of an application: what to take away (only what is really there).
    "end.take.card_receipt": (
        "请取走您的证件和回执",
        "Please take your ID document and your receipt",
    ),
    "end.take.card": ("请取走您的证件", "Please take your ID document"),
    # The chip reader saw the document go (try-out 8, C1).
    # "has been taken" read as if someone else had taken it (try-out 18, C2).
    "submitted.document_taken": ("证件已取走", "Document removed"),
    "end.take.receipt": ("请取走您的回执", "Please take your receipt"),
    "end.take.belongings": ("请带好您的随身物品", "Please take your belongings"),
    "apply.id.err.length": (
        "身份证号码应为 18 位，请检查位数。",
        "An ID number has 18 characters. Please check.",
    ),
    "apply.id.err.characters": (
        "身份证号码只能是数字，最后一位可以是 X。",
        "An ID number has only digits; the last one may be X.",
    ),
    "apply.id.err.birth_date": (
        "身份证号码中的出生日期不正确，请检查。",
        "The date of birth inside this ID number is not valid. Please check.",
    ),
    "apply.id.err.check_digit": (
        "身份证号码有误（校验位不符），请逐位检查。",
        "This ID number has a typing mistake (check character). Please check each digit.",
    ),
    "identify.queue_closed": (
        "现在不在办公时间，现场取号已暂停。您仍可核验身份后预约其他时间。",
        "Outside office hours: walk-in numbers are closed now. You can still identify "
        "yourself and book a later time.",
    ),
    # Form
    "form.title": ("填写申请表", "Fill in the form"),
    "form.prompt": (
        "请核对并填写以下信息，点击答案即可修改",
        "Please check and complete these details; tap an answer to change it",
    ),
    # Where the whole prompt would take a second line on a landscape panel (large text).
    "form.prompt_short": ("请核对并填写以下信息", "Please check and complete these details"),
    # Where a locked value came from, by kiosk.identity.IdentitySource: never "from your
    # ID" for a number the citizen typed.
    "form.from_id.chip": ("（已从证件芯片读取）", "(read from your document's chip)"),
    "form.from_id.e_id_qr": ("（来自电子证照）", "(from your e-ID)"),
    "form.from_id.manual": (
        "（您输入的，未经证件核验）",
        "(as you typed it; not checked against a document)",
    ),
    "form.tap_to_fill": ("点击填写", "Tap to fill in"),
    # The heading asks the citizen to check: these say the name and number are shown
    # partly hidden (王*明, WANG X*******), as on the review and the receipt.
    "form.identified": (
        "已核验身份（部分隐去）：{name} · {doc}{src}",
        "Identified (partly hidden): {name} · {doc} {src}",
    ),
    # Shown on the step after identification where no form lists it (the booking's
    # counters), with 不是我 beside it (try-out 6, 16).
    "identified": (
        "已识别（部分隐去）：{name} · {doc}{src}",
        "Identified (partly hidden): {name} · {doc} {src}",
    ),
    "identified.manual": (
        "身份信息（部分隐去）：{name} · {doc}{src}",
        "Identity details (partly hidden): {name} · {doc} {src}",
    ),
    # 长辈模式: a screen of its own after identification, before the first question
    # (try-out 8, E2/E7); the masked identity under the body (identified / .manual).
    "identified.check.title": ("请确认是您本人", "Please check this is you"),
    "identified.check.body": (
        "身份已识别。下面的姓名和证件号码已部分隐去。",
        "You are identified (name and number partly hidden).",
    ),
    # Under either body: what the citizen is asked to recognise (try-out 9, E3). Two
    # lines, the document named with its number: with the body the question keeps to
    # the room of 1280x800 at 字号 4/4 in English (a fifth line was cut).
    "identified.check.who": (
        "姓名：{name}\n{doc}：{number}{src}",
        "Name: {name}\n{doc}: {number} {src}",
    ),
    "identified.check.yes": ("是我，继续", "Yes, that's me"),
    "identified.check.no": ("不是我", "Not me"),
    "identified.check.manual.title": ("请确认您输入的信息", "Please check what you typed"),
    "identified.check.manual.body": (
        "这是您输入的身份信息（部分隐去），未经证件核验，办理时请到窗口出示证件。",
        "These are the details you typed (partly hidden). They are not checked against a document: please show your ID at a counter.",
    ),
    "identified.check.manual.yes": ("是我，继续", "Yes, that's me"),
    "identified.check.manual.no": ("不是我", "Not me"),
    "identified.not_me": ("不是我", "Not me"),
    "identified.not_me.named": ("不是{name}？", "Not {name}?"),
    "identified.forgotten": (
        "已清除刚才识别的身份信息。如证件还在读卡区，请取走；请出示您本人的证件或电子证照。",
        "The identity just read has been cleared. If the document is still on the reader, "
        "please take it away, then show your own document or e-ID.",
    ),
    # Typing is not verification: a typed identity is "identity details", never "verified".
    "form.identified.manual": (
        "身份信息（部分隐去）：{name} · {doc}{src}",
        "Identity details (partly hidden): {name} · {doc} {src}",
    ),
    "doctype.resident_id": ("居民身份证", "Resident ID card"),
    "doctype.id_card": ("身份证件", "Identity card"),
    "doctype.passport": ("护照", "Passport"),
    "doctype.travel_document": ("旅行证件", "Travel document"),
    "doctype.e_id": ("电子证照", "e-ID"),
    "doctype.residence_permit": ("港澳台居民居住证", "Residence permit (HK/Macao/Taiwan)"),
    "doctype.permanent_residence": (
        "外国人永久居留身份证",
        "Foreign permanent resident ID card",
    ),
    "form.optional": ("（选填）", "(optional)"),
    # 长辈模式 in landscape: a long answer in full over the keys, its one-line field
    # showing only its tail (try-out 11, E3).
    "form.whole": ("完整内容：{v}", "In full: {v}"),
    "form.next": ("下一步", "Continue"),
    # 下一步 is the form's one way forward: it checks the page shown, then shows the next
    # page of questions, and says so while there are more (#14: 更多问题 ▶ beside it, turning
    # pages unchecked, made two "next" buttons).
    "form.next.more_one": ("下一步（还有 1 页）", "Continue (1 more page)"),
    "form.next.more": ("下一步（还有 {n} 页）", "Continue ({n} more pages)"),
    # Back to a page of questions already seen (its answers stay): not 上一步 / 返回,
    # which leave the form.
    "form.pager.prev": ("◀ 前面的问题", "◀ Earlier questions"),
    "form.fix": (
        "还有信息需要补充或修改，请查看各项下方的提示。",
        "Some items need attention; please see the notes under them.",
    ),
    "form.none": ("此事项无需填写表单。", "This service needs no form."),
    "form.err.required": ("此项必填。", "This is required."),
    "form.err.too_short": ("内容太短。", "This is too short."),
    "form.err.too_long": ("内容太长。", "This is too long."),
    # An address the catalog wants down to the door. No word of post: it is asked before
    # the citizen chooses how to collect (窗口领取 is a later question; try-out 20, E2).
    "form.err.address": (
        "地址还不完整，请写到街道和门牌号（如：南池子大街12号），农村地址写到村、组。",
        # Two lines of 长辈模式's strip at 字号 4/4 in portrait (try-out 16, E4: cut at three).
        "The address is not complete: add the street and house number"
        " (e.g. 12 Nanchizi Street), or the village and group.",
    ),
    "form.err.number": ("请输入数字。", "Please enter a number."),
    "form.err.integer": (
        "请输入整数（不带小数点）。",
        "Please enter a whole number (no decimal point).",
    ),
    "form.err.range": (
        "请填写 {lo} 到 {hi} 之间的数。",
        "Please enter a number from {lo} to {hi}.",
    ),
    "form.err.range_min": ("请填写不小于 {lo} 的数。", "Please enter {lo} or more."),
    "form.err.range_max": ("请填写不大于 {hi} 的数。", "Please enter {hi} or less."),
    "form.err.future_date": (
        "这个日期还没有到，请填写今天或以前的日期。",
        "That date is in the future. Please enter today or an earlier date.",
    ),
    "form.err.date": (
        "请输入 8 位数字：4 位年份、2 位月份、2 位日期，如 20240115。",
        "Please type 8 digits: year, month, day (YYYYMMDD), e.g. 20240115.",
    ),
    "form.err.date_number": (
        "没有这一天：月份是 01 到 12，日期不能超过当月天数。",
        "There is no such day: the month is 01 to 12, and the day must be in that month.",
    ),
    "form.err.month": (
        "请输入 6 位数字：4 位年份加 2 位月份，如 202401。",
        "Please type 6 digits: the year, then the month (YYYYMM), e.g. 202401.",
    ),
    "form.err.month_number": (
        "月份只能是 01 到 12，请检查最后两位。",
        "The month must be 01 to 12. Please check the last two digits.",
    ),
    "form.err.before": (
        "不能早于{other}，请检查。",
        "This cannot be before the {other}. Please check.",
    ),
    "form.err.future_month": (
        "这个月份还没有到，请填写本月或以前的月份。",
        "That month is in the future. Please enter this month or an earlier one.",
    ),
    # Said above the keys before anything is typed: the format, not only after a mistake.
    "form.hint.date": (
        "4 位年份 + 2 位月份 + 2 位日期，如 20240115",
        "YYYYMMDD (year, month, day), e.g. 20240115",
    ),
    "form.hint.month": ("4 位年份 + 2 位月份，如 202401", "YYYYMM (year, month), e.g. 202401"),
    # A number question's bounds from the catalog (份数: try-out 18, E3).
    "form.hint.number_range": ("请输入 {lo}–{hi}", "Enter a number from {lo} to {hi}"),
    "form.hint.number_min": ("请输入 {lo} 或更大的数", "Enter {lo} or more"),
    "form.hint.number_max": ("请输入不大于 {hi} 的数", "Enter {hi} or less"),
    "form.hint.number": ("请输入数字", "Enter a number"),
    "form.err.phone": ("请输入 11 位手机号码。", "Please enter an 11-digit mobile number."),
    "form.err.id_number": (
        "身份证号码不正确，请检查。",
        "That ID number is not valid. Please check.",
    ),
    "form.err.choice": ("请选择一项。", "Please choose one."),
    "form.err.format": ("格式不正确，请检查。", "This is not in the expected form. Please check."),
    # Keyboards
    "pinyin.mode_pinyin": ("拼音", "Pinyin"),
    "pinyin.mode_abc": ("英文", "ABC"),
    "pinyin.mode_123": ("数字", "123"),
    "pinyin.space": ("空格", "Space"),
    "pinyin.loading": ("正在准备拼音输入…", "Preparing pinyin input..."),
    "pinyin.hint": ("输入拼音，点选汉字", "Type pinyin, then tap a character"),
    "pinyin.hint.digits": ("输入数字", "Type digits"),
    # Documents
    "docs.title": ("拍摄材料", "Photograph your papers"),
    "docs.prompt": (
        "请将材料平放在拍摄区，然后点“拍照”。",
        "Lay the paper flat under the camera, then tap Take photo.",
    ),
    "docs.view.starting": ("正在打开摄像头…", "Starting the camera..."),
    "docs.view.fault": (
        "摄像头暂时无法使用，现在不能拍照。请点下方“{skip}”，把材料带到窗口。",
        "The camera is not working just now: no photo can be taken. "
        'Tap "{skip}" below and bring the paper to the counter.',
    ),
    # A paper begun (a page kept, another asked for): the skip is not offered there.
    "docs.view.fault_page": (
        "摄像头暂时无法使用，现在不能再拍一页。已拍的页会提交，请点下方“{done}”，其余页带到窗口。",
        "The camera is not working just now: no more pages can be taken. The pages "
        'taken are kept: tap "{done}" below and bring the rest to the counter.',
    ),
    "docs.view.fault_optional": (
        "摄像头暂时无法使用，现在不能拍照。这份材料不是必需的，请点下方“{skip}”。",
        "The camera is not working just now: no photo can be taken. "
        'This paper is optional, so tap "{skip}" below.',
    ),
    "docs.capture": ("拍照", "Take photo"),
    # A page already kept (使用这张), photographed again before submitting.
    "docs.redo": ("重拍上一页", "Retake last page"),
    "docs.retake": ("重拍", "Retake"),
    "docs.use": ("使用这张", "Use photo"),
    "docs.skip": ("现场不拍，稍后带到窗口", "Skip - I will bring it to the counter"),
    "docs.skip_optional": ("不需要，跳过", "Not needed - skip"),
    # A skipped optional paper: not "不需要" (it may still help at the counter), but the
    # review's words for it (try-out 14, E4).
    "docs.optional_skipped": (
        "未提交（非必需，如有请带到窗口）",
        "not given (optional; bring it if you have it)",
    ),
    "docs.captured": ("已拍摄", "Photographed"),
    "docs.pending": ("待拍摄", "Not yet"),
    # Said as the later pages say it: the paper goes to the counter, not to the kiosk
    # later (try-out 15, C5: 稍后提交).
    "docs.skipped": ("带到窗口", "Bring to the counter"),
    "docs.capturing": (
        "正在拍照，请不要移动材料…",
        "Taking the photo, please keep the paper still...",
    ),
    "docs.current": ("当前材料：{name}", "Now: {name}"),
    "docs.all_done": ("材料已处理完毕，请点“下一步”。", "All papers handled. Tap Next."),
    "docs.err.no_page": (
        "没有找到完整的纸张，请把材料放平、放在拍摄区中间后重拍。",
        "The whole page could not be seen. Lay it flat in the middle and retake.",
    ),
    "docs.err.too_small": (
        "材料离镜头太远，字看不清。请把材料放在拍摄区中间、铺满后重拍。",
        "The paper is too far away to read. Place it in the middle, filling the area, and retake.",
    ),
    # 长辈模式 asks one thing at a time (try-out 7, E-e): is the photo clear, then is there
    # another page of the same paper.
    "docs.ask_clear": ("{name}：这张清楚吗？", "{name}: is this photo clear?"),
    "docs.use_clear": ("清楚，使用", "Clear - use it"),
    "docs.ask_more": ("{name}：还有下一页吗？", "{name}: is there another page?"),
    "docs.more_yes": ("还有，拍下一页", "Yes - photograph it"),
    "docs.more_no": ("没有了，这份拍完了", "No - this paper is complete"),
    # Under the camera's picture when the next page of the same paper is wanted (its
    # button, right under it, is not 拍照).
    "docs.prompt_page": ("请将下一页平放在拍摄区。", "Lay the next page flat under the camera."),
    "docs.use_more": ("使用并再拍一页", "Use, add a page"),
    "docs.material_done": ("这份材料拍完了", "This paper is complete"),
    "docs.add_page": ("再拍一页", "Take another page"),
    "docs.pages": ("已拍摄 {n} 页", "{n} pages photographed"),
    "docs.err.failed": (
        "这次没有拍好，请重拍，或选择稍后带到窗口。",
        "That photo did not work. Please retake it, or bring the paper to the counter.",
    ),
    # Review
    "review.title": ("核对信息", "Check and submit"),
    # The aside names only what this form shows masked (try-out 7, C-g): review.hidden.*.
    "review.prompt": (
        "请核对以下信息（{hidden}），确认无误后提交",
        "Please check these details ({hidden}), then submit",
    ),
    "review.hidden.ends": (
        "{kinds}已部分隐去，只显示首尾几位",
        "{kinds} are partly hidden: only their first and last characters show",
    ),
    "review.hidden.name": ("姓名", "names"),
    "review.hidden.id_number": ("证件号码", "ID numbers"),
    "review.hidden.phone": ("电话", "phone numbers"),
    "review.hidden.account": ("银行账号", "bank account numbers"),
    "review.hidden.birth_date": ("出生日期只显示年份", "the birth date shows only its year"),
    # The address is shown whole, for the citizen to check it (try-out 8, C2).
    "review.shown.address": (
        "地址完整显示，便于您核对",
        "the address shows in full for you to check",
    ),
    "review.hidden.and": ("和", " and "),
    "review.hidden.comma": ("、", ", "),
    "review.hidden.semicolon": ("；", "; "),
    "review.service": ("办理事项：{v}", "Service: {v}"),
    "review.applicant": ("申请人：{v}", "Applicant: {v}"),
    "review.id_number": ("证件号码：{v}", "ID number: {v}"),
    "review.form": ("填写内容", "Your answers"),
    # Over a page that goes on with a section begun on the page before (as the guide's
    # 所需材料（续）): a line is never shown without its heading (try-out 8, C6).
    "review.continued": ("{head}（续）", "{head} (continued)"),
    # Over the applicant's later lines where the service's name as a 续 heading and the
    # line would not fit one page together (English, 字号 4/4, a narrow column).
    "review.applicant_head": ("申请人", "Applicant"),
    "review.materials": ("材料", "Papers"),
    "review.material_done": ("{name}：已拍摄", "{name}: photographed"),
    "review.material_id.chip": (
        "{name}：已从证件芯片读取",
        "{name}: read from your document's chip",
    ),
    "review.material_id.e_id_qr": ("{name}：已通过电子证照核验", "{name}: checked with your e-ID"),
    "review.material_id.manual": (
        "{name}：号码为手工输入，请带原件到窗口核验",
        "{name}: the number was typed in; bring the original to the counter",
    ),
    "review.material_optional_skipped": (
        "{name}：未提交（非必需，如有请带到窗口）",
        "{name}: not given (optional; bring it if you have it)",
    ),
    "review.material_bring": ("{name}：请带到窗口", "{name}: bring to the counter"),
    # A fee, with how and where it is paid: the kiosk takes no money (try-out 8, C4).
    "review.fee_head": ("费用", "Fee"),
    "review.fee": ("{fee}。{pay}", "{fee}. {pay}"),
    "review.submit": ("确认提交", "Submit"),
    # The answers come in pages: every page is seen before 确认提交 can be tapped. Short:
    # it stands in the side column, under the page buttons, in a room of two lines
    # (#14, 2: 还有 4 页没看，看完才能提交 needed three, and at 1280x800 in 长辈模式 at 字号 4/4
    # the column is squeezed to less than two: one line there, in both languages).
    # Held, it names itself as the guide's 开始办理 does (try-out 14, E11: "2 pages to see"
    # read as a label, with no word of Submit); short, beside "Page 1 of 3": the button's
    # width is the answers' column's loss ("Submit: 2 pages left" made 6 pages of 4 at
    # 字号 4/4 on 1280x800).
    # Said in a smaller type than 确认提交's own (ui/screens/review.py, HELD_SCALE): with
    # its noun, as the guide's held Start (try-out 15, C2: "Submit: 3 to see").
    "review.pages_left.one": (
        "再看 1 页可提交",
        "Submit: 1 page left",
    ),
    "review.pages_left.many": (
        "再看 {n} 页可提交",
        "Submit: {n} pages left",
    ),
    "review.pages_seen": ("{total} 页都已看过", "All {total} pages seen"),
    # Every answer seen, in another language or at another size: not every page as split now.
    "review.answers_seen": ("所有内容都已看过", "Every answer seen"),
    # On a short panel (字号 4/4): the prompt without its aside, so the answers get the room.
    "review.prompt_short": (
        "请核对以下信息，无误后提交",
        "Please check these details, then submit",
    ),
    "review.submitting": ("正在提交，请稍候…", "Submitting, please wait..."),
    "review.not_saved": (
        "申请没有保存成功，什么都没有发送。请再试一次，或呼叫工作人员。",
        "Your application could not be saved and nothing was sent. Please try again, or call staff.",
    ),
    "review.storage_full": (
        "本机存储空间已满，暂时不能受理新的申请。您的信息没有保存，也没有发送。请到服务窗口办理，或呼叫工作人员。",
        "This kiosk's storage is full, so it cannot take new applications for now. Nothing was saved or sent. Please go to a service counter, or call staff.",
    ),
    "review.incomplete": (
        "还有信息需要补充，请返回修改。",
        "Some details are missing. Please go back and complete them.",
    ),
    "review.already": (
        "本次申请已提交，受理编号 {v}。",
        "This application has already been submitted: tracking number {v}.",
    ),
    "review.source.chip": ("（已读取证件芯片）", "(read from the document chip)"),
    "review.source.e_id_qr": ("（电子证照）", "(e-ID)"),
    "review.source.manual": ("（手工输入，需到窗口核验）", "(typed in; staff will check it)"),
    # Submitted
    "submitted.title": ("提交成功", "Submitted"),
    "submitted.title_take_card": (
        "提交成功。请取走您的身份证",
        "Submitted. Please take your ID card with you",
    ),
    # The same for a passport or a permit read by its chip (not a resident card).
    "submitted.title_take_card.document": (
        "提交成功。请取走您的证件",
        "Submitted. Please take your ID document with you",
    ),
    "submitted.title_offline": (
        "已保存在本机，联网后自动提交",
        "Saved at this kiosk; it will be submitted when the network is back",
    ),
    "submitted.title_offline_short": ("已保存，联网后自动提交", "Saved; sent when back online"),
    "submitted.title_offline_take_card": (
        "已保存在本机，联网后自动提交。请取走您的身份证",
        "Saved at this kiosk; it will be submitted when the network is back. Please take your ID card",
    ),
    "submitted.title_offline_take_card.document": (
        "已保存在本机，联网后自动提交。请取走您的证件",
        "Saved at this kiosk; it will be submitted when the network is back. Please take your ID document",
    ),
    # An offline application the sync agent delivered (or the platform refused) while
    # the citizen was still on the screen: it says so, with the same tracking number.
    "submitted.title_delivered": ("已送达受理平台", "Delivered to the platform"),
    "submitted.delivered": (
        "网络已恢复，您的申请已送达受理平台。受理编号不变（{n}），回执仍然有效。",
        "The network is back and your application has reached the platform. The tracking "
        "number stays {n}; your receipt remains valid.",
    ),
    # The same when no receipt printed (paper out): no receipt to call valid.
    "submitted.delivered.no_receipt": (
        "网络已恢复，您的申请已送达受理平台。受理编号不变（{n}）。",
        "The network is back and your application has reached the platform. The tracking "
        "number stays {n}.",
    ),
    "submitted.title_refused": ("受理平台未接收此申请", "The platform did not accept this"),
    "submitted.refused": (
        "受理平台未接收此申请（受理编号 {n}）。请呼叫工作人员，或凭回执到窗口咨询。",
        "The platform did not accept this application (tracking number {n}). Please call "
        "staff, or ask at the counter with your receipt.",
    ),
    # The same when no receipt printed (paper out): the number on the screen instead.
    "submitted.refused.no_receipt": (
        "受理平台未接收此申请（受理编号 {n}）。请呼叫工作人员，或凭本屏受理编号到窗口咨询。",
        "The platform did not accept this application (tracking number {n}). Please call "
        "staff, or ask at the counter with the tracking number on this screen.",
    ),
    "submitted.usual": (
        "办理时限：{v}，自申请送达受理平台时起计算",
        "Time limit: {v}, counted from when the application reaches the platform",
    ),
    "submitted.usual_spot": (
        "办理时限：{v}（申请送达受理平台后）",
        "Time limit: {v} (once the application reaches the platform)",
    ),
    "submitted.tracking": ("受理编号", "Tracking number"),
    "submitted.printing": ("正在打印回执，请稍候…", "Printing your receipt, please wait..."),
    "submitted.printed": (
        "回执已打印，请从出纸口取走并妥善保管。",
        "Receipt printed: please take it from the slot and keep it.",
    ),
    "apply.print.unconfirmed": (
        "打印机没有确认回执是否已打出，请先看看出纸口。",
        "The printer did not confirm the receipt. Please check the slot first.",
    ),
    "submitted.unconfirmed": (
        "您的申请已保存。如果出纸口没有回执，请用手机拍下本屏的受理编号和二维码，或呼叫工作人员。",
        "Your application is saved. If there is no receipt in the slot, photograph the "
        "tracking number and QR code on this screen, or call staff.",
    ),
    # Offline a staff call waits in this kiosk: send the citizen to the desk instead.
    "submitted.unconfirmed.offline": (
        "您的申请已保存。如果出纸口没有回执，请用手机拍下本屏的受理编号和二维码，或到服务台找工作人员。",
        "Your application is saved. If there is no receipt in the slot, photograph the "
        "tracking number and QR code on this screen, or ask at the service desk.",
    ),
    "submitted.printer_problem.offline": (
        "回执暂时无法打印。您的申请已保存，请用手机拍下本屏的受理编号和二维码，或到服务台请工作人员补打。",
        "The receipt could not be printed. Your application is saved: please photograph the "
        "tracking number and QR code on this screen, or ask at the service desk for a reprint.",
    ),
    "submitted.printer_problem": (
        "回执暂时无法打印。您的申请已保存，请用手机拍下本屏的受理编号和二维码，或呼叫工作人员补打。",
        "The receipt could not be printed. Your application is saved: please photograph the "
        "tracking number and QR code on this screen, or call staff for a reprint.",
    ),
    # The same advice in fewer words, for a short panel (1280x800) at a large text size.
    "submitted.printer_problem_short": (
        "回执未能打印：请拍下本屏受理编号和二维码，或呼叫工作人员补打。",
        "No receipt printed: photograph the tracking number and QR code, or call staff.",
    ),
    "submitted.printer_problem_short.offline": (
        "回执未能打印：请拍下本屏受理编号和二维码，或到服务台补打。",
        "No receipt printed: photograph the tracking number and QR code, or ask at the "
        "service desk.",
    ),
    "submitted.unconfirmed_short": (
        "出纸口没有回执时，请拍下本屏受理编号和二维码，或呼叫工作人员。",
        "No receipt in the slot? Photograph the tracking number and QR code, or call staff.",
    ),
    "submitted.unconfirmed_short.offline": (
        "出纸口没有回执时，请拍下本屏受理编号和二维码，或到服务台找工作人员。",
        "No receipt in the slot? Photograph the tracking number and QR code, or ask at the "
        "service desk.",
    ),
    # The sending only is the kiosk's: "送达不需要您再操作", right under 还需到窗口：…, read
    # as "nothing more to do" (try-out 15, C4).
    "submitted.offline": (
        "提交时网络不通。受理编号已生成，请留好它（回执或本屏二维码）。送达受理平台由本机在网络恢复后自动完成。",
        "The network was down when you submitted. Your tracking number is issued; keep it (the "
        "receipt or this screen's QR code). Sending it to the platform is done by this kiosk "
        "once the network is back.",
    ),
    "submitted.offline_short": (
        "受理编号已生成，请留好它（回执或本屏二维码）。送达受理平台由本机在网络恢复后自动完成。",
        "Your tracking number is issued; keep it (receipt or this QR code). This kiosk sends "
        "the application to the platform when the network is back.",
    ),
    "submitted.online": ("您的申请已提交。", "Your application has been submitted."),
    "submitted.qr_hint": (
        "扫描此二维码可随时查询办理进度",
        "Scan this QR code any time to see progress",
    ),
    "submitted.expected": ("预计办结：{v}", "Expected completion: {v}"),
    "submitted.fee": ("应缴费用：{fee}。{pay}", "Fee: {fee}. {pay}"),
    "submitted.bring": ("请携带以下材料到窗口：", "Please bring these to the counter:"),
    # The same under 还需到窗口：…, which has named the counter already (try-out, C8).
    "submitted.bring_too": ("还要带上：", "Also bring:"),
    # The compact forms for a short panel (1280x800) at a large text size.
    "submitted.bring_short": ("到窗口请带：", "Bring to the counter:"),
    # What is still to do before the service is done (try-out 14, C3: page 1 said 您无需再来
    # while page 2 said the fee is paid at the counter before the endorsement is made):
    # on the first page, in large type, from the catalog's data (a fee the kiosk cannot
    # take, papers to bring).
    "submitted.todo": ("还没办完：{what}", "Not finished yet: {what}"),
    "submitted.todo.fee": ("应缴 {fee}。{pay}", "a fee of {fee}. {pay}"),
    "submitted.todo.join": ("。", ". "),
    # The same in a few words, for a short panel (1280x800): the whole fee line and the
    # papers' names follow in the details.
    "submitted.todo_short": ("还需到窗口：{what}", "Still to do at the counter: {what}"),
    # Saved offline: the counter finds the application only once the kiosk has sent it
    # (try-out 17, C10: the citizen read 还需到窗口 first and went before it was there).
    "submitted.todo_pending": (
        "送达平台后还需到窗口：{what}",
        "Once it reaches the platform, still to do at the counter: {what}",
    ),
    "submitted.todo.fee_short": ("缴费 {fee}", "pay {fee}"),
    # How the result comes where it is not collected at a counter: posted, by the form's
    # 领取方式 (try-out 17, E6), from the catalog's words.
    "submitted.delivery": ("领取方式：{what}", "How you get it: {what}"),
    "submitted.todo.bring_short.one": ("交 1 件材料", "bring 1 paper"),
    "submitted.todo.bring_short.many": ("交 {n} 件材料", "bring {n} papers"),
    "submitted.todo.and": ("；", "; "),
    "submitted.qr_hint_short": ("扫码查进度", "Scan to see progress"),
    "submitted.rate": ("评价本次服务", "Rate this service"),
    "submitted.rated": ("已评价，谢谢 · 完成", "Rated, thank you · Finish"),
    # The same where the receipt's pager shares their row and the whole words have no room.
    "submitted.rate_short": ("评价", "Rate"),
    "submitted.rated_short": ("已评价 · 完成", "Rated · Finish"),
    "submitted.none": ("没有找到提交记录。", "No submission found."),
    "submitted.printer_back": (
        "打印机已恢复。需要纸质回执请点“重新打印回执”。",
        "The printer is working again. Tap Print my receipt for a paper copy.",
    ),
    "submitted.reprinting": (
        "打印机已恢复，正在为您打印回执…",
        "The printer is working again: printing your receipt now...",
    ),
    "submitted.reprint": ("重新打印回执", "Print my receipt"),
    # Printer messages (kiosk.printing message keys, prefixed)
    # On the review page (and 长辈模式's 确认提交 question) while the printer cannot print,
    # after apply.print.failed.<state>: what the citizen gets instead of paper.
    # In 确认提交吗？ while the network is down (try-out 17, E5): what submitting does now.
    "review.offline_note": (
        "现在网络不通：提交后先保存在本机，网络恢复后由本机自动送达。",
        "The network is down: it is saved at this kiosk and sent by it once the network is back.",
    ),
    "review.no_paper": (
        # 打印, not 补打: no receipt has come out (try-out 20, T1: 补打 is for a copy).
        "现在提交：请用手机拍下回执页上的受理编号和二维码，打印机恢复后可请工作人员打印回执。",
        "If you submit now, photograph the tracking number and QR code on the next screen; "
        "staff can print the receipt once the printer works.",
    ),
    # 确认提交吗？ with the printer out: the third answer, staff called, the review kept
    # for submitting once it prints (try-out 11, E7).
    "review.wait_paper": ("请工作人员加纸后再提交", "Ask staff to add paper first"),
    "review.wait_printer": ("请工作人员处理后再提交", "Ask staff to fix it first"),
    # The review's printer note, in its place, when the printer is back mid-review.
    # The line over 确认提交 when the printer fails with the review open, after the
    # printer's own words (打印机未连接。); 确认提交 then asks with the whole note (C5).
    "review.printer_line": (
        "提交后无法打印回执，请拍下受理编号和二维码。",
        "No receipt after you submit: photograph the tracking number and QR code.",
    ),
    "review.printer_back.short": ("打印机已恢复。", "The printer works again."),
    # Between the whole line and the printer's own words, where those would not fit: what
    # it means for the citizen, in fewer words (try-out 15, E7: 长辈模式 at 字号 4/4 on
    # 1280x800 said only 打印机缺纸。 over 确认提交). ``tiny`` is review.printer_tiny.<state>.
    "review.printer_mid": (
        "{tiny}，提交后无法打印回执，请拍下受理编号。",
        "{tiny}. No receipt: photograph the number.",
    ),
    "review.printer_mid_short": ("{tiny}，提交后无法打印回执。", "{tiny}. No receipt will print."),
    "review.printer_mid_tiny": ("{tiny}，不会打印回执。", "{tiny}. No receipt."),
    # One line of it, the printer named by its fault alone (the line stands over 确认提交);
    # in English the receipt first: "Receipt: no paper" fits where "No paper: no receipt"
    # did not.
    "review.printer_means.paper_out": ("缺纸，无回执", "Receipt: no paper"),
    "review.printer_means.cover_open": ("机盖开着，无回执", "Receipt: lid open"),
    "review.printer_means.offline": ("未连接，无回执", "Receipt: no printer"),
    "review.printer_means.error": ("故障，无回执", "Receipt: printer fault"),
    # The fewest words, for the line's kept room in 长辈模式 at 字号 4/4 on a 1280x800 panel
    # (try-out 14, E1: nothing fitted there, and nothing was said before 确认提交).
    "review.printer_tiny.paper_out": ("打印机缺纸", "Printer: no paper"),
    "review.printer_tiny.cover_open": ("打印机盖开着", "Printer: cover open"),
    "review.printer_tiny.offline": ("打印机未连接", "Printer: offline"),
    "review.printer_tiny.error": ("打印机故障", "Printer: fault"),
    "review.printer_tiny.back": ("打印机已恢复", "Printer: working"),
    "review.printer_back": (
        "打印机已恢复，提交后会打印回执。",
        "The printer is working again: your receipt will print after you submit.",
    ),
    "apply.print.ok": ("回执已打印。", "Receipt printed."),
    "apply.print.failed.paper_out": ("打印机缺纸。", "The printer is out of paper."),
    "apply.print.failed.cover_open": ("打印机盖未关好。", "The printer cover is open."),
    "apply.print.failed.offline": ("打印机未连接。", "The printer is not connected."),
    "apply.print.failed.error": ("打印机出现故障。", "The printer has a problem."),
}
