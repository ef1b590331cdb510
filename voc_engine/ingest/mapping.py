"""From a file row to the fields of a comment: `--map text=COL,nps=COL` and `--set channel=survey`."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from voc_engine.errors import InputFileError, InvalidArgumentError

COMMENT_FIELDS = (
    "source",
    "external_id",
    "text",
    "created_at",
    "channel",
    "touchpoint",
    "journey_stage",
    "customer_id",
    "segment",
)
SCORE_FIELDS = ("nps", "csat", "ces")
PREFIXES = ("score.", "kpi.", "meta.")


class MappingError(InvalidArgumentError):
    """A --map or --set argument that cannot be understood."""


def parse_assignments(spec: str | None, what: str) -> dict[str, str]:
    """'a=B,c=D' -> {'a': 'B', 'c': 'D'}."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise MappingError(f"{what}: expected FIELD=VALUE pairs separated by commas, got {part!r}")
        out[name.strip()] = value.strip()
    return out


def parse_value_maps(specs: list[str] | None) -> dict[str, dict[str, str]]:
    """['channel=call:contact_centre,store:branch', …] -> {'channel': {'call': 'contact_centre', …}}."""
    from voc_engine.store.catalogue import MAPPABLE_FIELDS

    maps: dict[str, dict[str, str]] = {}
    for spec in specs or []:
        name, sep, pairs = spec.partition("=")
        name = name.strip()
        if not sep or name not in MAPPABLE_FIELDS:
            raise MappingError(
                f"--map-values: expected FIELD=FROM:TO,FROM:TO with FIELD one of {', '.join(MAPPABLE_FIELDS)}"
            )
        for pair in pairs.split(","):
            sent, colon, stored = pair.partition(":")
            if not colon or not sent.strip() or not stored.strip():
                raise MappingError(f"--map-values {name}: expected FROM:TO pairs separated by commas")
            maps.setdefault(name, {})[sent.strip().lower()] = stored.strip().lower()
    return maps


def _check_target(name: str, what: str) -> None:
    if name in COMMENT_FIELDS or name in SCORE_FIELDS:
        return
    if any(name.startswith(p) and len(name) > len(p) for p in PREFIXES):
        return
    known = ", ".join(COMMENT_FIELDS + SCORE_FIELDS) + ", score.NAME, kpi.NAME, meta.NAME"
    raise MappingError(f"{what}: unknown field {name!r}; known: {known}")


@dataclass
class FieldMap:
    """Which column feeds which comment field, plus constants for every row.

    A field without a mapping is taken from a column of the same name when the file has one.
    Without an external_id column, the id is a hash of the row's mapped values, so re-running a
    file (after an interruption, say) never stores a row twice.
    """

    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, map_spec: str | None, set_spec: str | None = None) -> "FieldMap":
        columns = parse_assignments(map_spec, "--map")
        constants = parse_assignments(set_spec, "--set")
        for name in list(columns) + list(constants):
            _check_target(name, "--map" if name in columns else "--set")
        return cls(columns, constants)

    def resolve(self, available: list[str] | None, default_source: str | None = None) -> "FieldMap":
        """Add same-name columns and check the mapped ones exist (when the columns are known).

        A `source` column is used when mapped, or when no default source (--source) is given.
        """
        columns = dict(self.columns)
        if available is not None:
            for name in COMMENT_FIELDS + SCORE_FIELDS:
                if name == "source" and default_source:
                    continue
                if name not in columns and name not in self.constants and name in available:
                    columns[name] = name
            missing = [col for col in columns.values() if col not in available]
            if missing:
                raise InputFileError(f"column not in the file (it has: {', '.join(available)})", column=missing[0])
        if "text" not in columns:
            raise MappingError("no text column: pass --map text=COLUMN")
        if not default_source and "source" not in columns and "source" not in self.constants:
            raise MappingError("no source: pass --source NAME or --map source=COLUMN")
        return FieldMap(columns, dict(self.constants))

    @property
    def source_columns(self) -> list[str]:
        return list(dict.fromkeys(self.columns.values()))

    def comment(self, row: dict[str, Any], source: str | None) -> dict[str, Any]:
        """The comment dict for `CommentIn` validation: blanks dropped, scores and metadata nested.

        `source` is the default for rows without a source of their own."""
        values: dict[str, Any] = dict(self.constants)
        for target, column in self.columns.items():
            value = _blank_to_none(row.get(column))
            if value is not None:
                values[target] = value
        comment: dict[str, Any] = {"source": source}
        scores: dict[str, Any] = {}
        metadata: dict[str, Any] = {}
        for name, value in values.items():
            if name in SCORE_FIELDS:
                scores[name] = value
            elif name.startswith(("score.", "kpi.")):
                scores[name.split(".", 1)[1]] = value
            elif name.startswith("meta."):
                metadata[name[5:]] = _json_safe(value)
            elif name == "created_at":
                comment[name] = _parse_time(value)
            elif name in ("source", "external_id", "customer_id"):
                comment[name] = str(value)
            else:
                comment[name] = value
        if scores:
            comment["scores"] = scores
        if metadata:
            comment["metadata"] = metadata
        if "external_id" not in comment:
            comment["external_id"] = content_id(values)
        return comment


def content_id(values: dict[str, Any]) -> str:
    payload = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()[:40]


def _blank_to_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _json_safe(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _parse_time(value: Any) -> Any:
    """ISO-8601 first; then what pandas understands ('2015-02-24 11:35:52 -0800'); else as given,
    so validation reports the row."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        import pandas as pd

        stamp = pd.Timestamp(value)
        return value if stamp is pd.NaT else stamp.to_pydatetime()
    except (ValueError, TypeError, OverflowError):
        return value
