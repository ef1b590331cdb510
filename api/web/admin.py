"""Admin: people and API keys, alert rules and routing, the model registry (the taxonomy page
is `/admin/taxonomy`, linked from here). Admins only; every other role gets the 403 page.

Thin views over the services the CLI and `/v1` call: `voc_engine.auth.users` and `.keys`
(passwords hashed there, every change audited there), `voc_engine.alerting.config` and `.dryrun`,
`voc_engine.nlp.registry.ModelRegistry`.

Editing rules is two steps. The edit form posts to the preview, which validates the candidate
document as saving would (a problem is shown next to its field), replays the stored comments through
it with the existing dry run and shows what it would have caught. Only the preview page carries the
save form: the candidate's text, the rule-set version it was made from, and a MAC of both keyed with
the session's CSRF token, so that saving takes exactly what was previewed, by whoever previewed it,
and is refused if someone saved another version in between. Saving is `save_rules` (validated again,
kept as a new version, audited).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import CSRF_FIELD, error_page, page_user, read_form, redirect, render
from voc_engine.alerting.config import current_version, load_active_config, save_rules, validate_rules
from voc_engine.alerting.dryrun import dry_run
from voc_engine.alerting.rules import FROM_FLAG, SEVERITIES
from voc_engine.auth.keys import create_api_key, list_api_keys, revoke_api_key
from voc_engine.auth.policy import PERSON_ROLES, ROLES, SERVICE_ROLES, TEAM_ROLES, Principal
from voc_engine.auth.users import create_user, list_users, reset_password, update_user
from voc_engine.errors import ConfigError, ConflictError, InvalidArgumentError, VocError
from voc_engine.nlp.registry import KINDS as MODEL_KINDS
from voc_engine.nlp.registry import ModelRegistry
from voc_engine.runtime import Runtime

router = APIRouter(include_in_schema=False)
ADMIN = ("admin",)
RULE_FIELDS = ("name", "description", "severity", "enabled", "team", "dedup_window_hours", "when")
DOCUMENT_MAX = 200_000  # characters of a rule document a form may carry
EXAMPLES_PER_RULE = 5
_RULE_PATH = re.compile(r"^rules\[(\d+)\]\.(\w+)")
_TEAM_PROBLEM = re.compile(r"^rule '([^']+)' sends cases to team")


def _proven_token(request: Request, form: dict[str, str]) -> None:
    """A page rendered in answer to a form post carries the form's token on: `page_user` has
    just proven it is this session's (a post without it never reaches here)."""
    request.state.csrf_token = form.get(CSRF_FIELD) or None


