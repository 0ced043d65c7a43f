"""The catalog editor's rules: a service as form fields and back, validation with the
platform's own catalog model (``central.models``, the schema ``GET /v1/catalog`` serves
and the kiosk parses), the readable difference between two catalogs, the next version
number and the version each service last changed in.

Form fields are named by their place in the service document ("time_limit.days",
"materials.2.name.zh"), so a validation error's location names the field it belongs to.
Pure functions: the pages' rules are tested here and through the pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import ValidationError

from central.catalog_seed import full_pinyin, initials
from central.keyboards import Problem, keyboard_problem
from central.models import Catalog, FieldType, Service

BLANK_ROWS = 2  # empty material / form-field rows under the filled ones
MORE_ROWS = 3  # rows the "add more" button adds (a postback, no script)
SERVICE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
FIELD_TYPES: tuple[str, ...] = get_args(FieldType)
TEXTS = ("name", "summary", "where")
# A form field's checks the kiosk applies (kiosk/catalog.py _field), each with its box.
CHECK_VALUES = ("max_length", "min_length", "min", "max", "pattern", "example")
CHECK_FLAGS = ("integer", "not_future")
_TRUE = "true"
# Pydantic error types worded for people (strings.json keys); others: the library's words.
_ERROR_WORDS = {
    "int_parsing": "catalog.err.int",
    "int_type": "catalog.err.int",
    "int_from_float": "catalog.err.int",
    "float_parsing": "catalog.err.number",
    "float_type": "catalog.err.number",
    "literal_error": "catalog.err.choice",
    "missing": "catalog.err.required",
}

Tr = Callable[[str], str]


def _bool(v: Any) -> str:
    return _TRUE if v else "false"


def _number(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def form_values(service: Mapping[str, Any]) -> dict[str, str]:
    """A service document as the edit form's field values (name → text)."""
    v: dict[str, str] = {
        "id": str(service.get("id", "")),
        "department_id": str(service.get("department_id", "")),
        "pinyin_initials": str(service.get("pinyin_initials", "")),
        "pinyin": str(service.get("pinyin", "")),
        "popular": _bool(service.get("popular")),
        "kiosk_completable": _bool(service.get("kiosk_completable", True)),
        "appointment": _bool(service.get("appointment")),
        "documents": ", ".join(str(x) for x in service.get("documents") or []),
        "counter": str(service.get("counter") or ""),
    }
    for key in TEXTS:
        for lang in ("zh", "en"):
            v[f"{key}.{lang}"] = str((service.get(key) or {}).get(lang, ""))
    limit, fees = service.get("time_limit") or {}, service.get("fees") or {}
    v["time_limit.days"] = _number(limit.get("days", 0))
    v["time_limit.kind"] = str(limit.get("kind", "working_days"))
    v["fees.amount_cny"] = _number(fees.get("amount_cny", 0))
    for lang in ("zh", "en"):
        v[f"time_limit.text.{lang}"] = str((limit.get("text") or {}).get(lang, ""))
        v[f"fees.text.{lang}"] = str((fees.get("text") or {}).get(lang, ""))
        v[f"fees.pay.{lang}"] = str((fees.get("pay") or {}).get(lang, ""))
    for i, m in enumerate(service.get("materials") or []):
        p = f"materials.{i}."
        v[p + "id"] = str(m.get("id", ""))
        v[p + "name.zh"] = str((m.get("name") or {}).get("zh", ""))
        v[p + "name.en"] = str((m.get("name") or {}).get("en", ""))
        v[p + "required"] = _bool(m.get("required", True))
        v[p + "from_id_document"] = _bool(m.get("from_id_document"))
        v[p + "copies"] = _number(m.get("copies", 0))
        # Kept through an edit (not edited here): the kiosk's default "another page?".
        v[p + "pages"] = _number(m["pages"]) if m.get("pages") else ""
    for i, f in enumerate((service.get("form") or {}).get("fields") or []):
        p = f"form.fields.{i}."
        v[p + "name"] = str(f.get("name", ""))
        v[p + "type"] = str(f.get("type", "text"))
        v[p + "label.zh"] = str((f.get("label") or {}).get("zh", ""))
        v[p + "label.en"] = str((f.get("label") or {}).get("en", ""))
        v[p + "hint.zh"] = str((f.get("hint") or {}).get("zh", ""))
        v[p + "hint.en"] = str((f.get("hint") or {}).get("en", ""))
        v[p + "required"] = _bool(f.get("required", True))
        v[p + "prefill"] = str(f.get("prefill") or "")
        v[p + "keyboard"] = str(f.get("keyboard") or "")
        checks = dict(f.get("validation") or {})
        for key in CHECK_VALUES:
            v[f"{p}validation.{key}"] = _number(checks.pop(key)) if key in checks else ""
        for key in CHECK_FLAGS:
            v[f"{p}validation.{key}"] = _bool(checks.pop(key, False))
        # Checks this form has no box for ride along unchanged (the advanced view shows them).
        v[p + "validation.other"] = json.dumps(checks, ensure_ascii=False) if checks else ""
        v[p + "options"] = "\n".join(
            f"{o['value']} | {o['label']['zh']} | {o['label']['en']}"
            for o in f.get("options") or []
        )
    v["material_rows"] = str(len(service.get("materials") or []) + BLANK_ROWS)
    v["field_rows"] = str(len((service.get("form") or {}).get("fields") or []) + BLANK_ROWS)
    return v


