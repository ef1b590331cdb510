"""Topic benchmark: do topics say what went wrong, and does fitting scale?

(a) Quality on the negative airline tweets of ../shared/data/airline_tweets/train.csv
    (negativereason known, "Can't Tell" excluded): texts go through the shipped pipeline once
    (redaction incl. @handles -> [HANDLE], one encoder pass), then topics are fitted on the
    redacted texts, their embeddings and their sentiment. Reported: NMI between topic
    assignments and `negativereason` (scikit-learn, arithmetic mean; outliers count as one more
    cluster), outlier share, and labels naming an @handle / airline, of stop words only, or
    holding one of the export's artefacts (the publisher replaced "cancel" by "Cancelled Flight"
    and "late" by "Late Flight": "Flightled", "Flighted", "Flightr"; checked here by a pattern of
    their own, not by the library's detector). Targets: NMI >= 0.40, outliers <= 15 %, no such label.

    Honest by construction: topics are guided, as in the store, by the tagger's scores for every
    category, and the shipped tagger was trained on the reasons of 85 % of these tweets, so its
    scores are close to the answer key. Every fit here uses *cross-fitted* scores instead (five
    parts, each scored by a tagger of the shipped recipe fitted without it). The tweets are cut
    at random into two halves (seed 7): the settings grid is *fitted and scored on the tuning
    half only*; the chosen setting and the library defaults are then fitted on the *other half*,
    never used for a choice (about 2,800 tweets, as many as a real export), and reported there,
    under five seeds. A third figure mirrors a user's run of `voc topics fit` on tweets the
    shipped tagger never saw: the 860 tweets of its validation split, guided by its own scores.
    The library defaults are also fitted under five seeds on the other half and on the 860, with
    HDBSCAN's selection capped (``max_topic_share``, the default) and as it is: whether they
    collapse into a few topics depends on the seed's layout.
    For scale: BERTopic out of the box on the other half, and supervised classifiers trained on
    the reasons (5-fold cross-validated) over the same embeddings, tagger scores and words.
(b) Scale: fit on 100,000 comments with stored embeddings (sampled from real encoded
    comments of three public corpora and perturbed, texts and tagger scores sampled with
    them; guided by the scores, as a store fit is), in a subprocess limited to 2 threads;
    wall time and peak RSS. Targets: <= 10 min, <= 6 GB.

Embeddings are cached under var/topics_bench/ (keyed by the encoder version and the data).

    python bench/topics_bench.py [--skip-grid] [--skip-scale] [--scale-n 100000]

Writes bench/results/topics.json and bench/results/topics.md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS_DIR = ROOT / "bench" / "results"
CACHE_DIR = ROOT / "var" / "topics_bench"
DATA = ROOT.parent / "shared" / "data"
AIRLINE_BRANDS = ["United", "US Airways", "USAir", "American", "AmericanAir", "American Airlines", "Southwest",
                  "SouthwestAir", "JetBlue", "Delta", "Virgin America", "VirginAmerica", "Virgin"]
HALF_SEED = 7


def negative_tweets() -> pd.DataFrame:
    raw = pd.read_csv(DATA / "airline_tweets" / "train.csv")
    keep = (raw["airline_sentiment"] == "negative") & raw["negativereason"].notna() & (raw["negativereason"] != "Can't Tell")
    return raw[keep].reset_index(drop=True)


def _digest(texts: list[str], *parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def _encoding_key(encoder) -> str:
    """What decides the embeddings: weights, ONNX build recipe, backend and texts per call
    (int8 activations are quantised per call)."""
    from voc_engine.nlp.encoder import ONNX_RECIPE

    return f"{encoder.version}|{encoder.backend}|{ONNX_RECIPE}|batch-{encoder.batch_size}"


def _rules_key(pipeline) -> str:
    """Tags come from the phrase rules too: a change of the taxonomy's rules must not reuse cached tags."""
    return pipeline.taxonomy.model_dump_json()


def _guidance(enrichment) -> dict[str, dict[str, float]]:
    """What the store keeps to guide topics: the returned tags ({name: confidence}) and the
    tagger's scores for every category."""
    return {"tags": {t.name: t.confidence for t in enrichment.tags}, "scores": dict(enrichment.tag_scores)}


