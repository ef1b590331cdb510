"""`voc models list|promote|rollback` and the settings that choose models, through the real command
line (typer's CliRunner) on a temporary data directory: a model trained with `voc train`, promoted,
is what a fresh runtime's pipeline (that of `voc ingest`, `voc serve`, `voc reprocess`) loads."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from voc_engine.cli import app
from voc_engine.config import REPO_DIR, Settings
from voc_engine.runtime import Runtime

SHIPPED_REGISTRY = REPO_DIR / "models" / "registry.json"
LABELS = ("outage", "network", "billing")
ROWS = {
    "outage": ["Broadband down again since {n} this morning", "Total outage on our street for {n} hours",
               "No internet at all since day {n}"],
    "network": ["Mobile signal drops in room {n}", "Speeds are {n} Mbps at best in the evening",
                "Calls cut out every {n} minutes"],
    "billing": ["I was billed {n} pounds twice", "My bill went up by {n} percent", "Charged a {n} pound late fee"],
}
# Phrases the shipped taxonomy's rules tag: a tagger that carries its own taxonomy must not return them.
SHIPPED_RULE_BAIT = "The agent was rude and I waited on hold for an hour."


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "data"))
    for name in ("VOC_SENTIMENT_MODEL", "VOC_TAGGER_MODEL", "VOC_TAXONOMY_FILE", "VOC_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def invoke(runner, *args):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """A telecom tagger trained by `voc train tagger`, carrying a taxonomy of its own."""
    tmp = tmp_path_factory.mktemp("telecom-tagger")
    rows = [{"text": template.format(n=n), "label": label}
            for label, templates in ROWS.items() for template in templates for n in range(2, 12)]
    pd.DataFrame(rows).to_csv(tmp / "rows.csv", index=False)
    (tmp / "taxonomy.yaml").write_text("categories:\n  - name: outage\n    rules: [outage]\n"
                                       "  - name: billing\n    rules: [billed]\n")
    result = CliRunner().invoke(app, ["train", "tagger", "--data", str(tmp / "rows.csv"), "--text-col", "text",
                                      "--label-col", "label", "--taxonomy", str(tmp / "taxonomy.yaml"),
                                      "--out", str(tmp / "tagger")])
    assert result.exit_code == 0, result.output
    return tmp / "tagger"


def active(runner) -> dict:
    code, out, _ = invoke(runner, "models", "list", "--json")
    assert code == 0
    return json.loads(out)["active"]


def test_promote_makes_a_fresh_runtime_score_with_the_trained_tagger_and_rollback_undoes_it(runner, trained, tmp_path):
    shipped_registry = SHIPPED_REGISTRY.read_bytes()
    version = json.loads((trained / "model.json").read_text())["version"]
    assert active(runner)["tagger"]["origin"] == "shipped"

    code, out, err = invoke(runner, "models", "promote", str(trained), "--json")
    assert code == 0, err
    change = json.loads(out)
    assert (change["action"], change["kind"], change["previous"]) == ("promote", "tagger", None)
    assert change["current"].startswith(version) and Path(change["path"]).parent == tmp_path / "data" / "models" / "tagger"
    assert SHIPPED_REGISTRY.read_bytes() == shipped_registry  # the package's registry is not edited
    now = active(runner)["tagger"]
    assert (now["origin"], now["name"]) == ("promoted", change["current"])

    # What `voc ingest`, `voc serve` and `voc reprocess` build: a runtime's pipeline.
    with Runtime(Settings()) as runtime:
        pipeline = runtime.pipeline
        assert pipeline.tagger.version == version and sorted(pipeline.tagger.labels) == sorted(LABELS)
        [enriched] = pipeline.enrich([f"Total outage since Monday. {SHIPPED_RULE_BAIT}"])
    assert {t.name for t in enriched.tags} <= set(LABELS)  # none of the shipped rules' categories
    assert "outage" in {t.name for t in enriched.tags if "rule" in t.source}  # its own rule
    assert f"tagger:{version}" in enriched.model_version.split(";")

    # Training again into the same directory changes nothing until promoted again.
    (trained / "model.json").write_text((trained / "model.json").read_text().replace(version, "overwritten"))
    try:
        with Runtime(Settings()) as runtime:
            assert runtime.pipeline.tagger.version == version
    finally:
        (trained / "model.json").write_text((trained / "model.json").read_text().replace("overwritten", version))

    code, out, err = invoke(runner, "models", "rollback", "tagger", "--json")
    assert code == 0, err
    assert json.loads(out)["current"] is None and active(runner)["tagger"]["origin"] == "shipped"
    with Runtime(Settings()) as runtime:
        assert runtime.pipeline.tagger.version == json.loads(shipped_registry)["tagger"]["active"]

    code, _, err = invoke(runner, "models", "rollback", "tagger")
    assert code == 1 and "nothing to roll back" in err
    history = json.loads((tmp_path / "data" / "models" / "selection.json").read_text())["history"]
    assert [(h["action"], h["kind"], h["from"], h["to"]) for h in history] == [
        ("promote", "tagger", None, change["current"]), ("rollback", "tagger", change["current"], None)]
    assert all(h["actor"] and h["at"] for h in history)


def test_ingest_and_reprocess_use_the_promoted_tagger(runner, trained, tmp_path):
    source = tmp_path / "comments.csv"
    pd.DataFrame({"id": ["a", "b"], "text": ["No internet since Friday, total outage.",
                                             "I was billed twice this month."]}).to_csv(source, index=False)
    code, _, err = invoke(runner, "ingest", str(source), "--source", "survey", "--map", "external_id=id", "--quiet")
    assert code == 0, err
    with Runtime(Settings()) as runtime:
        stored = {v["version"]: v["comments"] for v in runtime.store.model_versions()}
    assert len(stored) == 1 and "tagger:v6" in next(iter(stored))

    assert invoke(runner, "models", "promote", str(trained))[0] == 0
    code, _, err = invoke(runner, "reprocess", "--quiet")
    assert code == 0, err
    version = json.loads((trained / "model.json").read_text())["version"]
    assert "re-enriched 2 comments with" in err and f"tagger:{version}" in err
    with Runtime(Settings()) as runtime:
        versions = {v["version"] for v in runtime.store.model_versions() if v["comments"]}
    assert len(versions) == 1 and f"tagger:{version}" in next(iter(versions)).split(";")


def test_a_setting_wins_over_the_promoted_model_and_a_taxonomy_file_replaces_the_taggers(
        runner, trained, tmp_path, monkeypatch):
    assert invoke(runner, "models", "promote", str(trained))[0] == 0
    shipped = REPO_DIR / "models" / "tagger" / json.loads(SHIPPED_REGISTRY.read_text())["tagger"]["active"]
    monkeypatch.setenv("VOC_TAGGER_MODEL", str(shipped))
    now = active(runner)["tagger"]
    assert (now["origin"], Path(now["path"])) == ("setting", shipped)
    own = tmp_path / "own.yaml"
    own.write_text("categories:\n  - name: hotspot_trouble\n    rules: [hotspot]\n")
    monkeypatch.setenv("VOC_TAXONOMY_FILE", str(own))
    with Runtime(Settings()) as runtime:
        pipeline = runtime.pipeline
        assert pipeline.tagger.version == shipped.name
        [enriched] = pipeline.enrich(["The hotspot died. The agent was rude."])
    by_rule = {t.name for t in enriched.tags if "rule" in t.source}
    assert by_rule == {"hotspot_trouble"}  # the file's rules replace the shipped tagger's own


@pytest.mark.parametrize("breakage, message", [
    ("not a model", "is not a model directory"),
    ("other encoder", "reads encoder all-MiniLM-L6-v2+v1, but the active sentiment model"),
    ("flag model", "holds a flags model; promoted kinds are sentiment, tagger"),
])
def test_a_model_scoring_could_not_use_is_refused_and_nothing_changes(runner, trained, tmp_path, breakage, message):
    broken = tmp_path / "broken"
    if breakage == "flag model":
        shutil.copytree(REPO_DIR / "models" / "flags" / "v1", broken)
    else:
        shutil.copytree(trained, broken)
    if breakage == "not a model":
        (broken / "head.npz").unlink()
    elif breakage == "other encoder":
        meta = json.loads((broken / "model.json").read_text())
        meta["encoder"] = "all-MiniLM-L6-v2+v1"
        (broken / "model.json").write_text(json.dumps(meta))
    code, _, err = invoke(runner, "models", "promote", str(broken))
    assert code == 2 and message in err
    assert active(runner)["tagger"]["origin"] == "shipped"
    assert not (tmp_path / "data" / "models" / "selection.json").exists()


def test_list_names_shipped_and_promoted_models_and_marks_the_active_ones(runner, trained):
    assert invoke(runner, "models", "promote", str(trained))[0] == 0
    code, out, _ = invoke(runner, "models", "list", "--json")
    listing = json.loads(out)
    taggers = [m for m in listing["models"] if m["kind"] == "tagger"]
    assert {m["source"] for m in taggers} == {"shipped", "promoted"}
    assert [m["source"] for m in taggers if m["active"]] == ["promoted"]
    sentiment = [m for m in listing["models"] if m["kind"] == "sentiment" and m["active"]]
    assert [m["name"] for m in sentiment] == [json.loads(SHIPPED_REGISTRY.read_text())["sentiment"]["active"]]
    code, text, _ = invoke(runner, "models", "list")
    assert code == 0 and "tagger:" in text and "(promoted)" in text
