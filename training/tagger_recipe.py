"""Choose the single-label tagger's recipe by cross-validation inside the training part.

    python -m training.tagger_recipe [--folds 5] [--repeats 2] [--grid C:WORD:CHAR ...]

Reads banking77 (``../shared/data``), makes the split ``voc train tagger``
makes (stratified 15 %, seed 13) and sets the validation rows aside unread.
On the training rows only, it runs repeated stratified k-fold cross-validation
of a linear SVM over ``[encoder features | WORD * word 1-2-gram TF-IDF |
CHAR * char_wb 2-5-gram TF-IDF]`` (each block row-normalised; the TF-IDF
vocabularies and idf refitted on each fold's training part) for every grid
point, and prints the mean accuracy. ``C:0:0`` is the encoder features alone.
The result is written into ``TAGGER_*`` in ``voc_engine/nlp/train.py`` by hand.

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--grid", nargs="*", default=list(DEFAULT_GRID))
    args = parser.parse_args()
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
