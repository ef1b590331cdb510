"""Alert rules: a small declarative condition language in YAML, compiled once to plain closures.

Nothing a user writes is ever executed: a condition is a mapping whose keys come from a fixed
vocabulary, and compiling it builds Python closures over the values given. A mapping with
several keys means all of them. The vocabulary::

    all: [cond, ...]          any: [cond, ...]          not: cond
    nps: {lte: 6}             csat / ces likewise        score: {name: effort_index, gte: 5}
    sentiment: {label: negative, score: {lte: -0.8}}
    tag: billing_price        tag: [a, b]               tag: {name: a, sentiment: negative, min_confidence: 0.5}
    flag: churn_intent        flag: [legal_threat, safety]
    flag: "*"                 (any flag of the flag configuration; not the data-quality flags)
    channel / touchpoint / segment / journey_stage / source / language: value or [values]

A comparison is a number (equality) or a mapping of lt, lte, gt, gte, eq, ne, between: [lo, hi]
(inclusive) and in: [values]; a score the comment does not have never matches. A rule file::

    version: 1
    dedup_window_hours: 168        # one open case per customer and rule within this window
    max_comment_age_hours: 720     # older comments (a historical import) raise no alerts
    rules:
      - id: detractor_negative
        name: Detractor with a negative comment
        severity: high             # low | medium | high | critical | flag
        when: {nps: {between: [0, 6]}, sentiment: {label: negative}}

``severity: flag`` takes the case's severity from the flag configuration (``voc alerts flags``):
the highest severity among the comment's flags that the rule's flag conditions name (``"*"``:
any but the data-quality flags), evaluated per comment; a flag the configuration does not rate
counts as critical, one it rates ``none`` opens no case. Such a rule must have a flag condition.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping

import yaml

from voc_engine.config import RESOURCES_DIR
from voc_engine.errors import ConfigError
from voc_engine.nlp.taxonomy import DATA_QUALITY_FLAGS
from voc_engine.schema import SENTIMENT_LABELS, Enrichment

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.hooks import StoredComment

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")
SEVERITY_RANK: Mapping[str, int] = MappingProxyType({s: i for i, s in enumerate(SEVERITIES)})
DEFAULT_RULES_FILE = RESOURCES_DIR / "alert_rules.yaml"
FROM_FLAG = "flag"  # a rule severity: the flag configuration's, per comment
ANY_FLAG = "*"
UNRATED_FLAG_SEVERITY = "critical"  # as every flag opened cases before flags carried a severity
NO_CASE = "none"  # a flag severity: the flag is raised, but opens no case through `severity: flag`

COMMENT_FIELDS: tuple[str, ...] = (
    "channel",
    "touchpoint",
    "segment",
    "journey_stage",
    "source",
    "language",
)
# Known only once a rule matched: routing may use them, alert rules may not.
CASE_FIELDS: tuple[str, ...] = ("rule", "severity")
STANDARD_SCORES: tuple[str, ...] = ("nps", "csat", "ces")

_COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}
_RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")

Condition = Callable[["Facts"], bool]


# --------------------------------------------------------------------------- facts
@dataclass(frozen=True, slots=True)
class Facts:
    """What a condition can look at, gathered once per comment."""

    scores: Mapping[str, float] = field(default_factory=dict)
    sentiment_label: str | None = None
    sentiment_score: float | None = None
    tags: Mapping[str, tuple[float, str | None]] = field(default_factory=dict)  # name -> (confidence, sentiment)
    flags: frozenset[str] = frozenset()
    fields: Mapping[str, str | None] = field(
        default_factory=dict
    )  # channel, touchpoint, ... (+ rule, severity when routing)

    @classmethod
    def from_enrichment(
        cls,
        enrichment: Enrichment,
        scores: Mapping[str, float] | None = None,
        **fields: str | None,
    ) -> "Facts":
        sentiment = enrichment.sentiment
        fields.setdefault("language", enrichment.language)
        return cls(
            scores=dict(scores or {}),
            sentiment_label=sentiment.label if sentiment else None,
            sentiment_score=float(sentiment.score) if sentiment else None,
            tags={t.name: (float(t.confidence), t.sentiment) for t in enrichment.tags},
            flags=frozenset(enrichment.flags),
            fields=fields,
        )

    @classmethod
    def from_stored(cls, comment: "StoredComment") -> "Facts":
        """From what an ingest hook receives."""
        return cls.from_enrichment(
            comment.enrichment,
            comment.scores,
            channel=comment.channel,
            touchpoint=comment.touchpoint,
            segment=comment.segment,
            journey_stage=comment.journey_stage,
            source=comment.source,
        )

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> "Facts":
        """From a stored comment as `FeedbackStore.list_comments` returns it."""
        record = item.get("enrichment") or {}
        sentiment = record.get("sentiment") or None
        return cls(
            scores=dict(item.get("scores") or {}),
            sentiment_label=sentiment["label"] if sentiment else None,
            sentiment_score=float(sentiment["score"]) if sentiment else None,
            tags={t["name"]: (float(t["confidence"]), t.get("sentiment")) for t in record.get("tags") or []},
            flags=frozenset(record.get("flags") or ()),
            fields={name: item.get(name) for name in COMMENT_FIELDS},
        )

    def with_fields(self, **extra: str | None) -> "Facts":
        return replace(self, fields={**self.fields, **extra})


# --------------------------------------------------------------------------- compiling conditions
def compile_condition(spec: Any, path: str = "when", *, case_fields: bool = False) -> Condition:
    """A condition as a function of `Facts`; a ConfigError names the offending path otherwise."""
    if not isinstance(spec, Mapping) or not spec:
        raise ConfigError(f"{path}: a condition is a non-empty mapping, got {_show(spec)}")
    parts = [_compile_key(str(key), value, f"{path}.{key}", case_fields) for key, value in spec.items()]
    return parts[0] if len(parts) == 1 else _all_of(parts)


def _compile_key(key: str, value: Any, path: str, case_fields: bool) -> Condition:
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConfigError(f"{path}: expects a non-empty list of conditions")
        parts = [compile_condition(v, f"{path}[{i}]", case_fields=case_fields) for i, v in enumerate(value)]
        if len(parts) == 1:
            return parts[0]
        return _all_of(parts) if key == "all" else _any_of(parts)
    if key == "not":
        inner = compile_condition(value, path, case_fields=case_fields)
        return lambda facts: not inner(facts)
    if key in STANDARD_SCORES:
        return _score_condition(key, _compile_comparison(value, path))
    if key == "score":
        if not isinstance(value, Mapping) or "name" not in value:
            raise ConfigError(f"{path}: expects {{name: <score>, <comparison>}}, e.g. {{name: nps, lte: 6}}")
        name = value["name"]
        if not isinstance(name, str) or not name:
            raise ConfigError(f"{path}.name: a score name, got {_show(name)}")
        rest = {k: v for k, v in value.items() if k != "name"}
        return _score_condition(name, _compile_comparison(rest, path))
    if key == "sentiment":
        return _sentiment_condition(value, path)
    if key == "tag":
        return _tag_condition(value, path)
    if key == "flag":
        flags = _names(value, path)
        if ANY_FLAG in flags:
            return lambda facts: any(f not in DATA_QUALITY_FLAGS for f in facts.flags)
        return lambda facts: not flags.isdisjoint(facts.flags)
    if key in COMMENT_FIELDS or (case_fields and key in CASE_FIELDS):
        if key == "severity":
            _check_severities(_names(value, path), path)
        return _field_condition(key, _names(value, path))
    known = [
        "all",
        "any",
        "not",
        *STANDARD_SCORES,
        "score",
        "sentiment",
        "tag",
        "flag",
        *COMMENT_FIELDS,
    ]
    if case_fields:
        known += CASE_FIELDS
    raise ConfigError(f"{path}: unknown condition {key!r} (known: {', '.join(known)})")


def _all_of(parts: list[Condition]) -> Condition:
    if len(parts) == 2:
        first, second = parts
        return lambda facts: first(facts) and second(facts)
    parts_t = tuple(parts)

    def condition(facts: Facts) -> bool:
        for part in parts_t:
            if not part(facts):
                return False
        return True

    return condition


def _any_of(parts: list[Condition]) -> Condition:
    if len(parts) == 2:
        first, second = parts
        return lambda facts: first(facts) or second(facts)
    parts_t = tuple(parts)

    def condition(facts: Facts) -> bool:
        for part in parts_t:
            if part(facts):
                return True
        return False

    return condition


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{path}: expects a number, got {_show(value)}")
    return float(value)


def _compile_comparison(spec: Any, path: str) -> Callable[[float], bool]:
    """A number test. Several operators must all hold (`{gte: 0, lte: 6}` is a range)."""
    if not isinstance(spec, Mapping):
        target = _number(spec, path)
        return lambda x: x == target
    if not spec:
        raise ConfigError(f"{path}: expects a comparison such as {{lte: 6}}")
    checks: list[Callable[[float], bool]] = []
    for op_name, operand in spec.items():
        where = f"{path}.{op_name}"
        if op_name in _COMPARATORS:
            compare, bound = _COMPARATORS[op_name], _number(operand, where)
            checks.append(lambda x, compare=compare, bound=bound: compare(x, bound))
        elif op_name == "between":
            if not isinstance(operand, list) or len(operand) != 2:
                raise ConfigError(f"{where}: expects [low, high]")
            low, high = (
                _number(operand[0], f"{where}[0]"),
                _number(operand[1], f"{where}[1]"),
            )
            if low > high:
                raise ConfigError(f"{where}: low {low:g} is above high {high:g}")
            checks.append(lambda x, low=low, high=high: low <= x <= high)
        elif op_name == "in":
            if not isinstance(operand, list) or not operand:
                raise ConfigError(f"{where}: expects a non-empty list of numbers")
            allowed = frozenset(_number(v, f"{where}[{i}]") for i, v in enumerate(operand))
            checks.append(lambda x, allowed=allowed: x in allowed)
        else:
            raise ConfigError(
                f"{where}: unknown comparison {op_name!r} (known: {', '.join([*_COMPARATORS, 'between', 'in'])})"
            )
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    checks_t = tuple(checks)
    return lambda x: all(check(x) for check in checks_t)


def _score_condition(name: str, test: Callable[[float], bool]) -> Condition:
    def condition(facts: Facts) -> bool:
        value = facts.scores.get(name)
        return value is not None and test(value)

    return condition


def _names(value: Any, path: str) -> frozenset[str]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{path}: expects a name or a non-empty list of names, got {_show(value)}")
    return frozenset(values)


def _labels(value: Any, path: str) -> frozenset[str]:
    labels = _names(value, path)
    unknown = labels - set(SENTIMENT_LABELS)
    if unknown:
        raise ConfigError(f"{path}: unknown sentiment {sorted(unknown)} (known: {', '.join(SENTIMENT_LABELS)})")
    return labels


def _check_severities(values: frozenset[str], path: str) -> None:
    unknown = values - set(SEVERITIES)
    if unknown:
        raise ConfigError(f"{path}: unknown severity {sorted(unknown)} (known: {', '.join(SEVERITIES)})")


def _check_keys(spec: Mapping, allowed: tuple[str, ...], path: str) -> None:
    extra = [k for k in spec if k not in allowed]
    if extra:
        raise ConfigError(f"{path}: unknown key {extra[0]!r} (known: {', '.join(allowed)})")


def _sentiment_condition(spec: Any, path: str) -> Condition:
    if not isinstance(spec, Mapping) or not spec:
        raise ConfigError(f"{path}: expects {{label: ..., score: ...}} (either or both)")
    _check_keys(spec, ("label", "score"), path)
    labels = _labels(spec["label"], f"{path}.label") if "label" in spec else None
    score_test = _compile_comparison(spec["score"], f"{path}.score") if "score" in spec else None

    def condition(facts: Facts) -> bool:
        if labels is not None and facts.sentiment_label not in labels:
            return False
        if score_test is not None and (facts.sentiment_score is None or not score_test(facts.sentiment_score)):
            return False
        return True

    return condition


def _tag_condition(spec: Any, path: str) -> Condition:
    if not isinstance(spec, Mapping):
        names = _names(spec, path)
        return lambda facts: not names.isdisjoint(facts.tags)
    _check_keys(spec, ("name", "sentiment", "min_confidence"), path)
    if "name" not in spec:
        raise ConfigError(f"{path}: expects a tag name, e.g. {{name: billing_price, sentiment: negative}}")
    names = _names(spec["name"], f"{path}.name")
    labels = _labels(spec["sentiment"], f"{path}.sentiment") if "sentiment" in spec else None
    floor = _number(spec["min_confidence"], f"{path}.min_confidence") if "min_confidence" in spec else None

    def condition(facts: Facts) -> bool:
        for name in names:
            found = facts.tags.get(name)
            if found is None:
                continue
            confidence, sentiment = found
            if (floor is None or confidence >= floor) and (labels is None or sentiment in labels):
                return True
        return False

    return condition


def _field_condition(name: str, values: frozenset[str]) -> Condition:
    return lambda facts: facts.fields.get(name) in values


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------- rules and rule sets
@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    when: Mapping[str, Any]
    test: Condition = field(repr=False, compare=False)
    dedup_window: timedelta = timedelta(days=7)
    team: str | None = None
    description: str | None = None
    enabled: bool = True
    # `severity: flag`: the flags its conditions name (None: "*", any configured flag).
    flag_names: frozenset[str] | None = None

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def resolved(self, facts: Facts, flag_severity: Mapping[str, str]) -> "Rule | None":
        """This rule as it matched ``facts``: with ``severity: flag``, at the highest severity the
        flag configuration gives the comment's flags it names (unrated: critical); None when
        every such flag is rated ``none`` (raised, but opening no case)."""
        if self.severity != FROM_FLAG:
            return self
        named = [f for f in facts.flags if f not in DATA_QUALITY_FLAGS
                 and (self.flag_names is None or f in self.flag_names)]
        rated = [flag_severity.get(f, UNRATED_FLAG_SEVERITY) for f in named]
        ranks = [SEVERITY_RANK.get(r, SEVERITY_RANK[UNRATED_FLAG_SEVERITY]) for r in rated if r != NO_CASE]
        if named and not ranks:
            return None
        return replace(self, severity=SEVERITIES[max(ranks)] if ranks else UNRATED_FLAG_SEVERITY)


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules of one document; `evaluate` is the hot path at ingest."""

    rules: tuple[Rule, ...]
    document: Mapping[str, Any]
    max_comment_age: timedelta | None = None
    # The flag configuration's severity per flag (rules with `severity: flag` read it).
    flag_severity: Mapping[str, str] = field(default_factory=dict)
    _enabled: tuple[Rule, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_enabled", tuple(r for r in self.rules if r.enabled))

    def with_flag_severity(self, flag_severity: Mapping[str, str]) -> "RuleSet":
        return replace(self, flag_severity=MappingProxyType(dict(flag_severity)))

    def evaluate(self, facts: Facts) -> list[Rule]:
        """The enabled rules that match, in file order (a `severity: flag` rule at the severity
        of this comment's flags)."""
        matched = (rule.resolved(facts, self.flag_severity) for rule in self._enabled if rule.test(facts))
        return [rule for rule in matched if rule is not None]

    @staticmethod
    def primary(matched: list[Rule]) -> Rule:
        """The rule a case is opened under: the most severe, the first of equals."""
        return max(matched, key=lambda r: r.rank)  # max keeps the first of equal keys

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def __len__(self) -> int:
        return len(self.rules)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.document)


