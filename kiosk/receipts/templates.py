"""Templates: domain data in, receipt :class:`~drivers.printer.document.Document` out.

Each takes its data class and ``lang`` ('zh' or 'en'). Documents do not depend
on paper width; the printer's profile lays them out.
"""

from __future__ import annotations

from drivers.printer.document import (
    Align,
    Barcode,
    Block,
    Cut,
    Document,
    Feed,
    KeyValue,
    QrCode,
    QrErrorLevel,
    Rule,
    Separator,
    Size,
    Text,
    Title,
)
from kiosk.identity import mask_name, mask_number
from kiosk.tracking import shown_tracking_number

from .data import (
    AppointmentSlipData,
    ComplaintSlipData,
    DailySummaryData,
    PrinterTestPageData,
    QueueTicketData,
    RatingThanksData,
    StatusSlipData,
    SubmissionReceiptData,
)
from .strings import fmt_date, fmt_datetime, fmt_yuan, t


def _footer(kiosk_id: str, lang: str) -> list[Block]:
    return [Separator(), Text(f"{t('receipt.kiosk', lang)}: {kiosk_id}", align=Align.CENTER)]


def _tracking(number: str, lang: str, *, bold: bool = False) -> KeyValue:
    """受理编号 as the citizen reads it: the check character apart (try-out 7, C-f)."""
    return KeyValue(t("receipt.tracking", lang), shown_tracking_number(number), bold=bold)


def submission_receipt(data: SubmissionReceiptData, lang: str) -> Document:
    """回执: what was submitted, the tracking number, what is still missing, and the QR."""
    b: list[Block] = [Title(t("receipt.title", lang)), Separator(Rule.DOUBLE)]
    if data.pending_delivery:
        # Saved offline: first that it has not reached the platform yet, then the visit
        # owed, said as after delivery; led by 还需到窗口：…, a citizen went to the counter
        # before the kiosk had sent it (try-out 17, C10). The sentence's words are as
        # before: as_of_now finds stored receipts' by them.
        b += [Text(t("receipt.pending", lang), bold=True), Separator()]
    todo = [t("receipt.todo.fee", lang, fee=fmt_yuan(data.fee_fen))] if data.fee_fen else []
    todo += [data.pickup] if data.pickup else []
    if todo:
        # A fee the kiosk cannot take and a result collected at a counter head the paper
        # as the papers to bring do: the visit still owed (try-out 15, C3/C4).
        heading = "receipt.todo.pending" if data.pending_delivery else "receipt.todo"
        b.append(Text(t(heading, lang), bold=True, size=Size.TALL))
        b.extend(
            Text(f"{i}. {x[:1].upper()}{x[1:]}", bold=True, size=Size.TALL)
            for i, x in enumerate(todo, 1)
        )
        b.append(Separator())
    if data.delivery:
        # Posted, by the form's answer (领取方式 邮寄): how the result comes, on top as a
        # counter pickup would be, never under 还需到窗口 (try-out 17, E6).
        b.append(Text(t("receipt.delivery", lang), bold=True, size=Size.TALL))
        b.append(Text(f"{data.delivery[:1].upper()}{data.delivery[1:]}", bold=True))
        b.append(Separator())
    if data.materials_to_bring:
        # What the citizen must still bring to a counter comes first, in tall bold type:
        # it is the one thing on the paper to act on (try-out 8, C10).
        b.append(Text(t("receipt.materials", lang), bold=True, size=Size.TALL))
        b.extend(
            Text(f"{i}. {m}", bold=True, size=Size.TALL)
            for i, m in enumerate(data.materials_to_bring, start=1)
        )
        b.append(Separator())
    b += [
        KeyValue(t("receipt.service", lang), data.service_name),
        _tracking(data.tracking_number, lang, bold=True),
        KeyValue(t("receipt.applicant", lang), mask_name(data.applicant_name)),
        KeyValue(t("receipt.id_number", lang), mask_number(data.id_number)),
    ]
    if data.identity_source:
        # How the identity was established: a typed number is not "from your ID".
        b.append(
            KeyValue(
                t("receipt.id_source", lang), t(f"receipt.source.{data.identity_source}", lang)
            )
        )
    if data.agent_id_number:
        # The counter must see who acted for the applicant; masked like the applicant.
        agent = f"{mask_name(data.agent_name)} {mask_number(data.agent_id_number)}".strip()
        b.append(KeyValue(t("receipt.agent", lang), agent))
    b.append(KeyValue(t("receipt.submitted_at", lang), fmt_datetime(data.submitted_at, lang)))
    if data.fee_fen is not None:
        b.append(KeyValue(t("receipt.fee", lang), fmt_yuan(data.fee_fen)))
        if data.fee_pay:
            b.append(Text(data.fee_pay))
    if data.expected_completion is not None:
        b.append(KeyValue(t("receipt.expected", lang), fmt_date(data.expected_completion, lang)))
    b.append(Separator())
    if not data.materials_to_bring and not data.optional_not_given:
        b.append(Text(t("receipt.no_materials", lang)))
    if data.optional_not_given:
        b.append(Text(t("receipt.optional_skipped", lang), bold=True))
        b.extend(Text(f"- {m}") for m in data.optional_not_given)
    b += [
        Feed(1),
        QrCode(data.qr_payload, QrErrorLevel.M),
        Text(shown_tracking_number(data.tracking_number), align=Align.CENTER, bold=True),
        Text(t("receipt.scan_hint", lang), align=Align.CENTER),
        Text(t("receipt.keep", lang), align=Align.CENTER),
    ]
    location = f" {data.kiosk_location}" if data.kiosk_location else ""
    b += [
        Separator(),
        Text(f"{t('receipt.kiosk', lang)}: {data.kiosk_id}{location}", align=Align.CENTER),
        Cut(),
    ]
    return Document(tuple(b))


