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
monitoring figure. Where the action reached only part of the customers (one
touchpoint, or a plan's scope), :func:`difference_in_differences` compares
the affected group's change with the unaffected group's change over the same
dates, which takes out what moved everyone (season, a price change, a
campaign); it still assumes both groups would have moved alike without the
action, so it remains a monitoring figure, not a causal estimate.
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

INTERPRETATION = (
    "A monitoring figure, not a causal estimate: other changes over the same dates move it too."
)

ActionStatus = Literal["planned", "in_progress", "done", "cancelled"]
ACTION_STATUSES: tuple[str, ...] = ("planned", "in_progress", "done", "cancelled")


TARGET_KINDS: tuple[str, ...] = ("driver", "topic", "touchpoint")


@dataclass
class ActionPlan:
    """An action on a driver (a tag), a topic or a touchpoint.

    ``scope``: where the action was rolled out, as column → value (``{"channel": "app"}``);
    the answers outside it are the comparison group. A touchpoint action's scope is its
    touchpoint.
    """

    name: str
    target: str
    target_kind: Literal["driver", "topic", "touchpoint"]
    owner: str
    deadline: dt.date
    investment: float
    status: ActionStatus = "planned"
    completed_on: dt.date | None = None
    scope: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.target_kind not in TARGET_KINDS:
            raise DriverDataError(f"target_kind must be one of {', '.join(TARGET_KINDS)}, got {self.target_kind!r}")
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


@dataclass(frozen=True)
class DidEstimate:
    """Difference in differences: the affected group's change minus the comparison group's.

    ``means``/``counts`` are per cell: ``affected_before``, ``affected_after``,
    ``comparison_before``, ``comparison_after``.
    """

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    std_error: float
    confidence: float
    cov_type: str
    means: dict[str, float]
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate": _num(self.estimate),
            "ci": [_num(self.ci_low), _num(self.ci_high)],
            "p_value": _num(self.p_value),
            "std_error": _num(self.std_error),
            "confidence": self.confidence,
            "cov_type": self.cov_type,
            "means": {k: _num(v) for k, v in self.means.items()},
            "counts": dict(self.counts),
        }


DID_CELLS: tuple[str, ...] = ("affected_before", "affected_after", "comparison_before", "comparison_after")


def difference_in_differences(
    values: Any, affected: Any, after: Any, confidence: float = 0.95, cov_type: str = "HC1"
) -> DidEstimate:
    """OLS of the KPI on affected, after and affected × after; the interaction is the estimate.

    With one row per answer, the interaction's coefficient equals the difference of the
    four cell means' changes. ``cov_type`` is statsmodels' covariance: ``HC1`` (default)
    lets the four cells have different variances, as answers before and after a change
    usually do; ``nonrobust`` is the textbook pooled-variance interval.
    """
    import statsmodels.api as sm

    y = np.asarray(values, dtype=float)
    a = np.asarray(affected, dtype=bool)
    p = np.asarray(after, dtype=bool)
    if not (len(y) == len(a) == len(p)):
        raise ValueError("values, affected and after must have the same length")
    keep = ~np.isnan(y)
    y, a, p = y[keep], a[keep], p[keep]
    cells = {
        "affected_before": a & ~p,
        "affected_after": a & p,
        "comparison_before": ~a & ~p,
        "comparison_after": ~a & p,
    }
    counts = {name: int(mask.sum()) for name, mask in cells.items()}
    short = [name for name, n in counts.items() if n < 2]
    if short:
        raise DriverDataError(
            "difference in differences needs at least 2 answers in each group and period; "
            + ", ".join(f"{name.replace('_', ' ')}: {counts[name]}" for name in short)
        )
    design = np.column_stack([np.ones_like(y), a, p, a & p]).astype(float)
    fit = sm.OLS(y, design).fit(cov_type=cov_type)
    low, high = fit.conf_int(alpha=1 - confidence)[3]
    return DidEstimate(
        estimate=float(fit.params[3]),
        ci_low=float(low),
        ci_high=float(high),
        p_value=float(fit.pvalues[3]),
        std_error=float(fit.bse[3]),
        confidence=confidence,
        cov_type=cov_type,
        means={name: float(y[mask].mean()) for name, mask in cells.items()},
        counts=counts,
    )


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
    value: float | None = None  # of the difference in differences where there is one, else of the change
    value_ci: tuple[float, float] | None = None
    warnings: list[str] = field(default_factory=list)
    plan: ActionPlan | None = None
    mention_rates: tuple[float, float] | None = None  # driver actions: share mentioning it before, after
    did: DidEstimate | None = None  # against the unaffected answers, where there are any

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
            "difference_in_differences": self.did.to_dict() if self.did else None,
            "interpretation": INTERPRETATION,
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
        if self.did is not None:
            d = self.did
            lines.append(
                f"  against the unaffected answers (difference in differences): {d.estimate:+.3f}, "
                f"{pct} % CI [{d.ci_low:+.3f}, {d.ci_high:+.3f}], p = {d.p_value:.3g}; "
                f"unaffected {d.means['comparison_before']:.3f} -> {d.means['comparison_after']:.3f} "
                f"(n = {d.counts['comparison_before']} / {d.counts['comparison_after']})"
            )
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
        lines.append(f"  {INTERPRETATION}")
        return "\n".join(lines)


