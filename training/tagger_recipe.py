"""Choose the taggers' recipes by cross-validation inside the training part.

    python -m training.tagger_recipe [--folds 5] [--repeats 2] [--grid C:WORD:CHAR ...]
    python -m training.tagger_recipe --taxonomy [--folds 3] [--grid C:WORD:CHAR ...]

Reads banking77 (``../shared/data``), makes the split ``voc train tagger``
makes (stratified 15 %, seed 13) and sets the validation rows aside unread.
On the training rows only, it runs repeated stratified k-fold cross-validation
of a linear SVM over ``[encoder features | WORD * word 1-2-gram TF-IDF |
CHAR * char_wb 2-5-gram TF-IDF]`` (each block row-normalised; the TF-IDF
vocabularies and idf refitted on each fold's training part) for every grid
point, and prints the mean accuracy. ``C:0:0`` is the encoder features alone.
The result is written into ``TAGGER_*`` in ``voc_engine/nlp/train.py`` by hand.

``--taxonomy`` does the same for the shipped multi-label taxonomy tagger
(``training.build_default_models``): k-fold CV of its one-logistic-regression-
per-category head on the training rows of its corpus, printing top-tag
accuracy and micro-F1; the result goes into ``TAXONOMY_*`` there.

The features come from the encoder ``voc train`` uses (int8 ONNX, the shipped
adapter) and are cached under ``var/tagger_recipe/``.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from training.datasets import banking77
from voc_engine.config import REPO_DIR
from voc_engine.nlp.redact import encoder_text
from voc_engine.nlp.textfeatures import TextFeatures, TfidfBlock
from voc_engine.nlp.train import TAGGER_TEXT_BLOCKS, validation_split

CACHE = REPO_DIR / "var" / "tagger_recipe"
# The finalists of a wider search (block weights 0.25-1, C 0.5-4; logistic regression,
# Crammer-Singer and L1-loss SVMs, word 1-3-grams, char 1-5/1-6-grams, standardised or
# re-weighted encoder layers: none above 0.929). Chosen: C=3, word 0.4, char 0.3.
DEFAULT_GRID = ("2:0:0", "2:0.35:0.35", "4:0.35:0.35", "2:0.5:0.25", "4:0.5:0.25", "3:0.4:0.3")
TAXONOMY_GRID = ("4:0:0", "4:0.4:0.3", "4:0.6:0.4", "4:0.8:0.5", "4:1:0.7", "2:1:0.7", "4:1.3:0.9")


def training_rows() -> tuple[np.ndarray, list[str], np.ndarray]:
    """Features, redacted texts and labels of the training part (validation rows dropped)."""
    frame = banking77("all")
    labels = frame["label"].astype(str).tolist()
    train_idx, _, _ = validation_split(labels)
    texts = [encoder_text(t) for t in frame["text"].astype(str)]
    cache = CACHE / "features.npy"
    if cache.exists():
        X = np.load(cache)
    else:
        from voc_engine.nlp.pipeline import shipped_encoder

        X = shipped_encoder().encode_features(texts)  # every row, in one call: as `voc train` encodes them
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(cache, X)
    return X[train_idx], [texts[i] for i in train_idx], np.asarray(labels)[train_idx]


def fold_accuracy(X, texts, y, fit, test, C: float, word: float, char: float) -> float:
    specs = {spec["name"]: spec for spec in TAGGER_TEXT_BLOCKS}
    fit_texts = [texts[i] for i in fit]
    blocks = [TfidfBlock.fit(name, fit_texts, weight=weight,
                             **{k: v for k, v in specs[name].items() if k not in ("name", "weight")})
              for name, weight in (("word", word), ("char", char)) if weight > 0]
    features = TextFeatures(blocks, 1.0)
    model = LinearSVC(C=C).fit(features.transform(X[fit], fit_texts), y[fit])
    predicted = model.predict(features.transform(X[test], [texts[i] for i in test]))
    return float(np.mean(predicted == y[test]))


def taxonomy_cv(grid: list[str], folds: int) -> None:
    from sklearn.model_selection import KFold

    from training.build_default_models import fit_taxonomy_tagger, served_features, tagger_corpus
    from voc_engine.nlp.pipeline import shipped_encoder
    from voc_engine.nlp.train import multi_label_report

    texts, labels = tagger_corpus("train")  # the validation split is not read
    cache = CACHE / "taxonomy_features.npy"
    if cache.exists():
        X = np.load(cache)
    else:
        X = served_features(shipped_encoder(backend="onnx"), texts)
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(cache, X)
    redacted = [encoder_text(t) for t in texts]
    print(f"{len(labels)} training rows; {folds}-fold CV; validation rows not read")
    print("| C | word | char | top-tag accuracy | micro-F1 | seconds |\n|---|---|---|---|---|---|")
    for point in grid:
        C, word, char = map(float, point.split(":"))
        started, scores = time.time(), []
        for fit, test in KFold(folds, shuffle=True, random_state=13).split(X):
            head = fit_taxonomy_tagger(X[fit], [texts[i] for i in fit], [labels[i] for i in fit], "cv", None,
                                       C=C, block_weights={"word": word, "char": char})
            probs = head.predict_proba(X[test], [redacted[i] for i in test])
            tagged = [k for k, i in enumerate(test) if labels[i]]
            report = multi_label_report([labels[test[k]] for k in tagged], probs[tagged], head)
            scores.append((report["top_tag_accuracy"], report["micro_f1"]))
        top, micro = np.mean(scores, axis=0)
        print(f"| {C:g} | {word:g} | {char:g} | {top:.4f} | {micro:.4f} | {time.time() - started:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomy", action="store_true",
                        help="the shipped multi-label taxonomy tagger instead of the single-label one")
    parser.add_argument("--folds", type=int, default=None, help="default 5 (3 with --taxonomy)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--grid", nargs="*", default=None)
    args = parser.parse_args()
    if args.taxonomy:
        taxonomy_cv(args.grid or list(TAXONOMY_GRID), args.folds or 3)
        return
    args.folds, args.grid = args.folds or 5, args.grid or list(DEFAULT_GRID)
    X, texts, y = training_rows()
    splits = [split for seed in range(args.repeats)
              for split in StratifiedKFold(args.folds, shuffle=True, random_state=seed).split(X, y)]
    print(f"{len(y)} training rows; {args.repeats} x {args.folds}-fold CV; validation rows not read")
    print("| C | word | char | CV accuracy | per repeat | seconds |\n|---|---|---|---|---|---|")
    for point in args.grid:
        C, word, char = map(float, point.split(":"))
        started = time.time()
        scores = Parallel(n_jobs=args.jobs)(delayed(fold_accuracy)(X, texts, y, fit, test, C, word, char)
                                            for fit, test in splits)
        per_repeat = [round(float(np.mean(scores[r * args.folds:(r + 1) * args.folds])), 4)
                      for r in range(args.repeats)]
        print(f"| {C:g} | {word:g} | {char:g} | {np.mean(scores):.4f} | {per_repeat} | "
              f"{time.time() - started:.0f} |", flush=True)


if __name__ == "__main__":
    main()