def pipeline_pass(pipeline, texts: list[str]) -> tuple[list[str], np.ndarray, dict[str, list[dict[str, float]]], np.ndarray]:
    """Redacted texts, embeddings and guidance ({"tags": [...], "scores": [...]}, one per text),
    as the store keeps them, and which texts were encoded (the others, flagged no_text or
    non_english, have a zero row and no topic, as in the store); cached."""
    key = _digest(texts, _encoding_key(pipeline.encoder), pipeline.model_version, "enrich-tags-scores-encoded",
                  _rules_key(pipeline))
    path = CACHE_DIR / f"enriched-{key}.npz"
    if path.exists():
        cached = np.load(path, allow_pickle=False)
        return (cached["redacted"].tolist(), cached["embeddings"], json.loads(str(cached["guidance"])),
                cached["encoded"])
    redacted, embeddings, encoded, guidance = [], [], [], {"tags": [], "scores": []}
    for start in range(0, len(texts), 500):
        for enrichment in pipeline.enrich(texts[start:start + 500]):
            encoded.append(enrichment.embedding is not None)
            redacted.append(enrichment.redacted_text or "")
            embeddings.append(enrichment.embedding if enrichment.embedding is not None
                              else np.zeros(pipeline.encoder.dimension, np.float32))
            for kind, value in _guidance(enrichment).items():
                guidance[kind].append(value)
    result = (redacted, np.stack(embeddings).astype(np.float32), guidance, np.array(encoded))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    np.savez(path, redacted=np.array(redacted), embeddings=result[1], guidance=np.array(json.dumps(guidance)),
             encoded=result[3])
    return result


def crossfitted_tags(pipeline, texts: list[str], folds: int = 5) -> dict[str, list[dict[str, float]]]:
    """Each text's guidance (returned tags and tagger scores, as ``pipeline_pass``) from a
    taxonomy tagger that never saw it; cached.

    The texts are cut into ``folds`` parts; for each part a tagger of the shipped recipe
    (``training.build_default_models.fit_taxonomy_tagger``) is fitted on the shipped tagger's
    corpus less every row whose text is in that part, and tags the part through the pipeline
    (phrase rules and thresholds included, as at ingest).
    """
    from sklearn.model_selection import KFold

    from training.build_default_models import (
        TAXONOMY_TAGGER_C,
        fit_taxonomy_tagger,
        served_features,
        tagger_corpus,
        taxonomy_text_blocks,
    )
    from voc_engine.nlp.pipeline import Pipeline

    recipe = json.dumps({"C": TAXONOMY_TAGGER_C, "blocks": taxonomy_text_blocks()}, sort_keys=True)
    key = _digest(texts, _encoding_key(pipeline.encoder), pipeline.model_version, f"crossfit-{folds}-scores",
                  recipe, _rules_key(pipeline))
    path = CACHE_DIR / f"crossfit-tags-{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    corpus_texts, corpus_labels = tagger_corpus("train")
    features = served_features(pipeline.encoder, corpus_texts)
    guidance: dict[str, list[dict[str, float]]] = {"tags": [{} for _ in texts], "scores": [{} for _ in texts]}
    for k, (_, held) in enumerate(KFold(folds, shuffle=True, random_state=HALF_SEED).split(texts)):
        held_texts = {texts[i] for i in held}
        keep = [i for i, text in enumerate(corpus_texts) if text not in held_texts]
        head = fit_taxonomy_tagger(features[keep], [corpus_texts[i] for i in keep],
                                   [corpus_labels[i] for i in keep], f"crossfit-{k}", pipeline.encoder.version)
        scorer = Pipeline(pipeline.encoder, pipeline.sentiment, head, pipeline.taxonomy, pipeline.flag_set)
        for start in range(0, len(held), 500):
            chunk = held[start:start + 500]
            for i, enrichment in zip(chunk, scorer.enrich([texts[i] for i in chunk])):
                for kind, value in _guidance(enrichment).items():
                    guidance[kind][i] = value
        print(f"cross-fitted tags: part {k + 1}/{folds} ({len(held)} texts, tagger fitted on {len(keep)} rows)",
              flush=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(guidance))
    return guidance


