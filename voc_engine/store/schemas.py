"""What a caller may send for one comment, validated in one place for the API and `voc ingest`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from voc_engine.store.catalogue import Catalogue
from voc_engine.times import optional_time

STANDARD_SCORES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
_NAME = r"^[A-Za-z0-9_.:\-/ ]+$"


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
        default=None, min_length=1, max_length=200, description="Pseudonymous customer id (never a name or e-mail)."
    )
    segment: str | None = Field(default=None, max_length=100)
    scores: dict[str, float] = Field(
        default_factory=dict, description="nps 0-10, csat 1-5, ces 1-7 (integers) and any custom numeric KPI."
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("text")
    @classmethod
    def _text_limits(cls, value: str, info: ValidationInfo) -> str:
        limit = (info.context or {}).get("max_text_chars")
        if limit and len(value) > limit:
            raise ValueError(f"text longer than {limit} characters")
        return value

    @field_validator("channel", "touchpoint", "journey_stage")
    @classmethod
    def _lower_name(cls, value: str | None) -> str | None:
        # One spelling per name, or every report splits "Checkout" from "checkout".
        return (value.lower() or None) if value is not None else None

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str | None, info: ValidationInfo) -> str | None:
        catalogue: Catalogue | None = (info.context or {}).get("catalogue")
        if value is not None and catalogue is not None and value not in catalogue.channels:
            raise ValueError(f"unknown channel {value!r}; known: {', '.join(catalogue.channels)}")
        return value

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
                    raise ValueError(f"{key}: must be an integer from {low} to {high}, got {value:g}")
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


def validation_context(catalogue: Catalogue, timezone_name: str, max_text_chars: int) -> dict[str, Any]:
    return {"catalogue": catalogue, "timezone": timezone_name, "max_text_chars": max_text_chars}


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
