"""Errors a user can cause. The API maps them to HTTP codes in one place."""
from __future__ import annotations


class VocError(Exception):
    """Base class for every error voc-engine raises on purpose."""


class InputFileError(VocError):
    """An input file cannot be read as the user described it.

    Carries the 0-based data row and the column when one is to blame, so the
    message can name them.
    """

    def __init__(self, message: str, row: int | None = None, column: str | None = None):
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{message} ({', '.join(where)})" if where else message)
        self.reason = message
        self.row = row
        self.column = column


class ModelNotFoundError(VocError):
    """A model directory is missing or incomplete."""


class ConfigError(VocError):
    """A configuration file (taxonomy, rules, routing) or setting is invalid."""


class InvalidArgumentError(VocError):
    """An argument the caller gave (a command-line option, a request parameter) is not one the
    call accepts: an unknown role, rule set or grouping, a --map that cannot be parsed."""


class NotFoundError(VocError):
    """A requested record does not exist (or is not visible to the caller)."""


class PermissionDeniedError(VocError):
    """The caller's role does not allow this action."""


class ConflictError(VocError):
    """The request conflicts with the current state (e.g. an invalid transition)."""


class NotAuthenticatedError(VocError):
    """No credentials, or credentials that are unknown, revoked, expired or wrong."""


class TooManyAttemptsError(VocError):
    """Refused for now after repeated failures; `retry_after` seconds until it may be tried again."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after
