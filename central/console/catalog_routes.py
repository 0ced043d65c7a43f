"""The catalog editor's pages (administrators): the list of services, a form per
service, the shared draft, review with a readable diff, publish, and the raw JSON as an
advanced view (import and export).

Edits never reach kiosks directly: they go to the draft (central/console/drafts.py);
**发布** on the review page stores the draft as the next catalog version (the same path
as ``PUT /admin/catalog``), which kiosks take at their next heartbeat, and records
who published what in the publication record the audit page shows.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from central import catalog_seed
from central.console import catalog_edit
from central.console.catalog_edit import FIELD_TYPES, MORE_ROWS
from central.console.i18n import tr
from central.keyboards import KEYBOARDS

if TYPE_CHECKING:
    from central.console.routes import ConsoleDeps, _Page

PREFIX = "/console/catalog"
MAX_VERSION_CHARS = 64
log = logging.getLogger(__name__)


def add(
    router: APIRouter,
    deps: ConsoleDeps,
    gate: Callable[[Request, str], Any],
    posted: Callable[[Request, str | None], Any],
    render: Callable[..., Response],
) -> None:
    """Add the catalog editor's routes to the console router."""
    drafts = deps.staff.catalog_drafts

    def working() -> tuple[dict[str, Any], bool]:
        """The catalog being edited: the draft if there is one, else the one in force."""
        draft = drafts.draft()
        return (draft.doc, True) if draft else (deps.catalog()[1], False)

    def keep(page: _Page, doc: dict[str, Any]) -> None:
        """Store ``doc`` as the draft (its base: the version in force when it started)."""
        draft = drafts.draft()
        base = draft.base_version if draft else deps.catalog()[0]
        assert page.staff is not None
        drafts.save_draft(doc, base, page.staff.username, deps.now())

    def t_of(page: _Page) -> Callable[[str], str]:
        return lambda key: tr(key, page.lang)

    @router.get("/catalog")
    def catalog_list(request: Request) -> Response:
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        version, in_force = deps.catalog()
        doc, is_draft = working()
        history = [catalog_seed.catalog_document()] + [b for _, b in deps.store.catalog_bodies()]
        changed = catalog_edit.last_changed(history)
        pending = {c.service_id for c in catalog_edit.diff(in_force, doc, page.lang, t_of(page))}
        kept = {s.get("id") for s in doc.get("services") or []}
        # Withdrawn in the draft: listed with 恢复, the way back before publishing.
        withdrawn = [s for s in in_force.get("services") or [] if s.get("id") not in kept]
        return render(
            page,
            "catalog.html",
            version=version,
            own_version=str(in_force.get("version", "")) or "-",
            services=doc.get("services") or [],
            depts=catalog_edit.department_names(doc, page.lang),
            changed=changed,
            pending=pending,
            draft=drafts.draft() if is_draft else None,
            versions=list(reversed(deps.store.catalog_versions())),
            withdrawn=withdrawn,
            saved=request.query_params.get("saved"),
            heartbeat_s=deps.heartbeat_interval_s,  # when kiosks take it (try-out 10, K2)
            drafted=request.query_params.get("drafted"),
            gone=request.query_params.get("withdrawn"),
            restored=request.query_params.get("restored"),
            unchanged=request.query_params.get("unchanged"),
        )

    def edit_page(
        page: _Page,
        sid: str | None,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = 200,
    ) -> Response:
        doc, _ = working()
        service = find(doc, sid) if sid is not None else None
        names = (service or {}).get("name") or {}
        return render(
            page,
            "catalog_edit.html",
            status,
            sid=sid,
            title_name=names.get(page.lang) or names.get("zh") or "",
            v=values,
            errors=errors,
            material_rows=range(catalog_edit.rows(values, "material_rows")),
            field_rows=range(catalog_edit.rows(values, "field_rows")),
            depts=catalog_edit.department_names(doc, page.lang),
            field_types=FIELD_TYPES,
            keyboards=KEYBOARDS,
        )

    def find(doc: dict[str, Any], sid: str) -> dict[str, Any] | None:
        return next((s for s in doc.get("services") or [] if s.get("id") == sid), None)

    def not_found(page: _Page) -> Response:
        return render(page, "message.html", 404, message=tr("catalog.no_service", page.lang))

    @router.get("/catalog/new")
    def new_form(request: Request) -> Response:
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        blank = catalog_edit.form_values({"kiosk_completable": True, "time_limit": {}})
        return edit_page(page, None, blank, {})

    @router.get("/catalog/services/{sid}")
    def edit_form(sid: str, request: Request) -> Response:
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        service = find(working()[0], sid)
        if service is None:
            return not_found(page)
        return edit_page(page, sid, catalog_edit.form_values(service), {})

    async def save(request: Request, sid: str | None) -> Response:
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, form = got
        doc, _ = working()
        before = find(doc, sid) if sid is not None else None
        if sid is not None and before is None:
            return not_found(page)
        action = form.get("action", "save")
        for kind in ("material_rows", "field_rows"):
            if action == "more_" + kind:  # 再加几行: the same form back, rows added
                form[kind] = str(catalog_edit.rows(form, kind) + MORE_ROWS)
                return edit_page(page, sid, form, {})
        others = [str(s.get("id")) for s in doc.get("services") or [] if s is not before]
        depts = catalog_edit.department_names(doc, page.lang)
        parsed = catalog_edit.parse(form, t_of(page), depts, others, before)
        if parsed.service is None:
            return edit_page(page, sid, form, parsed.errors, 400)
        services = list(doc.get("services") or [])
        if before is None:
            services.append(parsed.service)
        else:
            services[services.index(before)] = parsed.service
        edited = {**doc, "services": services}
        if not catalog_edit.diff(doc, edited, page.lang, t_of(page)):
            # Nothing changed: no draft is made (or touched), so none can go out as a
            # version that changes nothing (try-out 9, K8).
            query = urlencode({"unchanged": parsed.service["id"]})
            return RedirectResponse(f"{PREFIX}?{query}", status_code=303)
        keep(page, edited)
        return RedirectResponse(f"{PREFIX}?drafted={parsed.service['id']}", status_code=303)

    @router.post("/catalog/new")
    async def create(request: Request) -> Response:
        return await save(request, None)

    @router.post("/catalog/services/{sid}")
    async def update(sid: str, request: Request) -> Response:
        return await save(request, sid)

    def withdraw_page(page: _Page, sid: str, service: dict[str, Any]) -> Response:
        in_force = find(deps.catalog()[1], sid) is not None
        return render(
            page,
            "catalog_withdraw.html",
            sid=sid,
            service_name=str((service.get("name") or {}).get(page.lang) or sid),
            in_force=in_force,
        )

    @router.get("/catalog/services/{sid}/withdraw")
    def withdraw_form(sid: str, request: Request) -> Response:
        """下架 asks first: what happens and how to undo it (try-out 7, 32)."""
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        service = find(working()[0], sid)
        if service is None:
            return not_found(page)
        return withdraw_page(page, sid, service)

    @router.post("/catalog/services/{sid}/withdraw")
    async def withdraw(sid: str, request: Request) -> Response:
        """Take a service out of the draft (kiosks stop offering it once published):
        only with the confirmation page's answer, else that page (a post from an old
        form or a script is not taken as the confirmation)."""
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, form = got
        doc, _ = working()
        service = find(doc, sid)
        if service is None:
            return not_found(page)
        if not hmac.compare_digest(form.get("confirm", ""), sid):
            return withdraw_page(page, sid, service)
        services = [s for s in doc.get("services") or [] if s.get("id") != sid]
        keep(page, {**doc, "services": services})
        assert page.staff is not None
        log.info("service %s withdrawn in the draft by %s", sid, page.staff.username)
        return RedirectResponse(f"{PREFIX}?{urlencode({'withdrawn': sid})}", status_code=303)

    @router.post("/catalog/services/{sid}/restore")
    async def restore(sid: str, request: Request) -> Response:
        """Undo a 下架 before publishing: the service as it is in force, back in the draft."""
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, _form = got
        doc, _ = working()
        in_force = deps.catalog()[1].get("services") or []
        service = next((s for s in in_force if s.get("id") == sid), None)
        if find(doc, sid) is not None:  # pressed twice, or never withdrawn: nothing to undo
            return RedirectResponse(PREFIX, status_code=303)
        if service is None:
            return not_found(page)
        # Back where it was in the list kiosks show (before the next service still kept).
        ids = [s.get("id") for s in in_force]
        services = list(doc.get("services") or [])
        later = {str(x) for x in ids[ids.index(sid) + 1 :]}
        at = next((i for i, s in enumerate(services) if s.get("id") in later), len(services))
        services.insert(at, service)
        keep(page, {**doc, "services": services})
        return RedirectResponse(f"{PREFIX}?{urlencode({'restored': sid})}", status_code=303)

    def review_page(page: _Page, status: int, error: str, version_text: str | None) -> Response:
        number, in_force = deps.catalog()
        draft = drafts.draft()
        changes = catalog_edit.diff(in_force, draft.doc, page.lang, t_of(page)) if draft else []
        own = str(in_force.get("version", ""))
        return render(
            page,
            "catalog_review.html",
            status,
            draft=draft,
            stale=draft is not None and draft.base_version != number,
            changes=changes,
            own_version=own,
            next_version=version_text
            if version_text is not None
            else catalog_edit.next_version(own),
            error=error,
        )

    @router.get("/catalog/review")
    def review(request: Request) -> Response:
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        return review_page(page, 200, "", None)

    def gone(reviewed: str) -> str:
        """Why there is no draft to publish: the one reviewed went out already (pressed
        twice, or by two administrators at once), or there is none."""
        return (
            "catalog.published_meanwhile" if drafts.was_published(reviewed) else "catalog.no_draft"
        )

    @router.post("/catalog/publish")
    async def publish(request: Request) -> Response:
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, form = got
        assert page.staff is not None
        draft = drafts.draft()
        number, in_force = deps.catalog()
        wanted = form.get("version", "").strip()
        reviewed = form.get("draft", "")
        if draft is not None and draft.base_version != number and drafts.draft() is None:
            draft = None  # published (or discarded) by someone else since it was read
        if draft is None:
            return review_page(page, 409, tr(gone(reviewed), page.lang), wanted)
        if draft.base_version != number:
            return review_page(page, 409, tr("catalog.stale", page.lang), wanted)
        if not hmac.compare_digest(reviewed, draft.stamp):
            # Changed since this page showed it (another administrator): show it again.
            return review_page(page, 409, tr("catalog.changed_since_review", page.lang), wanted)
        if not wanted or len(wanted) > MAX_VERSION_CHARS or wanted == in_force.get("version"):
            return review_page(page, 400, tr("catalog.err.version", page.lang), wanted)
        text = json.dumps({**draft.doc, "version": wanted}, ensure_ascii=False)
        doc, problem = catalog_edit.validate_catalog(text)
        if doc is None:
            error = f"{tr('catalog.invalid', page.lang)} {problem}"
            return review_page(page, 400, error, wanted)
        changes = catalog_edit.diff(in_force, doc, page.lang, t_of(page))
        if not changes:
            # A version that changes nothing would still be pulled by every kiosk.
            return review_page(page, 400, tr("catalog.no_changes", page.lang), wanted)
        # Taken out in one transaction: of two administrators pressing 发布 at once (on
        # any platform process) exactly one publishes; the other is told, calmly.
        claimed = drafts.claim(draft.stamp)
        if claimed is None:
            key = "catalog.changed_since_review" if drafts.draft() else gone(reviewed)
            return review_page(page, 409, tr(key, page.lang), wanted)
        try:
            stored = deps.publish(doc)
        except BaseException:
            drafts.restore(claimed)  # nothing was published: the draft is kept
            raise
        drafts.record(
            stored,
            wanted,
            page.staff.username,
            deps.now(),
            catalog_edit.changed_ids(changes),
            claimed.stamp,
        )
        log.info("catalog %s (#%d) published by %s", wanted, stored, page.staff.username)
        return RedirectResponse(f"{PREFIX}?saved={wanted}", status_code=303)

    @router.post("/catalog/discard")
    async def discard(request: Request) -> Response:
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, form = got
        draft = drafts.draft()
        if draft is not None and not hmac.compare_digest(form.get("draft", ""), draft.stamp):
            # Someone's later work would go unseen: show the draft as it is now.
            return review_page(page, 409, tr("catalog.changed_before_discard", page.lang), None)
        drafts.discard()
        assert page.staff is not None
        log.info("catalog draft discarded by %s", page.staff.username)
        return RedirectResponse(PREFIX, status_code=303)

    def advanced_page(page: _Page, status: int, text: str | None, error: str) -> Response:
        if text is None:
            text = json.dumps(working()[0], ensure_ascii=False, indent=2)
        return render(page, "catalog_advanced.html", status, text=text, error=error)

    @router.get("/catalog/advanced")
    def advanced(request: Request) -> Response:
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        return advanced_page(page, 200, None, "")

    @router.post("/catalog/advanced")
    async def import_json(request: Request) -> Response:
        """Take a whole catalog (JSON) into the draft, checked by the same model."""
        got = await posted(request, "catalog")
        if isinstance(got, Response):
            return got
        page, form = got
        text = form.get("catalog", "")
        doc, problem = catalog_edit.validate_catalog(text)
        if doc is None:
            return advanced_page(page, 400, text, f"{tr('catalog.invalid', page.lang)} {problem}")
        keep(page, doc)
        return RedirectResponse(f"{PREFIX}/review", status_code=303)

    @router.get("/catalog/export")
    def export(request: Request) -> Response:
        """The catalog in force as a JSON file."""
        page = gate(request, "catalog")
        if isinstance(page, Response):
            return page
        doc = deps.catalog()[1]
        # A header is Latin-1: the version as typed may not be (2026年版).
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", str(doc.get("version", "")))
        name = f"catalog-{safe}.json"
        return Response(
            json.dumps(doc, ensure_ascii=False, indent=2),
            media_type="application/json",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )
