"""Shewhart control charts as estimators: ``fit`` learns Phase I limits from a
baseline window, ``evaluate`` judges any series against those frozen limits.

Input is a period series (one row per period, in time order) with the
standard column names that :func:`voc_engine.spc.series.period_series` writes:

=============  ==========================================================
chart          columns
=============  ==========================================================
p, laney-p     ``count`` (nonconforming units), ``size`` (units inspected)
u, laney-u     ``count`` (events), ``size`` (units of exposure)
c              ``count`` (events); ``size`` optional, must be constant
xmr            ``value``
xbar-s         ``value`` (subgroup mean), ``size`` (subgroup n), ``std``
=============  ==========================================================

``period`` (a label) is optional; without it points are labelled 1, 2, 3...
Limits follow Montgomery, *Introduction to Statistical Quality Control*:
p and u charts with per-point limits for variable n, the XmR chart with
sigma = MR-bar / d2 and the X-bar/S chart with the c4, A3, B3, B4 constants
(computed from the gamma function, equal to the printed table).
Laney's p' (and u') chart (Laney 2002, Quality Engineering 14(4)) widens the
limits by sigma_z, the spread of the standardized points estimated from their
average moving range / 1.128: with very large n, between-period variation
swamps binomial noise and a plain p chart flags nearly every point.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from scipy.special import gammaln

from voc_engine.errors import InputFileError, VocError
from voc_engine.spc.rules import beyond_limit_rule, evaluate_rules, resolve_rules

D2_MOVING_RANGE = 1.128  # d2 for subgroups of 2 (moving range of two points)
D3_MOVING_RANGE = 0.0  # D3 for n = 2: the MR chart has no lower limit
D4_MOVING_RANGE = 3.267  # D4 for n = 2
SIGMA_MULTIPLIER = 3.0


class SeriesError(InputFileError):
    """A period series cannot be charted (missing column, bad value, unknown period)."""


class InsufficientDataError(SeriesError):
    """The baseline has too few usable points to estimate limits."""


# --- X-bar/S constants ---

def c4(n: Any) -> np.ndarray | float:
    """Unbiasing constant of the sample standard deviation: E[s] = c4 * sigma.

    c4(n) = sqrt(2 / (n - 1)) * Gamma(n / 2) / Gamma((n - 1) / 2); NaN for n < 2.
    """
    n_arr = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(
            n_arr >= 2,
            np.sqrt(2.0 / (n_arr - 1.0)) * np.exp(gammaln(n_arr / 2.0) - gammaln((n_arr - 1.0) / 2.0)),
            np.nan,
        )
    return float(value) if value.ndim == 0 else value


def a3(n: Any) -> np.ndarray | float:
    """X-bar chart factor for s-bar: limits x-double-bar +- A3 * s-bar."""
    n_arr = np.asarray(n, dtype=float)
    value = SIGMA_MULTIPLIER / (np.asarray(c4(n_arr)) * np.sqrt(n_arr))
    return float(value) if value.ndim == 0 else value


def b3(n: Any) -> np.ndarray | float:
    """Lower S chart factor: LCL = B3 * s-bar (0 for n <= 5)."""
    c = np.asarray(c4(n))
    value = np.maximum(0.0, 1.0 - SIGMA_MULTIPLIER * np.sqrt(1.0 - c**2) / c)
    return float(value) if value.ndim == 0 else value


def b4(n: Any) -> np.ndarray | float:
    """Upper S chart factor: UCL = B4 * s-bar."""
    c = np.asarray(c4(n))
    value = 1.0 + SIGMA_MULTIPLIER * np.sqrt(1.0 - c**2) / c
    return float(value) if value.ndim == 0 else value


# --- results ---

@dataclass(frozen=True)
class SpcSignal:
    """A run-rule signal, the unit the alerting engine consumes.

    ``points``/``periods`` are the points that make up the pattern; ``period``
    and ``value`` belong to the point where the pattern completed. ``series``
    is ``"value"`` for the main chart, ``"mr"`` or ``"s"`` for the lower chart.
    """

    chart_key: str
    period: str
    rule: str
    value: float
    points: tuple[int, ...]
    periods: tuple[str, ...]
    series: str = "value"

    def to_dict(self) -> dict[str, Any]:
        return {
            "chart_key": self.chart_key,
            "period": self.period,
            "rule": self.rule,
            "value": _json_float(self.value),
            "points": list(self.points),
            "periods": list(self.periods),
            "series": self.series,
        }


def _json_float(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if np.isfinite(value) else None


_POINT_KEYS = ("period", "value", "center", "lcl", "ucl")
_SECONDARY_KEY = {"mr": "mr_points", "s": "s_points"}


@dataclass
class ControlChartResult:
    """One evaluated chart.

    ``points`` has one row per period: period, value, size, center, sigma (of
    the plotted statistic at that point), lcl, ucl, z, baseline (inside the
    Phase I window), used (entered the limits), signals (rule names that
    completed at this point). ``lower`` is the MR or S chart, if any.
    """

    chart: str
    center: float
    sigma_z: float | None
    rules: tuple[str, ...]
    points: pd.DataFrame
    signal_list: list[SpcSignal] = field(default_factory=list)
    lower: pd.DataFrame | None = None
    lower_name: str | None = None
    key: dict[str, Any] | None = None
    metric: str | None = None
    baseline_periods: tuple[str, ...] = ()
    excluded_periods: tuple[str, ...] = ()

    @property
    def chart_key(self) -> str:
        return make_chart_key(self.chart, self.metric, self.key)

    def signals(self) -> list[SpcSignal]:
        return list(self.signal_list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``voc spc`` and ``GET /v1/spc/charts``."""
        out: dict[str, Any] = {
            "chart": self.chart,
            "center": _json_float(self.center),
            "sigma_z": _json_float(self.sigma_z),
            "points": _points_to_records(self.points),
        }
        if self.lower is not None and self.lower_name is not None:
            out[_SECONDARY_KEY[self.lower_name]] = _points_to_records(self.lower)
        out["key"] = self.key
        out["metric"] = self.metric
        out["rules"] = list(self.rules)
        out["baseline"] = {"periods": list(self.baseline_periods), "excluded": list(self.excluded_periods)}
        return out

    def to_frame(self) -> pd.DataFrame:
        frame = self.points.copy()
        if self.lower is not None and self.lower_name is not None:
            lower = self.lower.drop(columns=["period"]).add_prefix(f"{self.lower_name}_")
            frame = pd.concat([frame.reset_index(drop=True), lower.reset_index(drop=True)], axis=1)
        if self.key:
            for column, value in reversed(list(self.key.items())):
                frame.insert(0, column, value)
        return frame

    def summary(self) -> str:
        points = self.points
        lines = [f"{self.chart} chart  {self.chart_key if (self.key or self.metric) else ''}".rstrip()]
        lines.append(f"  centre line     {self.center:.6g}")
        if self.sigma_z is not None:
            lines.append(f"  sigma_z         {self.sigma_z:.4f}  (Laney: >1 means over-dispersion)")
        lcl, ucl = points["lcl"].dropna(), points["ucl"].dropna()
        if ucl.empty:
            lines.append("  limits          n/a")
        elif np.ptp(lcl.to_numpy()) == 0 and np.ptp(ucl.to_numpy()) == 0:
            lines.append(f"  limits          {lcl.iloc[0]:.6g} .. {ucl.iloc[0]:.6g}")
        else:
            lines.append(f"  limits (vary)   LCL {lcl.min():.6g}..{lcl.max():.6g}, UCL {ucl.min():.6g}..{ucl.max():.6g}")
        lines.append(
            f"  baseline        {len(self.baseline_periods)} periods"
            + (f", {len(self.excluded_periods)} excluded: {', '.join(self.excluded_periods)}" if self.excluded_periods else "")
        )
        lines.append(f"  points          {len(points)}; rules {', '.join(self.rules) or 'none'}")
        if self.signal_list:
            lines.append(f"  signals         {len(self.signal_list)}")
            for signal in self.signal_list:
                where = "" if signal.series == "value" else f" [{signal.series}]"
                lines.append(f"    {signal.period:>12}  {signal.rule:<10} value {signal.value:.6g}{where}")
        else:
            lines.append("  signals         none")
        return "\n".join(lines)


