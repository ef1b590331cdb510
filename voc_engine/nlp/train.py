"""Train heads over the shared encoder: ``voc train sentiment|tagger``.

The estimator (`HeadTrainer`) follows scikit-learn's contract; the
functions at the bottom read a labelled file, split it (stratified, fixed
seed), fit, evaluate on the held-out part and write a versioned model
directory with ``metrics.json`` and ``MODEL_CARD.md``.
"""
from __future__ import annotations

import json
import math
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)
from sklearn.model_selection import train_test_split

from voc_engine.errors import InputFileError
from voc_engine.nlp.heads import LinearHead
from voc_engine.nlp.redact import encoder_text
from voc_engine.nlp.taxonomy import TAGGER_TAXONOMY_FILE, labels_taxonomy, load_taxonomy, save_taxonomy
from voc_engine.nlp.textfeatures import TextFeatures, TfidfBlock
from voc_engine.schema import SENTIMENT_LABELS

if TYPE_CHECKING:
    import pandas as pd

VALIDATION_SHARE = 0.15
MAX_SKIPPED_LISTED = 1000  # rows left out that metrics.json names (all are counted)
SPLIT_SEED = 13

# The single-label tagger: a linear SVM over [encoder features | TF-IDF word
# 1-2-grams | TF-IDF char_wb 2-5-grams], each block row-normalised, then
# weighted. Weights and C were chosen by repeated (2 x 5-fold) stratified
# cross-validation inside the training part of banking77, never on its
# validation split (`python -m training.tagger_recipe`): 0.9287 against
# 0.9208 for the encoder features alone.
TAGGER_C = 3.0
TAGGER_DENSE_WEIGHT = 1.0
TAGGER_TEXT_BLOCKS = (
    {"name": "word", "weight": 0.4, "analyzer": "word", "ngram_range": (1, 2)},
    {"name": "char", "weight": 0.3, "analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2},
)


class HeadTrainer:
    """Fits a linear head on embeddings.

    ``multi_label=False, loss="logistic"``: multinomial logistic regression
    (softmax) — well-calibrated probabilities, used for sentiment.
    ``multi_label=False, loss="hinge"``: a linear SVM (one-vs-rest), whose
    margins become probabilities through a softmax temperature fitted on a
    calibration slice of the training data — about a point more accurate
    than logistic regression on many-class intent data such as banking77.
    ``multi_label=True``: one logistic regression per label (sigmoid), with
    per-label thresholds chosen on the training fold by F1.

    ``head_input`` names what ``X`` is — the encoder's "features" (last and
    intermediate layer pools) or its "embedding" (last layer) — and is saved
    with the head so inference feeds it the same thing.

    ``text_blocks`` makes a *hybrid* head: TF-IDF blocks fitted on the texts
    passed to ``fit`` (each a dict of ``name``, ``weight`` and
    ``TfidfBlock.fit`` settings) join ``dense_weight`` times the row-normalised
    ``X``; the fitted vocabularies and idf are saved with the head, which then
    reads the (redacted) texts at inference as well.
    """

    def __init__(self, kind: str, version: str, encoder: str | None = None,
                 multi_label: bool = False, C: float = 10.0, class_weight: str | None = None,
                 loss: str = "logistic", head_input: str = "features",
                 text_blocks: Sequence[dict] | None = None, dense_weight: float = 1.0):
        self.kind = kind
        self.version = version
        self.encoder = encoder
        self.multi_label = multi_label
        self.C = C
        self.class_weight = class_weight
        self.loss = loss
        self.head_input = head_input
        self.text_blocks = text_blocks
        self.dense_weight = dense_weight

    def _design(self, X: np.ndarray, texts: Sequence[str] | None):
        """What the linear model is fitted on: ``X``, or the hybrid [X | TF-IDF] matrix."""
        self.text_features_ = None
        if not self.text_blocks:
            return X
        if texts is None:
            raise ValueError("a head with text blocks needs the texts: fit(X, y, texts=...)")
        texts = list(texts)
        blocks = [TfidfBlock.fit(spec["name"], texts, **{k: v for k, v in spec.items() if k != "name"})
                  for spec in self.text_blocks]
        self.text_features_ = TextFeatures(blocks, self.dense_weight)
        return self.text_features_.transform(X, texts)

    def fit(self, X: np.ndarray, y: Sequence, texts: Sequence[str] | None = None) -> "HeadTrainer":
        X = self._design(X, texts)
        if self.multi_label:
            self.labels_ = sorted({label for labels in y for label in labels})
            Y = np.array([[label in labels for label in self.labels_] for labels in y], dtype=int)
            weights, biases, thresholds = [], [], {}
            for j, label in enumerate(self.labels_):
                model = LogisticRegression(C=self.C, max_iter=2000, class_weight=self.class_weight)
                model.fit(X, Y[:, j])
                weights.append(model.coef_[0])
                biases.append(model.intercept_[0])
                thresholds[label] = _best_threshold(Y[:, j], model.predict_proba(X)[:, 1])
            self.head_ = LinearHead(self.kind, self.version, self.labels_, np.array(weights),
                                    np.array(biases), "sigmoid", thresholds, self.encoder,
                                    input=self.head_input, text_features=self.text_features_)
        elif self.loss == "hinge":
            self._fit_svm(X, list(y))
        else:
            model = LogisticRegression(C=self.C, max_iter=3000, class_weight=self.class_weight)
            model.fit(X, list(y))
            self.labels_ = [str(c) for c in model.classes_]
            coef, intercept = model.coef_, model.intercept_
            if len(self.labels_) == 2:  # sklearn keeps one row for binary problems
                coef = np.vstack([-coef[0] / 2, coef[0] / 2])
                intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
            self.head_ = LinearHead(self.kind, self.version, self.labels_, coef, intercept,
                                    "softmax", {}, self.encoder, input=self.head_input,
                                    text_features=self.text_features_)
        return self

    def _fit_svm(self, X: np.ndarray, y: list) -> None:
        from scipy.optimize import minimize_scalar
        from sklearn.svm import LinearSVC

        fit_idx, calib_idx = train_test_split(np.arange(len(y)), test_size=0.1,
                                              random_state=SPLIT_SEED)
        y_array = np.asarray(y)
        probe = LinearSVC(C=self.C, class_weight=self.class_weight).fit(X[fit_idx], y_array[fit_idx])
        margins = probe.decision_function(X[calib_idx])
        truth = np.searchsorted(probe.classes_, y_array[calib_idx])
        known = np.isin(y_array[calib_idx], probe.classes_)

        def nll(log_t: float) -> float:
            logits = margins[known] * np.exp(log_t)
            logits -= logits.max(1, keepdims=True)
            log_probs = logits - np.log(np.exp(logits).sum(1, keepdims=True))
            return -log_probs[np.arange(known.sum()), truth[known]].mean()

        temperature = float(np.exp(minimize_scalar(nll, bounds=(-3, 5), method="bounded").x))
        model = LinearSVC(C=self.C, class_weight=self.class_weight).fit(X, y_array)
        self.labels_ = [str(c) for c in model.classes_]
        coef, intercept = model.coef_, model.intercept_
        if len(self.labels_) == 2:
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        self.head_ = LinearHead(self.kind, self.version, self.labels_, coef * temperature,
                                intercept * temperature, "softmax", {}, self.encoder,
                                {"estimator": "linear-svm", "softmax_temperature": temperature},
                                input=self.head_input, text_features=self.text_features_)

    def predict_proba(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        return self.head_.predict_proba(X, texts)


def _best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.2, 0.81, 0.05):
        f1 = f1_score(truth, scores >= threshold, zero_division=0)
        if f1 > best_f1:
            best, best_f1 = float(round(threshold, 2)), f1
    return best


def single_label_report(truth: Sequence[str], predicted: Sequence[str], labels: list[str]) -> dict:
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    return {
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "per_class": {
            label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                    "f1": round(float(f), 4), "support": int(s)}
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
        "confusion_matrix": {"labels": labels,
                             "matrix": confusion_matrix(truth, predicted, labels=labels).tolist()},
    }


def multi_label_report(truth: list[set[str]], probs: np.ndarray, head: LinearHead) -> dict:
    labels = head.labels
    Y = np.array([[label in t for label in labels] for t in truth], dtype=int)
    P = np.array([[probs[i, j] >= head.threshold(l) for j, l in enumerate(labels)]
                  for i in range(len(truth))], dtype=int)
    precision, recall, f1, support = precision_recall_fscore_support(Y, P, zero_division=0)
    top = [labels[int(row.argmax())] for row in probs]
    return {
        "top_tag_accuracy": round(float(np.mean([t in gold for t, gold in zip(top, truth)])), 4),
        "micro_f1": round(float(f1_score(Y, P, average="micro", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(Y, P, average="macro", zero_division=0)), 4),
        "per_class": {
            label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                    "f1": round(float(f), 4), "support": int(s)}
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
    }


@dataclass
class TrainingResult:
    head: LinearHead
    metrics: dict
    out_dir: Path

    def summary(self) -> str:
        m = self.metrics["validation"]
        keys = [k for k in ("accuracy", "top_tag_accuracy", "macro_f1", "micro_f1") if k in m]
        figures = ", ".join(f"{k}={m[k]}" for k in keys)
        lines = [f"{self.head.kind} model {self.head.version} -> {self.out_dir}",
                 f"  validation (n={self.metrics['n_validation']}): {figures}",
                 f"  trained in {self.metrics['train_seconds']} s on {self.metrics['n_train']} rows"]
        skipped, n_skipped = self.metrics.get("skipped_rows") or [], self.metrics.get("n_skipped", 0)
        if "corrections" in self.metrics:
            lines.append("  analysts' corrections: " + corrections_line(self.metrics["corrections"]))
        carried = self.metrics.get("taxonomy")
        if carried:
            rules = sum(carried["rules"].values())
            source = f" from {carried['from']}" if carried["from"] else ""
            lines.append(f"  taxonomy: {carried['file']} ({len(self.head.labels)} labels, {rules} phrase "
                         f"rule{'s' * (rules != 1)}{source}); `voc score --tagger-model` applies it alone")
            if carried["left_out_categories"]:
                lines.append("  warning: rules left out for categories the tagger was not trained on: "
                             + ", ".join(carried["left_out_categories"]))
        if n_skipped:
            shown = ", ".join(f"row {s['row']} ({s['reason']})" for s in skipped[:5])
            more = f" and {n_skipped - 5} more" if n_skipped > 5 else ""
            lines.append(f"  left out {n_skipped} row{'s' * (n_skipped != 1)}: {shown}{more} (listed in metrics.json)")
        return "\n".join(lines)


def read_labelled(path: Path, text_col: str, label_col: str) -> tuple["pd.DataFrame", list[dict]]:
    """The rows of ``path`` that can be learnt from, and the others by row and reason.

    A row with no text or no label, or one that cannot be read at all, is left out and
    reported, not fatal: one gap in a 10,000-row export should not stop training
    (``metrics.json`` lists what was left out).
    """
    from voc_engine.io import read_table

    unreadable: list = []
    frame = read_table(path, unreadable)
    for column in (text_col, label_col):
        if column not in frame.columns:
            raise InputFileError(f"{path}: no column {column!r}; columns are {list(frame.columns)}",
                                 column=column)
    skipped = [{"row": row.index, "column": row.column, "reason": row.error} for row in unreadable]
    for index, text, label in zip(frame.index, frame[text_col], frame[label_col]):
        if not isinstance(text, str) or not text.strip():
            skipped.append({"row": int(index), "column": text_col, "reason": "empty or non-text value"})
        elif label is None or (isinstance(label, float) and np.isnan(label)) or str(label).strip() == "":
            skipped.append({"row": int(index), "column": label_col, "reason": "missing label"})
    kept = frame.drop(index=[s["row"] for s in skipped[len(unreadable):]])
    return kept, sorted(skipped, key=lambda s: s["row"])


@dataclass(frozen=True)
class CorrectedRow:
    """A stored comment an analyst corrected: its redacted text and its labels after the
    corrections (`voc_engine.corrections`); plain data, so training names no store."""

    comment_id: str
    text: str
    labels: tuple[str, ...]
    corrections: int = 1


@dataclass
class TrainingRows:
    """What a head is trained on: the file's usable rows, with analysts' corrected comments
    replacing the file's row of the same comment or added after them; what was left out."""

    texts: list[str]
    label_sets: list[set[str]]
    skipped: list[dict]
    from_file: int
    corrected: list[CorrectedRow] | None = None
    replaced: int = 0  # rows of the file a corrected comment replaced
    in_file: int = 0  # corrected comments that had a row in the file
    corrected_without_label: list[str] | None = None  # corrections left these comments no label

    def corrections_dict(self) -> dict:
        used = [c for c in self.corrected or [] if c.labels]
        return {"comments": len(used), "corrections": sum(c.corrections for c in used),
                "replaced_file_rows": self.replaced, "added_rows": len(used) - self.in_file,
                "left_out_without_label": list(self.corrected_without_label or [])}

    def to_dict(self) -> dict:
        counts = Counter(label for labels in self.label_sets for label in labels)
        out = {"rows": len(self.texts), "from_file": self.from_file, "n_skipped": len(self.skipped),
               "labels": dict(sorted(counts.items()))}
        if self.corrected is not None:
            out["corrections"] = self.corrections_dict()
            out["corrected_rows"] = [{"comment_id": c.comment_id, "labels": list(c.labels),
                                      "corrections": c.corrections} for c in self.corrected if c.labels]
        return out

    def summary(self) -> str:
        lines = [f"{len(self.texts)} training rows: {self.from_file} from the file"
                 + (f", {len(self.skipped)} left out" if self.skipped else "")]
        if self.corrected is not None:
            lines.append("analysts' corrections: " + corrections_line(self.corrections_dict()))
        counts = Counter(label for labels in self.label_sets for label in labels)
        lines.append("labels: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        return "\n".join(lines)


def corrections_line(c: dict) -> str:
    gone = c.get("left_out_without_label") or []
    return (f"{c['corrections']} on {c['comments']} comment{'s' * (c['comments'] != 1)} "
            f"({c['replaced_file_rows']} replacing the file's row of the comment, {c['added_rows']} added)"
            + (f"; {len(gone)} left out, their corrections left no label" if gone else ""))


def training_rows(path: Path, text_col: str, label_col: str, label_sep: str | None = None,
                  corrected: Sequence[CorrectedRow] | None = None, id_col: str = "id") -> TrainingRows:
    """The labelled rows of ``path`` (see `read_labelled`) as texts and label sets, with the
    corrected comments: a corrected comment whose id is in the file's ``id_col`` takes that
    row's place (its corrected labels override the file's), the others are added at the end."""
    frame, skipped = read_labelled(path, text_col, label_col)
    texts = frame[text_col].astype(str).tolist()
    label_sets = [
        {part.strip() for part in (lab.split(label_sep) if label_sep else [lab]) if part.strip()}
        for lab in frame[label_col].astype(str).tolist()
    ]
    rows = TrainingRows(texts, label_sets, skipped, len(texts))
    if corrected is None:
        return rows
    usable = [c for c in corrected if c.labels and c.text.strip()]
    rows.corrected = list(corrected)
    rows.corrected_without_label = [c.comment_id for c in corrected if not (c.labels and c.text.strip())]
    by_id = {c.comment_id: c for c in usable}
    if id_col in frame.columns and by_id:
        ids = frame[id_col].astype(str).tolist()
        keep = [i for i, value in enumerate(ids) if value not in by_id]
        rows.replaced = len(texts) - len(keep)
        rows.in_file = len(set(ids) & set(by_id))
        rows.texts = [texts[i] for i in keep]
        rows.label_sets = [label_sets[i] for i in keep]
        rows.from_file = len(keep)
    rows.texts += [c.text for c in usable]
    rows.label_sets += [set(c.labels) for c in usable]
    return rows


def check_trainable(path: Path, label_col: str, strata: Sequence[str], kind: str) -> None:
    """Stop, saying why, before a fit that cannot work (fewer than two labels) or a sentiment
    model whose labels scoring cannot return."""
    counts = Counter(strata)
    if len(counts) < 2:
        found = f"only {next(iter(counts))!r}" if counts else "no usable rows"
        raise InputFileError(f"{path}: training needs at least two labels; found {found}", column=label_col)
    unknown = sorted(set(counts) - set(SENTIMENT_LABELS)) if kind == "sentiment" else []
    if unknown:
        raise InputFileError(f"{path}: sentiment labels must be {', '.join(SENTIMENT_LABELS)}; found "
                             f"{', '.join(map(repr, unknown[:10]))} (map e.g. star ratings to them first)",
                             column=label_col)


def validation_split(strata: Sequence[str]) -> tuple[np.ndarray, np.ndarray, bool]:
    """Training and validation row indices: stratified 15 %, seed 13, and whether it was
    stratified (not when a class has a single row, or a part would have fewer rows than
    there are classes, as in a small file)."""
    counts = Counter(strata)
    n_valid = math.ceil(VALIDATION_SHARE * len(strata))  # as train_test_split rounds it
    stratifiable = min(counts.values()) >= 2 and min(n_valid, len(strata) - n_valid) >= len(counts)
    stratify = list(strata) if stratifiable else None
    train_idx, valid_idx = train_test_split(
        np.arange(len(strata)), test_size=VALIDATION_SHARE, random_state=SPLIT_SEED, stratify=stratify
    )
    return train_idx, valid_idx, stratify is not None


def train_head(
    kind: str,
    data: Path,
    text_col: str,
    label_col: str,
    out_dir: Path,
    encoder,
    label_sep: str | None = None,
    version: str | None = None,
    C: float = 1.0,
    data_description: str | None = None,
    taxonomy: Path | None = None,
    corrected: Sequence[CorrectedRow] | None = None,
    id_col: str = "id",
) -> TrainingResult:
    """Read, split, embed once, fit, evaluate and save a head (sentiment or tagger).

    ``corrected``: analysts' corrected comments (`voc train … --with-corrections`), each with
    its labels after the corrections; a row of the file whose ``id_col`` names one of them is
    replaced by it (the correction overrides the label), the others are added.

    A tagger's directory gets its taxonomy (``taxonomy.yaml``): one category per label, with
    the description and phrase rules ``taxonomy`` gives that label; scoring applies it with
    the tagger and nothing else (``voc_engine.nlp.taxonomy.tagger_taxonomy``).
    """
    if taxonomy is not None and kind != "tagger":
        raise InputFileError("a taxonomy goes with a tagger, not a sentiment model")
    rows = training_rows(Path(data), text_col, label_col, label_sep, corrected, id_col)
    texts, label_sets, skipped = rows.texts, rows.label_sets, rows.skipped
    multi_label = kind == "tagger" and any(len(s) > 1 for s in label_sets)
    strata = [sorted(s)[0] for s in label_sets]
    check_trainable(Path(data), label_col, strata, kind)
    given = _taxonomy_for_training(taxonomy, {label for labels in label_sets for label in labels})
    train_idx, valid_idx, stratified = validation_split(strata)
    started = time.time()
    read = [encoder_text(t) for t in texts]  # what inference reads: normalised, redacted
    X = encoder.encode_features(read)
    train_texts, valid_texts = [read[i] for i in train_idx], [read[i] for i in valid_idx]
    version = version or datetime.now(timezone.utc).strftime("v%Y%m%d-%H%M%S")
    single_label_tagger = kind == "tagger" and not multi_label
    if single_label_tagger:
        trainer = HeadTrainer(kind, version, encoder.version, C=TAGGER_C, loss="hinge",
                              text_blocks=TAGGER_TEXT_BLOCKS, dense_weight=TAGGER_DENSE_WEIGHT)
    else:
        trainer = HeadTrainer(kind, version, encoder.version, multi_label=multi_label, C=C)
    try:
        if multi_label:
            trainer.fit(X[train_idx], [label_sets[i] for i in train_idx])
        else:
            trainer.fit(X[train_idx], [strata[i] for i in train_idx], texts=train_texts)
    except ValueError as exc:  # scikit-learn's word on data it cannot fit (e.g. no usable words)
        raise InputFileError(f"{data}: cannot train on these rows: {exc}") from exc
    if multi_label:
        validation = multi_label_report([label_sets[i] for i in valid_idx],
                                        trainer.predict_proba(X[valid_idx]), trainer.head_)
    else:
        probs = trainer.predict_proba(X[valid_idx], valid_texts)
        predicted = [trainer.labels_[int(r.argmax())] for r in probs]
        validation = single_label_report([strata[i] for i in valid_idx], predicted, trainer.labels_)
        if kind == "tagger":
            validation["top_tag_accuracy"] = validation["accuracy"]
            # What `voc score` returns is each label at or above its threshold, not the top one:
            # micro-F1 of those tags is the figure scoring reproduces.
            returned = [{label for label, p in zip(trainer.labels_, row) if p >= trainer.head_.threshold(label)}
                        for row in probs]
            validation["micro_f1"] = _micro_f1([{strata[i]} for i in valid_idx], returned, trainer.labels_)
    metrics = {
        "kind": kind,
        "version": version,
        "data": str(data_description or data),
        "n_train": int(len(train_idx)),
        "n_validation": int(len(valid_idx)),
        "n_skipped": len(skipped),
        "skipped_rows": skipped[:MAX_SKIPPED_LISTED],
        "split": {"validation_share": VALIDATION_SHARE, "seed": SPLIT_SEED, "stratified": stratified},
        "encoder": encoder.version,
        "head": describe_head(trainer),
        "train_seconds": round(time.time() - started, 1),
        "validation": validation,
    }
    if corrected is not None:
        metrics["corrections"] = rows.corrections_dict()
    head = trainer.head_
    carried = None
    if kind == "tagger":
        carried, left_out = labels_taxonomy(head.labels, given)
        head.extra["taxonomy"] = TAGGER_TAXONOMY_FILE
        metrics["taxonomy"] = {
            "file": TAGGER_TAXONOMY_FILE, "from": str(taxonomy) if taxonomy is not None else None,
            "rules": {c.name: len(c.rules) for c in carried.categories if c.rules},
            "left_out_categories": left_out,
        }
    head.save(out_dir)
    if carried is not None:
        save_taxonomy(carried, Path(out_dir) / TAGGER_TAXONOMY_FILE)
    (Path(out_dir) / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_model_card(Path(out_dir), head, metrics)
    return TrainingResult(head, metrics, Path(out_dir))


def _taxonomy_for_training(path: Path | None, labels: set[str]):
    """The taxonomy given to ``voc train tagger --taxonomy``, read before any encoding. Its
    categories are matched to the labels by name; one that names none of them is refused
    (the wrong file, or labels spelt otherwise)."""
    if path is None:
        return None
    given = load_taxonomy(path, labels=labels)
    if not set(given.names) & labels:
        raise InputFileError(f"taxonomy {path} names none of the labels in the data "
                             f"({', '.join(sorted(labels)[:10])}{', …' if len(labels) > 10 else ''}): "
                             "its categories must be named as the labels are")
    return given


def _micro_f1(truth: list[set[str]], returned: list[set[str]], labels: list[str]) -> float:
    Y = np.array([[label in t for label in labels] for t in truth], dtype=int)
    P = np.array([[label in r for label in labels] for r in returned], dtype=int)
    return round(float(f1_score(Y, P, average="micro", zero_division=0)), 4)


def describe_head(trainer: HeadTrainer) -> dict:
    """The recipe of a fitted head, for metrics.json and the model card."""
    head = trainer.head_
    estimator = ("one logistic regression per label" if trainer.multi_label
                 else "linear SVM" if trainer.loss == "hinge" else "logistic regression")
    out = {"estimator": estimator, "C": trainer.C, "input": head.input}
    if head.text_features is not None:
        out["text_features"] = head.text_features.meta()
    return out


def write_model_card(out_dir: Path, head: LinearHead, metrics: dict, extra: str = "") -> None:
    v = metrics["validation"]
    rows = "\n".join(
        f"| {label} | {c['precision']} | {c['recall']} | {c['f1']} | {c['support']} |"
        for label, c in v.get("per_class", {}).items()
    )
    headline = ", ".join(f"{k} **{v[k]}**" for k in ("accuracy", "top_tag_accuracy", "macro_f1", "micro_f1") if k in v)
    reads = ""
    if head.text_features is not None:
        blocks = ", ".join(
            f"{b.name} TF-IDF ({b.settings['analyzer']} {b.settings['ngram_range'][0]}-"
            f"{b.settings['ngram_range'][1]}-grams, {b.size} terms, weight {b.weight})"
            for b in head.text_features.blocks)
        reads = (f"\n- **Reads**: the encoder features (weight {head.text_features.dense_weight}) and the "
                 f"redacted text: {blocks}; each block row-normalised.")
    n_skipped = metrics.get("n_skipped", 0)
    left_out = (f"; {n_skipped} row{'s' * (n_skipped != 1)} left out for a missing text or label or as unreadable "
                "(listed in metrics.json)") if n_skipped else ""
    if "corrections" in metrics:
        left_out += ".\n- **Analysts' corrections**: " + corrections_line(metrics["corrections"])
    card = f"""# {head.kind} model {head.version}

- **What**: a linear {head.activation} head over the shared sentence encoder `{head.encoder}`
  (one encoder pass per comment feeds every head).{reads}
- **Labels**: {", ".join(head.labels)}
- **Training data**: {metrics['data']} — {metrics['n_train']} rows for training,
  {metrics['n_validation']} held out ({"stratified" if metrics['split']['stratified'] else "not stratified"}, seed {metrics['split']['seed']}){left_out}.
- **Validation**: {headline}

| label | precision | recall | F1 | support |
|---|---|---|---|---|
{rows}

## Intended use
Scoring customer comments in voc-engine. Figures are on a held-out split of the
training data; expect lower figures on text from other domains.

## Limits
English only (other languages are flagged, not scored). A linear head inherits
the encoder's biases; review per-class recall before relying on rare labels.
{extra}
"""
    (out_dir / "MODEL_CARD.md").write_text(card)