def queue_ticket(data: QueueTicketData, lang: str) -> Document:
    """A queue / appointment ticket: the number as large as the paper allows."""
    b: list[Block] = [
        Title(t("ticket.title", lang)),
        Separator(Rule.DOUBLE),
        Text(data.number, align=Align.CENTER, bold=True, size=Size.HUGE),
        Feed(1),
        KeyValue(t("ticket.service", lang), data.service_name),
    ]
    if data.waiting_ahead is not None:
        b.append(KeyValue(t("ticket.ahead", lang), t("ticket.people", lang, n=data.waiting_ahead)))
    elif data.ahead_unknown:
        b.append(KeyValue(t("ticket.ahead", lang), t("ticket.ahead_unknown", lang)))
    if data.expected_wait_min is not None:
        b.append(
            KeyValue(t("ticket.wait", lang), t("ticket.minutes", lang, n=data.expected_wait_min))
        )
    if data.counter:
        b.append(KeyValue(t("ticket.window", lang), data.counter, bold=True))
    if data.appointment_slot:
        b.append(KeyValue(t("ticket.appointment", lang), data.appointment_slot))
    b.append(KeyValue(t("ticket.issued", lang), fmt_datetime(data.issued_at, lang)))
    if data.closes_at:
        b.append(Text(t("ticket.closes_soon", lang, t=data.closes_at)))
    b += [Separator(), Text(t("ticket.hint", lang), align=Align.CENTER)]
    if data.qr_payload:
        b += [Feed(1), QrCode(data.qr_payload)]
    b += [*_footer(data.kiosk_id, lang), Cut()]
    return Document(tuple(b))


