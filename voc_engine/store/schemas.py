"""What a caller may send for one comment, validated in one place for the API and `voc ingest`."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from voc_engine.store.catalogue import Catalogue
from voc_engine.store.privacy import PiiPolicy
from voc_engine.times import optional_time

STANDARD_SCORES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
# The Net Promoter definition (Reichheld 2003): 9-10 promoters, 0-6 detractors, 7-8 passives.
NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX = 9, 6
_NAME = r"^[A-Za-z0-9_.:\-/ ]+$"
MAX_SCORES = 50
MAX_SCORE_NAME_CHARS = 50


@dataclass(frozen=True)
class FieldLimits:
    """Size limits per field (StoreSettings: VOC_MAX_TEXT_CHARS, VOC_MAX_METADATA_*)."""

    max_text_chars: int = 1_000_000
    max_metadata_bytes: int = 16_384
    max_metadata_depth: int = 4
    max_metadata_keys: int = 100


def _string_problem(value: str) -> str | None:
    """Why a string cannot be stored and read back everywhere, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate ("\\udfff" in JSON) cannot be written as UTF-8: stored, it breaks
        # every later read, export and webhook of the row.
        return "not well-formed Unicode (a lone surrogate)"
    if "\x00" in value:
        return "a NUL character is not allowed"  # PostgreSQL text cannot hold one
    return None


_WALK_LIMIT = 64  # nesting beyond any configurable depth; the depth check reports it