_RULESET_KEYS = ("version", "dedup_window_hours", "max_comment_age_hours", "rules")
_RULE_KEYS = (
    "id",
    "name",
    "description",
    "severity",
    "when",
    "enabled",
    "team",
    "dedup_window_hours",
)


def _document(source: str | Mapping[str, Any], what: str) -> dict[str, Any]:
    if isinstance(source, str):
        try:
            source = yaml.safe_load(source)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{what}: not valid YAML: {exc}") from exc
        except RecursionError:  # nested deeper than the parser goes
            raise ConfigError(f"{what}: nested too deeply") from None
    if not isinstance(source, Mapping):
        raise ConfigError(f"{what}: expects a mapping at the top level")
    where = _nul_path(source, "")
    if where is not None:
        # PostgreSQL cannot store text with NUL: a rule name with one saves (the document is
        # escaped JSON) but then fails every ingest that opens its case.
        raise ConfigError(f"{what}: {where or 'a key'}: text may not contain NUL (\\u0000) characters")
    return dict(source)


def _nul_path(document: Any, root: str) -> str | None:
    """Where the first string (key or value) with a NUL character is, or None. Iterative: a
    document may nest deeper than the recursion limit; each container once: YAML aliases can
    make a small document an exponentially large tree."""
    stack, seen = [(root, document)], set()
    while stack:
        path, value = stack.pop()
        if isinstance(value, (Mapping, list, tuple)):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, str):
            if "\x00" in value:
                return path
        elif isinstance(value, Mapping):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and "\x00" in key:
                    return path
                stack.append((f"{path}.{key}" if path else str(key), item))
        elif isinstance(value, (list, tuple)):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


