"""Which sentiment and tagger models a deployment scores with, and how that choice changes.

Three places name a model, and the first that does wins (`ModelRegistry.active`):

1. a setting: ``VOC_SENTIMENT_MODEL`` / ``VOC_TAGGER_MODEL`` (a model directory);
2. the deployment's selection: a model promoted with ``voc models promote``, copied into
   ``$VOC_DATA_DIR/models/<kind>/<name>`` and named in ``$VOC_DATA_DIR/models/selection.json``;
3. the shipped registry: ``models/registry.json``'s active version (``VOC_MODELS_DIR``).

The shipped ``models/`` directory is never written: it belongs to the installed package, and
another deployment on the same installation keeps its own choice. A promoted model is copied, so
retraining into the same output directory changes nothing until it is promoted again.

Promotion checks what scoring would trip over later: a model directory (``model.json`` with its
labels, ``head.npz``), of a kind that is promoted (sentiment, tagger), with sentiment labels for a
sentiment model, a taxonomy that loads for a tagger, and the encoder the other active head reads
(the pipeline runs one encoder, chosen by the sentiment head). Every promotion and rollback is
kept in the selection's history, with when and by whom; ``rollback`` returns a kind to the model
active before the last promotion (the shipped one after the first).
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from voc_engine.config import Settings
from voc_engine.errors import ConflictError, InvalidArgumentError, ModelNotFoundError
from voc_engine.schema import SENTIMENT_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.nlp.heads import LinearHead

KINDS: tuple[str, ...] = ("sentiment", "tagger")
SELECTION_FILE = "selection.json"
Origin = Literal["setting", "promoted", "shipped"]
_SETTING = {"sentiment": "VOC_SENTIMENT_MODEL", "tagger": "VOC_TAGGER_MODEL"}


def shipped_registry(models_dir: Path) -> dict[str, Any]:
    """``models/registry.json``: the shipped versions of each kind and the active one."""
    registry_file = Path(models_dir) / "registry.json"
    if not registry_file.exists():
        return {}
    return json.loads(registry_file.read_text(encoding="utf-8"))


def registry_path(models_dir: Path, kind: str) -> Path | None:
    """The shipped active version directory of a model kind, from models/registry.json."""
    active = shipped_registry(models_dir).get(kind, {}).get("active")
    return Path(models_dir) / kind / active if active else None


@dataclass
class ActiveModel:
    """The model of one kind a pipeline built now would load, and what chose it."""

    kind: str
    path: Path | None
    origin: Origin
    name: str | None = None  # the shipped version, or the promoted copy's name

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": str(self.path) if self.path else None, "origin": self.origin,
                "name": self.name}


@dataclass
class ModelInfo:
    """One model a deployment may use: shipped, or promoted into its data directory."""

    kind: str
    name: str
    version: str
    source: Literal["shipped", "promoted"]
    path: Path
    active: bool
    labels: list[str]
    encoder: str | None
    metrics: dict[str, Any] = field(default_factory=dict)  # `recorded_metrics`

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "version": self.version, "source": self.source,
                "path": str(self.path), "active": self.active, "labels": self.labels, "encoder": self.encoder,
                "metrics": self.metrics}


def recorded_metrics(directory: Path) -> dict[str, Any]:
    """The headline figures training recorded in a model's ``metrics.json``: the validation split's
    single-number scores and the rows trained and validated on. {} when none were recorded (a
    model trained elsewhere); per-class tables stay in the file and its model card."""
    try:
        report = json.loads((Path(directory) / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(report, dict):
        return {}
    validation = report.get("validation") if isinstance(report.get("validation"), dict) else {}
    figures = {k: v for k, v in validation.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    for key in ("n_train", "n_validation"):
        if isinstance(report.get(key), int) and not isinstance(report.get(key), bool):
            figures[key] = report[key]
    return figures


@dataclass
class ModelListing:
    """``voc models list``: every model by kind, what is active and why, and the selection's history."""

    models: list[ModelInfo]
    active: dict[str, ActiveModel]
    taxonomy: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"models": [m.to_dict() for m in self.models],
                "active": {kind: a.to_dict() for kind, a in self.active.items()},
                "taxonomy": self.taxonomy, "history": self.history}

    def summary(self) -> str:
        lines = []
        for kind in KINDS:
            active = self.active[kind]
            lines.append(f"{kind}: {active.name or active.path} ({_ORIGIN_WORDS[active.origin]})")
            for m in (m for m in self.models if m.kind == kind):
                mark = "*" if m.active else " "
                lines.append(f"  {mark} {m.name:<28} {m.source:<9} {len(m.labels)} labels, encoder {m.encoder}")
        lines.append(f"taxonomy: {self.taxonomy['path']} ({self.taxonomy['origin']})")
        for event in self.history[-5:]:
            lines.append(f"  {event['at']} {event['actor']}: {event['action']} {event['kind']} "
                         f"{event.get('from') or 'shipped'} -> {event.get('to') or 'shipped'}")
        return "\n".join(lines)


