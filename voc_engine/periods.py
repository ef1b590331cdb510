"""Periods: the one way comments are bucketed in time, in pandas and in SQL.

A period is a day, an ISO week (Monday to Sunday) or a calendar month of the local calendar in
a time zone (the business time zone, ``VOC_BUSINESS_TIMEZONE``, unless the caller names one).
Every result that reports per period (stats, control charts, topic trends, the close-the-loop
report) labels it the same way:

* day: ``2026-11-16``
* week: ``2026-W47`` (ISO 8601 week-numbering year and week, so the days 29 Dec 2025 to
  4 Jan 2026 are ``2026-W01``)
* month: ``2026-11``

Bucketing happens on the period's *start* (local midnight of its first day), which sorts and
steps without regard to labels; labels are made from starts only at the end.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from voc_engine.errors import ConfigError, InputFileError
from voc_engine.times import TimeValueError, check_zone

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")
DEFAULT_PERIOD: Period = "week"

# pandas frequency of one step from a period start to the next.
FREQUENCY = {"day": "D", "week": "7D", "month": "MS"}


class PeriodError(InputFileError):
    """An unknown period or time zone, or a time that cannot be bucketed (names its row)."""


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise PeriodError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    return period


def business_timezone(settings: "Settings") -> str:
    """The business time zone of `settings` (a runtime's, or a store's), checked.

    A store's own settings are what its callers pass, so that stats, charts and reports over
    one store read the one zone its comments' naive times were stored in.
    """
    zone = settings.business_timezone
    try:
        return check_zone(zone)
    except TimeValueError as exc:
        raise ConfigError(f"VOC_BUSINESS_TIMEZONE: {exc}") from None


# --- pandas ---


def as_utc(created: pd.Series, column: str = "created_at") -> pd.Series:
    """Timestamps as tz-aware UTC (naive ones are taken as UTC); an unreadable or missing one is
    an error naming its row and ``column``."""
    if not pd.api.types.is_datetime64_any_dtype(created):
        converted = pd.to_datetime(created, utc=True, errors="coerce")
        bad = converted.isna() & created.notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise PeriodError(f"not a timestamp: {created.iloc[row]!r}", row=row, column=column)
        created = converted
    elif created.dt.tz is None:
        created = created.dt.tz_localize("UTC")  # naive timestamps from the store are UTC
    if created.isna().any():
        row = int(np.flatnonzero(created.isna().to_numpy())[0])
        raise PeriodError(f"{column} is missing", row=row, column=column)
    return created


def period_starts(created_utc: pd.Series, period: str, tz: str) -> np.ndarray:
    """Local-calendar start of each time's period, as naive datetime64[ns] (local midnight)."""
    check_period(period)
    try:
        local = created_utc.dt.tz_convert(tz)
    except Exception as exc:  # pytz/zoneinfo raise different types for a bad name
        raise PeriodError(f"unknown time zone {tz!r}") from exc
    days = local.dt.tz_localize(None).to_numpy().astype("datetime64[D]")
    if period == "day":
        starts = days
    elif period == "week":
        day_number = days.astype(np.int64)
        monday_offset = (day_number + 3) % 7  # 1970-01-01 was a Thursday
        starts = (day_number - monday_offset).astype("datetime64[D]")
    else:
        starts = days.astype("datetime64[M]").astype("datetime64[D]")
    return starts.astype("datetime64[ns]")


def period_labels(starts: pd.DatetimeIndex, period: str) -> np.ndarray:
    """The label of each period start (object array, one per start)."""
    check_period(period)
    unique, inverse = np.unique(pd.DatetimeIndex(starts).to_numpy(), return_inverse=True)
    labels = [period_label(start, period) for start in pd.DatetimeIndex(unique)]
    return np.asarray(labels, dtype=object)[inverse.reshape(-1)]


def period_label(start: date | datetime | str, period: str) -> str:
    """The label of the period that starts (or lies) on `start`: 2026-11-16, 2026-W47, 2026-11."""
    check_period(period)
    if isinstance(start, str):
        start = date.fromisoformat(start[:10])
    if period == "day":
        return f"{start:%Y-%m-%d}"
    if period == "month":
        return f"{start:%Y-%m}"
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def label_start(label: str, period: str) -> date:
    """The first day of the period labelled `label` (2026-11-16, 2026-W47, 2026-11)."""
    check_period(period)
    try:
        if period == "week":
            year, week = label.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        if period == "month":
            year, month = label.split("-")
            return date(int(year), int(month), 1)
        return date.fromisoformat(label)
    except ValueError:
        example = {"day": "2026-11-16", "week": "2026-W47", "month": "2026-11"}[period]
        raise PeriodError(f"not a {period} label: {label!r} (such as {example})") from None


def period_bounds(day: date, period: str, zone: str) -> tuple[datetime, datetime, str]:
    """The period of `period` holding the local calendar day `day` in `zone`: its start and
    end (aware UTC; the end is the next period's start) and its label."""
    check_period(period)
    if period == "day":
        first = day
    elif period == "week":
        first = date.fromordinal(day.toordinal() - day.weekday())
    else:
        first = day.replace(day=1)
    if period == "day":
        after = date.fromordinal(first.toordinal() + 1)
    elif period == "week":
        after = date.fromordinal(first.toordinal() + 7)
    else:
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    local = ZoneInfo(check_zone(zone))

    def start(of: date) -> datetime:
        return datetime(of.year, of.month, of.day, tzinfo=local).astimezone(timezone.utc)

    return start(first), start(after), period_label(first, period)


def period_range(first: Any, last: Any, period: str) -> pd.DatetimeIndex:
    """Every period start from `first` to `last` (both starts), so an empty period shows."""
    return pd.date_range(first, last, freq=FREQUENCY[check_period(period)])


def label_times(times: pd.Series, period: str, tz: str, column: str = "created_at") -> np.ndarray:
    """The period label of each time (naive times are UTC), in the local calendar of `tz`."""
    starts = period_starts(as_utc(times, column), period, tz)
    return period_labels(pd.DatetimeIndex(starts), period)


# --- SQL ---


def period_start_sql(column: Any, dialect: str, period: str, zone: str) -> Any:
    """SQL for the first day of the period holding `column` (a UTC timestamp) in `zone`, as
    'YYYY-MM-DD' text, for GROUP BY; :func:`period_label` turns each into its label.

    SQLite has no time zones: the store registers :func:`sqlite_local_time` as
    ``voc_local(ts, zone)`` on its connections.
    """
    from sqlalchemy import Integer, String, cast, func, literal

    check_period(period)
    if dialect == "postgresql":
        local = func.timezone(zone, column)
        return func.to_char(func.date_trunc(period, local), "YYYY-MM-DD")
    local = column if zone == "UTC" else func.voc_local(column, zone)
    if period == "day":
        return func.strftime("%Y-%m-%d", local)
    if period == "month":
        return func.strftime("%Y-%m-01", local)
    # ISO week: back up (weekday + 6) % 7 days to the Monday; %w is 0 for Sunday.
    back = (cast(func.strftime("%w", local), Integer) + 6) % 7
    return func.date(local, literal("-") + cast(back, String) + literal(" days"))


def sqlite_local_time(value: str | None, zone: str) -> str | None:
    """A naive-UTC SQLite timestamp as a naive wall-clock timestamp in `zone` (``voc_local``)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value).replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
    return moment.replace(tzinfo=None).isoformat(sep=" ")