def _hours(value: Any, path: str, *, allow_none: bool = False) -> timedelta | None:
    if value is None and allow_none:
        return None
    hours = _number(value, path)
    if hours <= 0:
        raise ConfigError(f"{path}: expects a positive number of hours")
    return timedelta(hours=hours)


def parse_rules(source: str | Mapping[str, Any]) -> RuleSet:
    """Validate and compile a rule document (YAML text or the parsed mapping)."""
    document = _document(source, "alert rules")
    _check_keys(document, _RULESET_KEYS, "alert rules")
    if document.get("version", 1) != 1:
        raise ConfigError(f"alert rules: version {document.get('version')!r} is not supported (1 is)")
    window = _hours(document.get("dedup_window_hours", 168), "dedup_window_hours")
    max_age = _hours(
        document.get("max_comment_age_hours", 720),
        "max_comment_age_hours",
        allow_none=True,
    )
    raw_rules = document.get("rules")
    if not isinstance(raw_rules, list):
        raise ConfigError("alert rules: 'rules' must be a list (it may be empty)")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_rules):
        path = f"rules[{i}]"
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{path}: expects a mapping")
        _check_keys(raw, _RULE_KEYS, path)
        for required in ("id", "severity", "when"):
            if required not in raw:
                raise ConfigError(f"{path}: '{required}' is required")
        rule_id = raw["id"]
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            raise ConfigError(f"{path}.id: letters, digits, '_', '.', '-' (at most 100), got {_show(rule_id)}")
        if rule_id in seen:
            raise ConfigError(f"{path}.id: {rule_id!r} is used twice")
        seen.add(rule_id)
        severity = raw["severity"]
        if severity not in SEVERITIES and severity != FROM_FLAG:
            raise ConfigError(
                f"{path}.severity: one of {', '.join(SEVERITIES)} or {FROM_FLAG}, got {_show(severity)}")
        flag_names = None
        if severity == FROM_FLAG:
            named = _flag_conditions(raw["when"])
            if not named:
                raise ConfigError(f"{path}.severity: 'flag' needs a flag condition in 'when' to take it from")
            flag_names = None if ANY_FLAG in named else frozenset(named)
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{path}.enabled: true or false")
        team = raw.get("team")
        if team is not None and (not isinstance(team, str) or not team):
            raise ConfigError(f"{path}.team: a team name")
        name = raw.get("name", rule_id)
        if not isinstance(name, str) or not name:
            raise ConfigError(f"{path}.name: a non-empty string")
        rules.append(
            Rule(
                id=rule_id,
                name=name[:200],
                severity=severity,
                when=raw["when"],
                test=compile_condition(raw["when"], f"{path}.when"),
                dedup_window=_hours(raw["dedup_window_hours"], f"{path}.dedup_window_hours")
                if "dedup_window_hours" in raw
                else window,
                team=team,
                description=raw.get("description"),
                enabled=enabled,
                flag_names=flag_names,
            )
        )
    return RuleSet(tuple(rules), document, max_age)


def _flag_conditions(spec: Any) -> set[str]:
    """Every flag name the `flag` conditions of a (compiled, so well-formed) condition name."""
    found: set[str] = set()
    if isinstance(spec, Mapping):
        for key, value in spec.items():
            if key == "flag":
                found.update(value if isinstance(value, list) else [value])
            else:
                found.update(_flag_conditions(value))
    elif isinstance(spec, list):
        for item in spec:
            found.update(_flag_conditions(item))
    return found


def load_rules(path: Path | str | None = None) -> RuleSet:
    """A rule file; the shipped defaults without a path."""
    path = Path(path) if path else DEFAULT_RULES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read alert rules {path}: {exc.strerror}") from exc
    return parse_rules(text)
