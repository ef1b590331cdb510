"""Saved topic model versions under ``$VOC_DATA_DIR/topics/<version>/`` and which one is active.

Each version directory holds BERTopic's safetensors serialisation (``bertopic/``), the wrapper's
metadata (``voc_topics.json``: parameters, labels, words, sizes, examples), the topic of every
comment it was fitted on (``assignments.parquet``) and of comments assigned later
(``assigned.parquet``). ``registry.json`` beside them names the active version.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from voc_engine.errors import NotFoundError
from voc_engine.topics.fit import FITTED_FILE, METADATA_FILE, TopicModeler

REGISTRY_FILE = "registry.json"
ASSIGNED_FILE = "assigned.parquet"



def topics_root(data_dir: Path | str | None = None) -> Path:
    """``data_dir``/topics; without one, that of the environment's settings (read now)."""
    if data_dir is None:
        from voc_engine.config import Settings

        data_dir = Settings().data_dir
    return Path(data_dir) / "topics"


def new_version_name(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _registry(root: Path) -> dict[str, Any]:
    path = root / REGISTRY_FILE
    return json.loads(path.read_text()) if path.exists() else {"active": None, "versions": []}


def _write_registry(root: Path, registry: dict[str, Any]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    partial = root / (REGISTRY_FILE + ".partial")
    partial.write_text(json.dumps(registry, indent=2) + "\n")
    os.replace(partial, root / REGISTRY_FILE)  # atomic: readers never see half a registry


def save_version(
    modeler: TopicModeler,
    root: Path | None = None,
    version: str | None = None,
    activate: bool = True,
    extra: dict[str, Any] | None = None,
) -> str:
    """Save a fitted model as a new version (the newest becomes active unless told otherwise)."""
    root = root or topics_root()
    if version is None:
        # Named by the second it is saved in; a second fit within that second gets "-2", "-3", …
        named = new_version_name()
        version = next(name for name in (named, *(f"{named}-{n}" for n in range(2, 1000)))
                       if not (root / name).exists())
    target = root / version
    if target.exists():
        raise FileExistsError(f"topic model version {version} exists already")
    partial = root / f".{version}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    modeler.save(partial, version=version, extra=extra)
    os.replace(partial, target)
    registry = _registry(root)
    registry["versions"] = [v for v in registry["versions"] if v != version] + [version]
    if activate:
        registry["active"] = version
    _write_registry(root, registry)
    return version


def active_version(root: Path | None = None) -> str | None:
    return _registry(root or topics_root()).get("active")


def activate_version(version: str, root: Path | None = None) -> None:
    root = root or topics_root()
    if not (root / version / METADATA_FILE).exists():
        raise NotFoundError(f"no topic model version {version!r} under {root}")
    registry = _registry(root)
    registry["active"] = version
    _write_registry(root, registry)


def list_versions(root: Path | None = None) -> list[dict[str, Any]]:
    root = root or topics_root()
    registry = _registry(root)
    rows = []
    for version in registry["versions"]:
        metadata_file = root / version / METADATA_FILE
        if not metadata_file.exists():
            continue
        metadata = json.loads(metadata_file.read_text())
        rows.append({
            "version": version, "active": version == registry.get("active"),
            "fitted_at": metadata.get("fitted_at"), "n_documents": metadata.get("n_documents"),
            "n_topics": len(metadata.get("topics", [])), "n_outliers": metadata.get("n_outliers"),
        })
    return rows


def version_dir(version: str | None = None, root: Path | None = None) -> Path:
    root = root or topics_root()
    version = version or active_version(root)
    if version is None:
        raise NotFoundError(f"no topic model has been fitted yet (none under {root}); run `voc topics fit`")
    path = root / version
    if not (path / METADATA_FILE).exists():
        raise NotFoundError(f"no topic model version {version!r} under {root}")
    return path


class TopicModels:
    """The saved version a runtime last loaded (its topics extension holds one), kept while its
    files are unchanged: the service answers one topic query after another from one load."""

    def __init__(self) -> None:
        self._loaded: tuple[tuple[str, float], TopicModeler] | None = None
        self._lock = threading.Lock()

    def load(self, path: Path, embedding_model: Any = None) -> TopicModeler:
        key = (str(path.resolve()), (path / METADATA_FILE).stat().st_mtime)
        with self._lock:
            if self._loaded is None or self._loaded[0] != key:
                self._loaded = (key, TopicModeler.load(path, embedding_model=embedding_model))
            return self._loaded[1]


def load_version(version: str | None = None, root: Path | None = None, embedding_model: Any = None,
                 models: TopicModels | None = None) -> TopicModeler:
    """A saved version (the active one by default); through ``models``, loaded once while its
    files are unchanged."""
    path = version_dir(version, root)
    if models is not None:
        return models.load(path, embedding_model)
    return TopicModeler.load(path, embedding_model=embedding_model)


def stored_assignments(path: Path) -> pd.DataFrame:
    """Topic per comment id: the fitted comments, then those assigned later."""
    frames = [pd.read_parquet(path / FITTED_FILE)]
    if (path / ASSIGNED_FILE).exists():
        frames.append(pd.read_parquet(path / ASSIGNED_FILE))
    frame = pd.concat(frames, ignore_index=True)
    frame["id"] = frame["id"].astype(str)
    return frame.drop_duplicates("id", keep="first")


def append_assignments(path: Path, assigned: pd.DataFrame) -> None:
    """Remember topics given to comments after the fit (written whole, then renamed)."""
    if assigned.empty:
        return
    assigned = assigned[["id", "topic"]].assign(id=lambda f: f["id"].astype(str))
    target = path / ASSIGNED_FILE
    if target.exists():
        assigned = pd.concat([pd.read_parquet(target), assigned], ignore_index=True).drop_duplicates("id")
    partial = path / (ASSIGNED_FILE + ".partial")
    assigned.to_parquet(partial, index=False)
    os.replace(partial, target)


def forget_comments(comment_ids: list[str], root: Path | None = None) -> int:
    """Erasure: drop the comments from every version's assignments and examples. Returns versions changed."""
    root = root or topics_root()
    if not root.exists() or not comment_ids:
        return 0
    erased = {str(i) for i in comment_ids}
    changed = 0
    for version in _registry(root)["versions"]:
        path = root / version
        touched = False
        for name in (FITTED_FILE, ASSIGNED_FILE):
            file = path / name
            if file.exists():
                frame = pd.read_parquet(file)
                keep = ~frame["id"].astype(str).isin(erased)
                if not keep.all():
                    frame[keep].to_parquet(file, index=False)
                    touched = True
        metadata_file = path / METADATA_FILE
        if metadata_file.exists():
            metadata = json.loads(metadata_file.read_text())
            for topic in metadata.get("topics", []):
                pairs = [(e, i) for e, i in zip(topic.get("examples", []), topic.get("example_ids", []))
                         if str(i) not in erased]
                if len(pairs) != len(topic.get("examples", [])):
                    topic["examples"] = [e for e, _ in pairs]
                    topic["example_ids"] = [i for _, i in pairs]
                    touched = True
            if touched:
                metadata_file.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")
        changed += touched
    return changed
