"""Taxonomy and flag definitions (YAML, validated) and their phrase rules.

A tagger carries its own taxonomy: ``model.json`` names it in ``"taxonomy"`` (a file in the
model directory, written by ``voc train tagger``; the shipped taggers point to the shipped
taxonomy in the package), so a tagger's phrase rules go wherever the tagger goes and never
with another one (:func:`tagger_taxonomy`).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Sequence

import yaml
from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator,
                      model_serializer)

from voc_engine.config import PACKAGE_DIR, RESOURCES_DIR
from voc_engine.errors import ConfigError, ModelNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.nlp.heads import LinearHead

log = logging.getLogger(__name__)

DEFAULT_TAXONOMY = RESOURCES_DIR / "taxonomy.yaml"
DEFAULT_FLAGS = RESOURCES_DIR / "flags.yaml"
TAGGER_TAXONOMY_FILE = "taxonomy.yaml"  # in a tagger's model directory
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Category(BaseModel):
    name: str
    description: str = ""
    rules: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _snake_case(cls, value: str, info: ValidationInfo) -> str:
        # A tagger's labels come from its training file ("Late Flight"): a category of that
        # name is what ties rules to the label, so it is accepted as the tagger spells it.
        labels = (info.context or {}).get("labels") or ()
        if value in labels and value.strip():
            return value
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


def _check_unique(names: list[str], what: str) -> None:
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"duplicate {what} names: {', '.join(duplicates)}")


class Taxonomy(BaseModel):
    version: int = 1
    categories: list[Category]

    @field_validator("categories")
    @classmethod
    def _unique(cls, value: list[Category]) -> list[Category]:
        _check_unique([c.name for c in value], "category")
        return value

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.categories]


def taxonomy_digest(taxonomy: Taxonomy) -> str:
    """What of a taxonomy changes tags (category names and their rules), as 8 hex digits: part of
    the model version, so `voc reprocess` re-tags comments tagged under other rules."""
    content = json.dumps([[c.name, sorted(c.rules)] for c in taxonomy.categories], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]


# Raised by the pipeline itself, whatever the flag configuration says: not configurable names.
DATA_QUALITY_FLAGS: tuple[str, ...] = ("non_english", "no_text", "invalid_utf8", "text_cut")


class Flag(BaseModel):
    """One flag: raised when a phrase rule matches, or (``model: true``) when the flag model
    has a head for it and scores the comment at or above its threshold. ``severity`` is the
    severity of the case the flag opens through an alert rule whose severity is ``flag``
    (the shipped rule ``critical_flag``); ``none``: raised and stored, but opening no case there."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    severity: Literal["none", "low", "medium", "high", "critical"] = "critical"
    rules: list[str]
    # Regular expressions matched per sentence (voc_engine.nlp.rules.PatternRules): classes of
    # wording ("cancel|close … my account|contract") that a list of phrases would spell out one by one.
    patterns: list[str] = Field(default_factory=list)
    model: bool = True

    @field_validator("name")
    @classmethod
    def _flag_name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"flag name {value!r} must be snake_case (a-z, 0-9, _)")
        if value in DATA_QUALITY_FLAGS:
            raise ValueError(f"{value!r} is a data-quality flag the pipeline raises itself")
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _phrases(cls, value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValueError(f"rules must be a list of phrases, not {type(value).__name__}")
        phrases = [str(rule).strip() for rule in value if rule is not None and str(rule).strip()]
        if not phrases:
            raise ValueError("rules must hold at least one phrase")
        return phrases

    @field_validator("patterns", mode="before")
    @classmethod
    def _patterns(cls, value):
        from voc_engine.nlp.rules import compile_pattern

        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValueError(f"patterns must be a list of regular expressions, not {type(value).__name__}")
        patterns = [str(p).strip() for p in value if p is not None and str(p).strip()]
        for index, pattern in enumerate(patterns):
            try:
                compile_pattern(pattern)
            except ValueError as exc:
                raise ValueError(f"patterns[{index}]: {exc}") from None
        return patterns

    @model_serializer(mode="wrap")
    def _without_empty_patterns(self, handler):
        # A flag without patterns dumps as before patterns existed: the documents shown and
        # saved, and the fingerprint model versions name, stay those of the same configuration.
        dumped = handler(self)
        if not dumped.get("patterns"):
            dumped.pop("patterns", None)
        return dumped


class FlagSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    flags: list[Flag]

    @field_validator("flags")
    @classmethod
    def _unique(cls, value: list[Flag]) -> list[Flag]:
        _check_unique([f.name for f in value], "flag")
        return value

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.flags]

    def get(self, name: str) -> Flag | None:
        return next((f for f in self.flags if f.name == name), None)