def rows(values: Mapping[str, str], key: str) -> int:
    """How many rows of ``key`` ("material_rows", "field_rows") the form shows."""
    try:
        return max(0, min(int(values.get(key, "0")), 200))
    except ValueError:
        return BLANK_ROWS


@dataclass
class Parsed:
    """A submitted service form: the document (when valid) and errors by field name."""

    service: dict[str, Any] | None
    errors: dict[str, str] = field(default_factory=dict)


def _row_blank(values: Mapping[str, str], prefix: str, keys: Iterable[str]) -> bool:
    return not any(values.get(prefix + k, "").strip() for k in keys)


def parse(
    values: Mapping[str, str],
    t: Tr,
    departments: Iterable[str],
    other_ids: Iterable[str],
    before: Mapping[str, Any] | None,
) -> Parsed:
    """The service a form describes, validated by the platform's catalog model.

    ``other_ids``: the ids of the catalog's other services (an id must be unique);
    ``before``: the service as it was (None for a new one). Blank rows and rows marked
    for removal are left out. Errors are keyed by form field name, in words.
    """
    g = lambda k: values.get(k, "").strip()  # noqa: E731
    errors: dict[str, str] = {}
    sid = g("id") if before is None else str(before["id"])
    if not SERVICE_ID.fullmatch(sid):
        errors["id"] = t("catalog.err.id")
    elif before is None and sid in set(other_ids):
        errors["id"] = t("catalog.err.id_taken")
    if g("department_id") not in set(departments):
        errors["department_id"] = t("catalog.err.choice")
    for key in ("name.zh", "name.en"):
        if not g(key):
            errors[key] = t("catalog.err.required")

    materials: list[dict[str, Any]] = []
    mat_rows: list[int] = []
    for i in range(rows(values, "material_rows")):
        p = f"materials.{i}."
        if g(p + "remove") or _row_blank(values, p, ("id", "name.zh", "name.en")):
            continue
        if not g(p + "name.zh"):
            errors[p + "name.zh"] = t("catalog.err.required")
        mat_rows.append(i)
        materials.append(
            {
                "id": g(p + "id") or f"material_{i + 1}",
                "name": {"zh": g(p + "name.zh"), "en": g(p + "name.en") or g(p + "name.zh")},
                "from_id_document": g(p + "from_id_document") == _TRUE,
                "required": g(p + "required") != "false",
                "copies": g(p + "copies") or "0",
            }
        )
        if g(p + "pages"):
            materials[-1]["pages"] = g(p + "pages")
    seen: set[str] = set()
    for i, m in zip(mat_rows, materials, strict=True):
        if m["id"] in seen:
            errors[f"materials.{i}.id"] = t("catalog.err.duplicate")
        seen.add(m["id"])

    fields: list[dict[str, Any]] = []
    field_rows: list[int] = []
    said: set[str] = set()  # rows whose keyboard problem is in words (the model refuses too)
    for i in range(rows(values, "field_rows")):
        p = f"form.fields.{i}."
        if g(p + "remove") or _row_blank(values, p, ("name", "label.zh", "label.en")):
            continue
        field_rows.append(i)
        entry: dict[str, Any] = {
            "name": g(p + "name"),
            "type": g(p + "type") or "text",
            "label": {"zh": g(p + "label.zh"), "en": g(p + "label.en") or g(p + "label.zh")},
            "required": g(p + "required") != "false",
            "prefill": g(p + "prefill") or None,
            "validation": {},
        }
        if keyboard := g(p + "keyboard"):
            entry["keyboard"] = keyboard  # unset: the type's keyboard (older catalogs)
        if g(p + "hint.zh") or g(p + "hint.en"):
            # Kept through an edit: a publish dropped every field's hint (stop 29).
            entry["hint"] = {
                "zh": g(p + "hint.zh") or g(p + "hint.en"),
                "en": g(p + "hint.en") or g(p + "hint.zh"),
            }
        if not entry["name"]:
            errors[p + "name"] = t("catalog.err.required")
        if not entry["label"]["zh"]:
            errors[p + "label.zh"] = t("catalog.err.required")
        entry["validation"] = _checks(values, p + "validation.", t, errors)
        options = []
        for line in values.get(p + "options", "").splitlines():
            if not line.strip():
                continue
            parts = [x.strip() for x in line.split("|")]
            if len(parts) != 3 or not all(parts):
                errors[p + "options"] = t("catalog.err.options")
                break
            options.append({"value": parts[0], "label": {"zh": parts[1], "en": parts[2]}})
        if entry["type"] == "choice" and not options and p + "options" not in errors:
            errors[p + "options"] = t("catalog.err.options")
        if options:
            entry["options"] = options
        if (problem := keyboard_problem(entry)) is not None:
            _say_keyboard(problem, p, t, errors)
            said.add(f"form.fields.{i}")
        fields.append(entry)
    names = [f["name"] for f in fields]
    for i, f in zip(field_rows, fields, strict=True):
        if f["name"] and names.count(f["name"]) > 1:
            errors[f"form.fields.{i}.name"] = t("catalog.err.duplicate")

    name_zh = g("name.zh")
    doc: dict[str, Any] = {
        "id": sid,
        "department_id": g("department_id"),
        "name": {"zh": name_zh, "en": g("name.en")},
        "summary": {"zh": g("summary.zh"), "en": g("summary.en")},
        "pinyin_initials": g("pinyin_initials") or initials(name_zh),
        "pinyin": g("pinyin") or full_pinyin(name_zh),
        "popular": g("popular") == _TRUE,
        "kiosk_completable": g("kiosk_completable") == _TRUE,
        "time_limit": {
            "days": g("time_limit.days"),
            "kind": g("time_limit.kind"),
            "text": {"zh": g("time_limit.text.zh"), "en": g("time_limit.text.en")},
        },
        "fees": {
            "amount_cny": g("fees.amount_cny"),
            "text": {"zh": g("fees.text.zh"), "en": g("fees.text.en")},
            # How and where a fee is paid: the kiosk says it on the review and receipt.
            **(
                {"pay": {"zh": g("fees.pay.zh"), "en": g("fees.pay.en")}}
                if g("fees.pay.zh") or g("fees.pay.en")
                else {}
            ),
            **_pay_without_receipt(before, g("fees.pay.zh"), g("fees.pay.en")),
        },
        "where": {"zh": g("where.zh"), "en": g("where.en")},
        "materials": materials,
        "form": {"fields": fields},
        "appointment": g("appointment") == _TRUE,
        "documents": [x.strip() for x in g("documents").split(",") if x.strip()],
        # The hall's counter a citizen sent to a window can book or queue for.
        **({"counter": g("counter")} if g("counter") else {}),
        # Where the result is collected (try-out 15, C3): not on the form, kept as it was
        # (an edit of the time limit lost it, and the receipt's 还需到窗口 with it).
        **({"pickup": before["pickup"]} if before and before.get("pickup") else {}),
    }
    service: dict[str, Any] | None = None
    try:
        service = Service.model_validate(doc).model_dump(mode="json", exclude_unset=True)
    except ValidationError as exc:
        for err in exc.errors():
            name = _field_name([str(x) for x in err.get("loc", ())], mat_rows, field_rows)
            if name in said:
                continue  # the keyboard check, already said in words beside its box
            words = _ERROR_WORDS.get(str(err.get("type")))
            errors.setdefault(name, t(words) if words else str(err.get("msg", "")))
    # Checked on what was typed, whatever else is wrong: every error shows on the one
    # save, not the next one's once these are fixed (try-out 7, 33).
    _check_numbers(values, mat_rows, t, errors)
    _check_fee_pay(values, t, errors)
    if before is not None:
        _check_limit_words(before, values, t, errors)
        _check_fee_words(before, values, t, errors)
    return Parsed(None if errors else service, errors)


