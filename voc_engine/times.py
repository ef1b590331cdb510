"""Times given by callers: one parser for every endpoint and command that takes a time.

Rules (the API's OpenAPI descriptions and the CLI's help refer here):

* ISO-8601 text only, e.g. ``2026-11-20``, ``2026-11-20T14:03:00Z``,
  ``2026-11-20 14:03:00+01:00``. A number is not a time: ``0.5`` or ``1700000000`` would be
  read as seconds since 1970 by a lenient parser, which is never what a person meant.
* A time without an offset is read in the zone the caller states (query parameters and
  command options: UTC; a comment's ``created_at``: the business time zone), then converted
  to UTC.
* After conversion to UTC it must lie in [1900-01-01, 2200-01-01). Outside, the database and
  the analysis code misbehave in different ways (Python's datetime overflows when a zone shifts
  year 1 or 9999; pandas' nanosecond timestamps, used by the charts and trends, end in 2262),
  and no customer comment comes from there. The window leaves room for any zone offset and
  for rounding down to a period start.

Errors are :class:`TimeValueError`, both a ``VocError`` (the CLI prints it) and a ``ValueError``
(pydantic turns it into a field-level 422).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone, tzinfo
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator

from voc_engine.errors import VocError

EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)  # exclusive

# The shapes datetime.fromisoformat reads that are ISO-8601: it also takes any character as the
# date/time separator and week dates, which we do not promise.
_ISO = re.compile(
    r"\d{4}-?\d{2}-?\d{2}"
    r"(?:[Tt ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d{1,9})?)?)?"
    r"(?:[Zz]|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?)?",
    re.ASCII,
)
_EXAMPLE = "2026-11-20T14:03:00Z"


class TimeValueError(VocError, ValueError):
    """A time a caller gave is not ISO-8601 text, or lies outside the supported range."""


def parse_time(value: Any, zone: str | tzinfo = "UTC") -> datetime:
    """`value` (ISO-8601 text, or a datetime / date object) as an aware UTC datetime.

    A naive value is read in `zone`. Raises TimeValueError for anything else, for a time that
    does not exist on the calendar, and for one outside [EARLIEST, LATEST).
    """
    if isinstance(value, str):
        moment = _parse_text(value.strip())
    elif isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, (bool, int, float)):
        raise TimeValueError(f"a time is ISO-8601 text such as {_EXAMPLE}, not a number")
    else:
        raise TimeValueError(f"a time is ISO-8601 text such as {_EXAMPLE}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone) if isinstance(zone, str) else zone)
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # year 1 or 9999 shifted off the calendar
        raise _out_of_range() from None
    if not EARLIEST <= utc < LATEST:
        raise _out_of_range()
    return utc


def optional_time(value: Any, zone: str | tzinfo = "UTC") -> datetime | None:
    return None if value is None else parse_time(value, zone)


def _parse_text(text: str) -> datetime:
    if not _ISO.fullmatch(text):
        raise TimeValueError(f"not an ISO-8601 time: give e.g. {_EXAMPLE} or 2026-11-20")
    try:
        # RFC 3339 allows a lower-case t and z; fromisoformat does not, nor a decimal comma.
        return datetime.fromisoformat(text.upper().replace(",", "."))
    except ValueError as exc:  # the right shape but not on the calendar: 2026-02-30, 25:00
        raise TimeValueError(f"not a valid time ({exc})") from None


def _out_of_range() -> TimeValueError:
    return TimeValueError(
        f"time out of range: supported from {EARLIEST:%Y-%m-%d} up to (not including) {LATEST:%Y-%m-%d}, UTC"
    )


def check_zone(name: str) -> str:
    """`name` if it is an IANA time zone (e.g. Europe/Paris, UTC), else TimeValueError."""
    try:
        ZoneInfo(name)
    except Exception:  # noqa: BLE001 - zoneinfo raises several kinds (bad key, path-like names, NUL)
        raise TimeValueError(f"unknown time zone {name[:60]!r}: give an IANA name such as Europe/Paris or UTC") from None
    return name


# For FastAPI parameters and pydantic fields: the OpenAPI schema stays {type: string,
# format: date-time}; a naive value is UTC.
ApiTime = Annotated[datetime, BeforeValidator(parse_time)]
ZoneName = Annotated[str, AfterValidator(check_zone)]


def cli_time(value: str | None) -> datetime | None:
    """A typer callback for --since / --until options: naive means UTC; errors name the option."""
    if value is None:
        return None
    import typer

    try:
        return parse_time(value)
    except TimeValueError as exc:
        raise typer.BadParameter(str(exc)) from None