def _load(path: Path, model: type[BaseModel], key: str, context: dict | None = None):
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{key} file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{key} file {path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        raise ConfigError(f"{key} file {path} is invalid: {exc}") from exc


def load_taxonomy(path: Path | None = None, labels: Iterable[str] = ()) -> Taxonomy:
    """The taxonomy at ``path`` (the shipped one by default). Category names are snake_case,
    or one of ``labels`` (a tagger's labels) as written."""
    return _load(path or DEFAULT_TAXONOMY, Taxonomy, "taxonomy", {"labels": set(labels)})


def labels_taxonomy(labels: Sequence[str], source: Taxonomy | None = None) -> tuple[Taxonomy, list[str]]:
    """A tagger's taxonomy: one category per label, in label order, with the description,
    rules and examples ``source`` gives that name; and the names of ``source``'s categories
    the tagger does not know, which are left out (their rules would return tags it never
    learnt)."""
    given = {c.name: c for c in source.categories} if source is not None else {}
    categories = [given[label].model_dump() if label in given else {"name": label} for label in labels]
    taxonomy = Taxonomy.model_validate(
        {"version": source.version if source is not None else 1, "categories": categories},
        context={"labels": set(labels)})
    return taxonomy, [name for name in given if name not in set(labels)]


def save_taxonomy(taxonomy: Taxonomy, path: Path) -> None:
    header = ("# The taxonomy this tagger applies: one category per label it was trained on, with\n"
              "# the phrase rules given to `voc train tagger --taxonomy` (none otherwise).\n")
    body = yaml.safe_dump(taxonomy.model_dump(), sort_keys=False, allow_unicode=True, width=100)
    Path(path).write_text(header + body, encoding="utf-8")


def tagger_taxonomy(tagger: "LinearHead") -> Taxonomy:
    """The taxonomy a tagger carries (what scoring applies unless one is given explicitly).

    ``"taxonomy"`` in its model.json names a file: relative to the model directory (what
    ``voc train tagger`` writes), or a path inside the package (``voc_engine/resources/…``:
    the shipped taggers and the shipped taxonomy). A tagger saved without one (trained before
    taggers carried their taxonomy) gets its labels as categories, with no phrase rules.
    """
    reference = tagger.extra.get("taxonomy")
    if not reference:
        return labels_taxonomy(tagger.labels)[0]
    reference = Path(reference)
    candidates = [reference] if reference.is_absolute() else [
        *([Path(tagger.directory) / reference] if tagger.directory is not None else []),
        PACKAGE_DIR.parent / reference]
    for path in candidates:
        if path.is_file():
            return load_taxonomy(path, labels=tagger.labels)
    raise ModelNotFoundError(f"tagger {tagger.version} names taxonomy {str(reference)!r}, which is missing"
                             + (f" from {tagger.directory}" if tagger.directory is not None else ""))


def warn_untrained_categories(taxonomy: Taxonomy, tagger: "LinearHead | None", origin: str) -> list[str]:
    """Categories of ``taxonomy`` the tagger never learnt: their rules alone tag them. Logged,
    since a taxonomy given next to a tagger replaces the tagger's own."""
    known = set(tagger.labels) if tagger is not None else set()
    untrained = [c.name for c in taxonomy.categories if c.name not in known and c.rules]
    if untrained and tagger is not None:
        log.warning("taxonomy %s has phrase rules for categories tagger %s was not trained on (%s): "
                    "those rules alone return them", origin, tagger.version, ", ".join(untrained))
    return untrained


def load_flags(path: Path | None = None) -> FlagSet:
    """The flag configuration in a file (the shipped one by default)."""
    path = Path(path or DEFAULT_FLAGS)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"flags file not found: {path}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read flags file {path}: {exc.strerror}") from exc
    try:
        return parse_flags(text)
    except ConfigError as exc:
        raise ConfigError(f"flags file {path}: {str(exc).removeprefix('flags: ')}") from None


def parse_flags(source: str | Mapping[str, Any] | FlagSet) -> FlagSet:
    """A flag configuration from YAML text or a parsed mapping (the CLI's file, the API's body);
    a ConfigError says where and why, e.g. ``flags[0].rules: rules must hold at least one phrase``."""
    if isinstance(source, FlagSet):
        return source
    if isinstance(source, str):
        try:
            source = yaml.safe_load(source)
        except yaml.YAMLError as exc:
            raise ConfigError(f"flags: not valid YAML: {exc}") from exc
    if not isinstance(source, Mapping):
        raise ConfigError("flags: expects a mapping at the top level (version, flags)")
    try:
        return FlagSet.model_validate(dict(source))
    except ValidationError as exc:
        raise ConfigError("flags: " + "; ".join(_where(error) for error in exc.errors())) from None


def _where(error: dict) -> str:
    """One pydantic error as ``flags[0].rules: why`` (never echoing the value)."""
    path = ""
    for part in error.get("loc", ()):
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = error.get("msg", "invalid").removeprefix("Value error, ")
    if error.get("type") == "extra_forbidden":
        message = "unknown field"
    return f"{path}: {message}" if path else message