_ORIGIN_WORDS = {"setting": "set by its VOC_*_MODEL setting", "promoted": "promoted",
                 "shipped": "the shipped registry's active version"}


@dataclass
class SelectionChange:
    """What a promotion or rollback did (``voc models promote|rollback``)."""

    action: Literal["promote", "rollback"]
    kind: str
    previous: str | None  # None: the shipped model
    current: str | None
    path: Path | None
    at: str
    actor: str
    overridden_by_setting: bool = False
    changed: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "kind": self.kind, "previous": self.previous, "current": self.current,
                "path": str(self.path) if self.path else None, "at": self.at, "actor": self.actor,
                "overridden_by_setting": self.overridden_by_setting, "changed": self.changed}

    def summary(self) -> str:
        current = self.current or "the shipped model"
        if not self.changed:
            text = f"{self.kind}: {current} is already the promoted model"
        elif self.action == "promote":
            text = f"promoted {self.kind} {current} (was {self.previous or 'the shipped model'})"
        else:
            text = f"rolled {self.kind} back to {current} (from {self.previous})"
        if self.overridden_by_setting:
            text += f"; {_SETTING[self.kind]} is set and still wins"
        return text + "; commands started from now on score with it (restart `voc serve`)"


class ModelRegistry:
    """The models of one deployment (its settings: models directory, data directory, settings)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.models_dir = Path(settings.models_dir)
        self.root = Path(settings.data_dir) / "models"

    # ----------------------------------------------------------------- reading
    def selection(self) -> dict[str, Any]:
        path = self.root / SELECTION_FILE
        if not path.exists():
            return {"version": 1, "stack": {}, "history": []}
        try:
            selection = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelNotFoundError(f"the model selection {path} cannot be read: {exc}") from None
        selection.setdefault("stack", {})
        selection.setdefault("history", [])
        return selection

    def active(self, kind: str) -> ActiveModel:
        """The model of ``kind`` a pipeline built with these settings loads."""
        _check_kind(kind)
        given = getattr(self.settings, f"{kind}_model")
        if given is not None:
            return ActiveModel(kind, Path(given), "setting", Path(given).name)
        stack = self.selection()["stack"].get(kind) or []
        if stack:
            return ActiveModel(kind, self.root / kind / stack[-1], "promoted", stack[-1])
        path = registry_path(self.models_dir, kind)
        return ActiveModel(kind, path, "shipped", path.name if path else None)

    def list(self) -> ModelListing:
        from voc_engine.nlp.heads import LinearHead

        active = {kind: self.active(kind) for kind in KINDS}
        registry = shipped_registry(self.models_dir)
        models = []
        for kind in KINDS:
            found = [("shipped", self.models_dir / kind / v) for v in registry.get(kind, {}).get("versions", [])]
            kind_dir = self.root / kind
            if kind_dir.is_dir():
                found += [("promoted", d) for d in sorted(kind_dir.iterdir()) if d.is_dir() and not d.name.startswith(".")]
            for source, path in found:
                try:
                    head = LinearHead.load(path)
                except (ModelNotFoundError, OSError, ValueError, KeyError):
                    continue  # a version listed but not installed: nothing to choose
                is_active = active[kind].path is not None and path.resolve() == Path(active[kind].path).resolve()
                models.append(ModelInfo(kind, path.name, head.version, source, path, is_active, list(head.labels),
                                        head.encoder, recorded_metrics(path)))
        taxonomy = ({"path": str(self.settings.taxonomy_file), "origin": "VOC_TAXONOMY_FILE"}
                    if self.settings.taxonomy_file else {"path": "the active tagger's own", "origin": "tagger"})
        return ModelListing(models, active, taxonomy, self.selection()["history"])

    # ----------------------------------------------------------------- changing
    def promote(self, directory: Path, actor: str | None = None) -> SelectionChange:
        """Make the trained model in ``directory`` the active model of its kind (copied under the
        data directory). Refused, with the reason, when scoring could not use it."""
        head = self._check_promotable(Path(directory))
        kind = head.kind
        name = f"{_safe(head.version)}-{_fingerprint(Path(directory))}"
        target = self.root / kind / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
            shutil.copytree(directory, staging, dirs_exist_ok=True)
            os.replace(staging, target)  # whole or not at all
        selection = self.selection()
        stack = selection["stack"].setdefault(kind, [])
        previous = stack[-1] if stack else None
        if previous == name:
            return self._change("promote", kind, previous, name, target, actor, changed=False)
        stack.append(name)
        return self._record(selection, "promote", kind, previous, name, target, actor)

    def rollback(self, kind: str, actor: str | None = None) -> SelectionChange:
        """Return ``kind`` to the model active before its last promotion."""
        _check_kind(kind)
        selection = self.selection()
        stack = selection["stack"].get(kind) or []
        if not stack:
            raise ConflictError(f"nothing to roll back: no {kind} model has been promoted "
                                "(the shipped one is active)")
        previous = stack.pop()
        current = stack[-1] if stack else None
        path = self.root / kind / current if current else registry_path(self.models_dir, kind)
        if current is not None:
            self._check_compatible(kind, _load(path))
        return self._record(selection, "rollback", kind, previous, current, path, actor)

    # ----------------------------------------------------------------- helpers
    def _record(self, selection: dict, action: str, kind: str, previous: str | None, current: str | None,
                path: Path | None, actor: str | None) -> SelectionChange:
        change = self._change(action, kind, previous, current, path, actor)
        selection["history"].append({"at": change.at, "actor": change.actor, "action": action, "kind": kind,
                                     "from": previous, "to": current})
        self.root.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.root / SELECTION_FILE, json.dumps(selection, indent=2) + "\n")
        return change

    def _change(self, action, kind, previous, current, path, actor, changed: bool = True) -> SelectionChange:
        return SelectionChange(action, kind, previous, current, path, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               actor or _user(), getattr(self.settings, f"{kind}_model") is not None, changed)

    def _check_promotable(self, directory: Path):
        from voc_engine.nlp.taxonomy import tagger_taxonomy

        if not directory.is_dir():
            raise ModelNotFoundError(f"{directory} is not a directory (give the --out directory of `voc train`)")
        head = _load(directory)
        if head.kind not in KINDS:
            raise InvalidArgumentError(f"{directory} holds a {head.kind} model; promoted kinds are "
                                       f"{', '.join(KINDS)}")
        if not head.labels:
            raise InvalidArgumentError(f"{directory}/model.json names no labels")
        if head.weight.shape[0] != len(head.labels):
            raise InvalidArgumentError(f"{directory}: head.npz has {head.weight.shape[0]} rows for "
                                       f"{len(head.labels)} labels")
        if head.kind == "tagger":
            tagger_taxonomy(head)  # its taxonomy must load, or scoring would fail
        self._check_compatible(head.kind, head)
        return head

    def _check_compatible(self, kind: str, head) -> None:
        """The pipeline runs one encoder, the one the sentiment head names: the other active head
        must read the same one."""
        try:
            _check_head(head, kind)
        except ModelNotFoundError as exc:
            raise InvalidArgumentError(str(exc)) from None
        if not head.encoder:
            raise InvalidArgumentError(f"{kind} model {head.version} names no encoder in its model.json")
        other_kind = "tagger" if kind == "sentiment" else "sentiment"
        other = self.active(other_kind)
        if other.path is None or not Path(other.path).exists():
            return
        other_head = _load(Path(other.path))
        if other_head.encoder and other_head.encoder != head.encoder:
            raise InvalidArgumentError(
                f"{kind} model {head.version} reads encoder {head.encoder}, but the active {other_kind} model "
                f"{other.name} reads {other_head.encoder}: train it with the shipped encoder (`voc train` does), "
                f"or promote a matching {other_kind} model")
        if kind == "sentiment":
            _adapter_for(head, self.models_dir)  # its encoder adapter must be installed


def _check_head(head: "LinearHead", kind: str) -> None:
    """A head given where another kind belongs (a tagger as the sentiment model) would score
    nonsense or fail mid-run: refuse it when the pipeline is built."""
    if head.kind != kind:
        raise ModelNotFoundError(f"{kind} model expected, but {head.version} is a {head.kind} model")
    if kind == "sentiment":
        unknown = sorted(set(head.labels) - set(SENTIMENT_LABELS))
        if unknown:
            raise ModelNotFoundError(f"sentiment model {head.version} has labels {unknown}; "
                                     f"sentiment labels are {', '.join(SENTIMENT_LABELS)}")


def _adapter_for(sentiment: "LinearHead", models_dir: Path) -> Path | None:
    """The encoder adapter a head was trained on, from its model.json."""
    name = sentiment.encoder or ""
    if "+" not in name:
        return None
    adapter = models_dir / "encoder" / name.split("+", 1)[1]
    if not adapter.exists():
        raise ModelNotFoundError(f"the sentiment head needs encoder adapter {adapter}, which is missing")
    return adapter


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidArgumentError(f"unknown model kind {kind!r}; kinds are {', '.join(KINDS)}")


def _load(directory: Path):
    from voc_engine.nlp.heads import LinearHead

    try:
        return LinearHead.load(directory)
    except (KeyError, ValueError, json.JSONDecodeError) as exc:
        raise ModelNotFoundError(f"{directory} holds an unreadable model ({exc})") from None


def _fingerprint(directory: Path) -> str:
    """Content of the files that decide scoring: a changed retrain gets a new name."""
    digest = hashlib.sha256()
    for name in ("model.json", "head.npz", "vocabulary.json", "vocabulary.json.gz", "taxonomy.yaml"):
        path = directory / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def _safe(version: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in version)[:60] or "model"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
