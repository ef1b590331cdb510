"""The README's "Your own data in 15 minutes", run as written: its bash block, in one shell, with the
real `voc` and a fresh store, on the telecom example that is not the demo's (issue 22's journey).

The block is read from the README, not copied here, so the section cannot drift from what works.
Only what the section leaves to the reader is added: the case ID it names `ID`, and the edits its
comments invite (a flag of our own in flags.yaml, a category of our own in my_taxonomy.yaml)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"

# The case the agent works: the oldest unassigned critical one in the team's queue.
PICK_CASE = (
    '"$PYTHON" -c \'import json, sys; items = json.load(sys.stdin)["items"]; '
    'print(min(c["id"] for c in items if c["severity"] == "critical" and c["owner"] is None))\''
)
FLAG_EDIT = """cat >> flags.yaml <<'EOF'
  - name: no_update
    description: A fault or outage the customer heard nothing about.
    severity: none
    rules: ["nobody told us"]
EOF"""
TAXONOMY_EDIT = """cat >> my_taxonomy.yaml <<'EOF'
  - name: roaming
    description: Charges and service abroad.
    rules: ["roaming bundle", "roaming charge"]
EOF"""


def _section_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Your own data in 15 minutes", 1)[1]
    return section.split("```bash\n", 1)[1].split("```", 1)[0]


def _commands(block: str) -> list[str]:
    """The block's command lines, continuation lines joined; comments and blank lines dropped."""
    commands, pending = [], ""
    for line in block.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line
        if pending.endswith("\\"):
            pending = pending[:-1]
            continue
        commands.append(pending.strip())
        pending = ""
    return commands


def _script(commands: list[str]) -> str:
    lines = ["set -euo pipefail", 'voc() { "$PYTHON" -m voc_engine.cli "$@"; }']
    for index, command in enumerate(commands):
        if re.search(r"\bID\b", command):
            lines.append(f"ID=$(voc cases list --team retention --json | {PICK_CASE})")
            command = re.sub(r"\bID\b", '"$ID"', command)
        lines += [f'echo "@@ {index}"', f'echo "@@ {index}" >&2', command]
        if "> flags.yaml" in command:
            lines.append(FLAG_EDIT)
        if command.startswith("cp ") and "my_taxonomy.yaml" in command:
            lines.append(TAXONOMY_EDIT)
    # What the section stored, read back through the CLI for the checks below.
    lines += ['echo "@@ after"', 'echo "@@ after" >&2', "voc export -o export.csv",
              "voc cases list --json > cases.json", "voc models list"]
    return "\n".join(lines) + "\n"


def _by_step(stream: str, commands: list[str]) -> dict[str, str]:
    parts = re.split(r"^@@ (\S+)\n", stream, flags=re.M)
    names = {str(i): command for i, command in enumerate(commands)}
    return {names.get(key, key): body for key, body in zip(parts[1::2], parts[2::2])}


