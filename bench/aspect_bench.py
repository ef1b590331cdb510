"""Aspect sentiment against hand labels, to bench/results/aspect.{json,md}.

Each tag the pipeline returns carries a sentiment: the mean sentiment score of the sentences
its spans fall in (rule spans, or the sentences the tagger's head picks), cut at ±0.25
(``voc_engine.nlp.pipeline._aspect_sentiment``). This bench scores the comments of a
hand-labelled sample (``bench/data/aspect_sentiment_sample.jsonl``: the labelling guide is its
first line) with the shipped pipeline and compares each (comment, tag) pair's sentiment with
the label written by a person who read the comment, blind to the model's aspect sentiment.
The baseline gives every tag the comment's overall sentiment: the difference is what reading
the tag's own sentences adds.

Pairs labelled ``tag_wrong`` (the tag does not apply to the comment) are not aspect-sentiment
errors: they are counted apart, as the tag's precision on the sample. A pair whose tag the
pipeline no longer returns (a model changed since the labelling) is counted as ``not_returned``.

The texts are read from ``../shared/data`` by corpus and row (only the CC0 women's clothing
texts are also stored in the sample, as a check that the rows still match); the sample file
holds no text of a corpus whose licence does not allow redistribution.

    python bench/aspect_bench.py                    # score the sample, write the results
    python bench/aspect_bench.py --export PATH      # draw a fresh sample: pairs without the
                                                    # model's aspect sentiment, for labelling
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SAMPLE = ROOT / "bench" / "data" / "aspect_sentiment_sample.jsonl"
CLASSES = ("negative", "neutral", "positive")
LABELS = (*CLASSES, "tag_wrong")

from training.datasets import shared_data_dir, split_positions  # noqa: E402

# corpus -> (file under ../shared/data, text column, text may be stored in the sample)
CORPORA = {
    "womens_clothing_reviews": ("womens_clothing_reviews/reviews.csv", "text", True),   # CC0 1.0
    "amazon_multidomain_reviews": ("amazon_multidomain_reviews/reviews.csv", "text", False),  # none stated
    "airline_tweets": ("airline_tweets/train.csv", "text", False),  # CC BY-NC-SA 4.0
}
MAX_CHARS = 600  # longer reviews are left out of the draw: a person reads every drawn comment


def corpus_texts(corpus: str) -> list[str]:
    import pandas as pd

    path, column, _ = CORPORA[corpus]
    return pd.read_csv(shared_data_dir() / path)[column].astype(str).tolist()


def candidate_rows(corpus: str, texts: list[str], seed: int) -> list[int]:
    """Rows the draw may take, in a seeded random order. Airline tweets: only the validation
    split (stratified 15 %, seed 13), which neither the shipped tagger nor the sentiment head
    was trained on; the other corpora were seen by neither."""
    import pandas as pd

    if corpus == "airline_tweets":
        labels = pd.read_csv(shared_data_dir() / CORPORA[corpus][0])["airline_sentiment"]
        rows = sorted(int(r) for r in split_positions(labels)["valid"])
    else:
        rows = list(range(len(texts)))
    rows = [r for r in rows if len(texts[r]) <= MAX_CHARS]
    random.Random(f"{seed}:{corpus}").shuffle(rows)
    return rows


def export(path: Path, seed: int, pairs_per_corpus: int) -> None:
    """Draw tagged comments in seeded order until each corpus has ``pairs_per_corpus`` pairs;
    write them without the model's sentiment (the labeller must not see it)."""
    from voc_engine.nlp.pipeline import Pipeline

    pipeline = Pipeline.default()
    out = []
    for corpus in CORPORA:
        texts = corpus_texts(corpus)
        rows = candidate_rows(corpus, texts, seed)
        taken = 0
        for start in range(0, len(rows), 100):
            chunk = rows[start : start + 100]
            for row, result in zip(chunk, pipeline.enrich([texts[r] for r in chunk], chunk)):
                if taken >= pairs_per_corpus:
                    break
                if not result.tags:
                    continue
                for tag in sorted(result.tags, key=lambda t: t.name):
                    spans = [result.redacted_text[s:e] for s, e in tag.spans]
                    out.append({"corpus": corpus, "row": row, "tag": tag.name, "source": tag.source,
                                "spans": spans, "text": texts[row], "label": None})
                    taken += 1
            if taken >= pairs_per_corpus:
                break
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in out))
    print(f"wrote {len(out)} pairs to {path}")


