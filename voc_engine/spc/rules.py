"""Run rules (Western Electric 1-4, Nelson 1-8) on standardized chart points.

Every rule works on ``z``, the distance of each point from the centre line in
units of that point's own sigma, so charts whose limits step with the sample
size are judged point by point. Rules 3 and 4 of Nelson (trend, alternation)
look at the plotted values themselves, because a drift is a property of the
values, not of their distance to the centre line.

The flag functions work along the last axis of 1-D or 2-D arrays, which lets
the average-run-length benchmark judge thousands of simulated charts at once
with the same code that judges a real chart.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voc_engine.errors import InvalidArgumentError


@dataclass(frozen=True)
class RunRule:
    """One run rule: ``kind`` picks the test, the numbers parametrise it.

    kinds:
      beyond       one point with |z| > threshold
      k_of_m       k of the last m points beyond ``threshold`` on the same side
                   (the newest point being one of them)
      same_side    ``length`` points in a row on the same side of the centre
      trend        ``length`` points in a row steadily increasing or decreasing
      alternating  ``length`` points in a row alternating up and down
      within       ``length`` points in a row with |z| < threshold
      outside      ``length`` points in a row with |z| > threshold (either side)
    """

    name: str
    description: str
    kind: str
    length: int = 1
    k: int = 1
    threshold: float = 0.0


WESTERN_ELECTRIC: tuple[RunRule, ...] = (
    RunRule("we-1", "1 point beyond 3 sigma", "beyond", threshold=3.0),
    RunRule("we-2", "2 of 3 points beyond 2 sigma, same side", "k_of_m", length=3, k=2, threshold=2.0),
    RunRule("we-3", "4 of 5 points beyond 1 sigma, same side", "k_of_m", length=5, k=4, threshold=1.0),
    RunRule("we-4", "8 points in a row on the same side of the centre line", "same_side", length=8),
)

NELSON: tuple[RunRule, ...] = (
    RunRule("nelson-1", "1 point beyond 3 sigma", "beyond", threshold=3.0),
    RunRule("nelson-2", "9 points in a row on the same side of the centre line", "same_side", length=9),
    RunRule("nelson-3", "6 points in a row steadily increasing or decreasing", "trend", length=6),
    RunRule("nelson-4", "14 points in a row alternating up and down", "alternating", length=14),
    RunRule("nelson-5", "2 of 3 points beyond 2 sigma, same side", "k_of_m", length=3, k=2, threshold=2.0),
    RunRule("nelson-6", "4 of 5 points beyond 1 sigma, same side", "k_of_m", length=5, k=4, threshold=1.0),
    RunRule("nelson-7", "15 points in a row within 1 sigma", "within", length=15, threshold=1.0),
    RunRule("nelson-8", "8 points in a row beyond 1 sigma, either side", "outside", length=8, threshold=1.0),
)

RULES_BY_NAME: dict[str, RunRule] = {rule.name: rule for rule in WESTERN_ELECTRIC + NELSON}
RULE_SETS: dict[str, tuple[RunRule, ...]] = {
    "western-electric": WESTERN_ELECTRIC,
    "nelson": NELSON,
}


class RuleSelectionError(InvalidArgumentError):
    """The requested run rules do not exist."""


def resolve_rules(rules: str | Sequence[str] | None) -> tuple[RunRule, ...]:
    """``"western-electric"``, ``"nelson"``, or a list of rule names such as ``["nelson-1", "we-2"]``."""
    if rules is None:
        return ()
    if isinstance(rules, str):
        if rules in RULE_SETS:
            return RULE_SETS[rules]
        rules = [part.strip() for part in rules.split(",") if part.strip()]
    resolved = []
    for name in rules:
        if name in RULE_SETS:
            resolved.extend(RULE_SETS[name])
        elif name in RULES_BY_NAME:
            resolved.append(RULES_BY_NAME[name])
        else:
            known = ", ".join([*RULE_SETS, *RULES_BY_NAME])
            raise RuleSelectionError(f"unknown run rule {name!r}; choose from {known}")
    return tuple(dict.fromkeys(resolved))


def beyond_limit_rule(rules: Sequence[RunRule]) -> RunRule:
    """The 'one point beyond the limits' rule of a rule set (used on MR and S charts)."""
    for rule in rules:
        if rule.kind == "beyond":
            return rule
    return NELSON[0]


# --- vectorised building blocks (last axis is time) ---

def run_length(flags: np.ndarray) -> np.ndarray:
    """Length of the run of consecutive True values ending at each position."""
    flags = np.asarray(flags, dtype=bool)
    index = np.broadcast_to(np.arange(flags.shape[-1]), flags.shape)
    last_break = np.maximum.accumulate(np.where(flags, -1, index), axis=-1)
    return np.where(flags, index - last_break, 0)


def window_count(flags: np.ndarray, width: int) -> np.ndarray:
    """Number of True values among the last ``width`` positions (fewer at the start)."""
    counts = np.cumsum(np.asarray(flags, dtype=np.int32), axis=-1)
    shifted = np.zeros_like(counts)
    if width < counts.shape[-1]:
        shifted[..., width:] = counts[..., :-width]
    return counts - shifted


def rule_flags(rule: RunRule, z: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
    """Boolean array: True where ``rule`` fires, i.e. where its pattern completes."""
    z = np.asarray(z, dtype=float)
    values = z if values is None else np.asarray(values, dtype=float)
    if rule.kind == "beyond":
        return np.abs(z) > rule.threshold
    if rule.kind == "k_of_m":
        upper, lower = z > rule.threshold, z < -rule.threshold
        return (upper & (window_count(upper, rule.length) >= rule.k)) | (
            lower & (window_count(lower, rule.length) >= rule.k)
        )
    if rule.kind == "same_side":
        return (run_length(z > 0) >= rule.length) | (run_length(z < 0) >= rule.length)
    if rule.kind == "within":
        return run_length(np.abs(z) < rule.threshold) >= rule.length
    if rule.kind == "outside":
        return run_length(np.abs(z) > rule.threshold) >= rule.length
    steps = np.diff(values, axis=-1)
    pad = np.zeros(values.shape[:-1] + (1,), dtype=bool)
    if rule.kind == "trend":
        # ``length`` points make ``length - 1`` steps in the same direction
        rising = np.concatenate([pad, run_length(steps > 0) >= rule.length - 1], axis=-1)
        falling = np.concatenate([pad, run_length(steps < 0) >= rule.length - 1], axis=-1)
        return rising | falling
    if rule.kind == "alternating":
        turns = (steps[..., 1:] * steps[..., :-1]) < 0
        return np.concatenate([pad, pad, run_length(turns) >= rule.length - 2], axis=-1)
    raise RuleSelectionError(f"rule {rule.name!r} has an unknown kind {rule.kind!r}")


def points_involved(rule: RunRule, z: np.ndarray, at: int) -> list[int]:
    """Indices of the points that make up the pattern completed at ``at`` (1-D z)."""
    if rule.kind == "beyond":
        return [at]
    start = max(0, at - rule.length + 1)
    if rule.kind == "k_of_m":
        side = np.sign(z[at])
        return [i for i in range(start, at + 1) if side * z[i] > rule.threshold]
    return list(range(start, at + 1))


@dataclass(frozen=True)
class RuleHit:
    """A rule fired at position ``index``; ``points`` are the positions involved."""

    rule: str
    index: int
    points: tuple[int, ...]


def evaluate_rules(
    rules: Sequence[RunRule], z: np.ndarray, values: np.ndarray | None = None
) -> list[RuleHit]:
    """All rule hits on one chart, skipping missing points (NaN z).

    Missing periods (no responses) are dropped before judging runs, so a run
    continues across an empty week; reported indices refer to the input.
    """
    z = np.asarray(z, dtype=float)
    values = z if values is None else np.asarray(values, dtype=float)
    present = np.flatnonzero(~np.isnan(z) & np.isfinite(values))  # z = +-inf: off a zero-width chart
    if present.size == 0:
        return []
    z_present, values_present = z[present], values[present]
    hits: list[RuleHit] = []
    for rule in rules:
        for position in np.flatnonzero(rule_flags(rule, z_present, values_present)):
            involved = points_involved(rule, z_present, int(position))
            hits.append(RuleHit(rule.name, int(present[position]), tuple(int(present[i]) for i in involved)))
    hits.sort(key=lambda hit: (hit.index, hit.rule))
    return hits
