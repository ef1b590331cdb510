"""Dry run of a rule set over stored comments: what it would have raised, and how many cases.

Comments are replayed oldest first with the same de-duplication as at ingest (one open case per
customer and rule within the rule's window, measured on the comments' own times). Simulated cases
never close, so the count is what the rules would have opened before anyone worked a case.
Nothing is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping

from voc_engine.alerting.config import load_active_config
from voc_engine.alerting.routing import Routing
from voc_engine.alerting.rules import SEVERITIES, Facts, RuleSet, parse_rules

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore


@dataclass
class DryRunResult:
    since: datetime | None
    until: datetime | None
    rules: list[str]
    comments: int = 0
    alerts: int = 0
    matches: dict[str, int] = field(default_factory=dict)  # rule -> comments matched
    cases: int = 0
    cases_by_rule: dict[str, int] = field(default_factory=dict)  # the rule a case opens under
    cases_by_severity: dict[str, int] = field(default_factory=dict)
    cases_by_team: dict[str, int] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "rules": self.rules,
            "comments_evaluated": self.comments,
            "alerts": self.alerts,
            "matches_by_rule": self.matches,
            "cases_opened": self.cases,
            "cases_by_rule": self.cases_by_rule,
            "cases_by_severity": self.cases_by_severity,
            "cases_by_team": self.cases_by_team,
            "examples": self.examples,
        }

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(
            [
                {"rule": rule, "matches": self.matches.get(rule, 0), "cases_opened": self.cases_by_rule.get(rule, 0)}
                for rule in self.rules
            ]
        )

    def summary(self) -> str:
        period = f"{_day(self.since)} to {_day(self.until)}"
        lines = [
            f"Dry run over {self.comments} stored comments ({period}):",
            f"  {self.alerts} alerts would have opened {self.cases} cases",
            "  " + ", ".join(f"{s}: {self.cases_by_severity.get(s, 0)}" for s in reversed(SEVERITIES)),
            "",
            f"  {'rule':<28} {'matches':>8} {'cases':>6}",
        ]
        for rule in self.rules:
            lines.append(f"  {rule:<28} {self.matches.get(rule, 0):>8} {self.cases_by_rule.get(rule, 0):>6}")
        if self.cases_by_team:
            lines += ["", "  cases by team: " + ", ".join(f"{t}: {n}" for t, n in sorted(self.cases_by_team.items()))]
        if self.examples:
            lines += ["", "Examples:"]
            for example in self.examples:
                text = (example["text"] or "").replace("\n", " ")
                lines.append(f"  [{example['severity']}] {example['rule']} ({example['created_at'][:10]}): {text[:90]}")
        return "\n".join(lines)


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "…"


def dry_run(
    store: "FeedbackStore",
    rules: RuleSet | str | Mapping[str, Any] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    examples_per_rule: int = 3,
    routing: Routing | None = None,
) -> DryRunResult:
    """Replay stored comments (created in [since, until)) through `rules` (default: the active set)."""
    from voc_engine.store.filters import CommentFilter

    active = load_active_config(store)
    if rules is None:
        rules = active.rules
    else:
        if not isinstance(rules, RuleSet):
            rules = parse_rules(rules)
        # `severity: flag` reads the store's flag configuration, as at ingest.
        rules = rules.with_flag_severity({f.name: f.severity for f in active.flags.flags})
    routing = routing or active.routing
    result = DryRunResult(since, until, [r.id for r in rules.rules])
    hits = []
    for item in store.iter_comments(CommentFilter(since=since, until=until)):
        result.comments += 1
        facts = Facts.from_item(item)
        matched = rules.evaluate(facts)
        if matched:
            hits.append((datetime.fromisoformat(item["created_at"]), item["id"], item, facts, matched))
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    matches: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_team: Counter[str] = Counter()
    open_cases: dict[str, list[tuple[datetime, set[str]]]] = {}
    for at, _, item, facts, matched in hits:
        result.alerts += len(matched)
        matches.update(r.id for r in matched)
        customer = item.get("customer_id")
        joined = None
        for opened_at, case_rules in reversed(open_cases.get(customer, [])) if customer else ():
            if any(r.id in case_rules and opened_at >= at - r.dedup_window for r in matched):
                joined = case_rules
                break
        if joined is not None:
            joined.update(r.id for r in matched)
            continue
        primary = rules.primary(matched)
        if customer:
            open_cases.setdefault(customer, []).append((at, {r.id for r in matched}))
        result.cases += 1
        by_rule[primary.id] += 1
        by_severity[primary.severity] += 1
        by_team[routing.route(facts, primary)[0]] += 1
        if by_rule[primary.id] <= examples_per_rule:
            result.examples.append(
                {
                    "comment_id": item["id"],
                    "created_at": item["created_at"],
                    "customer_id": customer,
                    "rule": primary.id,
                    "severity": primary.severity,
                    "matched": [r.id for r in matched],
                    "text": (item.get("text") or "")[:300],
                    "scores": item.get("scores") or {},
                    "sentiment": facts.sentiment_label,
                }
            )
    result.matches = {r: matches.get(r, 0) for r in result.rules}
    result.cases_by_rule = {r: by_rule.get(r, 0) for r in result.rules}
    result.cases_by_severity = {s: by_severity.get(s, 0) for s in SEVERITIES}
    result.cases_by_team = dict(by_team)
    return result
