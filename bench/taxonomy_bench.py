"""The phrase rules of the telecom, utility and retail categories on the public corpora.

No labelled corpus in ../shared/data names network, outage, installation, contract or stock
issues, so `training.rule_audit` cannot measure these rules. This lists every row of the six
corpora (airline tweets, banking queries, hotel and clothing reviews, Amazon reviews, the UCI
sentences) one of their rules matches, by corpus and row, with the words around the match; and
joins the verdicts we gave each hit by reading it (`training/rule_spot_check.yaml`: right or
wrong sense, by corpus, row and a fingerprint of the row's text, no text). The share of hits read
as right is the rules' precision on text they were not written for: few hits, out of domain,
read by one reader. Recall cannot be measured: there is no telecom or utility corpus.

Writes bench/results/taxonomy_rules.json and .md.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
DATA = ROOT.parent / "shared" / "data"
SPOT_CHECK = ROOT / "training" / "rule_spot_check.yaml"
CATEGORIES = ("network_connectivity", "outage", "installation_visit", "contract_plan", "stock_availability")
CORPORA = {  # name: (file, text column)
    "airline": ("airline_tweets/train.csv", "text"),
    "banking77": ("banking77/train.csv", "text"),
    "hotel": ("hotel_reviews/reviews.csv", "Review"),
    "clothing": ("womens_clothing_reviews/reviews.csv", "text"),
    "uci": ("labelled_sentences_uci/sentences.csv", "text"),
    "amazon": ("amazon_multidomain_reviews/reviews.csv", "text"),
}
READ_CHARS = 3000  # the opening of a long review the rules read


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def hits(data: Path = DATA) -> list[dict]:
    import pandas as pd

    from voc_engine.nlp.rules import PhraseRules
    from voc_engine.nlp.segment import SentenceSegmenter
    from voc_engine.nlp.taxonomy import load_taxonomy

    segmenter = SentenceSegmenter(lemmatize=True)
    keys = {f"{c.name}\x1f{p}": (c.name, p) for c in load_taxonomy().categories if c.name in CATEGORIES
            for p in c.rules}
    rules = PhraseRules(segmenter.nlp, {key: [phrase] for key, (_, phrase) in keys.items()})
    found = []
    for corpus, (file, column) in CORPORA.items():
        frame = pd.read_csv(data / file, dtype=str, keep_default_na=False)
        texts = [t.lower()[:READ_CHARS] for t in frame[column]]
        for row, (text, doc) in enumerate(zip(texts, segmenter.nlp.pipe(texts, batch_size=256))):
            for key, spans in rules([(0, doc)]).items():
                start, end = spans[0]
                category, rule = keys[key]
                found.append({"corpus": corpus, "row": row, "fingerprint": fingerprint(frame[column][row]),
                              "category": category, "rule": rule,
                              "context": " ".join(text[max(0, start - 50): end + 50].split())})
    return found


def judge(found: list[dict]) -> dict:
    import yaml

    verdicts = {}
    if SPOT_CHECK.exists():
        for v in yaml.safe_load(SPOT_CHECK.read_text())["verdicts"]:
            verdicts[(v["corpus"], v["row"], v["category"], v["rule"])] = v
    per_category: dict[str, Counter] = defaultdict(Counter)
    for hit in found:
        v = verdicts.get((hit["corpus"], hit["row"], hit["category"], hit["rule"]))
        if v is not None and v["fingerprint"] != hit["fingerprint"]:
            v = None  # the corpus changed under the verdict: read again
        hit["verdict"] = v["verdict"] if v else "unread"
        per_category[hit["category"]][hit["verdict"]] += 1
    summary = {}
    for category in CATEGORIES:
        counts = per_category[category]
        read = counts["right"] + counts["wrong"]
        summary[category] = {"hits": sum(counts.values()), "read": read, "right": counts["right"],
                             "wrong": counts["wrong"],
                             "precision_read": round(counts["right"] / read, 3) if read else None}
    return summary


def to_markdown(summary: dict, found: list[dict]) -> str:
    lines = ["# Telecom, utility and retail rules on the public corpora (read by hand)", "",
             "No public corpus here labels these categories: hits of each rule on six corpora written about "
             "other things, each read and judged right or wrong sense (`training/rule_spot_check.yaml`). "
             "Precision out of domain, on few hits; recall is not measurable.", "",
             "| category | hits | read | right | wrong | share right |", "|---|---:|---:|---:|---:|---:|"]
    for category, s in summary.items():
        share = f"{s['precision_read']:.2f}" if s["precision_read"] is not None else "–"
        lines.append(f"| {category} | {s['hits']} | {s['read']} | {s['right']} | {s['wrong']} | {share} |")
    lines += ["", "| category | rule | corpus | row | verdict | context |", "|---|---|---|---:|---|---|"]
    for h in sorted(found, key=lambda h: (h["category"], h["rule"], h["corpus"], h["row"])):
        context = h["context"].replace("|", "\\|").replace("`", "'")
        lines.append(f"| {h['category']} | {h['rule']} | {h['corpus']} | {h['row']} | {h['verdict']} | `{context}` |")
    return "\n".join(lines) + "\n"


def main() -> None:
    logging.disable(logging.WARNING)
    if not DATA.exists():
        sys.exit(f"public corpora not found at {DATA}")
    found = hits()
    summary = judge(found)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "taxonomy_rules.json").write_text(json.dumps({"summary": summary, "hits": found}, indent=2) + "\n")
    (RESULTS / "taxonomy_rules.md").write_text(to_markdown(summary, found))
    print(to_markdown(summary, found).split("\n\n| category | rule")[0])


if __name__ == "__main__":
    main()
