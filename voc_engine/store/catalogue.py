"""Channels, journey stages and touchpoints: the configurable vocabulary comments are filed under.

The default fits most service businesses; a YAML file (``VOC_CATALOGUE_FILE``) replaces it::

    channels: [survey, contact_centre, chat, email]
    journey_stages:
      purchase: [checkout, payment]
      support: [contact_centre_call, complaint]

A channel must be one of the list (a typo would split every report in two). A touchpoint
outside the catalogue is accepted and keeps its journey stage empty unless the comment gives one,
so a new touchpoint never blocks ingestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

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


@dataclass(frozen=True)
class Catalogue:
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    journey_stages: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_JOURNEY))

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
        return cls(
            channels=tuple(c.lower() for c in channels), journey_stages={str(k): tuple(v) for k, v in stages.items()}
        )


def load_catalogue(path: Path | None) -> Catalogue:
    return Catalogue.from_yaml(path) if path else Catalogue()