def tagger_unseen(tweets: pd.DataFrame) -> np.ndarray:
    """Tweets in the validation split of training.datasets (never seen by the shipped tagger)."""
    from training.datasets import airline_tweets

    return tweets["tweet_id"].astype(str).isin(set(airline_tweets("valid")["id"])).to_numpy()


def raw_encoding(encoder, texts: list[str]) -> np.ndarray:
    """Embeddings of the raw texts (handles and all): the out-of-the-box baseline's input."""
    key = _digest(texts, _encoding_key(encoder), "raw")
    path = CACHE_DIR / f"raw-{key}.npy"
    if path.exists():
        return np.load(path)
    embeddings = encoder.encode_documents(texts)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    np.save(path, embeddings)
    return embeddings


def addressee_handles(texts: list[str], min_share: float = 0.005) -> set[str]:
    """The accounts customers address: @handles in at least ``min_share`` of the tweets."""
    counts = pd.Series([h.lower() for t in texts for h in set(re.findall(r"@(\w+)", t))]).value_counts()
    return set(counts[counts >= min_share * len(texts)].index)


# The export's own artefacts ("Cancelled Flightled", "Cancelled Flighted", "Late Flightr",
# "Cancelled Flightlations", "reFlight Booking Problems"): "flight" with letters glued on, other
# than "flights", and "reflight".
EXPORT_ARTEFACT = re.compile(r"\bflight(?!s\b)[a-z]+|\breflight")