def read_sample(path: Path = SAMPLE) -> tuple[dict, list[dict]]:
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    guide, pairs = lines[0], lines[1:]
    bad = [k for k, p in enumerate(pairs, start=2) if p.get("label") not in LABELS or p.get("corpus") not in CORPORA]
    if bad:
        raise SystemExit(f"{path}: lines {bad[:10]} carry no valid label or corpus")
    return guide, pairs


def f1_table(gold: list[str], pred: list[str | None]) -> dict:
    per = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[c] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                  "support": tp + fn}
    present = [c for c in CLASSES if per[c]["support"]]
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else None,
        # Over the classes the gold labels hold (a corpus without neutral pairs is not scored on it).
        "macro_f1": round(sum(per[c]["f1"] for c in present) / len(present), 4) if present else None,
        "per_class": per,
    }


def sentence_vote(spans, sentences) -> str | None:
    """Diagnostic only (not the pipeline's method): the majority of the arg-max labels of the
    sentences the tag's spans touch, ties to the first such sentence. It shows how much of the
    gap is the mean-score band of ±0.25 rather than the sentence sentiment itself."""
    labels = [s.sentiment for s in sentences
              if s.sentiment and any(start < s.end and end > s.start for start, end in spans)]
    if not labels:
        return None
    counts = Counter(labels)
    top = max(counts.values())
    return next(label for label in labels if counts[label] == top)


def evaluate(pairs: list[dict]) -> dict:
    from voc_engine.nlp.pipeline import Pipeline

    pipeline = Pipeline.default()
    texts = {c: corpus_texts(c) for c in {p["corpus"] for p in pairs}}
    keys = sorted({(p["corpus"], p["row"]) for p in pairs})
    for corpus, row in keys:
        stored = next((p.get("text") for p in pairs if (p["corpus"], p["row"]) == (corpus, row)), None)
        if stored is not None and stored != texts[corpus][row]:
            raise SystemExit(f"{corpus} row {row}: the text in ../shared/data is not the labelled one")
    results = {key: r for key, r in zip(keys, pipeline.enrich([texts[c][r] for c, r in keys], keys))}
    scored, counts = [], Counter()
    confusion = Counter()
    for p in pairs:
        counts[(p["corpus"], "pairs")] += 1
        if p["label"] == "tag_wrong":
            counts[(p["corpus"], "tag_wrong")] += 1
            continue
        result = results[(p["corpus"], p["row"])]
        tag = next((t for t in result.tags if t.name == p["tag"]), None)
        if tag is None:
            counts[(p["corpus"], "not_returned")] += 1
            continue
        overall = result.sentiment.label if result.sentiment else None
        scored.append({**p, "aspect": tag.sentiment, "overall": overall, "tag_source": tag.source,
                       "sentence_vote": sentence_vote(tag.spans, result.sentences)})
        confusion[(p["label"], tag.sentiment or "none")] += 1
    by = {"all": scored, **{c: [s for s in scored if s["corpus"] == c] for c in CORPORA}}
    out = {"model_version": pipeline.model_version, "methods": {}, "pairs": {}}
    for name, rows in by.items():
        gold = [s["label"] for s in rows]
        out["methods"][name] = {
            "aspect": f1_table(gold, [s["aspect"] for s in rows]),
            "baseline_overall": f1_table(gold, [s["overall"] for s in rows]),
            "diagnostic_sentence_vote": f1_table(gold, [s["sentence_vote"] for s in rows]),
        }
        corpora = CORPORA if name == "all" else [name]
        total = sum(counts[(c, "pairs")] for c in corpora)
        wrong = sum(counts[(c, "tag_wrong")] for c in corpora)
        out["pairs"][name] = {"labelled": total, "tag_wrong": wrong,
                              "tag_precision": round(1 - wrong / total, 4) if total else None,
                              "not_returned": sum(counts[(c, "not_returned")] for c in corpora),
                              "scored": len(rows),
                              "gold": dict(Counter(s["label"] for s in rows))}
    # Where the two methods disagree, which one the labels side with: what reading the tag's own
    # sentences adds (or costs) over the comment's overall sentiment.
    differ = [s for s in scored if s["aspect"] != s["overall"]]
    out["disagreements"] = {"n": len(differ), "aspect_right": sum(s["aspect"] == s["label"] for s in differ),
                            "overall_right": sum(s["overall"] == s["label"] for s in differ),
                            "neither": sum(s["label"] not in (s["aspect"], s["overall"]) for s in differ)}
    out["by_tag_source"] = {src: f1_table([s["label"] for s in rows], [s["aspect"] for s in rows])
                            for src in sorted({s["tag_source"] for s in scored})
                            for rows in [[s for s in scored if s["tag_source"] == src]]}
    out["confusion_aspect"] = {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())}
    out["errors"] = [{k: s[k] for k in ("corpus", "row", "tag", "tag_source", "label", "aspect", "overall")}
                     for s in scored if s["aspect"] != s["label"]]
    return out


