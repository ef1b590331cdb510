"""The one results object of a driver analysis."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from voc_engine.drivers.importance import ImportanceResult
from voc_engine.drivers.models import ModelEstimates

CONTRACT_DRIVER_KEYS: tuple[str, ...] = (
    "name",
    "coef",
    "ci_low",
    "ci_high",
    "p_value",
    "importance",
    "importance_ci",
    "importance_pct",
    "prevalence",
    "performance",
    "impact",
    "quadrant",
)


def _num(value: Any) -> float | int | None:
    """JSON-safe number: numpy scalars to Python, NaN/inf to None."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    value = float(value)
    return value if math.isfinite(value) else None


@dataclass
class DriverAnalysisResult:
    """Drivers of one KPI: model effects, relative importance, priorities.

    ``table`` has one row per driver (index = driver name) with the model
    columns (coef, se, p_value, ci_low, ci_high; for logit also odds ratios and
    average marginal effects), importance (LMG share), importance_ci_low/high,
    importance_mc_se, importance_pct, relative_weight(_ci_low/_high), vif,
    the descriptive profile (mentions, prevalence, prevalence_negative,
    share_negative, mean_kpi_mentioners, impact), performance, expected_lift
    and quadrant. See :mod:`voc_engine.drivers.prioritise` for definitions.
    """

    kpi: str
    kind: str
    n: int
    n_input: int
    r2: float
    r2_controls: float
    controls: tuple[str, ...]
    importance_measure: str
    importance_method: str
    performance_measure: str
    higher_is_better: bool
    table: pd.DataFrame
    actions: pd.DataFrame
    warnings: list[str]
    model: ModelEstimates = field(repr=False)
    importance: ImportanceResult = field(repr=False)
    alpha: float = 0.05

    @property
    def n_dropped(self) -> int:
        return self.n_input - self.n

    @property
    def drivers(self) -> list[str]:
        return list(self.table.index)

    def to_frame(self) -> pd.DataFrame:
        """Per-driver table, ordered by importance (largest first)."""
        return self.table.sort_values("importance", ascending=False).copy()

    def to_dict(self, details: bool = True) -> dict[str, Any]:
        """The JSON contract of ``voc drivers``.

        ``{"kpi", "kind", "n", "r2", "drivers": [{name, coef, ci_low, ci_high,
        p_value, importance, importance_ci, importance_pct, prevalence,
        performance, impact, quadrant}]}``, drivers ordered by importance.
        ``coef`` and its interval are in KPI units (OLS) or log-odds (logit);
        ``importance`` sums over drivers to ``r2`` minus the controls' part.
        A ``details`` key adds everything else (warnings, R² of the controls, measures used,
        extra columns, the action list): by default, so that the CLI, the API and the demo
        return one shape; ``details=False`` leaves it out (`voc drivers --no-details`).
        """
        frame = self.to_frame()
        drivers = []
        for name, row in frame.iterrows():
            drivers.append(
                {
                    "name": str(name),
                    "coef": _num(row["coef"]),
                    "ci_low": _num(row["ci_low"]),
                    "ci_high": _num(row["ci_high"]),
                    "p_value": _num(row["p_value"]),
                    "importance": _num(row["importance"]),
                    "importance_ci": [_num(row["importance_ci_low"]), _num(row["importance_ci_high"])],
                    "importance_pct": _num(row["importance_pct"]),
                    "prevalence": _num(row["prevalence"]),
                    "performance": _num(row["performance"]),
                    "impact": _num(row["impact"]),
                    "quadrant": str(row["quadrant"]),
                }
            )
        out: dict[str, Any] = {
            "kpi": self.kpi,
            "kind": self.kind,
            "n": int(self.n),
            "r2": _num(self.r2),
            "drivers": drivers,
        }
        if details:
            extra_columns = [c for c in frame.columns if c not in CONTRACT_DRIVER_KEYS]
            out["details"] = {
                "n_input": int(self.n_input),
                "n_dropped": int(self.n_dropped),
                "r2_controls": _num(self.r2_controls),
                "controls": list(self.controls),
                "importance_measure": self.importance_measure,
                "importance_method": self.importance_method,
                "bootstrap": int(self.importance.n_bootstrap),
                "permutations": int(self.importance.n_permutations),
                "performance_measure": self.performance_measure,
                "higher_is_better": self.higher_is_better,
                "warnings": list(self.warnings),
                "drivers": {
                    str(name): {c: _num(row[c]) if c != "quadrant" else row[c] for c in extra_columns}
                    for name, row in frame.iterrows()
                },
                "actions": [
                    {k: (_num(v) if not isinstance(v, str) else v) for k, v in rec.items()}
                    for rec in self.actions.to_dict(orient="records")
                ],
            }
        return out

    def summary(self) -> str:
        """Readable report: fit, driver table, action list, warnings."""
        r2_name = "R²" if self.importance_measure == "r2" else "McFadden pseudo-R²"
        lines = [
            f"Driver analysis of {self.kpi!r} ({self.kind.upper()}"
            + (", HC3 robust SEs" if self.kind == "ols" else "")
            + ")",
            f"n = {self.n}" + (f" ({self.n_dropped} rows dropped for missing values)" if self.n_dropped else ""),
            f"{r2_name} = {self.r2:.4f}"
            + (
                f"; controls ({', '.join(self.controls)}) alone {self.r2_controls:.4f}, "
                f"drivers add {self.r2 - self.r2_controls:.4f}"
                if self.controls
                else ""
            ),
            f"importance: LMG/Shapley shares of {r2_name} ({self.importance_method}"
            + (
                f", {self.importance.n_permutations} orderings"
                if self.importance_method == "permutation"
                else ""
            )
            + f"), {int(self.importance.confidence * 100)} % bootstrap CI from "
            f"{self.importance.n_bootstrap} resamples",
            f"performance: {'share of mentions negative' if self.performance_measure == 'share_negative' else 'mean KPI among mentioners'}",
            "",
        ]
        effect = "coef" if self.kind == "ols" else "odds_ratio"
        header = (
            f"{'driver':<28}{effect:>10}{'p':>8}{'import.':>9}{'%':>7}"
            f"{'prev.':>7}{'perf.':>8}{'impact':>9}{'lift':>8}  quadrant"
        )
        lines.append(header)
        lines.append("-" * len(header))
        for name, row in self.to_frame().iterrows():
            lines.append(
                f"{str(name)[:27]:<28}{row[effect]:>10.3f}{row['p_value']:>8.3f}"
                f"{row['importance']:>9.4f}{row['importance_pct']:>7.1f}{row['prevalence']:>7.3f}"
                f"{row['performance']:>8.3f}{row['impact']:>9.3f}{row['expected_lift']:>8.3f}  {row['quadrant']}"
            )
        lines.append("")
        if len(self.actions):
            ranked = self.actions[self.actions["significant"]]
            weak = self.actions[~self.actions["significant"]]
            if len(ranked):
                lines.append("Action list (halve the negative mentions of):")
                lines += [f"  {int(rec.rank)}. [{rec.quadrant}] {rec.statement}" for rec in ranked.itertuples()]
            else:
                lines.append(f"Action list: no driver has a significant effect (p < {self.alpha:g}) yet")
            if len(weak):
                lines.append("Not enough evidence yet (not ranked):")
                lines += [f"  - {rec.statement}" for rec in weak.itertuples()]
        else:
            lines.append("Action list: no driver whose halving would improve the KPI")
        if self.warnings:
            lines.append("")
            lines.append("Warnings:")
            lines.extend(f"  - {w}" for w in self.warnings)
        return "\n".join(lines)

    def plot(self, path: str | Path) -> Path:
        """Write the priority matrix (PNG or SVG by suffix)."""
        from voc_engine.drivers.plot import plot_priority_matrix

        return plot_priority_matrix(self, path)
