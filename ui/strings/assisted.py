"""Strings of the assisted path (长辈模式) and proxy applications (代办) in the apply journey."""

STRINGS: dict[str, tuple[str, str]] = {
    # Confirmations of irreversible steps (assisted mode)
    "confirm.submit.title": ("确认提交", "Submit now?"),
    "confirm.submit.body": (
        "提交后不能再修改。确认提交吗？",
        "Once submitted, it cannot be changed. Do you want to submit now?",
    ),
    "confirm.submit.yes": ("确认提交", "Yes, submit"),
    "confirm.submit.no": ("返回检查", "No, let me check again"),
    "confirm.leave.title": ("回执没有打印出来", "Your receipt did not print"),
    "confirm.leave.body": (
        "离开这一页后，屏幕上的二维码就看不到了。"
        "请先记下受理编号，或用手机拍下二维码。确定要离开吗？",
        "Once you leave this page, the QR code on the screen is gone. Please write down "
        "the tracking number or take a photo of the QR code first. Leave this page?",
    ),
    "confirm.leave.yes": ("我已记下，离开", "I have it, leave"),
    "confirm.leave.no": ("留在这一页", "Stay on this page"),
    # The offer of assisted mode (65 or older)
    "offer.title": ("试试长辈模式？", "Would assisted mode help?"),
    "offer.body": (
        "长辈模式字更大，有语音提示，每一页只问一件事，时间也更充裕。已填的信息会保留。",
        "Assisted mode has larger text, spoken guidance, one question per page and more "
        "time. Everything you have entered is kept.",
    ),
    "offer.yes": ("切换到长辈模式", "Switch to assisted mode"),
    "offer.no": ("不用了，谢谢", "No, thank you"),
    # One question per screen
    # Questions, not steps: the bar at the foot counts the application's steps (3/6 填写),
    # and two "step" counters at once read as a contradiction (try-out 6, item 15).
    "form.step": ("第 {n} 题，共 {total} 题", "Question {n} of {total}"),
    "form.step.prompt": (
        "每一页只回答一个问题，答好后点“下一步”。",
        "One question per page. Answer it, then tap Next.",
    ),
    "form.step.back": ("上一步", "Previous"),
    "form.step.next": ("下一步", "Next"),
    # Proxy (代办)
    "identify.proxy": ("我是为他人办理", "I am applying for someone else"),
    "identify.proxy.self": ("我是为自己办理", "I am applying for myself"),
    "identify.proxy.short": ("为他人办理", "For someone else"),
    "identify.proxy.self.short": ("为自己办理", "For myself"),
    "identify.proxy.agent_step": (
        "第一步：请证明您（代办人）自己的身份",
        "Step 1: show who you are (you are the agent)",
    ),
    "identify.proxy.applicant_step": (
        "第二步：请证明申请人（您代办的人）的身份",
        "Step 2: show who the applicant is (the person you act for)",
    ),
    "identify.proxy.agent_done": ("代办人信息已记录：{v}", "Agent recorded: {v}"),
    "identify.proxy.same_person": (
        "申请人和代办人不能是同一个人。请证明申请人的身份；为自己办理请点“我是为自己办理”。",
        "The applicant and the agent cannot be the same person. Please show the applicant's "
        "identity, or tap 'I am applying for myself'.",
    ),
    "identify.proxy.no_qr": (
        "为他人办理时，请放申请人的证件，或手工输入申请人的身份证号。",
        "When applying for someone else, please place the applicant's document "
        "or type in the applicant's ID number.",
    ),
    "whose.agent": ("代办人（您本人）的身份", "The agent's identity (yours)"),
    "whose.applicant": (
        "申请人（您代办的人）的身份",
        "The applicant's identity (the person you act for)",
    ),
    "review.agent": ("代办人：{v}", "Agent: {v}"),
    "review.agent_id": ("代办人证件号码：{v}", "Agent's ID number: {v}"),
    # Submitted
    "submitted.read_aloud": ("读给我听", "Read it to me"),
    "submitted.read_aloud_short": ("朗读", "Read aloud"),  # beside the receipt's pager
}
