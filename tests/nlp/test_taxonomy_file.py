"""Taxonomy files: what an analyst may write, and the clear refusal of what cannot work."""
from __future__ import annotations

import pytest

from voc_engine.errors import ConfigError
from voc_engine.nlp.taxonomy import load_taxonomy


def write(tmp_path, text: str):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text)
    return path


def test_rules_may_be_one_phrase_or_a_list(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, "categories:\n"
                                             "  - name: wait_time\n    rules: on hold\n"
                                             "  - name: refund\n    rules: [refund, money back]\n"
                                             "  - name: other\n"))
    assert [c.rules for c in taxonomy.categories] == [["on hold"], ["refund", "money back"], []]


@pytest.mark.parametrize(("text", "message"), [
    ("categories:\n  - name: x\n    rules: 5\n", "rules must be a list of phrases, not int"),
    ("categories:\n  - name: Wait Time\n", "must be snake_case"),
    ("categories:\n  - name: a\n  - name: a\n", "duplicate category names: a"),
    ("categories: [\n", "not valid YAML"),
])
def test_a_taxonomy_that_cannot_work_is_refused_with_the_reason(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_taxonomy(write(tmp_path, text))
