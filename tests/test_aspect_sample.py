"""The hand-labelled aspect-sentiment sample (bench/data/aspect_sentiment_sample.jsonl): well
formed, and holding no text of a corpus whose licence does not allow redistribution."""
import json
from pathlib import Path

import pytest

from bench.aspect_bench import CORPORA, LABELS, SAMPLE, read_sample


def test_sample_is_labelled_and_respects_the_licences():
    guide, pairs = read_sample()
    assert "guide" in guide and "drawn" in guide
    assert len(pairs) >= 300
    assert {p["label"] for p in pairs} <= set(LABELS)
    assert len({(p["corpus"], p["row"], p["tag"]) for p in pairs}) == len(pairs)
    for p in pairs:
        if not CORPORA[p["corpus"]][2]:
            assert "text" not in p, f"{p['corpus']} row {p['row']}: its licence does not allow storing the text"


def test_a_pair_without_a_valid_label_is_reported_by_line(tmp_path: Path):
    lines = SAMPLE.read_text().splitlines()[:3]
    broken = json.loads(lines[2])
    broken["label"] = "mixed"
    (tmp_path / "s.jsonl").write_text("\n".join([lines[0], lines[1], json.dumps(broken)]) + "\n")
    with pytest.raises(SystemExit, match=r"lines \[3\]"):
        read_sample(tmp_path / "s.jsonl")
