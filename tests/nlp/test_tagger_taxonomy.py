"""Which taxonomy a tagger brings: its own (written by `voc train tagger`), the shipped one for
the shipped taggers, labels alone for a tagger saved before taggers carried one."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from voc_engine.errors import ConfigError, ModelNotFoundError
from voc_engine.nlp.heads import LinearHead
from voc_engine.nlp.pipeline import registry_path
from voc_engine.nlp.taxonomy import labels_taxonomy, load_taxonomy, save_taxonomy, tagger_taxonomy

MODELS = Path(__file__).resolve().parents[2] / "models"


def small_tagger(labels, **extra) -> LinearHead:
    return LinearHead("tagger", "t", list(labels), np.zeros((len(labels), 4)), np.zeros(len(labels)),
                      "sigmoid", extra=extra)


@pytest.mark.parametrize("version", sorted(p.name for p in (MODELS / "tagger").iterdir()))
def test_shipped_taggers_carry_the_shipped_taxonomy(version, tmp_path):
    shipped = load_taxonomy()
    assert tagger_taxonomy(LinearHead.load(MODELS / "tagger" / version)) == shipped
    # Copied elsewhere, a shipped tagger still brings the shipped rules.
    copy = shutil.copytree(MODELS / "tagger" / version, tmp_path / version)
    assert tagger_taxonomy(LinearHead.load(copy)) == shipped


def test_the_default_pipeline_applies_the_shipped_taxonomy(pipeline):
    assert registry_path(MODELS, "tagger").name == pipeline.tagger.version
    assert pipeline.taxonomy == load_taxonomy()


def test_a_tagger_saved_without_a_taxonomy_gets_its_labels_and_no_rules(tmp_path):
    small_tagger(["seat_comfort", "Late Flight"]).save(tmp_path / "old")
    taxonomy = tagger_taxonomy(LinearHead.load(tmp_path / "old"))
    assert taxonomy.names == ["seat_comfort", "Late Flight"]
    assert all(not c.rules for c in taxonomy.categories)


def test_a_tagger_finds_its_taxonomy_in_its_directory(tmp_path):
    source = tmp_path / "given.yaml"
    source.write_text("categories:\n"
                      "  - name: Late Flight\n    description: Delays.\n    rules: [hours late]\n"
                      "  - name: wait_time\n    rules: [on hold]\n")
    labels = ["Late Flight", "seat_comfort"]
    carried, left_out = labels_taxonomy(labels, load_taxonomy(source, labels=labels))
    assert left_out == ["wait_time"]
    assert [(c.name, c.rules) for c in carried.categories] == [("Late Flight", ["hours late"]), ("seat_comfort", [])]
    model = tmp_path / "model"
    small_tagger(labels, taxonomy="taxonomy.yaml").save(model)
    save_taxonomy(carried, model / "taxonomy.yaml")
    moved = shutil.move(str(model), tmp_path / "moved")
    assert tagger_taxonomy(LinearHead.load(moved)) == carried
    (Path(moved) / "taxonomy.yaml").unlink()
    with pytest.raises(ModelNotFoundError, match="names taxonomy 'taxonomy.yaml', which is missing"):
        tagger_taxonomy(LinearHead.load(moved))


def test_only_a_taggers_labels_may_break_the_snake_case_rule(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("categories:\n  - name: Late Flight\n")
    assert load_taxonomy(path, labels=["Late Flight"]).names == ["Late Flight"]
    with pytest.raises(ConfigError, match="snake_case"):
        load_taxonomy(path)
    with pytest.raises(ConfigError, match="snake_case"):
        load_taxonomy(path, labels=["late_flight"])


def test_a_pipeline_over_a_tagger_applies_only_its_taxonomy(pipeline):
    from voc_engine.nlp.pipeline import Pipeline

    head = LinearHead("tagger", "t", ["seat_comfort"], np.full((1, 2 * pipeline.encoder.dimension), -5.0),
                      np.zeros(1), "sigmoid", input="features")
    text = "The crew were rude and we waited an hour. I want a refund."
    assert not Pipeline(pipeline.encoder, pipeline.sentiment, head).enrich([text])[0].tags
    # Given explicitly, a taxonomy replaces the tagger's own: its rules tag, as documented.
    explicit = Pipeline(pipeline.encoder, pipeline.sentiment, head, load_taxonomy())
    assert {"staff_attitude", "wait_time"} <= {t.name for t in explicit.enrich([text])[0].tags}
    assert json.loads(explicit.taxonomy.model_dump_json()) == json.loads(load_taxonomy().model_dump_json())