def label_problems(labels: list[str], handles: set[str]) -> dict[str, list[str]]:
    """Labels naming an addressed account (or holding an '@'), labels of stop words only, and
    labels holding an export artefact."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from voc_engine.topics.preprocess import FEEDBACK_STOP_WORDS

    stop = set(ENGLISH_STOP_WORDS) | FEEDBACK_STOP_WORDS
    with_handle, only_stop, artefacts = [], [], []
    for label in labels:
        words = re.findall(r"[a-z0-9]+", label.lower())
        if "@" in label or any(w in handles for w in words):
            with_handle.append(label)
        if not words or all(w in stop for w in words):
            only_stop.append(label)
        if EXPORT_ARTEFACT.search(label.lower()):
            artefacts.append(label)
    return {"with_handle": with_handle, "only_stop_words": only_stop, "artefacts": artefacts}


def score(y: np.ndarray, topics: np.ndarray) -> dict:
    from sklearn.metrics import normalized_mutual_info_score as nmi

    return {
        "nmi": round(float(nmi(y, topics)), 4),
        "outlier_share": round(float((topics == -1).mean()), 4),
        "n_topics": int(len(set(topics.tolist()) - {-1})),
    }


def out_of_the_box(raw_texts: list[str], raw_embeddings: np.ndarray, encoder_backend, seed: int) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    # Defaults throughout; only UMAP's seed is fixed so the figure repeats.
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(embedding_model=encoder_backend, umap_model=umap_model)
    topics, _ = model.fit_transform(raw_texts, embeddings=raw_embeddings)
    labels = [", ".join(w for w, _ in model.get_topic(t)[:4]) for t in sorted(set(topics) - {-1})]
    return np.asarray(topics), labels


def quality(args) -> dict:
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.topics import TopicModeler
    from voc_engine.topics.embedder import EncoderEmbedder

    tweets = negative_tweets()
    # The halves and the unseen set are drawn over the whole corpus, before the tweets the
    # pipeline leaves unencoded are dropped, so dropping them moves no other tweet.
    half = np.random.default_rng(HALF_SEED).random(len(tweets)) < 0.5
    unseen = tagger_unseen(tweets)
    pipeline = Pipeline.default()
    started = time.perf_counter()
    redacted, embeddings, shipped, encoded = pipeline_pass(pipeline, tweets["text"].astype(str).tolist())
    encode_seconds = time.perf_counter() - started
    # As the store fits topics: a tweet with nothing to read once redacted ("@united &amp")
    # has no embedding and no topic.
    not_encoded = tweets.loc[~encoded, "text"].tolist()
    tweets, half, unseen, embeddings = tweets[encoded].reset_index(drop=True), half[encoded], unseen[encoded], embeddings[encoded]
    redacted = [text for text, keep in zip(redacted, encoded) if keep]
    shipped = {kind: [value for value, keep in zip(values, encoded) if keep] for kind, values in shipped.items()}
    y = tweets["negativereason"].to_numpy()
    raw = tweets["text"].astype(str).tolist()
    crossfit = crossfitted_tags(pipeline, raw)
    backend = EncoderEmbedder(pipeline.encoder)
    handles = addressee_handles(raw)
    parts = {"tuning": np.flatnonzero(half), "other": np.flatnonzero(~half), "unseen": np.flatnonzero(unseen)}
    result: dict = {"corpus": {"file": "airline_tweets/train.csv", "tweets": len(raw), "not_encoded": not_encoded,
                               "tuning_half": len(parts["tuning"]), "other_half": len(parts["other"]),
                               "tagger_unseen_tweets": len(parts["unseen"]), "reasons": int(len(set(y))),
                               "encoder": pipeline.encoder.version,
                               "pipeline_seconds_or_cached": round(encode_seconds, 1)},
                    "addressee_handles": sorted(handles)}

    def run(params: dict, part: str, guide: dict[str, list[dict[str, float]]] = crossfit, kind: str = "scores",
            seed: int = args.seed) -> tuple[dict, TopicModeler]:
        rows = parts[part]
        t0 = time.perf_counter()
        modeler = TopicModeler(brands=AIRLINE_BRANDS, random_state=seed, embedding_model=backend, **params)
        modeler.fit([redacted[i] for i in rows], embeddings[rows], tags=[guide[kind][i] for i in rows],
                    tag_kind=kind, sentiment=["negative"] * len(rows))
        seconds = time.perf_counter() - t0
        labels = [t.label for t in modeler.topics().topics]
        problems = label_problems(labels, handles)
        row = {"params": params, "part": part, "seed": seed, "guide": "shipped" if guide is shipped else kind,
               **score(y[rows], modeler.topics_), "seconds": round(seconds, 1),
               "labels_with_handle": problems["with_handle"], "labels_only_stop_words": problems["only_stop_words"],
               "labels_with_artefacts": problems["artefacts"]}
        print({k: v for k, v in row.items() if not k.startswith("labels")}, flush=True)
        return row, modeler

    # Out of the box, for reference, on the half reported.
    other = parts["other"]
    raw_embeddings = raw_encoding(pipeline.encoder, raw)
    topics, labels = out_of_the_box([raw[i] for i in other], raw_embeddings[other], backend, args.seed)
    problems = label_problems(labels, handles)
    result["out_of_the_box"] = {**score(y[other], topics), "labels_with_handle": len(problems["with_handle"]),
                                "labels_with_artefacts": len(problems["artefacts"]), "labels": len(labels),
                                "example_labels": labels[:8]}
    print("out of the box:", result["out_of_the_box"], flush=True)

    rows = [run(p, "tuning")[0] for p in ([] if args.skip_grid else GRID)]
    result["grid"] = rows
    chosen = dict(CHOSEN)
    if rows:
        # Fewer topics than annotated reasons cannot tell the reasons apart, whatever their NMI.
        best = max(rows, key=lambda r: (r["outlier_share"] <= 0.15 and r["n_topics"] >= len(set(y)), r["nmi"]))
        chosen = best["params"]
    row, modeler = run(chosen, "other")
    again, _ = run(chosen, "other")
    row["repeatable"] = bool(again["nmi"] == row["nmi"])
    reported = y[other]
    row["topics"] = [{"id": t.id, "label": t.label, "size": t.size, "words": t.words[:8],
                      "top_reason": pd.Series(reported[modeler.topics_ == t.id]).value_counts().index[0],
                      "top_reason_share": round(float(pd.Series(reported[modeler.topics_ == t.id])
                                                      .value_counts(normalize=True).iloc[0]), 3)}
                     for t in modeler.topics().topics]
    result["chosen"] = row
    # One seed's UMAP layout can land high or low: the chosen setting under other seeds.
    spread = [row] + [run(chosen, "other", seed=seed)[0] for seed in SPREAD_SEEDS]
    result["seed_spread"] = {"seeds": [args.seed, *SPREAD_SEEDS], "nmi_each": [r["nmi"] for r in spread],
                             "n_topics_each": [r["n_topics"] for r in spread],
                             "nmi_median": round(float(np.median([r["nmi"] for r in spread])), 4)}
    defaults, default_model = run({}, "other")
    defaults["example_labels"] = [t.label for t in default_model.topics().topics[:12]]
    result["defaults"] = defaults
    result["returned_tags_reference"] = run(chosen, "other", kind="tags")[0]
    # What a user's `voc topics fit` on tweets the shipped tagger never saw gets.
    result["shipped_tagger_unseen"] = run(chosen, "unseen", guide=shipped)[0]
    result["shipped_tagger_unseen_defaults"] = run({}, "unseen", guide=shipped)[0]
    # Whether the defaults collapse into a few topics depends on the seed's UMAP layout: the
    # defaults under five seeds, with HDBSCAN's selection capped (the default) and as it is.
    result["defaults_seeds"] = {
        part: {name: [{k: r[k] for k in ("seed", "nmi", "n_topics", "outlier_share")}
                      for r in (run(params, part, guide=guide, seed=seed)[0] for seed in (args.seed, *SPREAD_SEEDS))]
               for name, params in (("capped", {}), ("uncapped", {"max_topic_share": None}))}
        for part, guide in (("other", crossfit), ("unseen", shipped))}
    result["diagnostics"] = diagnostics(y, redacted, embeddings, crossfit)
    result["targets"] = {
        "nmi_min": 0.40, "outliers_max": 0.15,
        "nmi_met": row["nmi"] >= 0.40,
        "nmi_met_median_of_seeds": result["seed_spread"]["nmi_median"] >= 0.40,
        "nmi_met_shipped_tagger_unseen": result["shipped_tagger_unseen"]["nmi"] >= 0.40,
        "outliers_met": row["outlier_share"] <= 0.15,
        "labels_met": not (row["labels_with_handle"] or row["labels_only_stop_words"]
                           or row["labels_with_artefacts"] or defaults["labels_with_artefacts"]),
    }
    return result


def diagnostics(y, redacted, embeddings, crossfit) -> dict:
    """How much the reasons can be told from what the topics are fitted on: classifiers trained
    on the reasons (logistic regression, 5-fold cross-validated predictions) over the embeddings,
    the cross-fitted tagger scores, the words (TF-IDF of 1-2-grams) and all three; and the tagger
    alone (each tweet's top-scoring category as its cluster). No unsupervised method is expected
    to beat a supervised one on the same features."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import normalized_mutual_info_score as nmi
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    names = sorted(crossfit["scores"][0])
    scores = np.array([[s.get(n, 0.0) for n in names] for s in crossfit["scores"]], dtype=np.float32)
    words = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2)).fit_transform(redacted)
    features = {"embeddings": embeddings, "tagger_scores": scores, "words": words,
                "all": sp.hstack([sp.csr_matrix(embeddings), sp.csr_matrix(3 * scores), words]).tocsr()}
    result = {}
    for name, matrix in features.items():
        predicted = cross_val_predict(LogisticRegression(max_iter=3000, C=2.0), matrix, y,
                                      cv=StratifiedKFold(5, shuffle=True, random_state=0))
        result[f"supervised_{name}_nmi"] = round(float(nmi(y, predicted)), 4)
        result[f"supervised_{name}_accuracy"] = round(float((predicted == y).mean()), 4)
    top_score = np.array([max(t, key=t.get) for t in crossfit["scores"]])
    result["tagger_top_score_nmi"] = round(float(nmi(y, top_score)), 4)
    return result


