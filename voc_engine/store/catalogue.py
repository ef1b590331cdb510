"""Channels, journey stages and touchpoints: the configurable vocabulary comments are filed under.

The default fits most service businesses; a YAML file (``VOC_CATALOGUE_FILE``) replaces it::

    channels: [survey, contact_centre, chat, email]
    journey_stages:
      purchase: [checkout, payment]
      support: [contact_centre_call, complaint]

A channel must be one of the list (a typo would split every report in two). A touchpoint
outside the catalogue is accepted and keeps its journey stage empty unless the comment gives one,
so a new touchpoint never blocks ingestion.

Other systems name things their own way; ``value_map`` translates their values (per field:
channel, touchpoint, journey_stage) before anything checks them, and
``unknown_channel: other`` files a channel still unknown after mapping under ``other`` instead of
refusing the comment (the default, ``reject``, refuses it and lists the known channels)::

    value_map:
      channel: {call: contact_centre, store: branch, field_service: other}
    unknown_channel: reject
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml

from voc_engine.errors import ConfigError

DEFAULT_CHANNELS: tuple[str, ...] = (
    "survey",
    "contact_centre",
    "chat",
    "email",
    "branch",
    "web",
    "app",
    "app_review",
    "social",
    "letter",
    "other",
)

# Stage -> touchpoints whose comments default to that stage (a comment may name its own stage).
# The names follow the project's sample data (`voc_engine/samples`).
DEFAULT_JOURNEY: dict[str, tuple[str, ...]] = {
    "awareness": ("advertising", "website_visit", "store_visit"),
    "consideration": ("quote", "comparison", "product_page"),
    "purchase": ("travel_booking", "booking", "onboarding", "checkout", "account_opening", "activation"),
    "use": (
        "app",
        "branch_visit",
        "card_delivery",
        "payments",
        "delivery",
        "installation",
        "product_use",
        "travel",
        "stay",
    ),
    "support": ("contact_centre", "claims", "complaint", "repair", "refund", "returns"),
    "billing": ("billing", "statement", "collections"),
    "renewal": ("renewal", "cancellation"),
}


MAPPABLE_FIELDS: tuple[str, ...] = ("channel", "touchpoint", "journey_stage")
UnknownChannel = Literal["reject", "other"]


@dataclass(frozen=True)
class Catalogue:
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    journey_stages: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_JOURNEY))
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {sent: stored}
    unknown_channel: UnknownChannel = "reject"

    def __post_init__(self) -> None:
        unknown = set(self.value_maps) - set(MAPPABLE_FIELDS)
        if unknown:
            raise ConfigError(f"value_map: cannot map {sorted(unknown)}; mappable: {', '.join(MAPPABLE_FIELDS)}")
        if self.unknown_channel not in ("reject", "other"):
            raise ConfigError("unknown_channel must be 'reject' or 'other'")
        if self.unknown_channel == "other" and "other" not in self.channels:
            raise ConfigError("unknown_channel: other needs 'other' in the channel list")

    def canonical(self, name: str, value: str) -> tuple[str, str | None]:
        """The stored form of a sent value, and how it changed: None, "mapped" or "other".

        Names are compared in lower case, as they are stored."""
        lowered = value.lower()
        mapped = self.value_maps.get(name, {}).get(lowered, lowered)
        change = "mapped" if mapped != lowered else None
        if name == "channel" and mapped not in self.channels and self.unknown_channel == "other":
            return "other", "other"
        return mapped, change

    def with_overrides(
        self, value_maps: dict[str, dict[str, str]] | None = None, unknown_channel: UnknownChannel | None = None
    ) -> "Catalogue":
        """This catalogue with more value mappings (they win) and, if given, another unknown-channel policy."""
        merged = {name: dict(mapping) for name, mapping in self.value_maps.items()}
        for name, mapping in (value_maps or {}).items():
            merged.setdefault(name, {}).update({k.lower(): v.lower() for k, v in mapping.items()})
        return replace(self, value_maps=merged, unknown_channel=unknown_channel or self.unknown_channel)

    @cached_property
    def stage_by_touchpoint(self) -> dict[str, str]:
        return {tp: stage for stage, tps in self.journey_stages.items() for tp in tps}

    def journey_stage_of(self, touchpoint: str | None) -> str | None:
        return self.stage_by_touchpoint.get(touchpoint) if touchpoint else None

    @classmethod
    def from_yaml(cls, path: Path) -> "Catalogue":
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read catalogue file {path}: {exc}") from exc
        if not isinstance(raw, dict):
            raise ConfigError(f"catalogue file {path}: expected a mapping at the top level")
        channels = raw.get("channels", list(DEFAULT_CHANNELS))
        stages = raw.get("journey_stages", {k: list(v) for k, v in DEFAULT_JOURNEY.items()})
        if not isinstance(channels, list) or not all(isinstance(c, str) and c for c in channels):
            raise ConfigError(f"catalogue file {path}: 'channels' must be a list of names")
        if not isinstance(stages, dict) or not all(
            isinstance(tps, list) and all(isinstance(t, str) for t in tps) for tps in stages.values()
        ):
            raise ConfigError(f"catalogue file {path}: 'journey_stages' must map a stage to a list of touchpoints")
        seen: dict[str, str] = {}
        for stage, tps in stages.items():
            for tp in tps:
                if tp in seen:
                    raise ConfigError(
                        f"catalogue file {path}: touchpoint {tp!r} is in stages {seen[tp]!r} and {stage!r}"
                    )
                seen[tp] = stage
        value_maps = raw.get("value_map", {})
        if not isinstance(value_maps, dict) or not all(
            isinstance(m, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in m.items())
            for m in value_maps.values()
        ):
            raise ConfigError(f"catalogue file {path}: 'value_map' must map a field to {{sent: stored}} names")
        return cls(
            channels=tuple(c.lower() for c in channels),
            journey_stages={str(k): tuple(v) for k, v in stages.items()},
            value_maps={f: {k.lower(): v.lower() for k, v in m.items()} for f, m in value_maps.items()},
            unknown_channel=raw.get("unknown_channel", "reject"),
        )


def load_catalogue(path: Path | None) -> Catalogue:
    return Catalogue.from_yaml(path) if path else Catalogue()
