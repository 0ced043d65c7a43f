"""The seeded service catalog of the reference platform (zh + en).

Real service-centre guides (办事指南) were the model: each service names its
department, the materials the citizen brings (and which of them the kiosk can
take straight from the identity document), the legal time limit (承诺时限),
fees, where to go when it cannot be finished at the kiosk, and a form whose
fields say where the kiosk may pre-fill them from.
"""

from __future__ import annotations

from typing import Any

from pypinyin import Style, lazy_pinyin

from central.console.cases import FOLLOW_UP_WORKING_DAYS
from central.keyboards import keyboard_of

JSON = dict[str, Any]


def _t(zh: str, en: str) -> JSON:
    return {"zh": zh, "en": en}


def initials(text: str) -> str:
    """Pinyin initials for search on the kiosk keyboard: 社会保障卡 → shbzk."""
    return "".join(
        p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER) if p and p[0].isalpha()
    )


def full_pinyin(text: str) -> str:
    """The whole name in pinyin without tones or spaces: 社会保障卡 → shehuibaozhangka."""
    return "".join(p for p in lazy_pinyin(text) if p.isalpha()).lower()


DEPARTMENTS: list[JSON] = [
    {"id": "gongan", "name": _t("公安局", "Public Security Bureau")},
    {
        "id": "renshe",
        "name": _t("人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    },
    {"id": "minzheng", "name": _t("民政局", "Civil Affairs Bureau")},
    {"id": "yibao", "name": _t("医疗保障局", "Healthcare Security Administration")},
    {"id": "shuiwu", "name": _t("税务局", "Tax Bureau")},
    {"id": "shichang", "name": _t("市场监督管理局", "Administration for Market Regulation")},
    {"id": "gongjijin", "name": _t("住房公积金管理中心", "Housing Provident Fund Centre")},
    {"id": "budongchan", "name": _t("不动产登记中心", "Real Estate Registration Centre")},
]

# Materials the kiosk can take from the identity document instead of a copy.
_ID_DOC = {
    "id": "id_document",
    "name": _t("本人有效身份证件", "Applicant's valid identity document"),
    "from_id_document": True,
    "required": True,
    "copies": 0,
}


# How many pages each kind of paper has (photographed one by one): the kiosk highlights
# "no more pages" once that many are taken, "another page" before, and 长辈模式 does not
# ask about another page at all once they are in (try-out 9, E7: 还有下一页吗? after a
# portrait photo). Not given where it varies (a household register, a contract).
_PAGES = {
    "photo": 1,
    "permit": 1,
    "bank_card": 1,
    "insurance_voucher": 1,
    "termination": 1,
    "residence_proof": 1,
    "disability": 1,
}


def _mat(
    mid: str, zh: str, en: str, *, required: bool = True, copies: int = 1, pages: int = 0
) -> JSON:
    d: JSON = {
        "id": mid,
        "name": _t(zh, en),
        "from_id_document": False,
        "required": required,
        "copies": copies,
    }
    if pages or mid in _PAGES:
        d["pages"] = pages or _PAGES[mid]
    return d


def _f(
    name: str,
    ftype: str,
    zh: str,
    en: str,
    *,
    required: bool = True,
    prefill: str | None = None,
    validation: JSON | None = None,
    options: list[tuple[str, str, str]] | None = None,
    keyboard: str | None = None,
    hint: tuple[str, str] | None = None,
) -> JSON:
    field: JSON = {
        "name": name,
        "type": ftype,
        "label": _t(zh, en),
        "required": required,
        "prefill": prefill,
        "validation": validation or {},
    }
    if hint is not None:  # what an answer looks like, shown where it is typed
        field["hint"] = _t(*hint)
    if options is not None:
        field["options"] = [{"value": v, "label": _t(z, e)} for v, z, e in options]
    # Every typed field names its keyboard (its type's unless told): the kiosk reads
    # it, never guesses it from the pattern.
    if (keys := keyboard or keyboard_of(field)) is not None:
        field["keyboard"] = keys
    return field


# The identity block most forms start with; prefill sources name Identity attributes.
_NAME = _f(
    "applicant_name",
    "text",
    "申请人姓名",
    "Applicant name",
    prefill="identity.full_name",
    validation={"max_length": 40},
)
_IDNO = _f(
    "id_number", "id_number", "身份证件号码", "ID number", prefill="identity.document_number"
)
_BIRTH = _f("birth_date", "date", "出生日期", "Date of birth", prefill="identity.birth_date")
_SEX = _f(
    "sex",
    "choice",
    "性别",
    "Sex",
    prefill="identity.sex",
    options=[("M", "男", "Male"), ("F", "女", "Female"), ("X", "未说明", "Unspecified")],
)
_PHONE = _f(
    "phone",
    "phone",
    "联系电话",
    "Phone number",
    validation={"pattern": r"^1[3-9]\d{9}$", "example": "13800138000"},
)
# The address on a card read by a SAM reader is offered as a starting value (editable).
_ADDR = _f(
    "address",
    "address",
    "联系地址",
    "Address",
    prefill="identity.address",
    validation={"max_length": 120},
)
# An address a card is mailed to: down to the house number (or a village's group), as
# post needs it. A bare "北京" was taken (try-out 8, E10); "就医地（省市）" needs no such
# detail, so the rule is the field's own, in the catalog.
_MAIL_ADDR = _f(
    "address",
    "address",
    "联系地址",
    "Address",
    prefill="identity.address",
    validation={
        "max_length": 120,
        "min_length": 6,
        "pattern": r"(?s).*([0-9０-９]|[号室村组栋楼弄巷]).*",
        "example": "朝阳区建国路88号",
    },
)
# Dates of events that have already happened (leaving a job, months paid): never after today.
_PAST: JSON = {"not_future": True}
# Services for holders of a 居民身份证 only: not the 港澳台居民居住证 or 永居证.
_CITIZEN_DOCUMENTS = ["resident_id", "e_id", "passport", "id_card", "travel_document"]


SUMMARIES: dict[str, tuple[str, str]] = {
    "gongan.id_card_renewal": (
        "身份证有效期满、损坏或信息变更时换领新证；本机可预约窗口办理。",
        "Renew an expired, damaged or changed resident ID card; book a counter slot here.",
    ),
    "gongan.hukou_certificate": (
        "开具户籍证明，用于入学、就业等；本机受理申请并打印回执，证明由派出所户籍窗口出具。",
        "Certificate of household registration for school, work and more; apply here and get a "
        "receipt, the certificate is issued at a police station's registration counter.",
    ),
    "gongan.hk_macau_endorsement": (
        "为有效的电子往来港澳通行证办理再次签注。",
        "Add a new endorsement to a valid electronic HK/Macau travel permit.",
    ),
    "renshe.ss_card_replace": (
        "社会保障卡遗失或损坏时申请补换，新卡可邮寄或到网点领取。",
        "Replace a lost or damaged social security card; collect it or have it posted.",
    ),
    "renshe.unemployment_registration": (
        "失业后进行登记，享受就业服务和失业保险待遇。",
        "Register as unemployed to receive employment services and benefits.",
    ),
    "renshe.contribution_certificate": (
        "申请个人社会保险参保缴费证明，由社保窗口出具。",
        "Apply for proof of your social insurance contributions, issued by the social "
        "insurance counter.",
    ),
    "minzheng.marriage_appointment": (
        "预约婚姻登记时间，双方须本人同时到婚姻登记处办理。",
        "Book a marriage registration slot; both partners attend in person.",
    ),
    "minzheng.dibao_application": (
        "家庭收入低于当地标准时申请最低生活保障。",
        "Apply for the minimum living allowance when household income is below the local line.",
    ),
    "yibao.cross_region_filing": (
        "在外地就医前备案，就医时可直接结算医保费用。",
        "File before treatment in another region so medical bills settle directly.",
    ),
    "yibao.transfer": (
        "工作或居住地变动时转移基本医疗保险关系。",
        "Move your basic medical insurance when you change city of work or residence.",
    ),
    "shuiwu.tax_record": (
        "开具个人所得税纳税记录，用于购房、落户等。",
        "Individual income tax record for home purchase, residence registration and more.",
    ),
    "shuiwu.invoice_issue": (
        "个人发生应税交易时由税务机关代开发票。",
        "The tax office issues a VAT invoice for an individual's taxable sale.",
    ),
    "shichang.individual_business": (
        "办理个体工商户营业执照。",
        "Register an individual business and obtain its licence.",
    ),
    "gongjijin.rent_withdrawal": (
        "无自有住房租房居住的，可提取住房公积金支付房租。",
        "Withdraw provident fund savings to pay rent if you own no home.",
    ),
    "gongjijin.deposit_certificate": (
        "申请住房公积金缴存证明，由公积金窗口出具。",
        "Apply for proof of provident fund deposits, issued by the provident fund counter.",
    ),
    "budongchan.property_query": (
        "查询本人名下不动产登记信息。",
        "Look up real estate registered in your name.",
    ),
}


# Each department's counter in the hall, for services that name no other (``counter=``).
DEFAULT_COUNTERS: dict[str, str] = {
    "gongan": "gongan.huzheng",
    "renshe": "renshe.chuangkou",
    "minzheng": "minzheng.zonghe",
    "yibao": "yibao.chuangkou",
    "shuiwu": "shuiwu.chuangkou",
    "shichang": "shichang.dengji",
    "gongjijin": "gongjijin.chuangkou",
    "budongchan": "budongchan.chaxun",
}


def _service(
    sid: str,
    dept: str,
    name: tuple[str, str],
    *,
    time_limit_days: int,
    time_limit_kind: str = "working_days",
    fee_cny: float = 0.0,
    fee_note: tuple[str, str] | None = None,
    where: tuple[str, str],
    kiosk: bool,
    popular: bool = False,
    materials: list[JSON],
    fields: list[JSON],
    appointment: bool = False,
    documents: list[str] | None = None,
    limit_note: tuple[str, str] | None = None,
    fee_pay: tuple[str, str] | None = None,
    fee_pay_without_receipt: tuple[str, str] | None = None,
    counter: str | None = None,
    pickup: tuple[str, str, str, str] | None = None,
    pickup_when: tuple[str, str] | None = None,
    pickup_by: tuple[str, dict[str, tuple[str, str, str, str, bool]]] | None = None,
    without_receipt: dict[str, tuple[str, str]] | None = None,
) -> JSON:
    summary = SUMMARIES.get(sid, ("", ""))
    # A fee is said with how and where it is paid (the kiosk takes no money): a citizen
    # told only "15元" in the guide left thinking the application was complete and free.
    if fee_cny > 0 and fee_pay is None:
        raise ValueError(f"{sid}: a fee needs the words on how and where it is paid")
    days_zh = "个工作日" if time_limit_kind == "working_days" else "日"
    days_en = "working day" if time_limit_kind == "working_days" else "day"
    if time_limit_days != 1:  # "1 working day", "5 working days"
        days_en += "s"
    if limit_note is not None:  # where "on the spot" would mislead
        limit_text = _t(*limit_note)
    elif time_limit_days == 0:
        limit_text = _t("即时办结", "Completed on the spot")
    else:
        limit_text = _t(f"{time_limit_days}{days_zh}", f"{time_limit_days} {days_en}")
    if fee_note is not None:
        fee_text = _t(*fee_note)
    elif fee_cny == 0:
        fee_text = _t("不收费", "Free of charge")
    else:
        fee_text = _t(f"{fee_cny:g}元", f"CNY {fee_cny:g}")
    return {
        "id": sid,
        "department_id": dept,
        "name": _t(*name),
        "summary": _t(*summary),
        "pinyin_initials": initials(name[0]),
        "pinyin": full_pinyin(name[0]),
        "popular": popular,
        "kiosk_completable": kiosk,
        "time_limit": {"days": time_limit_days, "kind": time_limit_kind, "text": limit_text},
        "fees": {
            "amount_cny": fee_cny,
            "text": fee_text,
            **({"pay": _t(*fee_pay)} if fee_pay is not None else {}),
            # The same where ``pay`` says 凭回执, for a citizen whose receipt did not print.
            **(
                {"pay_without_receipt": _t(*fee_pay_without_receipt)}
                if fee_pay_without_receipt is not None
                else {}
            ),
        },
        # The hall's counter that takes this service's counter work (a typed-in identity
        # checked, a material brought later, the fee paid): the citizen can book or
        # queue for it here (try-out 8, C14: receipts sent people to 人社/医保 windows
        # the queue screen did not offer).
        "counter": counter if counter is not None else DEFAULT_COUNTERS[dept],
        "where": _t(*where),
        "materials": materials,
        "form": {"fields": fields},
        "appointment": appointment,
        **({"documents": documents} if documents else {}),
        # The result collected at a counter, said with what is still to do there after
        # the kiosk (try-out 15, C3: 户籍证明开具's receipt page said 提交成功 and nothing
        # of the 派出所户籍窗口); ``when``: only for that form answer (领取方式 窗口领取).
        **(
            {
                "pickup": {
                    "text": _t(*pickup[:2]),
                    "short": _t(*pickup[2:]),  # a short panel's few words
                    **_without_receipt(without_receipt, ""),
                    **(
                        {"when": {"field": pickup_when[0], "value": pickup_when[1]}}
                        if pickup_when
                        else {}
                    ),
                }
            }
            if pickup
            else {}
        ),
        # Or how it comes depends on an answer (领取方式: 窗口领取 or 邮寄): for each, the
        # words said where it applies, and whether it is collected at a counter (said as
        # still to do there) or posted (try-out 17, E6: the receipt said neither).
        **(
            {
                "pickup": {
                    "by": pickup_by[0],
                    "answers": {
                        value: {
                            "text": _t(*words[:2]),
                            "short": _t(*words[2:4]),
                            "at_counter": words[4],
                            **_without_receipt(without_receipt, value),
                        }
                        for value, words in pickup_by[1].items()
                    },
                }
            }
            if pickup_by
            else {}
        ),
    }


def _without_receipt(words: dict[str, tuple[str, str]] | None, key: str) -> JSON:
    """A pickup's words for a citizen whose receipt did not print (paper out), where its
    own say 凭回执 (try-out 17, C3: the page said 凭回执领取证明 with no receipt printed);
    ``key``: the answer it is for, "" for a one-way pickup."""
    return {"without_receipt": _t(*words[key])} if words and key in words else {}


# "{centre}" is the hall's own name: each kiosk fills it in from its configuration
# (kiosk.centre_zh / centre_en), as one catalog serves every hall.
_HALL = ("{centre}一楼综合窗口", "{centre}, ground floor, general counters")

SERVICES: list[JSON] = [
    _service(
        "gongan.id_card_renewal",
        "gongan",
        ("居民身份证换领", "Resident ID card renewal"),
        documents=_CITIZEN_DOCUMENTS,
        time_limit_days=20,
        fee_cny=20,
        fee_pay=(
            "在户政窗口办理时缴纳（现金或扫码）",
            "Paid at the household registration counter when you apply (cash or QR code)",
        ),
        kiosk=False,
        popular=True,
        appointment=True,
        where=(
            "{centre}二楼公安户政窗口（需现场采集指纹、照片）",
            "{centre}, 1st floor, household registration counters "
            "(fingerprints and photo taken on site)",
        ),
        materials=[_ID_DOC, _mat("household_register", "居民户口簿", "Household register")],
        fields=[
            _NAME,
            _IDNO,
            _BIRTH,
            _SEX,
            _PHONE,
            _f(
                "reason",
                "choice",
                "换领原因",
                "Reason",
                options=[
                    ("expiry", "有效期满", "Expired"),
                    ("damaged", "证件损坏", "Damaged"),
                    ("info_change", "信息变更", "Details changed"),
                ],
            ),
            _f(
                "delivery",
                "choice",
                "领取方式",
                "Collection",
                options=[
                    ("counter", "窗口领取", "At the counter"),
                    ("post", "邮寄到家", "By post"),
                ],
            ),
        ],
    ),
    _service(
        "gongan.hukou_certificate",
        "gongan",
        ("户籍证明开具", "Household registration certificate"),
        documents=_CITIZEN_DOCUMENTS,
        time_limit_days=0,
        # This kiosk takes the application; the police station issues the certificate.
        # What the counter takes is the pickup's to say: a time limit is shown whether or
        # not a receipt printed (try-out 17, C3: 凭回执 with the paper out).
        limit_note=(
            "到派出所户籍窗口当场出具",
            "Issued on the spot at a police station's registration counter",
        ),
        kiosk=True,
        popular=True,
        where=(
            "本机提交申请，凭回执到派出所户籍窗口领取",
            "Apply at this kiosk; collect it at a police station's registration counter",
        ),
        pickup=(
            "凭回执到派出所户籍窗口领取证明",
            "collect the certificate at a police station's registration counter",
            "到派出所领取证明",
            "collect it at a police station",
        ),
        without_receipt={
            "": (
                "凭受理编号和身份证件到派出所户籍窗口领取证明",
                "collect the certificate at a police station's registration counter, "
                "showing your tracking number and ID document",
            )
        },
        materials=[_ID_DOC],
        fields=[
            _NAME,
            _IDNO,
            _f(
                "purpose",
                "choice",
                "证明用途",
                "Purpose",
                options=[
                    ("school", "入学", "School enrolment"),
                    ("employment", "就业", "Employment"),
                    ("other", "其他", "Other"),
                ],
            ),
            _f(
                "copies",
                "number",
                "份数",
                "Copies",
                validation={"min": 1, "max": 5, "integer": True},
            ),
        ],
    ),
    _service(
        "gongan.hk_macau_endorsement",
        "gongan",
        ("往来港澳通行证再次签注", "Hong Kong/Macau permit re-endorsement"),
        documents=_CITIZEN_DOCUMENTS,
        time_limit_days=7,
        fee_cny=15,
        fee_pay=(
            "本机不能缴费：请凭回执到出入境窗口缴纳，缴费后才办理签注",
            "This kiosk takes no payment: pay at the exit-entry counter with your receipt; "
            "the endorsement is made once it is paid",
        ),
        fee_pay_without_receipt=(
            "本机不能缴费：请凭受理编号和身份证件到出入境窗口缴纳，缴费后才办理签注",
            "This kiosk takes no payment: pay at the exit-entry counter, showing your "
            "tracking number and ID document; the endorsement is made once it is paid",
        ),
        counter="gongan.churujing",
        kiosk=True,
        popular=True,
        where=("出入境自助区", "Exit-entry self-service area"),
        materials=[
            _ID_DOC,
            _mat(
                "permit", "往来港澳通行证（电子）", "HK/Macau travel permit (electronic)", copies=0
            ),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "permit_number",
                "text",
                "通行证号码",
                "Permit number",
                validation={"pattern": r"^C[0-9A-Z]{8}$", "example": "C12345678", "max_length": 9},
                keyboard="alnum",
                # Nothing said what one looks like (try-out 10, C3).
                hint=(
                    "电子通行证正面的号码：C 开头，共 9 位，如 C12345678",
                    "On the front of the e-permit: C and 8 more letters or digits, e.g. C12345678",
                ),
            ),
            _f(
                "endorsement",
                "choice",
                "签注种类",
                "Endorsement type",
                options=[
                    ("hk_1", "香港一次", "Hong Kong, one trip"),
                    ("macau_1", "澳门一次", "Macau, one trip"),
                    ("hk_2", "香港二次", "Hong Kong, two trips"),
                ],
            ),
        ],
    ),
    _service(
        "renshe.ss_card_replace",
        "renshe",
        ("社会保障卡补换", "Social security card replacement"),
        time_limit_days=10,
        fee_cny=0,
        kiosk=True,
        popular=True,
        where=("人社服务专区", "Human resources and social security counters"),
        pickup_by=(
            "delivery",
            {
                # Said after 还需到窗口 / "Still to do at the counter": not "counters" again.
                "counter": (
                    "新卡制成后凭回执到人社服务专区领取",
                    "collect the new card in the social security area once it is made",
                    "领取新卡",
                    "collect the new card",
                    True,
                ),
                "post": (
                    "新卡制成后邮寄到您填写的联系地址，无需到窗口领取",
                    "the new card is posted to the address you gave once it is made; no "
                    "need to collect it",
                    "新卡邮寄到家",
                    "the new card is posted to you",
                    False,
                ),
            },
        ),
        without_receipt={
            "counter": (
                "新卡制成后凭受理编号和身份证件到人社服务专区领取",
                "collect the new card in the social security area once it is made, "
                "showing your tracking number and ID document",
            )
        },
        materials=[
            _ID_DOC,
            _mat(
                "photo",
                "近期免冠证件照",  # the guide adds "can be photographed here" itself
                "Recent ID photo",
                required=False,
            ),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _MAIL_ADDR,
            _f(
                "reason",
                "choice",
                "补换原因",
                "Reason",
                options=[("lost", "遗失", "Lost"), ("damaged", "损坏", "Damaged")],
            ),
            _f(
                "bank",
                "choice",
                "合作银行",
                "Partner bank",
                options=[
                    ("icbc", "工商银行", "ICBC"),
                    ("ccb", "建设银行", "CCB"),
                    ("boc", "中国银行", "Bank of China"),
                ],
            ),
            # The card is collected or posted (the summary says both): asked, so the
            # receipt says the one that applies (try-out 17, E6).
            _f(
                "delivery",
                "choice",
                "领取方式",
                "Collection",
                options=[
                    ("counter", "窗口领取", "At the counter"),
                    ("post", "邮寄到家", "By post"),
                ],
            ),
        ],
    ),
    _service(
        "renshe.unemployment_registration",
        "renshe",
        ("失业登记", "Unemployment registration"),
        time_limit_days=5,
        kiosk=True,
        where=("街道（乡镇）公共就业服务机构", "Sub-district public employment service office"),
        materials=[
            _ID_DOC,
            _mat(
                "termination",
                "解除或终止劳动合同证明",
                "Proof of termination of the labour contract",
            ),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _ADDR,
            _f(
                "last_employer",
                "text",
                "原工作单位",
                "Last employer",
                validation={"max_length": 80},
            ),
            _f("leave_date", "date", "离职日期", "Date of leaving", validation=_PAST),
            _f(
                "seeking_training",
                "choice",
                "是否需要职业培训",
                "Wants vocational training",
                options=[("yes", "是", "Yes"), ("no", "否", "No")],
            ),
        ],
    ),
    _service(
        "renshe.contribution_certificate",
        "renshe",
        ("个人参保证明打印", "Social insurance contribution certificate"),
        time_limit_days=0,
        kiosk=True,
        popular=True,
        where=("本机提交申请，凭回执到窗口领取", "Apply at this kiosk; collect it at the counter"),
        # Said after 还需到窗口 / "Still to do at the counter": the counter is not said
        # again (try-out, C8: "...at the counter: collect the certificate at the counter").
        pickup=(
            "凭回执领取证明",
            "collect the certificate, showing your receipt",
            "领取证明",
            "collect the certificate",
        ),
        without_receipt={
            "": (
                "凭受理编号和身份证件领取证明",
                "collect the certificate, showing your tracking number and ID document",
            )
        },
        materials=[_ID_DOC],
        fields=[
            _NAME,
            _IDNO,
            _f("from_month", "month", "起始月份", "From month", validation=_PAST),
            # A range that runs backwards (from 202501 to 202412) is refused, saying why.
            _f(
                "to_month",
                "month",
                "截止月份",
                "To month",
                validation={**_PAST, "not_before": "from_month"},
            ),
        ],
    ),
    _service(
        "minzheng.marriage_appointment",
        "minzheng",
        ("结婚登记预约", "Marriage registration appointment"),
        time_limit_days=0,
        kiosk=False,
        appointment=True,
        fee_note=("不收费（结婚证工本费已取消）", "Free (the certificate fee was abolished)"),
        where=("婚姻登记处（双方本人同时到场）", "Marriage registry (both parties in person)"),
        counter="minzheng.hunyin",
        materials=[
            _ID_DOC,
            _mat("household_register", "双方居民户口簿", "Both household registers"),
            _mat(
                "photo",
                "双方近期半身免冠合影照片2张",
                "Two recent joint photos",
                copies=2,
                pages=2,
            ),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "partner_name",
                "text",
                "另一方姓名",
                "Partner's name",
                validation={"max_length": 40},
            ),
            _f("partner_id_number", "id_number", "另一方身份证件号码", "Partner's ID number"),
        ],
    ),
    _service(
        "minzheng.dibao_application",
        "minzheng",
        ("最低生活保障申请", "Minimum living allowance (dibao)"),
        time_limit_days=30,
        kiosk=True,
        where=("户籍所在地乡镇人民政府（街道办事处）", "Township government / sub-district office"),
        materials=[
            _ID_DOC,
            _mat("household_register", "居民户口簿", "Household register"),
            _mat(
                "income_proof", "家庭收入、财产状况说明", "Statement of household income and assets"
            ),
            _mat("disability", "残疾证（如有）", "Disability certificate (if any)", required=False),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _ADDR,
            _f(
                "household_size",
                "number",
                "家庭人口数",
                "Household members",
                validation={"min": 1, "max": 20, "integer": True},
            ),
            _f(
                "monthly_income",
                "number",
                "家庭月总收入（元）",
                "Monthly household income (CNY)",
                validation={"min": 0, "max": 1000000},
            ),
            _f("reason", "text", "申请理由", "Reason", validation={"max_length": 500}),
        ],
    ),
    _service(
        "yibao.cross_region_filing",
        "yibao",
        ("异地就医备案", "Cross-region medical treatment filing"),
        time_limit_days=0,
        kiosk=True,
        popular=True,
        where=("医保服务窗口或本机", "Healthcare security counters or this kiosk"),
        materials=[
            _ID_DOC,
            _mat(
                "residence_proof",
                "异地居住证明或个人承诺书",
                "Proof of residence elsewhere or a personal undertaking",
                required=False,
            ),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "category",
                "choice",
                "备案类型",
                "Filing type",
                options=[
                    ("resident", "异地长期居住", "Long-term residence elsewhere"),
                    ("work", "异地工作", "Working elsewhere"),
                    ("referral", "转诊就医", "Referral"),
                    ("temporary", "临时外出就医", "Temporary trip"),
                ],
            ),
            _f("destination", "address", "就医地（省市）", "Destination (province, city)"),
            _f("start_date", "date", "开始日期", "Start date"),
        ],
    ),
    _service(
        "yibao.transfer",
        "yibao",
        ("基本医疗保险关系转移接续", "Medical insurance transfer"),
        time_limit_days=15,
        kiosk=True,
        where=("医保服务窗口", "Healthcare security counters"),
        materials=[
            _ID_DOC,
            _mat("insurance_voucher", "参保凭证", "Insurance voucher from the old region"),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f("from_region", "address", "转出地", "Transferring from"),
            _f("to_region", "address", "转入地", "Transferring to"),
        ],
    ),
    _service(
        "shuiwu.tax_record",
        "shuiwu",
        ("个人所得税纳税记录开具", "Individual income tax record"),
        time_limit_days=0,
        kiosk=True,
        popular=True,
        where=("税务自助办税区或本机", "Tax self-service area or this kiosk"),
        materials=[_ID_DOC],
        fields=[
            _NAME,
            _IDNO,
            _f(
                "year",
                "number",
                "所属年度",
                "Tax year",
                validation={"min": 2019, "max": 2100, "integer": True},
            ),
        ],
    ),
    _service(
        "shuiwu.invoice_issue",
        "shuiwu",
        ("代开增值税普通发票", "VAT invoice issued on behalf"),
        time_limit_days=0,
        kiosk=False,
        fee_note=("按应纳税额缴纳税款", "Tax due on the invoiced amount"),
        where=("税务窗口", "Tax counters"),
        materials=[
            _ID_DOC,
            _mat("contract", "合同或交易凭证", "Contract or proof of the transaction"),
        ],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "amount",
                "number",
                "开票金额（元）",
                "Invoice amount (CNY)",
                validation={"min": 0.01, "max": 100000},
            ),
        ],
    ),
    _service(
        "shichang.individual_business",
        "shichang",
        ("个体工商户设立登记", "Individual business registration"),
        time_limit_days=1,
        kiosk=True,
        where=("市场监管登记窗口", "Market regulation registration counters"),
        materials=[_ID_DOC, _mat("premises", "经营场所使用证明", "Proof of use of the premises")],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "business_name",
                "text",
                "个体户名称",
                "Business name",
                validation={"max_length": 50},
            ),
            _f(
                "business_scope",
                "text",
                "经营范围",
                "Business scope",
                validation={"max_length": 200},
            ),
            _f("premises", "address", "经营场所", "Premises address"),
            _f(
                "capital",
                "number",
                "资金数额（万元）",
                "Capital (CNY 10,000)",
                validation={"min": 0, "max": 10000},
            ),
        ],
    ),
    _service(
        "gongjijin.rent_withdrawal",
        "gongjijin",
        ("住房公积金提取（租房）", "Provident fund withdrawal for rent"),
        time_limit_days=3,
        kiosk=True,
        popular=True,
        where=("公积金服务窗口", "Provident fund counters"),
        materials=[_ID_DOC, _mat("bank_card", "本人银行卡", "Own bank card", copies=0)],
        fields=[
            _NAME,
            _IDNO,
            _PHONE,
            _f(
                "bank_account",
                "text",
                "收款银行账号",
                "Bank account number",
                validation={
                    "pattern": r"^\d{12,19}$",
                    "example": "6222020200112233445",
                    "max_length": 19,
                },
                keyboard="digits",
            ),
            _f(
                "amount",
                "number",
                "提取金额（元）",
                "Amount (CNY)",
                validation={"min": 1, "max": 18000},
            ),
        ],
    ),
    _service(
        "gongjijin.deposit_certificate",
        "gongjijin",
        ("住房公积金缴存证明", "Provident fund deposit certificate"),
        time_limit_days=0,
        kiosk=True,
        where=("本机提交申请，凭回执到窗口领取", "Apply at this kiosk; collect it at the counter"),
        # Said after 还需到窗口 / "Still to do at the counter": the counter is not said
        # again (try-out, C8: "...at the counter: collect the certificate at the counter").
        pickup=(
            "凭回执领取证明",
            "collect the certificate, showing your receipt",
            "领取证明",
            "collect the certificate",
        ),
        without_receipt={
            "": (
                "凭受理编号和身份证件领取证明",
                "collect the certificate, showing your tracking number and ID document",
            )
        },
        materials=[_ID_DOC],
        fields=[_NAME, _IDNO],
    ),
    _service(
        "budongchan.property_query",
        "budongchan",
        ("不动产登记信息查询", "Real estate registration record"),
        time_limit_days=0,
        kiosk=True,
        where=("不动产登记查询窗口或本机", "Real estate query counter or this kiosk"),
        materials=[_ID_DOC],
        fields=[
            _NAME,
            _IDNO,
            _f(
                "purpose",
                "choice",
                "查询用途",
                "Purpose",
                options=[
                    ("school", "子女入学", "School enrolment"),
                    ("loan", "贷款", "Loan"),
                    ("other", "其他", "Other"),
                ],
            ),
        ],
    ),
]