# Fitted and scored on the tuning half; see quality(). Every fit uses the same seed.
# Few large topics: HDBSCAN's leaf clusters of at least 120 tweets.
LEAF = {"min_cluster_size": 120, "min_samples": 10, "cluster_selection_method": "leaf"}
GRID = [
    {},  # the library defaults
    {"max_topic_share": None},  # HDBSCAN's eom selection as it is
    {"merge_similarity": None},
    {"merge_similarity": 0.6},
    {"tag_weight": 3.0},
    {"tag_weight": 3.0, "nr_topics": 12},
    {"tag_weight": 6.0, "nr_topics": 12},
    {"tag_weight": 6.0, "nr_topics": 12, "keyword_weight": 0.5},
    {**LEAF, "nr_topics": 10, "tag_weight": 2.0},  # the choice of the previous benchmark
    {**LEAF, "nr_topics": 10, "tag_weight": 4.0},
    {**LEAF, "nr_topics": 10, "tag_weight": 6.0},
    {**LEAF, "nr_topics": 10, "tag_weight": 6.0, "keyword_weight": 0.5},
    {**LEAF, "nr_topics": 10, "tag_weight": 6.0, "merge_similarity": None},
    {**LEAF, "nr_topics": 10, "tag_weight": 10.0},
    {**LEAF, "nr_topics": 12, "tag_weight": 6.0},
]
CHOSEN = GRID[0]
SPREAD_SEEDS = (1, 2, 3, 4)


