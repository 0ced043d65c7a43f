"""Strings of the receipt reprint screen."""

STRINGS: dict[str, tuple[str, str]] = {
    # A copy: a paper of it may be out already (PrintResult.copy's rule).
    "reprint.title": ("补打回执", "Reprint my receipt"),
    # None came out (缺纸 each time): its first paper, no 补打 (try-out 20, T1 follow-up).
    "reprint.title_first": ("打印回执", "Print my receipt"),
    # 打印, true of a copy and of a first paper alike (try-out 20, T1: it said 补打 of a
    # receipt that never came out).
    "reprint.prompt": (
        "请输入办理时使用的证件号码，核对后为您打印。",
        "Enter the ID number used for the application; we check it, then print.",
    ),
    "reprint.prompt_rest": (
        "证件号码后 4 位 {d} 已核对，请输入前面的部分。",
        "Last 4 ({d}) checked: enter the rest of the ID number.",
    ),
    "reprint.need_rest": (
        "请先输入证件号码前面的部分（后 4 位已核对）。",
        "Please enter the rest of the ID number first (the last 4 are checked).",
    ),
    "reprint.number": ("受理编号：{n}", "Tracking number: {n}"),
    "reprint.print": ("补打回执", "Print the receipt"),
    "reprint.print_first": ("打印回执", "Print the receipt"),
    "reprint.need_number": ("请先输入完整的证件号码。", "Please enter the whole ID number first."),
    "reprint.mismatch": (
        "证件号码与该回执不符，请核对后再试。",
        "That ID number does not match this receipt. Please check it and try again.",
    ),
    "reprint.locked": (
        "多次核对未通过，请到服务台由工作人员为您打印。",
        "It did not match several times. Please ask at the front desk; staff can print it.",
    ),
    # A copy (a paper of it may exist already): the slip is headed 补打 / REPRINT too.
    "reprint.done": (
        "回执已补打，请在出纸口取走。",
        "A copy of your receipt is printed. Please take it from the slot.",
    ),
    # The receipt's first paper (its earlier tries all failed): no copy, so not 补打.
    "reprint.done_first": (
        "回执已打印，请从出纸口取走。",
        "Your receipt is printed. Please take it from the slot.",
    ),
    "reprint.not_found": (
        "本机没有这张回执的记录，请到服务台咨询。",
        "This kiosk has no record of that receipt. Please ask at the front desk.",
    ),
    "reprint.unconfirmed": (
        "打印机没有确认是否已打出，请先看看出纸口；如果没有，请呼叫工作人员。",
        "The printer did not confirm it printed. Please check the slot; if nothing is there, call staff.",
    ),
    "reprint.printer_problem": (
        "打印机暂时无法打印，请呼叫工作人员或稍后再试。",
        "The printer cannot print right now. Please call staff or try again later.",
    ),
    "result.reprint": ("补打回执", "Reprint receipt"),
    # Its receipt never came out here: 打印, as the reprint page's title (try-out 20, T1).
    "result.print_receipt": ("打印回执", "Print receipt"),
}
