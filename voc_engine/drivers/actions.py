"""Action plans and what they returned.

An :class:`ActionPlan` ties an action to a driver or a touchpoint, with an
owner, a deadline, an investment and a status. Once it is done,
:func:`evaluate_action` compares the KPI of the affected respondents before
and after the action date (Welch's two-sample t interval, unequal variances)
and turns the difference into money when a value per KPI point or a churn
model is given. Pure functions over DataFrames; keeping plans is the store's
job.

A before/after difference is not a causal effect: seasonality, other
actions and changes in who answers all move it. Treat it as the programme's
monitoring figure, and compare with an unaffected group where one exists
(``evaluate_action`` on the complement gives that group's own change).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from voc_engine.drivers.design import DriverDataError
from voc_engine.drivers.money import ChurnValueModel
from voc_engine.drivers.result import _num

ActionStatus = Literal["planned", "in_progress", "done", "cancelled"]
ACTION_STATUSES: tuple[str, ...] = ("planned", "in_progress", "done", "cancelled")


@dataclass
class ActionPlan:
    name: str
    target: str
    target_kind: Literal["driver", "touchpoint"]
    owner: str
    deadline: dt.date
    investment: float
    status: ActionStatus = "planned"
    completed_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.target_kind not in ("driver", "touchpoint"):
            raise DriverDataError(f"target_kind must be 'driver' or 'touchpoint', got {self.target_kind!r}")
        if self.status not in ACTION_STATUSES:
            raise DriverDataError(f"status must be one of {', '.join(ACTION_STATUSES)}, got {self.status!r}")
        if self.investment < 0:
            raise DriverDataError(f"investment must be ≥ 0, got {self.investment}")
        if self.status == "done" and self.completed_on is None:
            raise DriverDataError(f"action {self.name!r} is done but has no completion date")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["deadline"] = self.deadline.isoformat()
        out["completed_on"] = self.completed_on.isoformat() if self.completed_on else None
        return out


@dataclass
class ActionEvaluation:
    kpi: str
    action_date: dt.date
    n_before: int
    n_after: int
    mean_before: float
    mean_after: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    welch_df: float
    confidence: float
    investment: float | None = None
    value: float | None = None
    value_ci: tuple[float, float] | None = None
    warnings: list[str] = field(default_factory=list)
    plan: ActionPlan | None = None
    mention_rates: tuple[float, float] | None = None  # driver actions: share mentioning it before, after

    @property
    def net_value(self) -> float | None:
        if self.value is None or self.investment is None:
            return None
        return self.value - self.investment

    @property
    def roi(self) -> float | None:
        net = self.net_value
        if net is None or not self.investment:
            return None
        return net / self.investment

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.plan.to_dict() if self.plan else None,
            "kpi": self.kpi,
            "action_date": self.action_date.isoformat(),
            "n_before": self.n_before,
            "n_after": self.n_after,
            "mean_before": _num(self.mean_before),
            "mean_after": _num(self.mean_after),
            "difference": _num(self.difference),
            "ci": [_num(self.ci_low), _num(self.ci_high)],
            "p_value": _num(self.p_value),
            "welch_df": _num(self.welch_df),
            "confidence": self.confidence,
            "investment": _num(self.investment),
            "value": _num(self.value),
            "value_ci": [_num(v) for v in self.value_ci] if self.value_ci else None,
            "net_value": _num(self.net_value),
            "roi": _num(self.roi),
            "mention_rates": [_num(v) for v in self.mention_rates] if self.mention_rates else None,
            "warnings": list(self.warnings),
        }

    def summary(self) -> str:
        pct = round(self.confidence * 100)
        title = f"Action {self.plan.name!r} on {self.plan.target_kind} {self.plan.target!r}" if self.plan else "Action"
        lines = [
            f"{title}: {self.kpi} before vs after {self.action_date.isoformat()}",
            f"  before {self.mean_before:.3f} (n = {self.n_before}), after {self.mean_after:.3f} (n = {self.n_after})",
            (
                f"  change {self.difference:+.3f}, {pct} % CI [{self.ci_low:+.3f}, {self.ci_high:+.3f}] "
                f"(Welch, df {self.welch_df:.1f}), p = {self.p_value:.3g}"
            ),
        ]
        if self.mention_rates is not None:
            lines.append(
                f"  {self.plan.target!r} mentioned by {self.mention_rates[0]:.1%} before, "
                f"{self.mention_rates[1]:.1%} after"
            )
        if self.value is not None:
            lines.append(
                f"  value {self.value:,.0f} [{self.value_ci[0]:,.0f}, {self.value_ci[1]:,.0f}]"
                + (
                    f", investment {self.investment:,.0f}, net {self.net_value:,.0f}, ROI {self.roi:.2f}"
                    if self.investment
                    else ""
                )
            )
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def welch_interval(after: np.ndarray, before: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float, float, float]:
    """(difference after − before, CI low, CI high, p value, Welch–Satterthwaite df)."""
    test = stats.ttest_ind(after, before, equal_var=False)
    ci = test.confidence_interval(confidence)
    return float(after.mean() - before.mean()), float(ci.low), float(ci.high), float(test.pvalue), float(test.df)


def affected_rows(df: pd.DataFrame, plan: ActionPlan, touchpoint: str = "touchpoint") -> pd.Series:
    """Rows of the respondents the action concerns.

    Touchpoint action: every comment at that touchpoint. Driver action: every
    comment, because any customer may meet the theme and the expected lift of
    :mod:`~voc_engine.drivers.prioritise` is a change of the overall mean.
    (Selecting those who mention the theme would select on the outcome: after
    a fix fewer mention it, and those who still do are the unhappiest; a
    cohort of earlier mentioners regresses to the mean.) The theme's mention
    rate before and after is reported separately as the mechanism check.
    """
    if plan.target_kind == "touchpoint":
        if touchpoint not in df.columns:
            raise DriverDataError("touchpoint column not found", column=touchpoint)
        return df[touchpoint].astype(str) == plan.target
    if plan.target not in df.columns:
        raise DriverDataError("driver column of the action not found", column=plan.target)
    return pd.Series(True, index=df.index)


def evaluate_action(
    df: pd.DataFrame,
    kpi: str,
    date: str,
    action_date: dt.date | str | None = None,
    affected: pd.Series | str | None = None,
    plan: ActionPlan | None = None,
    investment: float | None = None,
    value_per_point: float | None = None,
    churn_model: ChurnValueModel | None = None,
    customer_id: str = "customer_id",
    washout_days: int = 0,
    confidence: float = 0.95,
) -> ActionEvaluation:
    """KPI of the affected rows before vs after the action date.

    ``affected``: a boolean mask aligned with ``df``, a 0/1 column name, or
    None (all rows; with a ``plan``, :func:`affected_rows`). ``action_date``
    defaults to the plan's completion date; answers within ``washout_days``
    after it are left out (the change needs time to reach customers).
    Money: with ``value_per_point`` (value of one KPI point per customer per
    period), value = difference × value_per_point × affected customers; with a
    ``churn_model``, the revenue kept by the affected customers when their
    answers rise by the difference. ROI = (value − investment) / investment.
    """
    for column in (kpi, date):
        if column not in df.columns:
            raise DriverDataError("column not found", column=column)
    if action_date is None:
        if plan is None or plan.completed_on is None:
            raise DriverDataError("an action date (or a completed plan) is needed")
        action_date = plan.completed_on
    action_date = pd.Timestamp(action_date).date()
    if investment is None and plan is not None:
        investment = plan.investment

    if affected is None:
        mask = affected_rows(df, plan) if plan else pd.Series(True, index=df.index)
    elif isinstance(affected, str):
        if affected not in df.columns:
            raise DriverDataError("affected-flag column not found", column=affected)
        mask = pd.to_numeric(df[affected], errors="coerce") == 1
    else:
        mask = pd.Series(np.asarray(affected, dtype=bool), index=df.index)

    when = pd.to_datetime(df[date], errors="coerce")
    if when[mask].isna().any():
        row = when[mask].isna().idxmax()
        raise DriverDataError("date cannot be read", row=row, column=date)
    values = pd.to_numeric(df[kpi], errors="coerce")
    start = pd.Timestamp(action_date)
    before_mask = mask & (when < start) & values.notna()
    after_mask = mask & (when >= start + pd.Timedelta(days=washout_days)) & values.notna()
    before, after = values[before_mask].to_numpy(float), values[after_mask].to_numpy(float)
    if len(before) < 2 or len(after) < 2:
        raise DriverDataError(
            f"need at least 2 affected answers on each side of {action_date}, have {len(before)} before and {len(after)} after",
            column=kpi,
        )
    diff, low, high, p, welch_df = welch_interval(after, before, confidence)
    notes = []
    mention_rates = None
    if plan is not None and plan.target_kind == "driver":
        mentions = pd.to_numeric(df[plan.target], errors="coerce")
        mention_rates = (float(mentions[before_mask].mean()), float(mentions[after_mask].mean()))
    if min(len(before), len(after)) < 30:
        notes.append(f"few answers ({len(before)} before, {len(after)} after): the interval is wide")

    value = value_ci = None
    if churn_model is not None or value_per_point is not None:
        customers = (
            df.loc[mask, customer_id].dropna().unique() if customer_id in df.columns else None
        )
        if churn_model is not None:
            def money(delta: float) -> float:
                return churn_model.plan_value(delta, customers)["value"]
        else:
            n_customers = len(customers) if customers is not None else int(mask.sum())

            def money(delta: float) -> float:
                return delta * value_per_point * n_customers
        value = money(diff)
        value_ci = (money(low), money(high))
    return ActionEvaluation(
        kpi=kpi,
        action_date=action_date,
        n_before=len(before),
        n_after=len(after),
        mean_before=float(before.mean()),
        mean_after=float(after.mean()),
        difference=diff,
        ci_low=low,
        ci_high=high,
        p_value=p,
        welch_df=welch_df,
        confidence=confidence,
        investment=investment,
        value=value,
        value_ci=value_ci,
        warnings=notes,
        plan=plan,
        mention_rates=mention_rates,
    )