# ---------------------------------------------------------------------------------- scale
def scale_source() -> Path:
    """Real comments of three corpora through the shipped pipeline: redacted texts, embeddings and
    tagger scores, as the store keeps them (cached); rows the pipeline cannot encode are left out."""
    from voc_engine.nlp.pipeline import Pipeline

    airline = pd.read_csv(DATA / "airline_tweets" / "train.csv")["text"].astype(str).tolist()
    banking = pd.read_csv(DATA / "banking77" / "train.csv")["text"].astype(str).tolist()
    hotel = pd.read_csv(DATA / "hotel_reviews" / "reviews.csv")["Review"].astype(str).str.slice(0, 600).tolist()
    texts = airline + banking + hotel
    pipeline = Pipeline.default()
    key = _digest(texts, _encoding_key(pipeline.encoder), pipeline.model_version, "scale-scores")
    path = CACHE_DIR / f"scale-{key}.npz"
    if not path.exists():
        labels = list(pipeline.tagger.labels)
        redacted, embeddings, scores = [], [], []
        for start in range(0, len(texts), 1000):
            for enrichment in pipeline.enrich(texts[start:start + 1000]):
                if enrichment.embedding is not None:
                    redacted.append(enrichment.redacted_text)
                    embeddings.append(enrichment.embedding)
                    scores.append([enrichment.tag_scores[label] for label in labels])
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        np.savez(path, redacted=np.array(redacted), embeddings=np.stack(embeddings).astype(np.float32),
                 scores=np.array(scores, dtype=np.float32), labels=np.array(labels))
    return path


def scale_corpus(source: Path, n: int, seed: int) -> tuple[list[str], np.ndarray, list[dict[str, float]]]:
    """n comments resampled from the source, each embedding perturbed, with their tagger scores."""
    cached = np.load(source, allow_pickle=False)
    redacted, embeddings = cached["redacted"].tolist(), cached["embeddings"]
    labels, scores = cached["labels"].tolist(), cached["scores"]
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(redacted), size=n)
    # Noise of norm ~0.3 on a unit vector: each copy stays near its original (cosine ~0.95)
    # without being an exact duplicate.
    noisy = embeddings[pick] + rng.normal(0, 0.3 / np.sqrt(embeddings.shape[1]), size=(n, embeddings.shape[1])).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    return ([redacted[i] for i in pick], noisy.astype(np.float32),
            [dict(zip(labels, map(float, scores[i]))) for i in pick])


