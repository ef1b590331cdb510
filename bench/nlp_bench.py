"""Scoring benchmark (issue 2 targets), written to bench/results/nlp.json and nlp.md.

(a) Sentiment through the shipped pipeline (int8 ONNX encoder, as served) on
    the held-out splits of airline tweets (in domain) and hotel reviews (other
    domain); VADER on the same rows for reference.
(b) Retraining: `voc train tagger` on banking77 (our stratified split of the
    public train file; the official test split is kept back) — wall time of
    the whole command, its peak RSS and top-tag accuracy on the held-out part,
    with the head's recipe (encoder features + TF-IDF blocks, linear SVM).
(c) Speed: `voc score` on 5,000 tweets as a whole process (wall time, peak
    RSS), and, in the same run, a plain sentence-transformers fp32 encode of
    the same texts for the ratio.

(d) Out of domain, never seen (with ``--ood-run DIR``): the shipped recipe re-run with hotel
    reviews left out (``python -m training.finetune_encoder --no-hotel --out DIR``), its
    adapter and jointly trained head — epoch chosen on airline macro-F1, as the shipped
    one — scored on all 2,000 hotel reviews, next to VADER on the same rows. The
    shipped model learnt from 85 % of these reviews, so (a)'s hotel figure is in-source.

    python bench/nlp_bench.py [--skip-train] [--rows 5000] [--ood-run var/finetune-nohotel]
    python bench/nlp_bench.py --train-only   # (b) alone, merged into the last nlp.json
    python bench/nlp_bench.py --speed-only   # (a)'s speed alone, merged likewise
    python bench/nlp_bench.py --ood-only --ood-run var/finetune-nohotel   # (d) alone, merged
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

from training.datasets import airline_tweets, banking77, hotel_reviews  # noqa: E402


def sentiment_quality() -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    from voc_engine.nlp.pipeline import Pipeline

    pipeline = Pipeline.default()
    vader_label = vader_labeller()

    out = {"model_version": pipeline.model_version}
    for name, frame in (("airline_tweets_valid", airline_tweets("valid")),
                        ("hotel_reviews_valid", hotel_reviews("valid"))):
        enriched = pipeline.enrich(frame["text"].tolist())
        predicted = [e.sentiment.label if e.sentiment else "unscored" for e in enriched]
        gold = frame["label"].tolist()
        vader_pred = [vader_label(t) for t in frame["text"]]
        out[name] = {
            "rows": len(frame),
            "unscored": sum(p == "unscored" for p in predicted),
            "accuracy": round(accuracy_score(gold, predicted), 4),
            "macro_f1": round(f1_score(gold, predicted, average="macro",
                                       labels=["negative", "neutral", "positive"]), 4),
            "vader_accuracy": round(accuracy_score(gold, vader_pred), 4),
            "vader_macro_f1": round(f1_score(gold, vader_pred, average="macro"), 4),
        }
    return out


def vader_labeller():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()

    def label(text: str) -> str:
        compound = vader.polarity_scores(text)["compound"]
        return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"

    return label


def never_seen_domain(run_dir: Path) -> dict:
    """Hotel reviews scored by a model of the shipped recipe that never saw a hotel review."""
    from sklearn.metrics import accuracy_score, f1_score

    from training.build_default_models import best_epoch, refit_sentiment_head
    from voc_engine.config import REPO_DIR
    from voc_engine.nlp.pipeline import registry_path

    MODELS_DIR = REPO_DIR / "models"
    from voc_engine.nlp.encoder import Encoder
    from voc_engine.nlp.heads import LinearHead
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.schema import SENTIMENT_LABELS

    history = json.loads((run_dir / "history.json").read_text())
    run = json.loads((run_dir / "run.json").read_text())  # the arguments finetune_encoder ran with
    if not run.get("no_hotel"):
        raise SystemExit(f"{run_dir} was trained with hotel reviews: not a never-seen-domain run")
    epoch = best_epoch(run_dir)
    encoder = Encoder(run_dir / f"encoder-epoch{epoch}", backend="onnx")
    # The head as the shipped sentiment model's recipe makes it: refitted over the served
    # features (of airline tweets alone here) or the one trained jointly with the adapter.
    shipped = json.loads((registry_path(MODELS_DIR, "sentiment") / "metrics.json").read_text())
    if "sources" in shipped:
        raise SystemExit("the shipped sentiment head learns from every corpus: its never-seen-domain figures "
                         "are leave-one-source-out, python bench/sentiment_loso.py")
    if shipped["head"].startswith("logistic regression over the served features"):
        head, how = refit_sentiment_head(encoder, f"nohotel-epoch{epoch}", hotel=False)
    else:
        arrays = np.load(run_dir / f"sentiment_head-epoch{epoch}.npz")
        head = LinearHead("sentiment", f"nohotel-epoch{epoch}", list(SENTIMENT_LABELS), arrays["weight"],
                          arrays["bias"], "softmax", {}, encoder.version, input="embedding")
        how = {"head": f"trained jointly with the adapter (epoch {epoch})"}
    frame = hotel_reviews("all")
    gold = frame["label"].tolist()
    predicted = [e.sentiment.label if e.sentiment else "unscored"
                 for e in Pipeline(encoder, head).enrich(frame["text"].tolist())]
    vader = vader_labeller()
    vader_pred = [vader(t) for t in frame["text"]]
    labels = list(SENTIMENT_LABELS)
    return {
        "run": str(run_dir), "epoch": epoch, "head": how["head"], "rows": len(frame),
        "accuracy": round(accuracy_score(gold, predicted), 4),
        "macro_f1": round(f1_score(gold, predicted, average="macro", labels=labels), 4),
        "vader_accuracy": round(accuracy_score(gold, vader_pred), 4),
        "vader_macro_f1": round(f1_score(gold, vader_pred, average="macro", labels=labels), 4),
        "airline_valid_of_this_run": next(h["airline_valid"] for h in history if h["epoch"] == epoch),
        "note": "adapter and head trained on airline tweets only (hotel reviews left out); all hotel rows scored",
    }


def run_child(args: list[str]) -> tuple[str, float, float]:
    """Run a child process in the repository root: its stdout, wall seconds and its own peak
    RSS in MB (wait4's usage of that child alone, not the largest child so far)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(args[:4])} … failed:\n{err.read().decode()[-4000:]}")
        out.seek(0)
        return out.read().decode(), seconds, usage.ru_maxrss / 1024


def banking_retraining(workdir: Path) -> dict:
    data = workdir / "banking77.csv"
    banking77("all").to_csv(data, index=False)
    out_dir = workdir / "banking-tagger"
    _, seconds, peak_mb = run_child(
        [sys.executable, "-m", "voc_engine.cli", "train", "tagger", "--data", str(data),
         "--text-col", "text", "--label-col", "label", "--out", str(out_dir)])
    metrics = json.loads((out_dir / "metrics.json").read_text())
    return {
        "command": "voc train tagger --data banking77.csv --text-col text --label-col label --out DIR",
        "wall_seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "n_train": metrics["n_train"], "n_validation": metrics["n_validation"],
        "top_tag_accuracy": metrics["validation"]["top_tag_accuracy"],
        "macro_f1": metrics["validation"]["macro_f1"],
        "head": metrics.get("head"),
        "note": "our stratified 15 % split of the public train file; the official test split is kept back",
    }


REPEATS = 5
# The reference: a plain sentence-transformers fp32 encode of the same texts
# (model loading excluded), printing its seconds.
PLAIN_ENCODE = """
import os, sys, time
os.environ["HF_HUB_OFFLINE"] = "1"
import pandas as pd, torch
from sentence_transformers import SentenceTransformer
from voc_engine.nlp.encoder import base_model_dir
torch.set_num_threads(os.cpu_count() or 1)
model = SentenceTransformer(str(base_model_dir()), device="cpu")
texts = pd.read_csv(sys.argv[1])["text"].astype(str).tolist()
started = time.perf_counter()
model.encode(texts, batch_size=64)
print(time.perf_counter() - started)
"""


# Our encoder alone (the int8 ONNX graph with its adapter, as `voc score` runs it),
# model loading excluded, printing its seconds: how much of the gap is the encoder.
OUR_ENCODE = """
import sys, time
import pandas as pd
from voc_engine.nlp.pipeline import shipped_encoder
encoder = shipped_encoder()
texts = pd.read_csv(sys.argv[1])["text"].astype(str).tolist()
encoder.encode(texts[:50])
started = time.perf_counter()
encoder.encode(texts)
print(time.perf_counter() - started)
"""


def scoring_speed(workdir: Path, rows: int) -> dict:
    tweets = airline_tweets("all").head(rows)[["id", "text"]]
    source = workdir / "tweets.csv"
    tweets.to_csv(source, index=False)
    output = workdir / "scored.jsonl"
    # Warm the int8 encoder cache first: building it is a one-off, not scoring.
    subprocess.run([sys.executable, "-c", "from voc_engine.nlp.pipeline import Pipeline; Pipeline.default()"],
                   check=True, cwd=ROOT, capture_output=True)
    # Median of REPEATS runs of each side, interleaved: a shared 2-core VM's
    # speed drifts from one run to the next. Each side runs in its own process,
    # so neither inherits the other's threads or memory.
    voc_runs, st_runs, encoder_runs, peaks = [], [], [], []
    for _ in range(REPEATS):
        _, seconds, peak_mb = run_child([sys.executable, "-m", "voc_engine.cli", "score", "--input", str(source),
                                         "--output", str(output), "--quiet"])
        voc_runs.append(seconds)
        peaks.append(peak_mb)
        reference, _, _ = run_child([sys.executable, "-c", PLAIN_ENCODE, str(source)])
        st_runs.append(float(reference.strip().splitlines()[-1]))
        ours, _, _ = run_child([sys.executable, "-c", OUR_ENCODE, str(source)])
        encoder_runs.append(float(ours.strip().splitlines()[-1]))
    lines = sum(1 for _ in output.open())
    seconds, st_seconds = statistics.median(voc_runs), statistics.median(st_runs)
    encoder_seconds = statistics.median(encoder_runs)
    return {
        "rows": rows, "lines_written": lines,
        "voc_score_wall_seconds": round(seconds, 2),
        "voc_score_comments_per_second": round(rows / seconds, 1),
        "voc_score_peak_rss_mb": round(max(peaks), 1),
        "runs": REPEATS, "voc_score_seconds_each": [round(x, 2) for x in voc_runs],
        "sentence_transformers_seconds_each": [round(x, 2) for x in st_runs],
        "sentence_transformers_fp32_encode_seconds": round(st_seconds, 2),
        "sentence_transformers_fp32_per_second": round(rows / st_seconds, 1),
        "ratio_voc_score_vs_plain_encode": round((rows / seconds) / (rows / st_seconds), 2),
        "our_encoder_alone_seconds_each": [round(x, 2) for x in encoder_runs],
        "our_encoder_alone_per_second": round(rows / encoder_seconds, 1),
        "ratio_our_encoder_alone_vs_plain_encode": round(st_seconds / encoder_seconds, 2),
        "note": "voc score is the whole process (start-up, reading, redaction, language, spaCy, "
                "one int8 encoder pass, heads, writing); the reference is the encoder alone",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--skip-train", action="store_true")
    parser.add_argument("--train-only", action="store_true",
                        help="re-run (b) alone and merge it into the last bench/results/nlp.json")
    parser.add_argument("--ood-run", type=Path, default=None,
                        help="a `finetune_encoder --no-hotel` output directory: adds (d)")
    parser.add_argument("--speed-only", action="store_true",
                        help="re-run (a) alone and merge it into the last bench/results/nlp.json")
    parser.add_argument("--ood-only", action="store_true",
                        help="run (d) alone and merge it into the last bench/results/nlp.json")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.ood_only:
        if args.ood_run is None:
            parser.error("--ood-only needs --ood-run DIR")
        report = json.loads((RESULTS / "nlp.json").read_text())
        report["never_seen_domain"] = {**never_seen_domain(args.ood_run), "date": time.strftime("%Y-%m-%d %H:%M")}
        (RESULTS / "nlp.json").write_text(json.dumps(report, indent=2) + "\n")
        (RESULTS / "nlp.md").write_text(to_markdown(report))
        print(to_markdown(report))
        return
    if args.train_only or args.speed_only:
        report = json.loads((RESULTS / "nlp.json").read_text())
        section, measure = (("banking77_retraining", banking_retraining) if args.train_only
                            else ("speed", lambda workdir: scoring_speed(workdir, args.rows)))
        with tempfile.TemporaryDirectory() as tmp:
            report[section] = measure(Path(tmp))
        report[section]["date"] = time.strftime("%Y-%m-%d %H:%M")
        (RESULTS / "nlp.json").write_text(json.dumps(report, indent=2) + "\n")
        (RESULTS / "nlp.md").write_text(to_markdown(report))
        print(to_markdown(report))
        return
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
              "date": time.strftime("%Y-%m-%d %H:%M")}
    with tempfile.TemporaryDirectory() as tmp:
        report["speed"] = scoring_speed(Path(tmp), args.rows)
        report["sentiment"] = sentiment_quality()
        if not args.skip_train:
            report["banking77_retraining"] = banking_retraining(Path(tmp))
    if args.ood_run is not None:
        report["never_seen_domain"] = never_seen_domain(args.ood_run)
    (RESULTS / "nlp.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "nlp.md").write_text(to_markdown(report))
    print(to_markdown(report))


def to_markdown(r: dict) -> str:
    s, sp = r["sentiment"], r["speed"]
    lines = [f"# Scoring benchmark ({r['date']}, {r['machine']['cpus']} CPUs)", "",
             "| split | rows | accuracy | macro-F1 | VADER acc | VADER macro-F1 |", "|---|---|---|---|---|---|"]
    for name in ("airline_tweets_valid", "hotel_reviews_valid"):
        x = s[name]
        lines.append(f"| {name} | {x['rows']} | {x['accuracy']} | {x['macro_f1']} | "
                     f"{x['vader_accuracy']} | {x['vader_macro_f1']} |")
    lines += ["", f"Model: `{s['model_version']}`", "",
              f"**Speed**: `voc score` on {sp['rows']} tweets: {sp['voc_score_wall_seconds']} s "
              f"({sp['voc_score_comments_per_second']}/s), peak RSS {sp['voc_score_peak_rss_mb']} MB; "
              f"plain sentence-transformers fp32 encode: {sp['sentence_transformers_fp32_per_second']}/s; "
              f"ratio {sp['ratio_voc_score_vs_plain_encode']}× (medians of {sp.get('runs', 1)} interleaved runs: "
              f"voc score {sp.get('voc_score_seconds_each')} s, encode {sp.get('sentence_transformers_seconds_each')} s)."]
    if "our_encoder_alone_per_second" in sp:
        lines[-1] += (f" Our int8 encoder alone, same texts and runs: {sp['our_encoder_alone_per_second']}/s, "
                      f"{sp['ratio_our_encoder_alone_vs_plain_encode']}× the plain encode "
                      f"({sp['our_encoder_alone_seconds_each']} s)")
        if sp.get("date"):
            lines[-1] += f"; speed measured {sp['date']}"
        lines[-1] += "."
    if "banking77_retraining" in r:
        b = r["banking77_retraining"]
        head = b.get("head") or {}
        recipe = ""
        if head.get("text_features"):
            blocks = " + ".join(f"{x['name']} TF-IDF ×{x['weight']}" for x in head["text_features"]["blocks"])
            recipe = (f" Head: {head['estimator']} (C={head['C']}) over encoder features "
                      f"×{head['text_features']['dense_weight']} + {blocks}.")
        rss = f", peak RSS {b['peak_rss_mb']} MB" if b.get("peak_rss_mb") else ""
        lines += ["", f"**Retraining** (`voc train tagger`, banking77): top-tag accuracy "
                      f"{b['top_tag_accuracy']} on {b['n_validation']} held-out rows, "
                      f"{b['wall_seconds']} s wall{rss} ({b['note']}).{recipe}"]
    if "never_seen_domain" in r:
        o = r["never_seen_domain"]
        lines += ["", f"**Never-seen domain** (hotel reviews, all {o['rows']} rows, scored by the shipped recipe "
                      f"re-trained without them, adapter epoch {o['epoch']}, head {o.get('head', 'joint')}): "
                      f"accuracy {o['accuracy']}, macro-F1 "
                      f"{o['macro_f1']}; VADER {o['vader_accuracy']} / {o['vader_macro_f1']}. That run's airline "
                      f"held-out split: {o['airline_valid_of_this_run']['accuracy']} / "
                      f"{o['airline_valid_of_this_run']['macro_f1']} (fp32 with its joint head, its training-time "
                      f"evaluation)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
