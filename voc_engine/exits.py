"""Exit statuses of the ``voc`` command, and the one way its commands report an error.

====  ==========================================================================================
0     done
1     the data is at fault: an input file or value, a stored record (not found, in another
      state, refused), or nothing to work on
2     the command line or the configuration is at fault: an unknown or invalid option (click
      reports those itself, with status 2), an invalid configuration file or setting, a missing
      model
====  ==========================================================================================

Every command runs its work inside :func:`cli_errors`, which prints ``error: <message>`` on
stderr and exits with the status the error's class gives (:func:`exit_status`).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, NoReturn

import typer

from voc_engine.errors import ConfigError, InvalidArgumentError, ModelNotFoundError, VocError

OK = 0
DATA_ERROR = 1
USAGE_ERROR = 2

_USAGE_ERRORS = (InvalidArgumentError, ConfigError, ModelNotFoundError)


def exit_status(error: BaseException) -> int:
    return USAGE_ERROR if isinstance(error, _USAGE_ERRORS) else DATA_ERROR


def fail(error: BaseException | str, status: int | None = None) -> NoReturn:
    """Print ``error: …`` on stderr and leave with `status` (default: the error's own)."""
    typer.secho(f"error: {error}", fg="red", err=True)
    if status is None:
        status = exit_status(error) if isinstance(error, BaseException) else DATA_ERROR
    raise typer.Exit(code=status)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn a VocError raised inside into its message and exit status (no traceback)."""
    try:
        yield
    except VocError as exc:
        fail(exc)


def read_argument_file(path) -> str:
    """The text of a file named on the command line; one that cannot be read is a usage error."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidArgumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidArgumentError(f"{path} is not UTF-8 text ({exc.reason})") from None


BAD_ROWS_SHOWN = 20  # unreadable rows named one by one on stderr


def report_bad_rows(bad_rows: list, path=None) -> None:
    """Name the rows of an input file that could not be read and were left out (stderr)."""
    for row in bad_rows[:BAD_ROWS_SHOWN]:
        typer.secho(f"warning: left out {row}", fg="yellow", err=True)
    if len(bad_rows) > BAD_ROWS_SHOWN:
        typer.secho(f"warning: … and {len(bad_rows) - BAD_ROWS_SHOWN} more rows left out", fg="yellow", err=True)
    if bad_rows and path is not None:
        typer.secho(f"warning: {len(bad_rows)} unreadable rows of {path} left out", fg="yellow", err=True)