def scale_child(source: Path, n: int, seed: int, out: Path) -> None:
    """Runs in a subprocess so that its peak RSS is its own: what a `voc topics fit` holds."""
    logging.disable(logging.WARNING)
    from voc_engine.topics import TopicModeler
    from voc_engine.topics.embedder import EncoderEmbedder

    texts, embeddings, scores = scale_corpus(source, n, seed)
    started = time.perf_counter()
    modeler = TopicModeler(brands=AIRLINE_BRANDS, random_state=seed, embedding_model=EncoderEmbedder(), **SCALE_PARAMS)
    modeler.fit(texts, embeddings, tags=scores, tag_kind="scores")  # guided as a store fit is
    seconds = time.perf_counter() - started
    topic_set = modeler.topics()
    out.write_text(json.dumps({
        "comments": n, "fit_seconds": round(seconds, 1), "n_topics": len(topic_set.topics),
        "outlier_share": round(topic_set.outlier_share, 4),
        "peak_rss_mb_child": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "example_labels": [t.label for t in topic_set.topics[:10]],
    }))


SCALE_PARAMS = {"n_neighbors": 15, "n_components": 5, "min_samples": 5}


def scale(args) -> dict:
    out = CACHE_DIR / "scale-result.json"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    source = scale_source()  # encoded outside the measured child
    env = dict(os.environ, OMP_NUM_THREADS="2", NUMBA_NUM_THREADS="2", OPENBLAS_NUM_THREADS="2",
               MKL_NUM_THREADS="2")
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--scale-child", str(out), "--scale-source", str(source),
                    "--scale-n", str(args.scale_n), "--seed", str(args.seed)], check=True, env=env)
    wall = time.perf_counter() - started
    child = json.loads(out.read_text())
    child["process_wall_seconds"] = round(wall, 1)
    child["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    child["params"] = SCALE_PARAMS
    child["targets"] = {"seconds_max": 600, "rss_mb_max": 6144,
                        "seconds_met": child["fit_seconds"] <= 600, "rss_met": child["peak_rss_mb"] <= 6144}
    print("scale:", child, flush=True)
    return child


def _row(name: str, r: dict) -> str:
    return (f"| {name} | {r['nmi']:.3f} | {r['outlier_share']:.1%} | {r['n_topics']} | "
            f"{len(r['labels_with_artefacts']) if isinstance(r['labels_with_artefacts'], list) else r['labels_with_artefacts']} | "
            f"{len(r['labels_with_handle']) if isinstance(r['labels_with_handle'], list) else r['labels_with_handle']} |")


def write_markdown(result: dict, path: Path) -> None:
    lines = ["# Topic benchmark", "", f"Machine: {result['machine']}", ""]
    if "quality" in result:
        q = result["quality"]
        c = q["corpus"]
        chosen, base = q["chosen"], q["out_of_the_box"]
        lines += [
            f"## (a) Negative airline tweets ({c['tweets']} tweets, {c['reasons']} reasons, encoder {c['encoder']})", "",
            "Guided by *cross-fitted* tagger scores (each tweet scored by a tagger of the shipped recipe fitted "
            f"without it). Settings fitted and scored on the tuning half ({c['tuning_half']} tweets); the chosen "
            f"one and the defaults fitted and reported on the other half ({c['other_half']} tweets), never used "
            "to choose.", "",
            "Grid (tuning half):", "",
            "| setting | NMI | outliers | topics | labels with artefacts | labels with handle |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [_row(f"{r['params']}", r) for r in q["grid"]]
        lines += ["", "Reported (other half, unless said):", "",
                  "| setting | NMI | outliers | topics | labels with artefacts | labels with handle |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |",
                  _row("BERTopic out of the box", base),
                  _row(f"**chosen** {chosen['params']}", chosen),
                  _row("library defaults (`voc topics fit`)", q["defaults"]),
                  _row("chosen, guided by the returned (cross-fitted) tags", q["returned_tags_reference"]),
                  _row(f"chosen, on the {c['tagger_unseen_tweets']} tweets the shipped tagger never saw, guided by "
                       "its scores (a user's run)", q["shipped_tagger_unseen"]),
                  _row("library defaults, the same tweets and scores", q["shipped_tagger_unseen_defaults"])]
        d = q["diagnostics"]
        lines += ["", "What the features know (5-fold cross-validated logistic regression trained on the reasons, "
                  "all tweets): " + "; ".join(
                      f"{name} NMI {d[f'supervised_{name}_nmi']:.3f} (accuracy {d[f'supervised_{name}_accuracy']:.1%})"
                      for name in ("embeddings", "tagger_scores", "words", "all"))
                  + f". The tagger's top-scoring category alone: NMI {d['tagger_top_score_nmi']:.3f}."]
        spread = q["seed_spread"]
        each = ", ".join(f"{s}: {v:.3f} ({k})" for s, v, k in zip(spread["seeds"], spread["nmi_each"],
                                                                    spread["n_topics_each"]))
        lines += ["", f"The chosen setting on the other half under five seeds (NMI (topics)): {each}; "
                  f"median {spread['nmi_median']:.3f}."]
        if "defaults_seeds" in q:
            lines += ["", "The library defaults under five seeds (NMI (topics)), with HDBSCAN's selection capped at half "
                      "the comments (`max_topic_share` 0.5, the default) and as it is (None):", "",
                      "| tweets | selection | " + " | ".join(f"seed {r['seed']}" for r in
                                                            q["defaults_seeds"]["other"]["capped"]) + " |",
                      "| --- | --- |" + " ---: |" * len(q["defaults_seeds"]["other"]["capped"])]
            for part, name in (("other", "other half"), ("unseen", f"the {c['tagger_unseen_tweets']} unseen")):
                for kind in ("capped", "uncapped"):
                    lines.append(f"| {name} | {kind} | " + " | ".join(
                        f"{r['nmi']:.3f} ({r['n_topics']})" for r in q["defaults_seeds"][part][kind]) + " |")
        t = q["targets"]
        lines += ["", f"Targets: NMI >= 0.40: **{'met' if t['nmi_met'] else 'NOT met'}** (other half, seed "
                  f"{spread['seeds'][0]}), **{'met' if t['nmi_met_median_of_seeds'] else 'NOT met'}** as the median "
                  f"of five seeds, **{'met' if t['nmi_met_shipped_tagger_unseen'] else 'NOT met'}** on the tweets the "
                  f"shipped tagger never saw; outliers <= 15 %: **{'met' if t['outliers_met'] else 'NOT met'}**; no "
                  "label with a handle, of stop words only or with an export artefact: "
                  f"**{'met' if t['labels_met'] else 'NOT met'}**. Same seed, same topics: {chosen['repeatable']}.", "",
                  "Topics of the chosen setting (other half):", "",
                  "| id | label | size | commonest reason (share) |", "| ---: | --- | ---: | --- |"]
        for topic in chosen["topics"]:
            lines.append(f"| {topic['id']} | {topic['label']} | {topic['size']} | "
                         f"{topic['top_reason']} ({topic['top_reason_share']:.0%}) |")
        lines += ["", "Labels of the library defaults (other half, largest first): "
                  + "; ".join(f"\"{label}\"" for label in q["defaults"]["example_labels"]) + "."]
    if "scale" in result:
        s = result["scale"]
        lines += ["", f"## (b) Scale: {s['comments']:,} comments with stored embeddings, 2 threads", "",
                  "| fit time | peak RSS | topics | outliers |", "| ---: | ---: | ---: | ---: |",
                  f"| {s['fit_seconds']:.0f} s (target <= 600) | {s['peak_rss_mb']:.0f} MB (target <= 6144) | "
                  f"{s['n_topics']} | {s['outlier_share']:.1%} |"]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--skip-grid", action="store_true", help="fit only the chosen setting")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--scale-n", type=int, default=100_000)
    parser.add_argument("--scale-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scale-source", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        scale_child(args.scale_source, args.scale_n, args.seed, args.scale_child)
        return
    logging.disable(logging.WARNING)
    result: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    previous = RESULTS_DIR / "topics.json"
    if previous.exists():
        result.update({k: v for k, v in json.loads(previous.read_text()).items() if k in ("quality", "scale")})
    if not args.skip_quality:
        result["quality"] = quality(args)
    if not args.skip_scale:
        result["scale"] = scale(args)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "topics.json").write_text(json.dumps(result, indent=2, default=str) + "\n")
    write_markdown(result, RESULTS_DIR / "topics.md")
    print(f"wrote {RESULTS_DIR / 'topics.json'} and topics.md")


if __name__ == "__main__":
    main()