def _checks(values: Mapping[str, str], p: str, t: Tr, errors: dict[str, str]) -> dict[str, Any]:
    """A form field's checks from its boxes (``p``: "form.fields.N.validation.")."""
    try:
        out: dict[str, Any] = json.loads(values.get(p + "other", "").strip() or "{}")
        if not isinstance(out, dict):
            raise ValueError
    except ValueError:
        out = {}
    for key in CHECK_VALUES:
        text = values.get(p + key, "").strip()
        if not text:
            continue
        if key == "example":
            out[key] = text
            continue
        if key == "pattern":
            try:
                re.compile(text)
                out[key] = text
            except re.error:
                errors[p + key] = t("catalog.err.pattern")
            continue
        try:
            number = float(text)
        except ValueError:
            errors[p + key] = t("catalog.err.number")
            continue
        if key.endswith("_length") and (not number.is_integer() or number < 0):
            errors[p + key] = t("catalog.err.int")
            continue
        out[key] = int(number) if number.is_integer() else number
    for key in CHECK_FLAGS:
        if values.get(p + key) == _TRUE:
            out[key] = True
    return out


def _say_keyboard(problem: Problem, p: str, t: Tr, errors: dict[str, str]) -> None:
    """A field its kiosk keyboard cannot fill in, said beside the box to change."""
    box = p + ("keyboard" if problem.code == "cannot_type" else "validation.example")
    words = t("catalog.err." + problem.code).format(
        keyboard=t("catalog.keyboard." + problem.keyboard) if problem.keyboard else "",
        example=problem.example,
        missing=" ".join(problem.missing),
        max_length=problem.max_length,
    )
    errors.setdefault(box, words)


