"""The built-in sample comments and the synthetic generator.

The checks use independent definitions: the Luhn check (ISO/IEC 7812-1) and the IBAN
mod-97 check (ISO 13616 / ISO 7064) for the planted PII, the csv module as a second CSV
parser, the store's `CommentIn` contract for ingestability, and a plain least-squares fit
for the planted driver effects.
"""
from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest
import yaml

from voc_engine.config import RESOURCES_DIR
from voc_engine.samples import (COLUMNS, SAMPLE_COMMENTS, SCORE_SCALES, load_sample_comments,
                                load_sample_labels)
from voc_engine.samples.generate import (DELAY_ASPECT, NPS_EFFECTS, SHIFT_WEEK, TRUTH_COLUMNS,
                                         GeneratorError, generate_comments, main)
from voc_engine.store.catalogue import Catalogue
from voc_engine.store.schemas import CommentIn, FieldLimits, RowError, validate_comment, validation_context

CHANNELS = {"survey", "contact_centre", "chat", "email", "branch", "web", "app_review", "social"}
TOUCHPOINTS = {"onboarding", "payments", "card_delivery", "app", "branch_visit", "contact_centre",
               "travel_booking", "claims"}
STAGES = {"awareness", "purchase", "use", "support", "renewal"}
SEGMENTS = {"retail", "premium", "business"}
FLAGS = {"churn_intent", "legal_threat", "safety", "vulnerable_customer"}
FIRST_DAY = pd.Timestamp("2026-05-04", tz="UTC")
LAST_DAY_END = pd.Timestamp("2026-11-16", tz="UTC")


def taxonomy_topics() -> set[str]:
    raw = yaml.safe_load((RESOURCES_DIR / "taxonomy.yaml").read_text(encoding="utf-8"))
    return {c["name"] for c in raw["categories"]}


def flag_phrases() -> list[str]:
    raw = yaml.safe_load((RESOURCES_DIR / "flags.yaml").read_text(encoding="utf-8"))
    return [str(rule).lower() for flag in raw["flags"] for rule in flag["rules"]]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(int(c) for c in reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


PII_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "phone": re.compile(r"(?:\+44|\b0)\s?\d{2,4}\s?\d{3,4}\s?\d{3,4}|\(\d{3}\)\s?\d{3}-\d{4}|\+1 \d{3}-\d{3}-\d{4}"),
    "card": re.compile(r"\b(?:\d{4} ){3}\d{4}\b"),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"),
    "url": re.compile(r"https?://\S+"),
}


# Rule words in an innocent sense, written in on purpose to test the flag model's precision.
HARD_NEGATIVES = ("power of attorney",)


def mentions_flag_phrase(text: str, phrases: list[str]) -> str | None:
    lowered = text.lower()
    for innocent in HARD_NEGATIVES:
        lowered = lowered.replace(innocent, " ")
    for phrase in phrases:
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return phrase
    return None


# ----------------------------------------------------------------- the hand-written CSV

@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_sample_comments()


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    return load_sample_labels()


def test_csv_has_the_declared_columns_and_about_200_rows(sample):
    with SAMPLE_COMMENTS.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    assert list(sample.columns) == list(COLUMNS)
    assert 180 <= len(sample) <= 230


def test_csv_quoting_round_trips_through_an_independent_parser(sample):
    with SAMPLE_COMMENTS.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert len(records) == len(sample)
    assert all(None not in r and len(r) == len(COLUMNS) for r in records)  # no stray fields
    assert [r["text"] for r in records] == sample["text"].tolist()
    texts = sample["text"]
    assert texts.str.contains("\n").any() and texts.str.contains('"').any() and texts.str.contains(",").any()


def test_ids_and_source_keys_are_unique(sample):
    assert sample["id"].is_unique
    assert sorted(sample["id"]) == list(range(1, len(sample) + 1))
    assert not sample.duplicated(["source", "external_id"]).any()
    assert sample["external_id"].notna().all() and sample["source"].notna().all()


def test_timestamps_are_utc_and_in_the_sample_period(sample):
    assert str(sample["created_at"].dt.tz) == "UTC"
    assert sample["created_at"].notna().all()
    assert sample["created_at"].min() >= FIRST_DAY
    assert sample["created_at"].max() < LAST_DAY_END


def test_scores_are_integers_within_their_scales_and_nps_belongs_to_surveys(sample):
    for score, (low, high) in SCORE_SCALES.items():
        values = sample[score].dropna()
        assert str(sample[score].dtype) == "Int64"
        assert len(values) > 0
        assert values.between(low, high).all(), score
    is_survey = sample["channel"].eq("survey")
    assert sample.loc[~is_survey, "nps"].isna().all()
    assert sample.loc[is_survey, "nps"].notna().all()


def test_vocabularies_are_the_fixed_lists(sample):
    assert set(sample["channel"]) == CHANNELS
    assert set(sample["touchpoint"]) == TOUCHPOINTS
    assert set(sample["journey_stage"]) == STAGES
    assert set(sample["segment"]) == SEGMENTS
    assert sample["customer_id"].str.fullmatch(r"C\d{4}").all()
    # a customer keeps one segment across their comments
    assert sample.groupby("customer_id")["segment"].nunique().max() == 1