# --------------------------------------------------------------------------- the admin home
@router.get("/admin")
def admin_home(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        users = list_users(runtime.store)
        keys = list_api_keys(runtime.store)
        rules = current_version(runtime.store, "rules")
    except VocError as exc:
        return error_page(request, exc)
    registry = ModelRegistry(runtime.settings)
    return render(request, "admin.html", title="Admin", users=len(users),
                  disabled=sum(not u.active for u in users), keys=sum(k.revoked_at is None for k in keys),
                  rules=rules.to_dict(), active_models={kind: registry.active(kind).to_dict() for kind in MODEL_KINDS})


# --------------------------------------------------------------------------- people and keys
def _users_page(request: Request, runtime: Runtime, status: int = 200, error: str | None = None,
                error_form: str | None = None, notice: str | None = None, new_key: dict | None = None,
                form: dict[str, str] | None = None) -> HTMLResponse:
    store = runtime.store
    users = [u.to_dict() for u in list_users(store)]
    keys = [k.to_dict() for k in list_api_keys(store)]
    teams = sorted(load_active_config(store).routing.teams)
    return render(request, "admin_users.html", status, title="Users and keys", users=users, keys=keys,
                  person_roles=PERSON_ROLES, service_roles=SERVICE_ROLES,
                  all_roles=list(dict.fromkeys(PERSON_ROLES + SERVICE_ROLES)), key_roles=ROLES, teams=teams,
                  team_roles=TEAM_ROLES, error=error, error_form=error_form, notice=notice, new_key=new_key,
                  form=form or {})


@router.get("/admin/users")
def users_page(
    request: Request, notice: str | None = None, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        return _users_page(request, runtime, notice=(notice or "")[:300] or None)
    except VocError as exc:
        return error_page(request, exc)


async def _user_change(request: Request, runtime: Runtime, which: str, work) -> Response:
    """Run `work(form)` in a thread; a refusal shows the page again with the reason at the form
    `which`, and what was typed (never a password)."""
    form = await read_form(request)
    try:
        notice = await run_in_threadpool(work, form)
    except VocError as exc:
        _proven_token(request, form)
        kept = {k: v for k, v in form.items() if k not in ("password", CSRF_FIELD)}
        return _users_page(request, runtime, status_for(exc), str(exc), which, form=kept)
    if isinstance(notice, dict):  # a new key: its secret is shown once, on this answer only
        _proven_token(request, form)
        return _users_page(request, runtime, new_key=notice)
    return redirect("/admin/users?" + _query(notice=notice))


def _query(**values: str) -> str:
    return urlencode(values)


@router.post("/admin/users")
async def user_create(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(form: dict[str, str]) -> str:
        kind = form.get("kind") or "person"
        password = form.get("password") or None
        if kind == "person" and password is None:
            raise InvalidArgumentError("a person needs a first password (they sign in with it)")
        created = create_user(runtime.store, form.get("name", "").strip(), form.get("role", ""),
                              form.get("team", "").strip() or None, password=password, kind=kind, actor=user.actor)
        return f"created {created.kind} {created.name} ({created.role})"

    return await _user_change(request, runtime, "create-user", work)


@router.post("/admin/users/active")
async def user_active(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(form: dict[str, str]) -> str:
        active = form.get("active")
        if active not in ("0", "1"):
            raise InvalidArgumentError("say whether to enable (1) or disable (0)")
        name = form.get("name", "")
        if active == "0" and name == user.name:
            raise InvalidArgumentError("you cannot disable yourself: another admin can")
        changed = update_user(runtime.store, name, active=active == "1", actor=user.actor)
        return f"{changed.name} is {'enabled' if changed.active else 'disabled: their sessions and keys stopped'}"

    return await _user_change(request, runtime, "users", work)


@router.post("/admin/users/password")
async def user_password(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(form: dict[str, str]) -> str:
        changed = reset_password(runtime.store, form.get("name", ""), form.get("password", ""), actor=user.actor)
        return f"new password set for {changed.name}; their sessions ended"

    return await _user_change(request, runtime, "password", work)


@router.post("/admin/keys")
async def key_create(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(form: dict[str, str]) -> dict[str, Any]:
        owner = form.get("owner", "").strip() or None
        key, info = create_api_key(runtime.store, form.get("role") or None, form.get("label", "").strip()[:100] or None,
                                   owner=owner, actor=user.actor)
        return {"secret": key, **info.to_dict()}

    return await _user_change(request, runtime, "create-key", work)


@router.post("/admin/keys/revoke")
async def key_revoke(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(form: dict[str, str]) -> str:
        raw = form.get("key_id", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            raise InvalidArgumentError("which key? (its id)")
        revoked = revoke_api_key(runtime.store, int(raw), actor=user.actor)
        return f"key {revoked.id} ({revoked.prefix}) is revoked"

    return await _user_change(request, runtime, "keys", work)


# --------------------------------------------------------------------------- alert rules and routing
def _version_key(version: int | None) -> str:
    return "default" if version is None else str(version)


def _mac(token: str, base: str, text: str) -> str:
    return hmac.new(token.encode(), f"{base}\n{text}".encode(), hashlib.sha256).hexdigest()


def _lines(text: str) -> str:
    """Form text with the browser's CRLF line ends as LF (a form carries back what it was given
    with CRLF, which would change the MAC)."""
    return text.replace("\r\n", "\n")


@router.get("/admin/rules")
def rules_page(
    request: Request, saved: str | None = None, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        rules = current_version(runtime.store, "rules").to_dict()
        routing = current_version(runtime.store, "routing").to_dict()
        flags = current_version(runtime.store, "flags").to_dict()
    except VocError as exc:
        return error_page(request, exc)
    return render(request, "admin_rules.html", title="Alert rules and routing", rules=rules,
                  routing_yaml=yaml.safe_dump(routing["document"], sort_keys=False, allow_unicode=True),
                  routing=routing, flags=flags, saved=(saved or "")[:20], as_yaml=_yaml)


def _yaml(value: Any) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=None).strip()


def _rule_form(rule: dict[str, Any]) -> dict[str, str]:
    """A rule of the document as the edit form's fields."""
    window = rule.get("dedup_window_hours")
    return {"id": str(rule.get("id", "")), "name": str(rule.get("name", "")),
            "description": str(rule.get("description") or ""), "severity": str(rule.get("severity", "")),
            "enabled": "1" if rule.get("enabled", True) is not False else "",
            "team": str(rule.get("team") or ""), "dedup_window_hours": "" if window is None else str(window),
            "when": _yaml(rule.get("when", {}))}


def _edit_page(request: Request, runtime: Runtime, mode: str, fields: dict[str, str], base: str,
               errors: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    teams = sorted(load_active_config(runtime.store).routing.teams)
    return render(request, "admin_rule_edit.html", status, title="Edit alert rules", mode=mode, fields=fields,
                  base=base, errors=errors or {}, severities=SEVERITIES + (FROM_FLAG,), teams=teams)


@router.get("/admin/rules/edit")
def rule_edit(
    request: Request, rule: str | None = None, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        current = current_version(runtime.store, "rules")
    except VocError as exc:
        return error_page(request, exc)
    base = _version_key(current.version)
    if rule is None:
        text = current.text if current.text is not None else _yaml(dict(current.document))
        return _edit_page(request, runtime, "yaml", {"yaml": text}, base)
    found = next((r for r in current.document.get("rules", []) if r.get("id") == rule), None)
    if found is None:
        return render(request, "error.html", 404, title="Not found", message=f"no alert rule {rule[:100]!r}",
                      back="/admin/rules")
    return _edit_page(request, runtime, "rule", _rule_form(found), base)


def _candidate(document: dict[str, Any], form: dict[str, str]) -> tuple[str, int | None, dict[str, str]]:
    """The rule document with the form's rule in place of the one of the same id: (YAML text, the
    rule's index, problems by field found before the document is compiled)."""
    errors: dict[str, str] = {}
    rule_id = form.get("id", "")
    rules = document.get("rules") or []
    index = next((i for i, r in enumerate(rules) if isinstance(r, dict) and r.get("id") == rule_id), None)
    if index is None:
        raise ConflictError(f"rule {rule_id[:100]!r} is no longer in the active rules: edit it again")
    rule: dict[str, Any] = {"id": rule_id, "name": form.get("name", "").strip()}
    if form.get("description", "").strip():
        rule["description"] = form["description"].strip()
    rule["severity"] = form.get("severity", "")
    try:
        when = yaml.safe_load(_lines(form.get("when", "")))
    except (yaml.YAMLError, RecursionError) as exc:
        errors["when"] = f"not valid YAML: {exc}"
        when = None
    rule["when"] = when
    rule["enabled"] = form.get("enabled") == "1"
    if form.get("team", "").strip():
        rule["team"] = form["team"].strip()
    window = form.get("dedup_window_hours", "").strip()
    if window:
        try:
            rule["dedup_window_hours"] = float(window) if "." in window else int(window)
        except ValueError:
            errors["dedup_window_hours"] = "a number of hours"
    changed = copy.deepcopy(document)
    changed["rules"] = [dict(r) for r in rules]
    changed["rules"][index] = rule
    return yaml.safe_dump(changed, sort_keys=False, allow_unicode=True), index, errors


def _field_of(message: str, index: int | None, mode: str) -> str:
    """The form field a validation message is about ("general" when none is)."""
    if mode == "yaml":
        return "yaml"
    found = _RULE_PATH.match(message)
    if found and int(found.group(1)) == index and found.group(2) in RULE_FIELDS:
        return found.group(2)
    if _TEAM_PROBLEM.match(message):
        return "team"
    return "general"


def _day(value: str, what: str, end: bool = False) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidArgumentError(f"{what}: a date (YYYY-MM-DD)") from None
    return datetime.combine(day + timedelta(days=1 if end else 0), time(), tzinfo=timezone.utc)


@router.post("/admin/rules/preview")
async def rules_preview(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    """Validate the candidate and dry-run it over the stored comments; nothing is written."""
    form = await read_form(request)
    _proven_token(request, form)
    store = runtime.store
    mode = "rule" if form.get("mode") == "rule" else "yaml"
    current = await run_in_threadpool(current_version, store, "rules")
    base = _version_key(current.version)
    fields = {k: v for k, v in form.items() if k != CSRF_FIELD}
    index: int | None = None
    try:
        if mode == "rule":
            text, index, errors = _candidate(dict(current.document), form)
        else:
            text, errors = _lines(form.get("yaml", "")), {}
        if len(text) > DOCUMENT_MAX:
            raise ConfigError(f"the rule document is over {DOCUMENT_MAX:,} characters")
        if form.get("base") != base:
            raise ConflictError("the rules were saved by someone else since this form was opened: edit them again")
        since = _day(form.get("since", ""), "from")
        until = _day(form.get("until", ""), "to", end=True)
        if errors:
            return _edit_page(request, runtime, mode, fields, base, errors, 422)
        await run_in_threadpool(validate_rules, store, text)
        result = await run_in_threadpool(dry_run, store, text, since, until, EXAMPLES_PER_RULE)
    except ConfigError as exc:
        message = str(exc)
        return _edit_page(request, runtime, mode, fields, base, {_field_of(message, index, mode): message}, 422)
    except VocError as exc:
        return _edit_page(request, runtime, mode, fields, base, {"general": str(exc)}, status_for(exc))
    token = form.get(CSRF_FIELD, "")
    return render(request, "admin_rule_preview.html", title="Preview of the alert rules", result=result.to_dict(),
                  text=text, base=base, mac=_mac(token, base, text), mode=mode, fields=fields,
                  edited=form.get("id") if mode == "rule" else None, current=current.to_dict())


@router.post("/admin/rules/save")
async def rules_save(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    form = await read_form(request)
    _proven_token(request, form)
    text, base = _lines(form.get("yaml", "")), form.get("base", "")
    if not hmac.compare_digest(_mac(form.get(CSRF_FIELD, ""), base, text), form.get("mac", "")):
        return render(request, "error.html", 400, title="Preview first",
                      message="rules are saved from their preview: edit them and preview the dry run first",
                      back="/admin/rules")
    try:
        current = await run_in_threadpool(current_version, runtime.store, "rules")
        if _version_key(current.version) != base:
            raise ConflictError("the rules were saved by someone else since your preview: preview again")
        saved = await run_in_threadpool(save_rules, runtime.store, text, user.actor)
    except VocError as exc:
        return render(request, "error.html", status_for(exc), title="The rules were not saved", message=str(exc),
                      back="/admin/rules")
    return redirect(f"/admin/rules?saved={saved.version}")


# --------------------------------------------------------------------------- the model registry
def _models_page(request: Request, runtime: Runtime, status: int = 200, error: str | None = None,
                 notice: str | None = None) -> HTMLResponse:
    listing = ModelRegistry(runtime.settings).list().to_dict()
    return render(request, "admin_models.html", status, title="Models", listing=listing, kinds=MODEL_KINDS,
                  used=runtime.store.model_versions(), error=error, notice=notice,
                  can_roll_back={k: any(e["kind"] == k for e in listing["history"])
                                 and listing["active"][k]["origin"] == "promoted" for k in MODEL_KINDS})


@router.get("/admin/models")
def models_page(
    request: Request, notice: str | None = None, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        return _models_page(request, runtime, notice=(notice or "")[:300] or None)
    except VocError as exc:
        return error_page(request, exc)


@router.post("/admin/models/promote")
async def model_promote(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    """Promote a model the listing shows (a shipped version or an earlier promoted copy): the same
    `ModelRegistry.promote` as `voc models promote`, with its checks."""
    form = await read_form(request)
    registry = ModelRegistry(runtime.settings)

    def work() -> str:
        listed = [m for m in registry.list().models
                  if m.kind == form.get("kind") and m.name == form.get("name") and m.source == form.get("source")]
        if not listed:
            raise InvalidArgumentError("no such model in the listing: promote one it shows")
        return registry.promote(listed[0].path, actor=user.actor).summary()

    try:
        notice = await run_in_threadpool(work)
    except VocError as exc:
        _proven_token(request, form)
        return _models_page(request, runtime, status_for(exc), str(exc))
    return redirect("/admin/models?" + _query(notice=notice))


@router.post("/admin/models/rollback")
async def model_rollback(
    request: Request, user: Principal = Depends(page_user(*ADMIN)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    form = await read_form(request)
    registry = ModelRegistry(runtime.settings)
    try:
        notice = (await run_in_threadpool(registry.rollback, form.get("kind", ""), user.actor)).summary()
    except VocError as exc:
        _proven_token(request, form)
        return _models_page(request, runtime, status_for(exc), str(exc))
    return redirect("/admin/models?" + _query(notice=notice))