@pytest.fixture(scope="module")
def journey(tmp_path_factory):
    work = tmp_path_factory.mktemp("telecom")
    # The section runs from the repository root; its relative paths are read from there, and
    # what it writes (pictures, YAML, var/) lands in the scratch folder.
    for name in ("docs", "voc_engine"):
        (work / name).symlink_to(ROOT / name)
    commands = _commands(_section_block())
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOC_") or k == "VOC_CACHE_DIR"}
    env.update(PYTHON=sys.executable, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    run = subprocess.run(["bash", "-c", _script(commands)], cwd=work, env=env, capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, f"stdout:\n{run.stdout[-4000:]}\nstderr:\n{run.stderr[-4000:]}"
    return work, commands, _by_step(run.stdout, commands), _by_step(run.stderr, commands)


def _export(work: Path) -> pd.DataFrame:
    return pd.read_csv(work / "export.csv", dtype=str, keep_default_na=False)


def _step(streams: dict[str, str], start: str) -> str:
    (body,) = [text for command, text in streams.items() if command.startswith(start)]
    return body


@pytest.mark.slow
def test_the_section_is_the_issue_22_journey(journey):
    _, commands, _, _ = journey
    for wanted in ("voc alerts rules set", "voc ingest docs/examples/telecom_survey.csv", "voc users create", "voc cases list --team",
                   "voc cases claim", "voc spc ", "voc drivers --from-store", "voc topics fit",
                   "voc alerts flags show", "voc alerts flags test", "cp voc_engine/resources/taxonomy.yaml",
                   "voc train tagger", "voc models promote"):
        assert any(command.startswith(wanted) for command in commands), wanted


@pytest.mark.slow
def test_ingest_announces_the_new_store_and_maps_channels_at_the_door(journey):
    work, _, out, err = journey
    first = _step(err, "voc alerts rules show")  # the section's first command creates the store
    assert f"created a new feedback store at {work / 'var' / 'telecom' / 'voc.db'}" in first
    said = _step(out, "voc ingest") + _step(err, "voc ingest")
    assert "created a new feedback store" not in said
    assert "stored 60" in said and "rejected 0" in said
    # call -> contact_centre and store -> branch (10 each); field_service is in no list: other
    assert "channel: 20 mapped, 10 unknown filed under 'other'" in said
    export = _export(work)
    assert export["channel"].value_counts().to_dict() == {
        "contact_centre": 10, "branch": 10, "other": 10, "web": 10, "app": 10, "survey": 10}


@pytest.mark.slow
def test_the_telecom_comments_get_telecom_tags_and_the_leaver_a_critical_retention_case(journey):
    work, _, out, _ = journey
    export = _export(work)
    tags = export.set_index("external_id")["tags"].str.split("|")
    assert "outage" in tags["TEL-1001"]  # "Broadband outage for three days ..."
    assert "network_connectivity" in tags["TEL-1003"]  # "Mobile signal is dead in my street ..."
    assert "installation_visit" in tags["TEL-1002"]  # "The engineer missed the installation appointment ..."
    leaving = export[export["text"].str.contains("moving to Vodafone")]
    assert len(leaving) == 3 and (leaving["flags"].str.split("|").map(lambda f: "churn_intent" in f)).all()
    queue = _step(out, "voc cases list --team retention").strip().splitlines()
    assert queue and all("\tcritical\tnew\tretention\t-\t" in line for line in queue)
    cases = json.loads((work / "cases.json").read_text())["items"]
    assert {(c["severity"], c["team"]) for c in cases if c["rule_id"] == "critical_flag"} == {("critical", "retention")}
    leaver_ids = set(leaving["id"])
    assert any(c["comment_id"] in leaver_ids and c["severity"] == "critical" and c["team"] == "retention"
               for c in cases)


@pytest.mark.slow
def test_the_agent_claims_a_case_of_the_team_queue_and_notes_it(journey):
    work, _, _, _ = journey
    cases = json.loads((work / "cases.json").read_text())["items"]
    (claimed,) = [c for c in cases if c["owner"] == "rita"]
    assert claimed["team"] == "retention" and claimed["severity"] == "critical"
    assert claimed["state"] != "new" and claimed["first_response_at"] is not None


@pytest.mark.slow
def test_one_control_chart_per_channel_named_by_the_rule_it_prints(journey):
    work, _, _, err = journey
    groups = ["app", "branch", "contact_centre", "other", "survey", "web"]
    assert sorted(p.name for p in work.glob("chart-*.png")) == [f"chart-{g}.png" for g in groups]
    assert all((work / f"chart-{g}.png").read_bytes()[:8] == PNG for g in groups)
    assert "named chart-<group>.png" in _step(err, "voc spc")
    charts = json.loads((work / "charts.json").read_text())["charts"]
    assert len(charts) == len(groups)


@pytest.mark.slow
def test_drivers_rank_only_significant_effects_and_say_so_in_words(journey):
    work, _, out, _ = journey
    document = json.loads((work / "drivers.json").read_text())
    assert document["kpi"] == "nps_index" and document["n"] == 60
    actions = document["details"]["actions"]
    assert actions, "no action at all on the example"
    for action in actions:
        if action["rank"] is not None:
            assert action["significant"] and action["p_value"] < 0.05
            assert action["statement"].startswith(f"Fixing {action['driver']} mentions could lift NPS by ")
        else:
            assert action["evidence"] == "not enough evidence" and action["p_value"] >= 0.05
    words = _step(out, "voc drivers")
    assert "Action list" in words and not words.lstrip().startswith("{")
    assert (work / "matrix.png").read_bytes()[:8] == PNG


@pytest.mark.slow
def test_each_topic_is_shown_with_its_sentiment_mix(journey):
    _, _, out, _ = journey
    shown = _step(out, "voc topics fit")
    labels = [line for line in shown.splitlines() if re.match(r"\s+\d+\s+\d+ \(", line)]
    assert labels and all(re.search(r"\[neg \d+% · neu \d+% · pos \d+%\]", line) for line in labels)


@pytest.mark.slow
def test_an_edited_flag_is_dry_run_saved_and_stored_by_the_next_reprocess(journey):
    work, _, out, _ = journey
    dry_run = _step(out, "voc alerts flags test")
    (row,) = [line.split() for line in dry_run.splitlines() if line.strip().startswith("no_update")]
    assert row[1:] == ["0", "3", "3", "0"]  # before, after, gained, lost: the three outage comments
    export = _export(work)
    flagged = export[export["flags"].str.contains("no_update")]
    assert flagged["text"].str.contains("nobody told us").all() and len(flagged) == 3


@pytest.mark.slow
def test_a_category_of_our_own_and_a_promoted_tagger_are_used_by_reprocess(journey):
    work, _, out, err = journey
    retag = _step(out, "export VOC_TAXONOMY_FILE") + _step(err, "export VOC_TAXONOMY_FILE")
    assert "re-enriched 60 comments" in retag
    promoted = _step(out, "voc models promote") + _step(err, "voc models promote")
    assert "promoted tagger" in promoted and "re-enriched 60 comments" in promoted
    listing = _step(out, "after")
    assert re.search(r"^tagger: v\S+ \(promoted\)", listing, flags=re.M)
    export = _export(work)
    # VOC_TAXONOMY_FILE, still exported, replaces the promoted tagger's own taxonomy (which has no
    # roaming label), so the category of our own stays; reprocess stored the promoted version
    roaming = export[export["text"].str.contains("roaming bundle")]
    assert len(roaming) == 3 and roaming["tags"].str.split("|").map(lambda t: "roaming" in t).all()
    assert export["model_version"].str.contains("tagger:v20").all()