def _field_name(loc: list[str], mat_rows: list[int], field_rows: list[int]) -> str:
    """The form field an error location belongs to (list indices back to form rows)."""
    if len(loc) > 1 and loc[0] == "materials" and loc[1].isdigit():
        loc[1] = str(mat_rows[int(loc[1])])
    if len(loc) > 2 and loc[:2] == ["form", "fields"] and loc[2].isdigit():
        loc[2] = str(field_rows[int(loc[2])])
    return ".".join(loc)


def _typed_number(values: Mapping[str, str], key: str) -> float | None:
    """The number typed in box ``key``; None when it is not one (the model says so)."""
    try:
        return float(values.get(key, "").strip())
    except ValueError:
        return None


def _check_numbers(
    values: Mapping[str, str], mat_rows: list[int], t: Tr, errors: dict[str, str]
) -> None:
    keys = ["time_limit.days", "fees.amount_cny"] + [f"materials.{i}.copies" for i in mat_rows]
    for key in keys:
        number = _typed_number(values, key)
        if number is not None and number < 0:
            errors.setdefault(key, t("catalog.err.negative"))


def _check_limit_words(
    before: Mapping[str, Any], values: Mapping[str, str], t: Tr, errors: dict[str, str]
) -> None:
    """A changed time limit whose words still say the old one would tell citizens the
    wrong number of days (the kiosk shows the words)."""
    old = before.get("time_limit") or {}
    days = _typed_number(values, "time_limit.days")
    if days is not None and old.get("days") != days:
        for lang in ("zh", "en"):
            words = values.get(f"time_limit.text.{lang}", "").strip()
            if words and (old.get("text") or {}).get(lang) == words:
                errors[f"time_limit.text.{lang}"] = t("catalog.err.limit_words")


def _pay_without_receipt(before: Mapping[str, Any] | None, zh: str, en: str) -> dict[str, Any]:
    """The fee's words for a citizen whose receipt did not print (not on the form): kept
    while the words they stand in for are unchanged; an edited ``pay`` drops them, and the
    kiosk says ``pay`` (try-out 17, C3)."""
    fees = (before or {}).get("fees") or {}
    kept = fees.get("pay_without_receipt")
    same = fees.get("pay") == {"zh": zh, "en": en}
    return {"pay_without_receipt": kept} if kept and same else {}


