"""Churn intent on a source left out of training: for each corpus X, the flag model's recipe
(``training.build_flag_models``) fitted on the training part of every other corpus (and our
written sentences), its threshold chosen by cross-validation inside that training part, then
scored on every row of X (train, validation and test parts: none of X was seen).

    python bench/flags_loso.py [--folds 3]    # writes bench/results/flags_loso.json and .md

What it shows: the figure to expect on a customer's text unlike any corpus here. The phrase
rules are the shipped ones, and they were written from the misses of every corpus's training
part, X's included: the "rules" and "rule OR head" rows are not unseen for the rules; the "head
alone" row is. Costs (folds + 1) fits per corpus: about 15-25 minutes on two loaded cores.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
LEFT_OUT = ("airline_tweets", "amazon_reviews", "banking77")  # the clothing reviews hold 2 churn rows


def main() -> None:
    from training.build_flag_models import (
        CHAR,
        WORD,
        C,
        choose_threshold,
        comment_scores,
        design,
        fit_head,
        out_of_fold_scores,
        precision_recall,
        training_set,
    )
    from training.flag_data import churn_rows

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    started = time.time()
    rows = churn_rows()
    rows = rows[rows["split"] != "unseen"].reset_index(drop=True)
    features, labels, weights, sources = training_set(rows)
    splits = rows["split"].to_numpy()
    written = np.flatnonzero(sources == "written")
    report: dict = {"folds": args.folds, "left_out": {}}
    for left_out in LEFT_OUT:
        part = np.flatnonzero(np.isin(splits, ["train", "valid"]) & ~np.isin(sources, ["written", left_out])
                              & features.scorable)
        scores = out_of_fold_scores(features, labels, weights, sources, part, written, "loso", folds=args.folds,
                                    log=lambda line: print(f"  {left_out}: {line}", flush=True))
        threshold, _ = choose_threshold(labels[part], features.rules[part], scores[part])
        X, texts, y = design(features, labels, weights, np.concatenate([part, written]))
        head = fit_head(X, texts, y, C, WORD, CHAR, "loso", "loso")
        target = np.flatnonzero(sources == left_out)
        scored = np.zeros(len(target))
        scorable = features.scorable[target]
        scored[scorable] = comment_scores(head, features, target[scorable])
        truth, rules = labels[target], features.rules[target]
        report["left_out"][left_out] = {
            "threshold": threshold, "rows": int(len(target)), "churn": int(truth.sum()),
            "rules": precision_recall(truth, rules),
            "head": precision_recall(truth, scored >= threshold),
            "combined": precision_recall(truth, rules | (scored >= threshold)),
        }
        print(left_out, json.dumps(report["left_out"][left_out]), flush=True)
    report["seconds"] = round(time.time() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "flags_loso.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "flags_loso.md").write_text(to_markdown(report))
    print(to_markdown(report))


def to_markdown(report: dict) -> str:
    def row(name: str, m: dict) -> str:
        return f"| {name} | {m['precision']} | {m['recall']} | {m['f1']} | {m['tp']} | {m['fp']} | {m['fn']} |"

    lines = [
        "# Churn intent on a source left out of training",
        "",
        "Each corpus in turn left out: the flag model's recipe fitted on the training part of the others "
        f"(threshold by {report['folds']}-fold cross-validation there), scored on every row of the corpus left out. "
        "The phrase rules were written from every corpus's training part: only the head-alone row is unseen.",
        "",
    ]
    for source, r in report["left_out"].items():
        lines += [f"## {source} left out ({r['rows']} rows, {r['churn']} with churn intent; threshold {r['threshold']})",
                  "", "| flag from | precision | recall | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|",
                  row("phrase rules alone", r["rules"]), row("head alone (unseen)", r["head"]),
                  row("rule OR head", r["combined"]), ""]
    lines += [f"{report['seconds']} s, `python bench/flags_loso.py --folds {report['folds']}`.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
