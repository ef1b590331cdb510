"""Dry run of a flag configuration over stored comments: which would gain or lose each flag.

Both the active configuration and the proposed one are applied afresh, with the scoring
pipeline's own steps, to each stored comment's redacted text (the text the pipeline scored), so
a difference comes from the configurations alone, not from models or configurations that
changed since the comment was stored. The flag model runs once per comment (an encoder pass)
when either configuration lets it raise a flag; with phrases alone only spaCy runs. Comments
are read newest first, at most ``limit`` of them. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping

from voc_engine.nlp.taxonomy import FlagSet, parse_flags

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.repository import FeedbackStore

DEFAULT_LIMIT = 5000
BATCH = 256


@dataclass
class FlagCounts:
    before: int = 0  # comments the active configuration flags
    after: int = 0  # comments the proposed configuration flags
    gained: int = 0
    lost: int = 0
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"gained": [], "lost": []})

    def to_dict(self) -> dict[str, Any]:
        return {"before": self.before, "after": self.after, "gained": self.gained, "lost": self.lost,
                "examples": self.examples}


@dataclass
class FlagDryRun:
    since: datetime | None
    until: datetime | None
    active_version: int | None
    flags: dict[str, FlagCounts]
    comments: int = 0
    limit: int | None = None
    limited: bool = False  # more comments matched than were read

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "active_version": self.active_version,
            "comments_evaluated": self.comments,
            "limit": self.limit,
            "limited": self.limited,
            "flags": {name: counts.to_dict() for name, counts in self.flags.items()},
        }

    def summary(self) -> str:
        active = f"version {self.active_version}" if self.active_version else "the shipped default"
        more = f" (the newest {self.limit}; more matched)" if self.limited else ""
        lines = [f"Flag dry run over {self.comments} stored comments{more}, against the active "
                 f"configuration ({active}):", "",
                 f"  {'flag':<24} {'before':>7} {'after':>7} {'gained':>7} {'lost':>7}"]
        for name, c in self.flags.items():
            lines.append(f"  {name:<24} {c.before:>7} {c.after:>7} {c.gained:>7} {c.lost:>7}")
        examples = [(name, kind, e) for name, c in self.flags.items() for kind in ("gained", "lost")
                    for e in c.examples[kind]]
        if examples:
            lines += ["", "Examples (redacted text):"]
            for name, kind, example in examples:
                text = (example["text"] or "").replace("\n", " ")
                lines.append(f"  {kind} {name} (#{example['comment_id']}, by {example['by'] or '-'}): {text[:90]}")
        return "\n".join(lines)


def dry_run_flags(
    store: "FeedbackStore",
    proposed: FlagSet | str | Mapping[str, Any],
    since: datetime | None = None,
    until: datetime | None = None,
    examples_per_flag: int = 3,
    limit: int | None = DEFAULT_LIMIT,
    pipeline: "Pipeline | None" = None,
) -> FlagDryRun:
    """Compare ``proposed`` with the store's active flag configuration over stored comments
    created in [since, until). ``pipeline``: the one to score with (default: the shipped models,
    loaded now)."""
    from voc_engine.alerting.config import active_flags
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.filters import CommentFilter

    proposed = parse_flags(proposed)  # a bad document fails before any comment is read
    version, active = active_flags(store)
    pipeline = pipeline or Pipeline.default(store.settings)
    names = list(dict.fromkeys([*active.names, *proposed.names]))
    result = FlagDryRun(since, until, version, {name: FlagCounts() for name in names}, limit=limit)
    batch: list[dict[str, Any]] = []

    def run(items: list[dict[str, Any]]) -> None:
        compared = pipeline.compare_flags([item.get("text") or "" for item in items], [active, proposed])
        for item, (before, after) in zip(items, compared):
            result.comments += 1
            for name in names:
                counts = result.flags[name]
                was, now = name in before, name in after
                counts.before += was
                counts.after += now
                if was == now:
                    continue
                kind = "gained" if now else "lost"
                setattr(counts, kind, getattr(counts, kind) + 1)
                if len(counts.examples[kind]) < examples_per_flag:
                    counts.examples[kind].append({
                        "comment_id": item["id"],
                        "created_at": item["created_at"],
                        "by": (after if now else before)[name],  # rule, model or rule+model
                        "text": (item.get("text") or "")[:300],  # stored redacted
                    })

    for item in store.iter_comments(CommentFilter(since=since, until=until)):
        if limit is not None and result.comments + len(batch) >= limit:
            result.limited = True
            break
        batch.append(item)
        if len(batch) >= BATCH:
            run(batch)
            batch = []
    if batch:
        run(batch)
    return result
