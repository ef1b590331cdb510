"""Taxonomy and flag definitions (YAML, validated) and their phrase rules."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from voc_engine.config import RESOURCES_DIR
from voc_engine.errors import ConfigError

DEFAULT_TAXONOMY = RESOURCES_DIR / "taxonomy.yaml"
DEFAULT_FLAGS = RESOURCES_DIR / "flags.yaml"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Category(BaseModel):
    name: str
    description: str = ""
    rules: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"category name {value!r} must be snake_case (a-z, 0-9, _)")
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _rules_as_text(cls, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise ValueError(f"rules must be a list of phrases, not {type(value).__name__}")
        return [str(rule) for rule in value]


class Taxonomy(BaseModel):
    version: int = 1
    categories: list[Category]

    @field_validator("categories")
    @classmethod
    def _unique(cls, value: list[Category]) -> list[Category]:
        names = [c.name for c in value]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate category names: {', '.join(duplicates)}")
        return value

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.categories]


class FlagSet(BaseModel):
    version: int = 1
    flags: list[Category]


def _load(path: Path, model: type[BaseModel], key: str):
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{key} file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{key} file {path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{key} file {path} is invalid: {exc}") from exc


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    return _load(path or DEFAULT_TAXONOMY, Taxonomy, "taxonomy")


def load_flags(path: Path | None = None) -> FlagSet:
    return _load(path or DEFAULT_FLAGS, FlagSet, "flags")