def test_every_row_but_the_empty_text_passes_the_ingest_contract(sample):
    context = validation_context(Catalogue(), "UTC", FieldLimits(max_text_chars=20_000))
    failures = []
    for index, row in sample.iterrows():
        raw = {key: row[key] for key in ("source", "external_id", "channel", "touchpoint", "journey_stage",
                                         "customer_id", "segment")}
        raw["created_at"] = row["created_at"].to_pydatetime()
        raw["scores"] = {s: int(row[s]) for s in SCORE_SCALES if not pd.isna(row[s])}
        raw["text"] = row["text"]
        result = validate_comment(raw, index, context)
        if isinstance(result, RowError):
            failures.append((int(row["id"]), result.error))
        else:
            assert isinstance(result, CommentIn)
    assert len(failures) == 1, failures
    assert sample.loc[sample["id"] == failures[0][0], "text"].item() == ""
    assert "text" in failures[0][1]


def test_labels_cover_every_row_with_the_intended_mix(sample, labels):
    assert labels["id"].tolist() == sample["id"].tolist()
    share = labels["intent"].value_counts(normalize=True)
    assert 0.50 <= share["negative"] <= 0.60
    assert 0.15 <= share["neutral"] <= 0.25
    assert 0.20 <= share["positive"] <= 0.30
    topics = {t for cell in labels["topics"] for t in cell.split("|") if t}
    assert topics == taxonomy_topics()  # every topic of the default taxonomy is exercised


def test_edge_cases_are_present(sample, labels):
    joined = sample.merge(labels, on="id")
    flags = [f for cell in joined["flags"] for f in cell.split("|") if f]
    for flag in FLAGS:
        assert flags.count(flag) >= 2, flag
    assert {"fr", "es"} <= set(joined["language"])
    texts = joined["text"]
    assert texts.map(lambda t: t != "" and not re.search(r"[\w]", t)).sum() == 1  # emoji only
    assert texts.str.contains("&amp;").any() and texts.str.contains("<br>").any()
    assert (texts == "").sum() == 1
    lengths = texts.str.split().str.len()
    assert lengths[texts != ""].min() <= 3 and lengths.max() >= 120  # one word to a long letter


def test_labelled_pii_is_really_in_the_text(sample, labels):
    joined = sample.merge(labels, on="id")
    kinds = set()
    for text, pii in zip(joined["text"], joined["pii"]):
        for kind in filter(None, pii.split("|")):
            kinds.add(kind)
            assert PII_PATTERNS[kind].search(text), (kind, text)
    assert kinds == set(PII_PATTERNS)
    cards = [m.replace(" ", "") for t, pii in zip(joined["text"], joined["pii"]) if "card" in pii
             for m in PII_PATTERNS["card"].findall(t)]
    assert cards and all(luhn_valid(c) for c in cards)
    ibans = [m for t, pii in zip(joined["text"], joined["pii"]) if "iban" in pii
             for m in PII_PATTERNS["iban"].findall(t)]
    assert ibans and all(iban_valid(i) for i in ibans)


def test_unlabelled_rows_name_no_flag_phrase(sample, labels):
    phrases = flag_phrases()
    joined = sample.merge(labels, on="id")
    stray = [(t, mentions_flag_phrase(t, phrases)) for t, f in zip(joined["text"], joined["flags"])
             if not f and mentions_flag_phrase(t, phrases)]
    assert stray == []


def test_reference_checks_agree_with_published_examples():
    # Luhn: the Wikipedia/ISO example 7992739871 + check digit 3; IBAN: the ISO 13616 GB example.
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")
    assert iban_valid("GB82 WEST 1234 5698 7654 32") and not iban_valid("GB82 WEST 1234 5698 7654 33")


# ----------------------------------------------------------------- the generator

@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    return generate_comments()


def _week(frame: pd.DataFrame, start: str = "2026-05-04") -> pd.Series:
    return (frame["created_at"] - pd.Timestamp(start, tz="UTC")).dt.days // 7


def _delay_share_ratio(frame: pd.DataFrame) -> float:
    card = frame[frame["touchpoint"] == "card_delivery"]
    delayed = card["true_aspects"].str.split("|").map(lambda aspects: DELAY_ASPECT in aspects)
    week = _week(card)
    return delayed[week >= SHIFT_WEEK].mean() / delayed[week < SHIFT_WEEK].mean()


def test_generator_is_deterministic_for_a_seed(generated):
    pd.testing.assert_frame_equal(generated, generate_comments(seed=7))
    other = generate_comments(n_weeks=4, seed=8)
    assert not other["text"].head(50).equals(generated["text"].head(50))