def appointment_slip(data: AppointmentSlipData, lang: str) -> Document:
    """A booking slip: titled as a booking, the time as a time, the booking number in bold,
    and whether the platform has confirmed it yet."""
    b: list[Block] = [
        Title(t("appt.title", lang)),
        Separator(Rule.DOUBLE),
        Text(data.time, align=Align.CENTER, bold=True, size=Size.DOUBLE),
        Text(data.day, align=Align.CENTER, bold=True),
        Feed(1),
        KeyValue(t("appt.number", lang), shown_tracking_number(data.booking_number), bold=True),
    ]
    if data.applicant_name:
        b.append(KeyValue(t("receipt.applicant", lang), mask_name(data.applicant_name)))
    b += [
        KeyValue(t("appt.service", lang), data.service_name),
        KeyValue(t("appt.day", lang), data.day),
        KeyValue(t("appt.time", lang), data.time),
        KeyValue(t("appt.booked", lang), fmt_datetime(data.booked_at, lang)),
        Separator(),
        Text(t("appt.provisional" if data.provisional else "appt.confirmed", lang), bold=True),
    ]
    if data.replaces_provisional and not data.provisional:
        b.append(Text(t("appt.replaces", lang), bold=True))
    b.append(Text(t("appt.hint", lang)))
    if data.qr_payload:
        b += [
            Feed(1),
            QrCode(data.qr_payload),
            Text(shown_tracking_number(data.booking_number), align=Align.CENTER),
        ]
    b += [*_footer(data.kiosk_id, lang), Cut()]
    return Document(tuple(b))


def status_slip(data: StatusSlipData, lang: str) -> Document:
    """Where an application stands, with its steps."""
    b: list[Block] = [
        Title(t("status.title", lang)),
        Separator(Rule.DOUBLE),
        _tracking(data.tracking_number, lang, bold=True),
        KeyValue(t("receipt.service", lang), data.service_name),
        KeyValue(t("status.current", lang), data.status_text, bold=True),
        KeyValue(t("status.updated", lang), fmt_datetime(data.updated_at, lang)),
    ]
    if data.steps:
        b += [Separator(), Text(t("status.steps", lang), bold=True)]
        for step in data.steps:
            mark = "[x]" if step.done else "[ ]"
            when = f"  {fmt_datetime(step.at, lang)}" if step.at else ""
            b.append(Text(f"{mark} {step.label}{when}"))
    if data.note:
        b += [Separator(), Text(f"{t('status.note', lang)}: {data.note}")]
    if data.qr_payload:
        b += [Feed(1), QrCode(data.qr_payload)]
    b += [
        Separator(),
        KeyValue(t("status.printed", lang), fmt_datetime(data.printed_at, lang)),
        Text(f"{t('receipt.kiosk', lang)}: {data.kiosk_id}", align=Align.CENTER),
        Cut(),
    ]
    return Document(tuple(b))


def rating_thanks(data: RatingThanksData, lang: str) -> Document:
    """Thank-you slip after a rating."""
    stars = max(0, min(5, data.stars))
    b: list[Block] = [
        Title(t("thanks.title", lang)),
        Separator(Rule.DOUBLE),
        Text(t("thanks.body", lang), align=Align.CENTER),
        Feed(1),
        Text("★" * stars + "☆" * (5 - stars), align=Align.CENTER, size=Size.DOUBLE),
        KeyValue(t("thanks.rating", lang), f"{stars}/5"),
    ]
    if data.tracking_number:
        b.append(_tracking(data.tracking_number, lang))
    if data.comment_received:
        b.append(Text(t("thanks.comment", lang)))
    b += [
        KeyValue(t("common.printed", lang), fmt_datetime(data.printed_at, lang)),
        *_footer(data.kiosk_id, lang),
        Cut(),
    ]
    return Document(tuple(b))


def complaint_slip(data: ComplaintSlipData, lang: str) -> Document:
    """A complaint's slip: the number to give staff, the term, the reply number (masked),
    and where it stood when printed (saved here, or with the platform)."""
    number = shown_tracking_number(data.reference)
    b: list[Block] = [
        Title(t("complaint.title", lang)),
        Separator(Rule.DOUBLE),
        KeyValue(t("complaint.number", lang), number, bold=True),
        Text(t("complaint.use", lang)),
    ]
    # 回访 promised only with a number to call back on.
    reply = "" if data.reply_phone_masked else ".no_reply"
    if data.follow_up_days is None:
        b.append(Text(t("complaint.term_unknown" + reply, lang)))
    else:
        b.append(Text(t("complaint.term" + reply, lang).format(d=data.follow_up_days)))
    if data.reply_phone_masked:
        b.append(KeyValue(t("complaint.phone", lang), data.reply_phone_masked))
    # True when printed, said as of then: a slip printed offline must not claim delivery.
    b.append(Text(t("complaint.delivered" if data.delivered else "complaint.saved", lang)))
    b += [
        KeyValue(t("common.printed", lang), fmt_datetime(data.printed_at, lang)),
        *_footer(data.kiosk_id, lang),
        Cut(),
    ]
    return Document(tuple(b))