def write(out: dict, guide: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "aspect.json").write_text(json.dumps(out, indent=2) + "\n")
    lines = [
        "# Aspect sentiment against hand labels",
        "",
        f"Sample: `bench/data/aspect_sentiment_sample.jsonl` ({guide.get('drawn', '')}). "
        f"Model: `{out['model_version']}`.",
        "Aspect = the tag's own sentiment (mean sentence score of the sentences its spans fall in); "
        "baseline = the comment's overall sentiment given to every tag. Pairs labelled `tag_wrong` "
        "are left out of both and counted as the tag's precision.",
        "",
        "| corpus | pairs | tag wrong (tag precision) | scored | aspect accuracy | aspect macro-F1 "
        "| baseline accuracy | baseline macro-F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in out["methods"].items():
        p = out["pairs"][name]
        lines.append(f"| {name} | {p['labelled']} | {p['tag_wrong']} ({p['tag_precision']}) | {p['scored']} "
                     f"| {m['aspect']['accuracy']} | {m['aspect']['macro_f1']} "
                     f"| {m['baseline_overall']['accuracy']} | {m['baseline_overall']['macro_f1']} |")
    lines += ["", "Per class, all corpora (precision / recall / F1, support):", "",
              "| class | aspect | baseline | support |", "|---|---|---|---|"]
    for c in CLASSES:
        a = out["methods"]["all"]["aspect"]["per_class"][c]
        b = out["methods"]["all"]["baseline_overall"]["per_class"][c]
        lines.append(f"| {c} | {a['precision']} / {a['recall']} / {a['f1']} "
                     f"| {b['precision']} / {b['recall']} / {b['f1']} | {a['support']} |")
    d = out["disagreements"]
    lines += ["", f"Where the aspect sentiment and the overall sentiment differ ({d['n']} pairs): the label sides with "
              f"the aspect sentiment {d['aspect_right']} times, with the overall one {d['overall_right']} times, "
              f"with neither {d['neither']} times.", "",
              "Aspect accuracy by what found the tag: " + ", ".join(
                  f"{src} {m['accuracy']} (n={m['n']})" for src, m in out["by_tag_source"].items()) + ".", "",
              "Diagnostic, same sample (not the pipeline's method, not a held-out figure): the majority of the "
              "arg-max labels of the tag's sentences, with no ±0.25 band, gives accuracy "
              + ", ".join(f"{name} {m['diagnostic_sentence_vote']['accuracy']}" for name, m in out["methods"].items())
              + "."]
    lines += ["", "Confusion of the aspect sentiment (label -> model): "
              + ", ".join(f"{k} {v}" for k, v in out["confusion_aspect"].items()), ""]
    (RESULTS / "aspect.md").write_text("\n".join(lines))
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, help="draw a sample for labelling into this file")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--pairs", type=int, default=110, help="pairs per corpus (with --export)")
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    if args.export:
        export(args.export, args.seed, args.pairs)
        return
    guide, pairs = read_sample(args.sample)
    write(evaluate(pairs), guide)


if __name__ == "__main__":
    main()