# Departments that take appointments at counters, with their opening hours.
APPOINTMENT_DEPARTMENTS: list[JSON] = [
    {
        "id": "gongan.huzheng",
        "department_id": "gongan",
        "name": _t("户政窗口", "Household registration counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 4},
        "weekdays": [0, 1, 2, 3, 4, 5],
    },
    {
        "id": "minzheng.hunyin",
        "department_id": "minzheng",
        "name": _t("婚姻登记处", "Marriage registry"),
        "hours": {"start": "09:00", "end": "16:30", "slot_minutes": 30, "capacity": 6},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "shuiwu.chuangkou",
        "department_id": "shuiwu",
        "name": _t("办税窗口", "Tax counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 20, "capacity": 3},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "gongjijin.chuangkou",
        "department_id": "gongjijin",
        "name": _t("公积金窗口", "Provident fund counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 3},
        "weekdays": [0, 1, 2, 3, 4],
    },
    # Appended, not inserted: ticket letters follow this order (A 户政 … D 公积金 stay).
    {
        "id": "renshe.chuangkou",
        "department_id": "renshe",
        "name": _t("人社服务窗口", "Social security counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 4},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "yibao.chuangkou",
        "department_id": "yibao",
        "name": _t("医保服务窗口", "Healthcare security counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 3},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "gongan.churujing",
        "department_id": "gongan",
        "name": _t("出入境窗口", "Exit-entry counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 20, "capacity": 3},
        "weekdays": [0, 1, 2, 3, 4, 5],
    },
    {
        "id": "minzheng.zonghe",
        "department_id": "minzheng",
        "name": _t("民政综合窗口", "Civil affairs counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 2},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "shichang.dengji",
        "department_id": "shichang",
        "name": _t("市场监管登记窗口", "Market regulation counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 2},
        "weekdays": [0, 1, 2, 3, 4],
    },
    {
        "id": "budongchan.chaxun",
        "department_id": "budongchan",
        "name": _t("不动产登记窗口", "Real estate registration counters"),
        "hours": {"start": "09:00", "end": "17:00", "slot_minutes": 30, "capacity": 2},
        "weekdays": [0, 1, 2, 3, 4],
    },
]


def catalog_document(version: str = "2026.11") -> JSON:
    """The whole catalog as served at ``GET /v1/catalog``."""
    return {
        "schema": "kiosk-catalog/1",
        "version": version,
        "departments": DEPARTMENTS,
        "services": SERVICES,
        "appointment_departments": APPOINTMENT_DEPARTMENTS,
        # The kiosk tells citizens these terms: the platform's own rules, one source.
        "policies": {"complaint_follow_up_working_days": FOLLOW_UP_WORKING_DAYS},
    }