def welch_interval(after: np.ndarray, before: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float, float, float]:
    """(difference after − before, CI low, CI high, p value, Welch–Satterthwaite df)."""
    test = stats.ttest_ind(after, before, equal_var=False)
    ci = test.confidence_interval(confidence)
    return float(after.mean() - before.mean()), float(ci.low), float(ci.high), float(test.pvalue), float(test.df)


def affected_rows(df: pd.DataFrame, plan: ActionPlan, touchpoint: str = "touchpoint") -> pd.Series:
    """Rows of the respondents the action concerns.

    Touchpoint action: every comment at that touchpoint. Driver or topic action: the
    comments in the plan's scope, or every comment without one, because any customer may
    meet the theme and the expected lift of :mod:`~voc_engine.drivers.prioritise` is a
    change of the overall mean. (Selecting those who mention the theme would select on
    the outcome: after a fix fewer mention it, and those who still do are the unhappiest;
    a cohort of earlier mentioners regresses to the mean.) The theme's mention rate
    before and after is reported separately as the mechanism check.
    """
    mask = pd.Series(True, index=df.index)
    conditions = dict(plan.scope or {})
    if plan.target_kind == "touchpoint":
        conditions[touchpoint] = plan.target
    for column, value in conditions.items():
        if column not in df.columns:
            raise DriverDataError("column of the action's scope not found", column=column)
        mask &= df[column].astype(str) == str(value)
    return mask


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
    window_days: int | None = None,
    confidence: float = 0.95,
) -> ActionEvaluation:
    """KPI of the affected rows before vs after the action date.

    ``affected``: a boolean mask aligned with ``df``, a 0/1 column name, or
    None (all rows; with a ``plan``, :func:`affected_rows`). ``action_date``
    defaults to the plan's completion date; answers within ``washout_days``
    after it are left out (the change needs time to reach customers); ``window_days``
    keeps that many days on each side (default: all).
    When some rows are not affected, their change over the same dates is the comparison
    (:func:`difference_in_differences`, in ``did``).
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
    after_start = start + pd.Timedelta(days=washout_days)
    in_before = (when < start) & values.notna()
    in_after = (when >= after_start) & values.notna()
    if window_days is not None:
        in_before &= when >= start - pd.Timedelta(days=window_days)
        in_after &= when < after_start + pd.Timedelta(days=window_days)
    before_mask, after_mask = mask & in_before, mask & in_after
    before, after = values[before_mask].to_numpy(float), values[after_mask].to_numpy(float)
    if len(before) < 2 or len(after) < 2:
        raise DriverDataError(
            f"need at least 2 affected answers on each side of {action_date}, have {len(before)} before and {len(after)} after",
            column=kpi,
        )
    diff, low, high, p, welch_df = welch_interval(after, before, confidence)
    notes = []
    mention_rates = None
    did = None
    if (~mask & (in_before | in_after)).any():
        period = in_before | in_after
        try:
            did = difference_in_differences(
                values[period], mask[period], in_after[period], confidence=confidence
            )
        except DriverDataError as error:
            notes.append(f"no comparison with the unaffected answers: {error}")
    else:
        notes.append("every answer is in the affected group: no comparison group, so the change is before vs after only")
    if plan is not None and plan.target_kind != "touchpoint" and plan.target in df.columns:
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
            # Without customer ids (anonymous surveys) each affected answer stands for a customer.
            n_customers = len(customers) if customers is not None and len(customers) else int(mask.sum())

            def money(delta: float) -> float:
                return delta * value_per_point * n_customers
        # The comparison-adjusted change where there is one: it leaves out what moved everyone.
        change = (did.estimate, did.ci_low, did.ci_high) if did else (diff, low, high)
        value = money(change[0])
        value_ci = (money(change[1]), money(change[2]))
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
        did=did,
    )
