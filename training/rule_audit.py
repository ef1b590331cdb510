"""Audit a taxonomy's phrase rules against the labelled corpora.

A phrase rule tags a comment on its own (see ``voc_engine.nlp.pipeline.RULE_PRIOR``), so
one ambiguous word costs precision on every comment that uses it. This prints, for the
held-out rows of the taxonomy tagger's corpus (airline complaint reasons and banking
intents mapped onto the taxonomy, ``training.build_default_models.tagger_corpus``):

1. the tags the pipeline returns (rules + trained head) against the tags of the head alone:
   micro precision / recall / F1 and macro-F1 over the categories, and how many tags come
   from a rule alone;
2. per rule: how many rows it matches and the share of them whose label includes the
   rule's category, with contexts where it does not.

The labels name one main issue per row (the annotated complaint reason, the banking
intent), so a correct rule hit on a second issue ("on hold for two hours" in a tweet
labelled *Customer Service Issue*) counts against the rule: read the shares as a guide to
ambiguous rules, not as their precision.

    python -m training.rule_audit [--taxonomy PATH] [--split valid] [--out bench/results/rules.md]
"""
from __future__ import annotations

import argparse
import logging
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_PER_RULE = 2


def tag_set_scores(truth: list[set[str]], predicted: list[set[str]], names: list[str]) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score

    Y = np.array([[n in t for n in names] for t in truth], dtype=int)
    P = np.array([[n in p for n in names] for p in predicted], dtype=int)
    return {
        "micro_precision": round(float(precision_score(Y, P, average="micro", zero_division=0)), 4),
        "micro_recall": round(float(recall_score(Y, P, average="micro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(Y, P, average="micro", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(Y, P, average="macro", zero_division=0)), 4),
        "tags": int(P.sum()),
    }


def rule_hits(nlp, taxonomy, texts: list[str], truth: list[set[str]]) -> list[dict]:
    """Per rule: rows matched, share whose label includes its category, contexts where not."""
    from voc_engine.nlp.rules import PhraseRules

    # One label per rule, matched exactly as the pipeline matches its categories.
    keys = {f"{c.name}\x1f{phrase}": (c.name, phrase) for c in taxonomy.categories for phrase in c.rules}
    rules = PhraseRules(nlp, {key: [phrase] for key, (_, phrase) in keys.items()})
    hits, agree = Counter(), Counter()
    contexts: dict[str, list[str]] = defaultdict(list)
    lowered = [t.lower() for t in texts]
    for text, doc, labels in zip(lowered, nlp.pipe(lowered), truth):
        for key, spans in rules([(0, doc)]).items():
            category = keys[key][0]
            hits[key] += 1
            agree[key] += category in labels
            if category not in labels and len(contexts[key]) < EXAMPLES_PER_RULE:
                start, end = spans[0]
                contexts[key].append(text[max(0, start - 25): end + 25])
    return [{"category": keys[k][0], "rule": keys[k][1], "rows": hits[k],
             "label_agrees": round(agree[k] / hits[k], 2), "contexts_not_labelled": contexts[k]}
            for k in sorted(hits, key=lambda k: (keys[k][0], -hits[k]))]


def audit(taxonomy_path: Path | None, split: str) -> dict:
    from training.build_default_models import tagger_corpus
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.nlp.taxonomy import load_taxonomy

    from training.build_default_models import AIRLINE_REASON_TO_TAGS, BANKING_INTENT_TO_TAGS

    texts, truth = tagger_corpus(split)
    # The categories the corpus can label; tags of the others (the telecom, utility and retail
    # categories) cannot be judged against it and are listed apart, with their contexts.
    labelled = {name for tags in (*AIRLINE_REASON_TO_TAGS.values(), *BANKING_INTENT_TO_TAGS.values()) for name in tags}
    default = Pipeline.default()
    taxonomy = load_taxonomy(taxonomy_path)
    pipeline = Pipeline(default.encoder, default.sentiment, default.tagger, taxonomy, default.flag_set)
    names = taxonomy.names
    enriched = []
    for start in range(0, len(texts), 500):
        enriched += pipeline.enrich(texts[start:start + 500])
    with_rules = [{t.name for t in e.tags} for e in enriched]
    head_alone = [{t.name for t in e.tags if t.source != "rule"} for e in enriched]
    judged = [n for n in names if n in labelled]
    unjudged = [{"category": t.name, "source": t.source, "text": " ".join(e.redacted_text[:160].split())}
                for e in enriched for t in e.tags if t.name not in labelled]
    return {
        "taxonomy": str(taxonomy_path or "default"), "split": split, "rows": len(texts),
        "tagger": default.tagger.version if default.tagger else None,
        "pipeline": tag_set_scores(truth, with_rules, names),
        "pipeline_labelled_categories": tag_set_scores(truth, [t & set(judged) for t in with_rules], judged),
        "unlabelled_category_tags": unjudged,
        "head_alone": tag_set_scores(truth, head_alone, names),
        "tags_from_a_rule_alone": sum(t.source == "rule" for e in enriched for t in e.tags),
        "rules": rule_hits(pipeline.nlp, taxonomy, texts, truth),
    }


def to_markdown(report: dict) -> str:
    lines = [f"# Rule audit: taxonomy {report['taxonomy']}, {report['split']} rows ({report['rows']}), "
             f"tagger {report['tagger']}", "",
             "| tags | micro precision | micro recall | micro-F1 | macro-F1 | tags |", "|---|---:|---:|---:|---:|---:|"]
    labels = {"pipeline": "rules + head (what `voc score` returns)",
              "pipeline_labelled_categories": "rules + head, the categories the corpus labels",
              "head_alone": "head alone"}
    for name, label in labels.items():
        if name not in report:
            continue
        s = report[name]
        lines.append(f"| {label} | {s['micro_precision']} | {s['micro_recall']} | {s['micro_f1']} | "
                     f"{s['macro_f1']} | {s['tags']} |")
    lines += ["", f"Tags from a rule alone: {report['tags_from_a_rule_alone']}. The labels name one main issue per "
              "row, so a correct second issue counts as an error here."]
    unjudged = report.get("unlabelled_category_tags") or []
    if unjudged:
        lines += ["", f"Tags of categories the corpus does not label ({len(unjudged)}; errors in the first row "
                  "above, left out of the second):", ""]
        by_category = defaultdict(list)
        for u in unjudged:
            by_category[u["category"]].append(u)
        for category, tags in sorted(by_category.items()):
            shown = " / ".join(f"`{u['text']}` ({u['source']})" for u in tags[:EXAMPLES_PER_RULE + 1])
            lines.append(f"- {category}: {len(tags)} tags, e.g. {shown}".replace("|", "\\|"))
    lines += ["",
              "| category | rule | rows | label agrees | contexts the label does not name |", "|---|---|---:|---:|---|"]
    for r in report["rules"]:
        contexts = " / ".join(f"`{c}`" for c in r["contexts_not_labelled"]).replace("|", "\\|")
        lines.append(f"| {r['category']} | {r['rule']} | {r['rows']} | {r['label_agrees']:.2f} | {contexts} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taxonomy", type=Path, default=None, help="taxonomy YAML (default: the shipped one)")
    parser.add_argument("--split", choices=("train", "valid"), default="valid")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here (Markdown)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    report = to_markdown(audit(args.taxonomy, args.split))
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report)


if __name__ == "__main__":
    main()
