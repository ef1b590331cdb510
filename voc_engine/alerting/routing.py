"""Routing: which team (and optionally which person) a case goes to, its SLA, and the team's webhooks.

The document format is described in `voc_engine/resources/routing.yaml`. Routes reuse the alert
rule condition language (`rules.compile_condition`) with `rule` and `severity` added.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlparse

from voc_engine.alerting.rules import (
    SEVERITIES,
    Condition,
    Facts,
    Rule,
    _check_keys,
    _document,
    _hours,
    _show,
    compile_condition,
)
from voc_engine.config import RESOURCES_DIR
from voc_engine.errors import ConfigError

DEFAULT_ROUTING_FILE = RESOURCES_DIR / "routing.yaml"
OUTCOMES: tuple[str, ...] = (
    "customer_contacted",
    "could_not_reach",
    "no_action_needed",
)
ASSIGNMENTS: tuple[str, ...] = ("round_robin", "none")
SECRET_MASK = "********"


@dataclass(frozen=True)
class Webhook:
    name: str
    url: str
    secret: str | None = None
    secret_env: str | None = None

    def resolve_secret(self) -> str:
        """The HMAC key; from the environment when `secret_env` names a variable."""
        if self.secret_env:
            value = os.environ.get(self.secret_env)
            if not value:
                raise ConfigError(f"webhook {self.name!r}: environment variable {self.secret_env} is not set")
            return value
        assert self.secret is not None  # parse_routing insists on one of the two
        return self.secret


@dataclass(frozen=True)
class Team:
    name: str
    webhooks: tuple[Webhook, ...] = ()
    assignment: str = "round_robin"


@dataclass(frozen=True)
class Route:
    when: Mapping[str, Any]
    test: Condition
    team: str
    owner: str | None = None


@dataclass(frozen=True)
class Sla:
    first_response: timedelta
    close: timedelta


@dataclass(frozen=True)
class Routing:
    teams: Mapping[str, Team]
    routes: tuple[Route, ...]
    default_team: str
    sla: Mapping[str, Sla]
    resolution_codes: tuple[str, ...]
    document: Mapping[str, Any]

    def route(self, facts: Facts, rule: Rule) -> tuple[str, str | None]:
        """(team, owner name or None) for a case opened under `rule`; a rule's own team wins."""
        if rule.team and rule.team in self.teams:
            return rule.team, None
        facts = facts.with_fields(rule=rule.id, severity=rule.severity)
        for route in self.routes:
            if route.test(facts):
                return route.team, route.owner
        return self.default_team, None

    def webhooks_for(self, team: str | None) -> tuple[Webhook, ...]:
        found = self.teams.get(team) if team else None
        return found.webhooks if found else ()

    def webhook(self, team: str, name: str) -> Webhook | None:
        return next((w for w in self.webhooks_for(team) if w.name == name), None)

    def sla_for(self, severity: str) -> Sla:
        return self.sla[severity]

    def public_document(self) -> dict[str, Any]:
        """The document with literal webhook secrets masked (what GET shows)."""
        document = copy.deepcopy(dict(self.document))
        for team in (document.get("teams") or {}).values():
            for hook in (team or {}).get("webhooks") or []:
                if hook.get("secret"):
                    hook["secret"] = SECRET_MASK
        return document

    def to_dict(self) -> dict[str, Any]:
        return self.public_document()


_ROUTING_KEYS = (
    "version",
    "default_team",
    "teams",
    "routes",
    "sla",
    "resolution_codes",
)