def _first_string_problem(value: Any, depth: int = 0) -> str | None:
    """The first problem with any string (key or value) or number inside `value`."""
    if isinstance(value, str):
        return _string_problem(value)
    if isinstance(value, float):
        return None if math.isfinite(value) else "a number that is not finite (NaN or infinity)"
    if depth > _WALK_LIMIT:
        return None
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        problem = _first_string_problem(item, depth + 1)
        if problem:
            return problem if depth else f"a key or value: {problem}"
    return None


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of dicts and lists, counted no further than limit + 1."""
    if limit < 0 or not isinstance(value, (dict, list)):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in items), default=0)


def _key_count(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_key_count(v) for v in value.values())
    if isinstance(value, list):
        return sum(_key_count(v) for v in value)
    return 0


class CommentIn(BaseModel):
    """One comment as posted to `POST /v1/comments` (and as `voc ingest` maps a file row)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    source: str = Field(
        min_length=1, max_length=100, pattern=_NAME, description="The system that sent it, e.g. 'qualtrics-nps'."
    )
    external_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The sender's id: (source, external_id) is unique; retries are idempotent.",
    )
    text: str = Field(min_length=1, description="The verbatim comment.")
    created_at: datetime | None = Field(
        default=None, description="When the customer wrote it (ISO-8601); default: now."
    )
    channel: str | None = Field(default=None, max_length=50)
    touchpoint: str | None = Field(default=None, max_length=100)
    journey_stage: str | None = Field(default=None, max_length=100)
    customer_id: str | None = Field(
        default=None, min_length=1, max_length=200, description="The customer's id in your systems; stored and shown only as a keyed pseudonym (cu_…).",
    )
    segment: str | None = Field(default=None, max_length=100)
    scores: dict[str, float] = Field(
        default_factory=dict, description="nps 0-10, csat 1-5, ces 1-7 (integers) and any custom numeric KPI."
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("*", mode="before")
    @classmethod
    def _well_formed(cls, value: Any, info: ValidationInfo) -> Any:
        # Checked before anything else reads the value, so no later step meets a string that
        # cannot be encoded. Control characters in the text itself are the normaliser's job.
        if info.field_name == "text" and isinstance(value, str):
            value_to_check: Any = value.replace("\x00", "")
        else:
            value_to_check = value
        problem = _first_string_problem(value_to_check)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("text")
    @classmethod
    def _text_limits(cls, value: str, info: ValidationInfo) -> str:
        limit = _limits(info).max_text_chars
        if limit and len(value) > limit:
            raise ValueError(f"text longer than {limit} characters")
        return value

    @field_validator("metadata")
    @classmethod
    def _metadata_limits(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        limits = _limits(info)
        if _depth(value, limits.max_metadata_depth) > limits.max_metadata_depth:
            raise ValueError(f"nested deeper than {limits.max_metadata_depth} levels")
        if _key_count(value) > limits.max_metadata_keys:
            raise ValueError(f"more than {limits.max_metadata_keys} keys")
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if size > limits.max_metadata_bytes:
            raise ValueError(f"larger than {limits.max_metadata_bytes} bytes as JSON ({size})")
        policy = _policy(info)
        return policy.metadata(value) if policy else value

    @field_validator("customer_id")
    @classmethod
    def _pseudonymise(cls, value: str | None, info: ValidationInfo) -> str | None:
        policy = _policy(info)
        return policy.customer_id(value) if policy and value is not None else value

    @field_validator("external_id")
    @classmethod
    def _record_id(cls, value: str | None, info: ValidationInfo) -> str | None:
        policy = _policy(info)
        problem = policy.external_id_problem(value) if policy and value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("channel", "touchpoint", "journey_stage")
    @classmethod
    def _lower_name(cls, value: str | None, info: ValidationInfo) -> str | None:
        # One spelling per name, or every report splits "Checkout" from "checkout"; the
        # catalogue's value_map translates another system's names.
        if value is None or not value:
            return None
        catalogue: Catalogue | None = (info.context or {}).get("catalogue")
        return catalogue.canonical(info.field_name, value)[0] if catalogue else value.lower()

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str | None, info: ValidationInfo) -> str | None:
        catalogue: Catalogue | None = (info.context or {}).get("catalogue")
        if value is not None and catalogue is not None and value not in catalogue.channels:
            raise ValueError(
                f"unknown channel; known: {', '.join(catalogue.channels)} (map other names with the catalogue's "
                "value_map or `voc ingest --map-values channel=FROM:TO`, or file them under 'other' with "
                "unknown_channel: other / --unknown-channel other)"
            )
        return value

    @field_validator("touchpoint", "journey_stage", "segment")
    @classmethod
    def _redact_label(cls, value: str | None, info: ValidationInfo) -> str | None:
        policy = _policy(info)
        return policy.label(value) if policy and value is not None else value

    @field_validator("created_at", mode="before")
    @classmethod
    def _to_utc(cls, value: Any, info: ValidationInfo) -> datetime | None:
        # ISO-8601 only, within the supported range (voc_engine.times); a naive time is read in
        # the business's time zone, the way people write dates.
        return optional_time(value, (info.context or {}).get("timezone") or "UTC")

    @field_validator("scores", mode="before")
    @classmethod
    def _no_booleans(cls, scores: Any) -> Any:
        # pydantic reads true as 1.0: "nps": true would be stored as a score of 1.
        if isinstance(scores, dict):
            for name, value in scores.items():
                if isinstance(value, bool):
                    raise ValueError(f"{name}: a score is a number, not {str(value).lower()}")
        return scores

    @field_validator("scores")
    @classmethod
    def _score_ranges(cls, scores: dict[str, float]) -> dict[str, float]:
        if len(scores) > MAX_SCORES:
            raise ValueError(f"more than {MAX_SCORES} scores")
        if any(len(name) > MAX_SCORE_NAME_CHARS for name in scores):
            raise ValueError(f"a score name is longer than {MAX_SCORE_NAME_CHARS} characters")
        cleaned: dict[str, float] = {}
        for name, value in scores.items():
            key = name.strip().lower()
            if not key:
                raise ValueError("a score needs a name")
            if not math.isfinite(value):
                raise ValueError(f"{key}: must be a finite number")
            if key in STANDARD_SCORES:
                low, high = STANDARD_SCORES[key]
                if value != int(value) or not low <= value <= high:
                    raise ValueError(f"{key}: must be an integer from {low} to {high}")
                cleaned[key] = int(value)
            else:
                cleaned[key] = float(value)
        return cleaned

    @property
    def kpis(self) -> dict[str, float]:
        return {k: v for k, v in self.scores.items() if k not in STANDARD_SCORES}


@dataclass(frozen=True)
class RowError:
    """Why one input row was not stored; `index` is its position in the batch or file."""

    index: int
    error: str
    fields: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "error": self.error}
        if self.fields:
            out["fields"] = list(self.fields)
        return out


def _limits(info: ValidationInfo) -> FieldLimits:
    return (info.context or {}).get("limits") or FieldLimits()


def _policy(info: ValidationInfo) -> PiiPolicy | None:
    return (info.context or {}).get("pii")


def validation_context(
    catalogue: Catalogue, timezone_name: str, limits: FieldLimits, pii: PiiPolicy | None = None
) -> dict[str, Any]:
    """What `CommentIn` validation needs besides the row. Without `pii` the structured fields are
    kept as sent: only for code that never stores (the store always passes its policy)."""
    return {"catalogue": catalogue, "timezone": timezone_name, "limits": limits, "pii": pii}


def validate_comment(raw: Any, index: int, context: dict[str, Any]) -> CommentIn | RowError:
    """A valid comment, or the row's field-level errors (never echoing the text back into logs)."""
    if not isinstance(raw, dict):
        return RowError(index, "a comment must be a JSON object")
    try:
        return CommentIn.model_validate(raw, context=context)
    except ValidationError as exc:
        fields = tuple(
            {"loc": [str(p) for p in err["loc"]], "msg": err["msg"], "type": err["type"]}
            for err in exc.errors(include_url=False, include_input=False)
        )
        summary = "; ".join(f"{'.'.join(f['loc']) or 'comment'}: {f['msg']}" for f in fields)
        return RowError(index, summary, fields)
