"""Periods: ISO-8601 week labels, local calendars, and one label format for every result."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from voc_engine.config import Settings
from voc_engine.errors import ConfigError
from voc_engine.periods import PeriodError, business_timezone, label_times, period_label


@pytest.mark.parametrize(("day", "label"), [
    # ISO 8601: week 1 is the week with the year's first Thursday; weeks start on Monday.
    (date(2026, 1, 1), "2026-W01"),  # a Thursday
    (date(2025, 12, 29), "2026-W01"),  # its Monday, still in December
    (date(2024, 12, 30), "2025-W01"),
    (date(2021, 1, 3), "2020-W53"),  # a Sunday: 2020 began on a Wednesday of a leap year
    (date(2027, 1, 1), "2026-W53"),  # 2026 begins on a Thursday, so it has 53 weeks
    (date(2026, 11, 16), "2026-W47"),
])
def test_weeks_are_iso_8601_weeks(day, label):
    assert period_label(day, "week") == label


def test_days_and_months_and_an_unknown_period():
    assert period_label(date(2026, 2, 14), "day") == "2026-02-14"
    assert period_label(date(2026, 2, 14), "month") == "2026-02"
    with pytest.raises(PeriodError, match="fortnight"):
        period_label(date(2026, 2, 14), "fortnight")


def test_labels_follow_the_local_calendar_of_the_zone():
    # 2027-01-03T20:00Z is Sunday evening in UTC (ISO 2026-W53), Monday 05:00 in Tokyo (2027-W01);
    # 2026-12-31T20:00Z is New Year's Eve in UTC, New Year's Day in Tokyo.
    times = pd.Series(pd.to_datetime(["2027-01-03T20:00Z", "2026-12-31T20:00Z"]))
    assert list(label_times(times, "week", "UTC")) == ["2026-W53", "2026-W53"]
    assert list(label_times(times, "week", "Asia/Tokyo")) == ["2027-W01", "2026-W53"]
    assert list(label_times(times, "month", "Asia/Tokyo")) == ["2027-01", "2027-01"]
    assert list(label_times(times, "day", "America/New_York")) == ["2027-01-03", "2026-12-31"]


def test_an_unreadable_time_names_its_row_and_column():
    with pytest.raises(PeriodError, match=r"row 1, column 'opened_at'"):
        label_times(pd.Series(["2026-01-01T00:00Z", "&lt"]), "week", "UTC", column="opened_at")


def test_the_business_time_zone_comes_from_the_settings_and_is_checked(tmp_path):
    assert business_timezone(Settings(data_dir=tmp_path, business_timezone="Europe/Paris")) == "Europe/Paris"
    with pytest.raises(ConfigError, match="VOC_BUSINESS_TIMEZONE"):
        business_timezone(Settings(data_dir=tmp_path, business_timezone="Mars/Olympus"))


def test_a_store_with_a_time_zone_that_does_not_exist_is_a_configuration_error(tmp_path):
    from voc_engine.store.repository import FeedbackStore

    with pytest.raises(ConfigError, match="VOC_BUSINESS_TIMEZONE"):
        FeedbackStore(settings=Settings(data_dir=tmp_path, business_timezone="Mars/Olympus"))
    assert not (tmp_path / "voc.db").exists()  # found before the store opened anything


def test_period_bounds_and_label_start_follow_the_local_calendar():
    from datetime import date, datetime, timezone

    from voc_engine.periods import PeriodError, label_start, period_bounds

    utc = timezone.utc
    # Wednesday 18 Nov 2026 lies in ISO week 47, Monday 16 to Monday 23.
    assert period_bounds(date(2026, 11, 18), "week", "UTC") == (
        datetime(2026, 11, 16, tzinfo=utc), datetime(2026, 11, 23, tzinfo=utc), "2026-W47")
    # October 2026 in London starts at 00:00 BST (23:00 UTC the day before) and ends at 00:00 GMT.
    assert period_bounds(date(2026, 10, 9), "month", "Europe/London") == (
        datetime(2026, 9, 30, 23, tzinfo=utc), datetime(2026, 11, 1, tzinfo=utc), "2026-10")
    assert period_bounds(date(2026, 12, 31), "month", "UTC")[1] == datetime(2027, 1, 1, tzinfo=utc)
    # 29 Dec 2025 is the Monday of 2026-W01
    assert label_start("2026-W01", "week") == date(2025, 12, 29)
    assert label_start("2026-11", "month") == date(2026, 11, 1)
    assert label_start("2026-11-16", "day") == date(2026, 11, 16)
    with pytest.raises(PeriodError, match="not a week label"):
        label_start("2026-47", "week")