_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


def printer_test_page(data: PrinterTestPageData, lang: str) -> Document:
    """Technician's test page: character sets, sizes, styles, barcode, QR, cut."""
    b: list[Block] = [
        Title(t("test.title", lang)),
        Separator(Rule.DOUBLE),
        KeyValue(t("receipt.kiosk", lang), data.kiosk_id),
        KeyValue(t("test.profile", lang), data.paper),
        KeyValue(t("test.version", lang), data.software_version),
        KeyValue(t("common.printed", lang), fmt_datetime(data.printed_at, lang)),
        Separator(),
        Text(t("test.ascii", lang), bold=True),
    ]
    b += [Text(_ASCII[i : i + 16]) for i in range(0, len(_ASCII), 16)]
    b += [
        Text(t("test.cjk", lang), bold=True),
        Text("政务服务自助终端 一二三四五六七八九十"),
        Text("，。、：；！？（）【】《》“”‘’…—"),
        Text("金额 ¥1,234.50 ￥88.00 元"),
        Text("ＡＢＣ１２３ αβγ АБВ"),
        Separator(),
        Text(t("test.sizes", lang), bold=True),
        Text("1x1 普通", size=Size.NORMAL),
        Text("1x2 高", size=Size.TALL),
        Text("2x1 宽", size=Size.WIDE),
        Text("2x2 大", size=Size.DOUBLE),
        Separator(),
        Text(t("test.styles", lang), bold=True),
        Text(t("test.bold", lang) + " Bold", bold=True),
        Text(t("test.underline", lang) + " Underline", underline=True),
        Text(t("test.left", lang), align=Align.LEFT),
        Text(t("test.center", lang), align=Align.CENTER),
        Text(t("test.right", lang), align=Align.RIGHT),
        Separator(),
        Text(t("test.barcode", lang), bold=True),
        Barcode(data.barcode),
        Text(t("test.qr", lang), bold=True),
        QrCode(data.qr_payload),
        Separator(Rule.STARS),
        Text(t("test.end", lang), align=Align.CENTER),
        Cut(),
    ]
    return Document(tuple(b))


def daily_summary(data: DailySummaryData, lang: str) -> Document:
    """End-of-day counts for staff; carries no personal data."""
    none = t("common.none", lang)
    avg = f"{data.rating_average:.1f}" if data.rating_average is not None else none
    b: list[Block] = [
        Title(t("summary.title", lang)),
        Text(t("summary.staff_only", lang), align=Align.CENTER),
        Separator(Rule.DOUBLE),
        KeyValue(t("summary.day", lang), fmt_date(data.day, lang)),
        KeyValue(t("receipt.kiosk", lang), data.kiosk_id),
        Separator(),
        KeyValue(t("summary.submissions", lang), str(data.submissions), bold=True),
    ]
    if data.by_service:
        b.append(Text(t("summary.by_service", lang)))
        b.extend(KeyValue(f"  {name}", str(count)) for name, count in data.by_service)
    b += [
        KeyValue(t("summary.tickets", lang), str(data.queue_tickets)),
        KeyValue(t("summary.ratings", lang), str(data.ratings)),
        KeyValue(t("summary.rating_avg", lang), avg),
        Separator(),
        KeyValue(t("summary.print_failed", lang), str(data.print_failures)),
        KeyValue(t("summary.outbox_pending", lang), str(data.outbox_pending)),
        KeyValue(t("summary.outbox_failed", lang), str(data.outbox_failed)),
        Separator(),
        KeyValue(t("common.printed", lang), fmt_datetime(data.printed_at, lang)),
        Cut(),
    ]
    return Document(tuple(b))