def test_generator_shape_and_scales(generated):
    assert list(generated.columns) == list(COLUMNS) + list(TRUTH_COLUMNS)
    assert generated["id"].is_unique and not generated.duplicated(["source", "external_id"]).any()
    assert generated["created_at"].is_monotonic_increasing
    assert generated["created_at"].min() >= FIRST_DAY and generated["created_at"].max() < LAST_DAY_END
    weekly = _week(generated).value_counts()
    assert len(weekly) == 28 and weekly.between(100, 200).all()
    for score, (low, high) in SCORE_SCALES.items():
        assert generated[score].dropna().between(low, high).all()
    assert generated.loc[generated["channel"] != "survey", "nps"].isna().all()
    assert set(generated["channel"]) == CHANNELS
    assert set(generated["touchpoint"]) == TOUCHPOINTS
    assert set(generated["journey_stage"]) <= STAGES
    assert (generated["text"].str.len() > 0).all()


def test_generator_truth_columns(generated):
    topics = {t for cell in generated["true_topics"] for t in cell.split("|") if t}
    assert topics == taxonomy_topics()
    aspects = {a for cell in generated["true_aspects"] for a in cell.split("|")}
    assert aspects == set(NPS_EFFECTS)
    share = generated["true_sentiment"].value_counts(normalize=True)
    assert 0.50 <= share["negative"] <= 0.60 and 0.15 <= share["neutral"] <= 0.25
    assert 0.01 <= (generated["true_pii"] != "").mean() <= 0.03
    assert 0.005 <= (generated["true_language"] != "en").mean() <= 0.02
    assert {f for cell in generated["true_flags"] for f in cell.split("|") if f} == FLAGS


def test_generated_pii_and_flags_are_really_there(generated):
    phrases = flag_phrases()
    for text, pii in zip(generated["text"], generated["true_pii"]):
        for kind in filter(None, pii.split("|")):
            assert PII_PATTERNS[kind].search(text), (kind, text)
    labelled = generated[generated["true_pii"].str.contains("card|iban")]
    for text, pii in zip(labelled["text"], labelled["true_pii"]):
        if pii == "card":
            assert all(luhn_valid(m.replace(" ", "")) for m in PII_PATTERNS["card"].findall(text))
        else:
            assert all(iban_valid(m) for m in PII_PATTERNS["iban"].findall(text))
    english = generated[generated["true_language"] == "en"]
    stray = [t for t, f in zip(english["text"], english["true_flags"]) if not f and mentions_flag_phrase(t, phrases)]
    assert stray == []
    planted = [(t, f.split("|")) for t, f in zip(english["text"], english["true_flags"]) if f]
    assert planted
    # Each planted flag is found as the pipeline finds it (phrase rules match lemmas:
    # "I'm switching to another provider" by the rule "switch to another").
    from voc_engine.nlp.flags import FlagState, phrase_matches
    from voc_engine.nlp.segment import SentenceSegmenter
    from voc_engine.nlp.taxonomy import load_flags

    segmenter = SentenceSegmenter(lemmatize=True)
    matches = phrase_matches(segmenter, FlagState.compile(load_flags(), segmenter.nlp), [t for t, _ in planted])
    missed = [(t, flags) for (t, flags), found in zip(planted, matches) if not set(flags) <= set(found)]
    assert missed == []


def test_generator_plants_the_card_delivery_shift(generated):
    assert _delay_share_ratio(generated) >= 2.5


def test_without_the_shift_the_share_stays_flat():
    flat = generate_comments(shift_week=None)
    assert 0.67 <= _delay_share_ratio(flat) <= 1.5


def test_least_squares_recovers_the_planted_nps_effects(generated):
    survey = generated[generated["channel"] == "survey"]
    names = list(NPS_EFFECTS)
    has = survey["true_aspects"].str.split("|")
    design = np.column_stack([np.ones(len(survey))] + [has.map(lambda a, n=n: n in a).to_numpy(float) for n in names])
    coef, *_ = np.linalg.lstsq(design, survey["nps"].to_numpy(float), rcond=None)
    estimated = dict(zip(names, coef[1:]))
    named = ["card_delivery_delay", "rude_staff", "app_crash", "fees", "fast_refund", "friendly_staff"]
    assert [NPS_EFFECTS[n] for n in named] == [-2.0, -1.5, -1.0, -0.8, 0.8, 1.0]
    for name in named:
        assert estimated[name] == pytest.approx(NPS_EFFECTS[name], abs=0.35), name
    assert sorted(named, key=estimated.get) == named


def test_generator_rejects_bad_arguments():
    with pytest.raises(GeneratorError):
        generate_comments(n_weeks=0)
    with pytest.raises(GeneratorError):
        generate_comments(start="not a date")


def test_main_writes_a_csv_that_loads_back(tmp_path, capsys):
    out = tmp_path / "gen.csv"
    main(["--out", str(out), "--weeks", "2", "--per-week", "30", "--seed", "3"])
    assert "wrote" in capsys.readouterr().out
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(COLUMNS) + list(TRUTH_COLUMNS)
    assert written["created_at"].str.fullmatch(r"2026-05-\d\dT\d\d:\d\d:\d\dZ").all()
    again = generate_comments(n_weeks=2, per_week=30, seed=3)
    assert written["text"].tolist() == again["text"].tolist()
    assert written["nps"].tolist() == [("" if pd.isna(v) else str(v)) for v in again["nps"]]
