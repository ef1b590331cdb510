"""voc_engine.times: the one parser of caller-given times (API parameters, comment times, CLI)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from voc_engine.errors import VocError
from voc_engine.times import EARLIEST, LATEST, TimeValueError, check_zone, parse_time

UTC = timezone.utc


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20T14:03:00Z", datetime(2026, 11, 20, 14, 3, tzinfo=UTC)),
        ("2026-11-20t14:03:00z", datetime(2026, 11, 20, 14, 3, tzinfo=UTC)),  # RFC 3339 allows lower case
        ("2026-11-20 14:03", datetime(2026, 11, 20, 14, 3, tzinfo=UTC)),
        ("20261120T140300", datetime(2026, 11, 20, 14, 3, tzinfo=UTC)),
        ("2026-11-20T14:03:00+01:00", datetime(2026, 11, 20, 13, 3, tzinfo=UTC)),
        ("2026-11-20T14:03:00,5-0130", datetime(2026, 11, 20, 15, 33, 0, 500000, tzinfo=UTC)),
        ("  2026-11-20T14:03:00.123456789Z ", datetime(2026, 11, 20, 14, 3, 0, 123456, tzinfo=UTC)),
    ],
)
def test_iso_8601_text_becomes_aware_utc(text, expected):
    assert parse_time(text) == expected and parse_time(text).tzinfo is UTC


def test_a_naive_time_is_read_in_the_stated_zone():
    assert parse_time("2026-07-01T12:00:00", "Europe/Paris") == datetime(2026, 7, 1, 10, tzinfo=UTC)
    assert parse_time(datetime(2026, 1, 1, 12), ZoneInfo("America/New_York")) == datetime(2026, 1, 1, 17, tzinfo=UTC)
    assert parse_time(date(2026, 1, 2)) == datetime(2026, 1, 2, tzinfo=UTC)
    # an aware value keeps its own offset whatever the zone
    assert parse_time("2026-07-01T12:00:00Z", "Europe/Paris") == datetime(2026, 7, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize("value", [0.5, 1700000000, True, "0.5", "1700000000", "", "now", "2026-W47",
                                   "2026-11-20x14:03", "\uff12\uff10\uff12\uff16-11-20", None, [2026, 11, 20]])
def test_anything_but_iso_8601_text_is_refused(value):
    with pytest.raises(TimeValueError):
        parse_time(value)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-11-20T24:00:00", "2026-11-20T23:59:60Z", "2026-13-01"])
def test_times_not_on_the_calendar_are_refused(text):
    with pytest.raises(TimeValueError, match="not a valid time"):
        parse_time(text)


@pytest.mark.parametrize(
    "text,zone",
    [
        ("0001-01-01T00:01:00+04:01", "UTC"),  # overflows below year 1 in UTC
        ("9999-12-31T23:59:59-12:00", "UTC"),  # overflows past year 9999 in UTC
        ("0001-01-01T00:00:00", "Asia/Tokyo"),
        ("9999-12-31T23:59:59", "America/Los_Angeles"),
        ("1899-12-31T23:59:59Z", "UTC"),
        ("1900-01-01T00:30:00+01:00", "UTC"),  # 1899 in UTC
        ("2200-01-01T00:00:00Z", "UTC"),
        ("2199-12-31T23:30:00-01:00", "UTC"),  # 2200 in UTC
    ],
)
def test_times_outside_the_supported_range_are_refused(text, zone):
    with pytest.raises(TimeValueError, match="out of range"):
        parse_time(text, zone)


def test_the_range_ends():
    assert parse_time("1900-01-01T00:00:00Z") == EARLIEST
    assert parse_time("2199-12-31T23:59:59.999999Z") < LATEST
    assert parse_time("1900-01-01T00:30:00-01:00") > EARLIEST


def test_errors_are_both_voc_errors_and_value_errors():
    # VocError: the CLI prints it; ValueError: pydantic turns it into a field-level 422.
    assert issubclass(TimeValueError, VocError) and issubclass(TimeValueError, ValueError)


def test_zones():
    assert check_zone("Europe/Paris") == "Europe/Paris"
    for bad in ("Nowhere/Else", "", "../../etc/passwd", "x\x00", "a" * 5000):
        with pytest.raises(TimeValueError, match="unknown time zone"):
            check_zone(bad)