def parse_routing(source: str | Mapping[str, Any]) -> Routing:
    """Validate and compile a routing document (YAML text or the parsed mapping)."""
    document = _document(source, "routing")
    _check_keys(document, _ROUTING_KEYS, "routing")
    if document.get("version", 1) != 1:
        raise ConfigError(f"routing: version {document.get('version')!r} is not supported (1 is)")
    raw_teams = document.get("teams")
    if not isinstance(raw_teams, Mapping) or not raw_teams:
        raise ConfigError("routing.teams: a mapping of team names (at least one)")
    teams = {str(name): _team(str(name), spec) for name, spec in raw_teams.items()}
    default_team = document.get("default_team")
    if default_team not in teams:
        raise ConfigError(f"routing.default_team: one of the teams ({', '.join(teams)}), got {_show(default_team)}")
    raw_routes = document.get("routes") or []
    if not isinstance(raw_routes, list):
        raise ConfigError("routing.routes: a list")
    routes = tuple(_route(spec, f"routes[{i}]", teams) for i, spec in enumerate(raw_routes))
    raw_sla = document.get("sla")
    if not isinstance(raw_sla, Mapping) or set(raw_sla) != set(SEVERITIES):
        raise ConfigError(f"routing.sla: one entry per severity ({', '.join(SEVERITIES)})")
    sla = {}
    for severity in SEVERITIES:
        spec = raw_sla[severity]
        path = f"sla.{severity}"
        if not isinstance(spec, Mapping):
            raise ConfigError(f"{path}: expects {{first_response_hours: ..., close_hours: ...}}")
        _check_keys(spec, ("first_response_hours", "close_hours"), path)
        for key in ("first_response_hours", "close_hours"):
            if key not in spec:
                raise ConfigError(f"{path}.{key} is required")
        first = _hours(spec["first_response_hours"], f"{path}.first_response_hours")
        close = _hours(spec["close_hours"], f"{path}.close_hours")
        if first > close:
            raise ConfigError(f"{path}: the first response cannot be due after the close")
        sla[severity] = Sla(first, close)
    codes = document.get("resolution_codes")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and c for c in codes):
        raise ConfigError("routing.resolution_codes: a non-empty list of codes")
    return Routing(teams, routes, default_team, sla, tuple(codes), document)


def _team(name: str, spec: Any) -> Team:
    path = f"teams.{name}"
    spec = spec or {}
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{path}: a mapping (may be empty)")
    _check_keys(spec, ("webhooks", "assignment"), path)
    assignment = spec.get("assignment", "round_robin")
    if assignment not in ASSIGNMENTS:
        raise ConfigError(f"{path}.assignment: one of {', '.join(ASSIGNMENTS)}")
    hooks = spec.get("webhooks") or []
    if not isinstance(hooks, list):
        raise ConfigError(f"{path}.webhooks: a list")
    webhooks = tuple(_webhook(h, f"{path}.webhooks[{i}]") for i, h in enumerate(hooks))
    names = [w.name for w in webhooks]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}.webhooks: names must be unique within a team")
    return Team(name, webhooks, assignment)


def _webhook(spec: Any, path: str) -> Webhook:
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{path}: expects {{name, url, secret_env or secret}}")
    _check_keys(spec, ("name", "url", "secret", "secret_env"), path)
    name, url = spec.get("name"), spec.get("url")
    if not isinstance(name, str) or not name or len(name) > 100:
        raise ConfigError(f"{path}.name: a name of at most 100 characters")
    parsed = urlparse(url) if isinstance(url, str) else None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"{path}.url: an http(s) URL, got {_show(url)}")
    secret, secret_env = spec.get("secret"), spec.get("secret_env")
    if bool(secret) == bool(secret_env):
        raise ConfigError(f"{path}: give exactly one of secret_env (preferred) or secret")
    if secret == SECRET_MASK:
        raise ConfigError(f"{path}.secret: the masked value was sent back; give the real secret or secret_env")
    return Webhook(name, url, secret or None, secret_env or None)


def _route(spec: Any, path: str, teams: Mapping[str, Team]) -> Route:
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{path}: expects {{when, team, owner?}}")
    _check_keys(spec, ("when", "team", "owner"), path)
    if spec.get("team") not in teams:
        raise ConfigError(f"{path}.team: one of the teams ({', '.join(teams)}), got {_show(spec.get('team'))}")
    owner = spec.get("owner")
    if owner is not None and (not isinstance(owner, str) or not owner):
        raise ConfigError(f"{path}.owner: a user name")
    if "when" not in spec:
        raise ConfigError(f"{path}.when is required")
    return Route(
        spec["when"],
        compile_condition(spec["when"], f"{path}.when", case_fields=True),
        spec["team"],
        owner,
    )


def load_routing(path: Path | str | None = None) -> Routing:
    path = Path(path) if path else DEFAULT_ROUTING_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read routing {path}: {exc.strerror}") from exc
    return parse_routing(text)