def _check_fee_pay(values: Mapping[str, str], t: Tr, errors: dict[str, str]) -> None:
    """A fee needs the words on how and where it is paid: the kiosk's review and receipt
    say them, and a citizen sent to pay with no place named cannot (try-out 9, K7)."""
    amount = _typed_number(values, "fees.amount_cny")
    if amount is not None and amount > 0 and not values.get("fees.pay.zh", "").strip():
        errors.setdefault("fees.pay.zh", t("catalog.err.pay_needed"))


def _check_fee_words(
    before: Mapping[str, Any], values: Mapping[str, str], t: Tr, errors: dict[str, str]
) -> None:
    """A changed fee whose 收费说明 still says the old one (不收费 for a paid service)
    would tell citizens the wrong fee: the kiosk shows the words (try-out 9, K7), as
    with the time limit's words."""
    old = before.get("fees") or {}
    amount = _typed_number(values, "fees.amount_cny")
    if amount is not None and float(old.get("amount_cny", 0) or 0) != amount:
        for lang in ("zh", "en"):
            words = values.get(f"fees.text.{lang}", "").strip()
            if words and (old.get("text") or {}).get(lang) == words:
                errors[f"fees.text.{lang}"] = t("catalog.err.fee_words")


def validate_catalog(text: str) -> tuple[dict[str, Any] | None, str]:
    """A whole catalog (the advanced view's JSON) checked by the same model: the
    document, or None and where the first problem is."""
    try:
        # Only what was given: a service nobody touched is served byte for byte as before.
        doc = Catalog.model_validate_json(text).model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )
        return doc, ""
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "-"
        return None, f"{where}: {first.get('msg', '')}"


def next_version(own: str) -> str:
    """The catalog's next own version: its last number plus one (2026.11 → 2026.12)."""
    m = re.search(r"(\d+)$", own)
    if m is None:
        return f"{own}.1" if own else "1"
    digits = m.group(1)
    return own[: m.start()] + str(int(digits) + 1).zfill(len(digits))