def make_chart_key(chart: str, metric: str | None, key: dict[str, Any] | None) -> str:
    head = metric or chart
    if not key:
        return head
    return head + "[" + ",".join(f"{k}={v}" for k, v in key.items()) + "]"


def _points_to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records = []
    columns = {key: frame[key].to_numpy() for key in _POINT_KEYS}
    signals = frame["signals"].tolist()
    for i in range(len(frame)):
        record: dict[str, Any] = {"period": str(columns["period"][i])}
        for key in _POINT_KEYS[1:]:
            record[key] = _json_float(columns[key][i])
        record["signals"] = list(signals[i])
        records.append(record)
    return records


# --- the charts ---

@dataclass
class _Series:
    """A validated series as arrays; ``valid`` marks points that can be plotted."""

    period: np.ndarray
    value: np.ndarray
    size: np.ndarray
    count: np.ndarray
    std: np.ndarray
    valid: np.ndarray


class ControlChart(ABC):
    """Base class: configure in ``__init__``, learn limits in ``fit``, judge in ``evaluate``."""

    name: ClassVar[str]
    required_columns: ClassVar[tuple[str, ...]]
    lower_name: ClassVar[str | None] = None
    min_baseline_points: ClassVar[int] = 1

    def __init__(self, rules: str | Sequence[str] | None = "nelson"):
        self.rules = rules

    # -- public API --

    def fit(
        self,
        series: pd.DataFrame,
        baseline: int | Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        drop_out_of_control: bool = False,
        max_revisions: int = 10,
    ) -> "ControlChart":
        """Phase I: limits from the baseline window.

        baseline: ``None`` (all points), N (the first N periods) or a list of
        period labels. exclude: periods inside the window with an assignable
        cause; they stay on the chart but not in the limits.
        drop_out_of_control: also drop baseline points beyond the limits and
        recompute, repeatedly (the textbook revision of trial limits).
        """
        resolve_rules(self.rules)  # fail early on a bad rule name
        data = self._prepare(series)
        window = self._baseline_window(data, baseline)
        excluded = self._period_mask(data, exclude, "exclude") & window
        used = window & ~excluded & data.valid
        for _ in range(max(1, max_revisions)):
            self._check_baseline(data, used)
            self._estimate(data, used)
            if not drop_out_of_control:
                break
            z = self._z(data, *self._center_sigma(data))
            out = used & (np.abs(np.nan_to_num(z)) > SIGMA_MULTIPLIER)
            if not out.any():
                break
            used = used & ~out
        self.baseline_periods_ = tuple(data.period[window])
        self.excluded_periods_ = tuple(data.period[window & data.valid & ~used])
        self.used_periods_ = tuple(data.period[used])
        return self

    def evaluate(
        self, series: pd.DataFrame, key: dict[str, Any] | None = None, metric: str | None = None
    ) -> ControlChartResult:
        """Phase II: the series judged against the frozen limits from ``fit``.

        ``key`` (e.g. ``{"touchpoint": "checkout"}``) and ``metric`` name the
        chart in its signals and JSON.
        """
        if not hasattr(self, "center_"):
            raise VocError(f"{type(self).__name__} is not fitted yet: call fit() with a baseline first")
        rules = resolve_rules(self.rules)
        data = self._prepare(series)
        center, sigma = self._center_sigma(data)
        lcl, ucl = self._clip(center - SIGMA_MULTIPLIER * sigma, center + SIGMA_MULTIPLIER * sigma)
        z = self._z(data, center, sigma)
        hits = evaluate_rules(rules, z, np.where(data.valid, data.value, np.nan))
        point_signals: list[list[str]] = [[] for _ in range(len(data.period))]
        raw_hits: list[tuple[int, str, tuple[int, ...], str]] = []
        for hit in hits:
            point_signals[hit.index].append(hit.rule)
            raw_hits.append((hit.index, hit.rule, hit.points, "value"))
        baseline = np.isin(data.period, np.asarray(self.baseline_periods_, dtype=object))
        used = np.isin(data.period, np.asarray(self.used_periods_, dtype=object))
        points = pd.DataFrame(
            {
                "period": data.period,
                "value": np.where(data.valid, data.value, np.nan),
                "size": data.size,
                "center": center,
                "sigma": sigma,
                "lcl": lcl,
                "ucl": ucl,
                "z": z,
                "baseline": baseline,
                "used": used,
                "signals": point_signals,
            }
        )
        lower = self._lower_chart(data)
        if lower is not None:
            limit_rule = beyond_limit_rule(rules) if rules else None
            lower_signals: list[list[str]] = [[] for _ in range(len(lower))]
            if limit_rule is not None:
                above = lower["value"].to_numpy() > lower["ucl"].to_numpy()
                below = lower["value"].to_numpy() < lower["lcl"].to_numpy()
                for index in np.flatnonzero(above | (below & (lower["lcl"].to_numpy() > 0))):
                    lower_signals[index].append(limit_rule.name)
                    raw_hits.append((int(index), limit_rule.name, (int(index),), self.lower_name or "lower"))
            lower["signals"] = lower_signals
        result = ControlChartResult(
            chart=self.name,
            center=float(self.center_),
            sigma_z=self._sigma_z(),
            rules=tuple(rule.name for rule in rules),
            points=points,
            lower=lower,
            lower_name=self.lower_name,
            baseline_periods=self.baseline_periods_,
            excluded_periods=self.excluded_periods_,
            key=key,
            metric=metric,
        )
        result.signal_list = self._make_signals(result, data, lower, raw_hits)
        return result

    def fit_evaluate(self, series: pd.DataFrame, **fit_options: Any) -> ControlChartResult:
        return self.fit(series, **fit_options).evaluate(series)

    def transform(self, series: pd.DataFrame) -> pd.DataFrame:
        """The evaluated points as a frame (same as ``evaluate(series).to_frame()``)."""
        return self.evaluate(series).to_frame()

    # -- pieces each chart defines --

    @abstractmethod
    def _estimate(self, data: _Series, used: np.ndarray) -> None:
        """Set the fitted attributes from the points in ``used``."""

    @abstractmethod
    def _center_sigma(self, data: _Series) -> tuple[np.ndarray, np.ndarray]:
        """Per-point centre line and sigma of the plotted statistic."""

    def _clip(self, lcl: np.ndarray, ucl: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return lcl, ucl

    def _lower_chart(self, data: _Series) -> pd.DataFrame | None:
        return None

    def _sigma_z(self) -> float | None:
        return None

    # -- shared machinery --

    def _z(self, data: _Series, center: np.ndarray, sigma: np.ndarray) -> np.ndarray:
        # With zero spread (a tag never mentioned in the baseline, a constant
        # series) a point on the centre line says nothing, so it is left out of
        # the run rules, while any departure is infinitely far out.
        deviation = data.value - center
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(sigma > 0, deviation / sigma, np.where(deviation == 0, np.nan, np.sign(deviation) * np.inf))
        return np.where(data.valid & np.isfinite(sigma), z, np.nan)

    def _check_baseline(self, data: _Series, used: np.ndarray) -> None:
        if used.sum() < self.min_baseline_points:
            raise InsufficientDataError(
                f"{self.name} chart needs at least {self.min_baseline_points} usable baseline points, "
                f"got {int(used.sum())}"
            )

    def _prepare(self, series: pd.DataFrame) -> _Series:
        if not isinstance(series, pd.DataFrame):
            raise SeriesError(f"a {self.name} chart needs a pandas DataFrame, got {type(series).__name__}")
        for column in self.required_columns:
            if column not in series.columns:
                raise SeriesError(f"the {self.name} chart needs a {column!r} column", column=column)
        n = len(series)
        if "period" in series.columns:
            period = series["period"].astype(str).to_numpy(dtype=object)
            duplicated = pd.Series(period).duplicated().to_numpy()
            if duplicated.any():
                row = int(np.flatnonzero(duplicated)[0])
                raise SeriesError(f"period {period[row]!r} appears twice", row=row, column="period")
        else:
            period = np.array([str(i + 1) for i in range(n)], dtype=object)
        nan = np.full(n, np.nan)
        columns = {name: _numeric(series, name) if name in series.columns else nan for name in ("value", "size", "count", "std")}
        return self._build(period, columns)

    @abstractmethod
    def _build(self, period: np.ndarray, columns: dict[str, np.ndarray]) -> _Series:
        """Validate the chart's columns and derive the plotted value."""

    def _baseline_window(self, data: _Series, baseline: int | Sequence[str] | None) -> np.ndarray:
        n = len(data.period)
        if baseline is None:
            return np.ones(n, dtype=bool)
        if isinstance(baseline, (int, np.integer)) and not isinstance(baseline, bool):
            if baseline < 1 or baseline > n:
                raise SeriesError(f"baseline of {baseline} periods does not fit a series of {n} periods")
            window = np.zeros(n, dtype=bool)
            window[: int(baseline)] = True
            return window
        return self._period_mask(data, baseline, "baseline")

    @staticmethod
    def _period_mask(data: _Series, periods: Sequence[str] | str, what: str) -> np.ndarray:
        if isinstance(periods, str):
            periods = [periods]
        wanted = [str(p) for p in periods]
        known = set(data.period.tolist())
        unknown = [p for p in wanted if p not in known]
        if unknown:
            raise SeriesError(f"{what} names periods that are not in the series: {', '.join(unknown)}")
        return np.isin(data.period, np.asarray(wanted, dtype=object))

    def _make_signals(
        self,
        result: ControlChartResult,
        data: _Series,
        lower: pd.DataFrame | None,
        hits: list[tuple[int, str, tuple[int, ...], str]],
    ) -> list[SpcSignal]:
        chart_key = result.chart_key
        signals = []
        for index, rule, points, series in hits:
            values = data.value if series == "value" else lower["value"].to_numpy()  # type: ignore[index]
            signals.append(
                SpcSignal(
                    chart_key=chart_key,
                    period=str(data.period[index]),
                    rule=rule,
                    value=float(values[index]),
                    points=points,
                    periods=tuple(str(data.period[i]) for i in points),
                    series=series,
                )
            )
        return signals


def _numeric(series: pd.DataFrame, column: str) -> np.ndarray:
    raw = series[column]
    numbers = pd.to_numeric(raw, errors="coerce")
    bad = numbers.isna().to_numpy() & raw.notna().to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise SeriesError(f"not a number: {raw.iloc[row]!r}", row=row, column=column)
    return numbers.to_numpy(dtype=float)


def _first_row(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


class _AttributeChart(ControlChart):
    """p and u families: value = count / size, sigma from the binomial or Poisson model."""

    required_columns = ("count", "size")
    laney: ClassVar[bool] = False
    proportion: ClassVar[bool] = False

    @property
    def min_baseline_points(self) -> int:  # type: ignore[override]
        return 2 if self.laney else 1

    def _build(self, period: np.ndarray, columns: dict[str, np.ndarray]) -> _Series:
        count, size = columns["count"], columns["size"]
        for name, values in (("count", count), ("size", size)):
            if (values < 0).any():
                raise SeriesError(f"{name} must not be negative", row=_first_row(values < 0), column=name)
        if self.proportion and (count > size).any():
            row = _first_row(count > size)
            raise SeriesError(
                f"count {count[row]:g} is larger than size {size[row]:g} (a proportion above 1)", row=row, column="count"
            )
        valid = np.isfinite(count) & np.isfinite(size) & (size > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(valid, count / size, np.nan)
        return _Series(period, value, size, count, columns["std"], valid)

    def _estimate(self, data: _Series, used: np.ndarray) -> None:
        self.center_ = float(data.count[used].sum() / data.size[used].sum())
        self.sigma_z_ = 1.0
        degenerate = self.center_ == 0 or (self.proportion and self.center_ == 1)
        if self.laney and not degenerate:  # a centre of 0 (or 100 %) has no spread to correct
            sigma = self._binomial_sigma(data.size)
            z = self._z(data, np.full(len(data.value), self.center_), sigma)
            self.sigma_z_ = _moving_range_mean(z, used) / D2_MOVING_RANGE

    def _binomial_sigma(self, size: np.ndarray) -> np.ndarray:
        spread = self.center_ * (1.0 - self.center_) if self.proportion else self.center_
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(size > 0, np.sqrt(spread / size), np.nan)

    def _center_sigma(self, data: _Series) -> tuple[np.ndarray, np.ndarray]:
        center = np.full(len(data.value), self.center_)
        return center, self._binomial_sigma(data.size) * self.sigma_z_

    def _clip(self, lcl: np.ndarray, ucl: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lcl = np.maximum(lcl, 0.0)
        if self.proportion:
            ucl = np.minimum(ucl, 1.0)
        return lcl, ucl

    def _sigma_z(self) -> float | None:
        return float(self.sigma_z_) if self.laney else None


def _moving_range_mean(values: np.ndarray, used: np.ndarray) -> float:
    """Average |x_i - x_(i-1)| over neighbouring present points that are both used.

    Neighbours are taken after dropping missing periods, so an empty week does
    not break the sequence; an excluded point removes both ranges it is part of.
    """
    present = np.flatnonzero(np.isfinite(values))
    x, keep = values[present], used[present]
    pair = keep[1:] & keep[:-1]
    if not pair.any():
        raise InsufficientDataError("the baseline needs at least two neighbouring usable points for a moving range")
    return float(np.abs(np.diff(x))[pair].mean())


class PChart(_AttributeChart):
    """Fraction nonconforming; limits p-bar +- 3 sqrt(p-bar (1 - p-bar) / n_i), per point."""

    name = "p"
    proportion = True


class LaneyPChart(_AttributeChart):
    """Laney p': p-bar +- 3 sigma_z sqrt(p-bar (1 - p-bar) / n_i), sigma_z = MR-bar(z) / 1.128."""

    name = "laney-p"
    proportion = True
    laney = True


class UChart(_AttributeChart):
    """Nonconformities per unit; limits u-bar +- 3 sqrt(u-bar / n_i), per point."""

    name = "u"


class LaneyUChart(_AttributeChart):
    """Laney u': u-bar +- 3 sigma_z sqrt(u-bar / n_i) (Laney's correction applied to the u chart)."""

    name = "laney-u"
    laney = True


class CChart(_AttributeChart):
    """Count of events per period with a constant opportunity: c-bar +- 3 sqrt(c-bar)."""

    name = "c"
    required_columns = ("count",)

    def _build(self, period: np.ndarray, columns: dict[str, np.ndarray]) -> _Series:
        size = columns["size"]
        if np.isnan(size).all():
            columns = {**columns, "size": np.where(np.isfinite(columns["count"]), 1.0, np.nan)}
        data = super()._build(period, columns)
        sizes = data.size[data.valid]
        if sizes.size and not np.allclose(sizes, sizes[0]):
            raise SeriesError("a c chart needs a constant size; use a u chart for varying sizes", column="size")
        data.value = np.where(data.valid, data.count, np.nan)
        data.size = np.where(data.valid, 1.0, np.nan)
        return data


class XmRChart(ControlChart):
    """Individuals and moving range: x-bar +- 3 MR-bar / d2 (d2 = 1.128); MR chart 0 .. D4 MR-bar."""

    name = "xmr"
    required_columns = ("value",)
    lower_name = "mr"
    min_baseline_points = 2

    def _build(self, period: np.ndarray, columns: dict[str, np.ndarray]) -> _Series:
        value = columns["value"]
        return _Series(period, value, columns["size"], columns["count"], columns["std"], np.isfinite(value))

    def _estimate(self, data: _Series, used: np.ndarray) -> None:
        self.center_ = float(data.value[used].mean())
        self.mr_bar_ = _moving_range_mean(np.where(data.valid, data.value, np.nan), used)
        self.sigma_ = self.mr_bar_ / D2_MOVING_RANGE

    def _center_sigma(self, data: _Series) -> tuple[np.ndarray, np.ndarray]:
        n = len(data.value)
        return np.full(n, self.center_), np.full(n, self.sigma_)

    def _lower_chart(self, data: _Series) -> pd.DataFrame:
        moving_range = np.full(len(data.value), np.nan)
        present = np.flatnonzero(data.valid)
        moving_range[present[1:]] = np.abs(np.diff(data.value[present]))
        n = len(data.value)
        return pd.DataFrame(
            {
                "period": data.period,
                "value": moving_range,
                "center": np.full(n, self.mr_bar_),
                "lcl": np.full(n, D3_MOVING_RANGE * self.mr_bar_),
                "ucl": np.full(n, D4_MOVING_RANGE * self.mr_bar_),
            }
        )


class XbarSChart(ControlChart):
    """X-bar and S with subgroup sizes n_i: x-double-bar +- A3(n_i) s-bar; S chart B3(n_i) s-bar .. B4(n_i) s-bar.

    s-bar is the mean of the subgroup standard deviations when all baseline
    subgroups have the same n, else the pooled sqrt(sum (n_i - 1) s_i^2 / sum (n_i - 1))
    (Montgomery's variable-sample-size recipe); x-double-bar is weighted by n_i.
    Subgroups of one respondent are plotted without limits.
    """

    name = "xbar-s"
    required_columns = ("value", "size", "std")
    lower_name = "s"

    def _build(self, period: np.ndarray, columns: dict[str, np.ndarray]) -> _Series:
        value, size, std = columns["value"], columns["size"], columns["std"]
        if (size < 0).any():
            raise SeriesError("size must not be negative", row=_first_row(size < 0), column="size")
        if (std < 0).any():
            raise SeriesError("std must not be negative", row=_first_row(std < 0), column="std")
        valid = np.isfinite(value) & np.isfinite(size) & (size >= 1)
        return _Series(period, value, size, columns["count"], std, valid)

    def _estimate(self, data: _Series, used: np.ndarray) -> None:
        with_spread = used & (data.size >= 2) & np.isfinite(data.std)
        if not with_spread.any():
            raise InsufficientDataError("the X-bar/S chart needs baseline subgroups of at least 2 values")
        self.center_ = float((data.size[used] * data.value[used]).sum() / data.size[used].sum())
        n, s = data.size[with_spread], data.std[with_spread]
        if np.all(n == n[0]):
            self.s_bar_ = float(s.mean())
        else:
            self.s_bar_ = float(np.sqrt(((n - 1) * s**2).sum() / (n - 1).sum()))

    def _center_sigma(self, data: _Series) -> tuple[np.ndarray, np.ndarray]:
        size = np.where(data.size >= 2, data.size, np.nan)
        return np.full(len(data.value), self.center_), np.asarray(a3(size)) * self.s_bar_ / SIGMA_MULTIPLIER

    def _lower_chart(self, data: _Series) -> pd.DataFrame:
        size = np.where(data.size >= 2, data.size, np.nan)
        has_spread = np.isfinite(size) & np.isfinite(data.std)
        return pd.DataFrame(
            {
                "period": data.period,
                "value": np.where(has_spread, data.std, np.nan),
                "center": np.where(np.isfinite(size), self.s_bar_, np.nan),
                "lcl": np.asarray(b3(size)) * self.s_bar_,
                "ucl": np.asarray(b4(size)) * self.s_bar_,
            }
        )


CHARTS: dict[str, type[ControlChart]] = {
    chart.name: chart for chart in (PChart, LaneyPChart, UChart, LaneyUChart, CChart, XmRChart, XbarSChart)
}


def make_chart(chart: str, rules: str | Sequence[str] | None = "nelson") -> ControlChart:
    try:
        return CHARTS[chart](rules=rules)
    except KeyError:
        raise VocError(f"unknown chart {chart!r}; choose from {', '.join(CHARTS)}") from None