def last_changed(history: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Service id → the catalog's own version it last changed in (was added or edited),
    from every catalog served, oldest first."""
    out: dict[str, str] = {}
    before: dict[str, Any] = {}
    for doc in history:
        now = {str(s.get("id")): _normal(s) for s in doc.get("services") or []}
        for sid, s in now.items():
            if before.get(sid) != s:
                out[sid] = str(doc.get("version", ""))
        before = now
    return out


@dataclass(frozen=True, slots=True)
class Change:
    """One service's difference between two catalogs."""

    service_id: str
    name: str
    kind: str  # added, changed, removed
    fields: list[tuple[str, str, str]]  # (field, old, new)


_PARTS = ("departments", "appointment_departments", "policies", "schema")


def diff(old: Mapping[str, Any], new: Mapping[str, Any], lang: str, t: Tr) -> list[Change]:
    """What publishing ``new`` over ``old`` changes, service by service (and the
    catalog's other parts), field by field: old → new."""
    before = {str(s["id"]): _normal(s) for s in old.get("services") or []}
    after = {str(s["id"]): _normal(s) for s in new.get("services") or []}
    # Departments by name, as the edit form offers them (try-out 7, 34: "renshe").
    depts = {**department_names(old, lang), **department_names(new, lang)}
    out = []
    for sid in list(before) + [s for s in after if s not in before]:
        a, b = before.get(sid), after.get(sid)
        if a == b:
            continue
        kind = "added" if a is None else "removed" if b is None else "changed"
        fa, fb = _flat(a or {}, t, depts), _flat(b or {}, t, depts)
        rows = [(k, fa.get(k, "—"), fb.get(k, "—")) for k in {**fa, **fb} if fa.get(k) != fb.get(k)]
        name = ((b or a or {}).get("name") or {}).get(lang, sid)
        out.append(Change(sid, str(name), kind, rows))
    for part in _PARTS:
        if old.get(part) != new.get(part):
            row = (part, _compact(old.get(part)), _compact(new.get(part)))
            out.append(Change("", t("catalog.part." + part), "changed", [row]))
    return out


def changed_ids(changes: list[Change]) -> dict[str, list[str]]:
    """Service ids by kind of change (for the publication record)."""
    out: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
    for c in changes:
        out[c.kind].append(c.service_id or c.name)
    return out


def _normal(service: Mapping[str, Any]) -> dict[str, Any]:
    """A service with the model's defaults filled in, so that a key left out and the
    same key at its default are no change."""
    try:
        return Service.model_validate(service).model_dump(mode="json")
    except ValidationError:
        return dict(service)


def _compact(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 300 else text[:297] + "…"


def department_names(doc: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Department id → its name in ``lang`` (the id when the catalog names none)."""
    return {
        str(d["id"]): str((d.get("name") or {}).get(lang) or d["id"])
        for d in doc.get("departments") or []
        if isinstance(d, Mapping) and "id" in d
    }


# Yes/no fields of the service said as the edit form says them: (true words, false words).
_YES_NO = {
    "kiosk_completable": ("catalog.at_kiosk", "catalog.at_counter"),
    "popular": ("catalog.yes", "catalog.no"),
    "appointment": ("catalog.yes", "catalog.no"),
}


def _flat(s: Mapping[str, Any], t: Tr, depts: Mapping[str, str]) -> dict[str, str]:
    """A service as "field label → value" lines a person can compare: in words, as the
    edit form shows them, never the document's codes (try-out 7, 34)."""
    if not s:
        return {}
    out: dict[str, str] = {}
    v = form_values(s)
    for key in (
        "department_id",
        "name.zh",
        "name.en",
        "summary.zh",
        "summary.en",
        "time_limit.days",
        "time_limit.kind",
        "time_limit.text.zh",
        "time_limit.text.en",
        "fees.amount_cny",
        "fees.text.zh",
        "fees.text.en",
        "fees.pay.zh",
        "fees.pay.en",
        "counter",
        "where.zh",
        "where.en",
        "kiosk_completable",
        "popular",
        "appointment",
        "pinyin_initials",
        "pinyin",
        "documents",
    ):
        value = v[key]
        if key == "department_id":
            value = depts.get(value, value)
        elif key == "time_limit.kind":
            value = t("catalog.kind." + value)
        elif key in _YES_NO:
            value = t(_YES_NO[key][0] if value == _TRUE else _YES_NO[key][1])
        elif key == "documents" and not value:
            value = t("catalog.any_document")
        out[t("catalog.f." + key)] = value
    yes, no = t("catalog.required"), t("catalog.optional")
    for m in s.get("materials") or []:
        words = f"{m['name']['zh']} / {m['name']['en']} · {yes if m.get('required') else no}"
        words += f" · {t('catalog.f.copies')} {_number(m.get('copies', 0))}"
        if m.get("from_id_document"):
            words += f" · {t('catalog.f.from_id_document')}"
        out[f"{t('catalog.materials')} {m['id']}"] = words
    for f in (s.get("form") or {}).get("fields") or []:
        out[f"{t('catalog.fields')} {f['name']}"] = _field_words(f, t)
    return out


def _field_words(f: Mapping[str, Any], t: Tr) -> str:
    """A form field as one line of the words its edit row uses."""
    label = f.get("label") or {}
    parts = [
        f"{label.get('zh', '')} / {label.get('en', '')}",
        t("catalog.type." + str(f.get("type", "text"))),
        t("catalog.required") if f.get("required", True) else t("catalog.optional"),
    ]
    if f.get("keyboard"):
        keyboard = t("catalog.keyboard." + str(f["keyboard"]))
        parts.append(f"{t('catalog.f.keyboard')}{t('catalog.colon')}{keyboard}")
    if f.get("prefill"):
        parts.append(f"{t('catalog.f.prefill')}{t('catalog.colon')}{f['prefill']}")
    if hint := f.get("hint") or {}:
        parts.append(
            f"{t('catalog.f.hint')}{t('catalog.colon')}{hint.get('zh', '')} / {hint.get('en', '')}"
        )
    checks = dict(f.get("validation") or {})
    for key in CHECK_VALUES:
        if key in checks:
            parts.append(f"{t('catalog.check.' + key)} {_number(checks.pop(key))}")
    for key in CHECK_FLAGS:
        if checks.pop(key, False):
            parts.append(t("catalog.check." + key))
    if checks:  # checks this console has no words for: as the advanced view shows them
        parts.append(_compact(checks))
    options = [
        f"{o.get('value', '')} {(o.get('label') or {}).get('zh', '')}"
        for o in f.get("options") or []
        if isinstance(o, Mapping)
    ]
    if options:
        parts.append(
            f"{t('catalog.f.options_short')}{t('catalog.colon')}{t('catalog.list_sep').join(options)}"
        )
    return " · ".join(parts)
