"""Run rules on hand-built z sequences whose signals are obvious by construction."""
from __future__ import annotations

import numpy as np
import pytest

from voc_engine.spc.rules import (
    NELSON,
    WESTERN_ELECTRIC,
    RuleSelectionError,
    evaluate_rules,
    resolve_rules,
    rule_flags,
)


def _fired(rule: str, z, values=None) -> list[int]:
    return [hit.index for hit in evaluate_rules(resolve_rules([rule]), np.asarray(z, float), values)]


def _alternating(n: int, amplitude: float) -> list[float]:
    return [amplitude if i % 2 == 0 else -amplitude for i in range(n)]


def test_rule_sets_have_the_textbook_sizes():
    assert [r.name for r in resolve_rules("western-electric")] == ["we-1", "we-2", "we-3", "we-4"]
    assert [r.name for r in resolve_rules("nelson")] == [f"nelson-{i}" for i in range(1, 9)]
    assert [r.name for r in resolve_rules(["nelson-1", "we-2"])] == ["nelson-1", "we-2"]
    assert [r.name for r in resolve_rules("nelson-1,nelson-2")] == ["nelson-1", "nelson-2"]
    with pytest.raises(RuleSelectionError, match="nelson-9"):
        resolve_rules(["nelson-9"])


@pytest.mark.parametrize("rule", ["nelson-1", "we-1"])
def test_one_point_beyond_three_sigma(rule):
    assert _fired(rule, [0, 3.01, 0, -3.5, 3.0, -3.0]) == [1, 3]


def test_nine_in_a_row_same_side_is_nelson_2_and_eight_is_we_4():
    z = [-0.5] + [0.3] * 9 + [-0.2]
    assert _fired("nelson-2", z) == [9]
    assert _fired("we-4", z) == [8, 9]
    assert _fired("nelson-2", [0.3] * 8) == []
    assert _fired("we-4", [0.3] * 7) == []
    # a point exactly on the centre line breaks the run
    assert _fired("nelson-2", [0.3] * 4 + [0.0] + [0.3] * 5) == []


def test_six_increasing_is_nelson_3():
    values = [5, 1, 2, 3, 4, 5, 6, 2]
    assert _fired("nelson-3", np.zeros(8), np.asarray(values, float)) == [6]
    assert _fired("nelson-3", np.zeros(6), np.asarray([6, 5, 4, 3, 2, 1], float)) == [5]
    assert _fired("nelson-3", np.zeros(5), np.asarray([1, 2, 3, 4, 5], float)) == []
    # a tie is not "steadily" increasing
    assert _fired("nelson-3", np.zeros(6), np.asarray([1, 2, 3, 3, 4, 5], float)) == []


def test_fourteen_alternating_is_nelson_4():
    z = _alternating(14, 0.5)
    assert _fired("nelson-4", z) == [13]
    assert _fired("nelson-4", z[:13]) == []


@pytest.mark.parametrize("rule", ["nelson-5", "we-2"])
def test_two_of_three_beyond_two_sigma_same_side(rule):
    assert _fired(rule, [0, 2.5, 0, 2.2, 0]) == [3]
    assert _fired(rule, [0, 2.5, 0, 0, 2.2]) == []  # 4 apart
    assert _fired(rule, [2.5, 0, -2.5]) == []  # opposite sides
    hits = evaluate_rules(resolve_rules([rule]), np.array([0, 2.5, 0, 2.2, 0]))
    assert hits[0].points == (1, 3)


@pytest.mark.parametrize("rule", ["nelson-6", "we-3"])
def test_four_of_five_beyond_one_sigma_same_side(rule):
    z = [1.5, 1.5, 0, 1.5, 1.5]
    assert _fired(rule, z) == [4]
    assert evaluate_rules(resolve_rules([rule]), np.array(z))[0].points == (0, 1, 3, 4)
    assert _fired(rule, [1.5, 1.5, 0, 0, 1.5]) == []
    assert _fired(rule, [1.5, -1.5, 1.5, -1.5, 1.5]) == []


def test_fifteen_within_one_sigma_is_nelson_7():
    z = _alternating(15, 0.4)
    assert _fired("nelson-7", z) == [14]
    assert _fired("nelson-7", z[:14]) == []


def test_eight_beyond_one_sigma_either_side_is_nelson_8():
    z = _alternating(8, 1.5)
    assert _fired("nelson-8", z) == [7]
    assert _fired("nelson-8", z[:7]) == []
    assert _fired("nelson-2", z) == []


def test_missing_points_are_skipped_and_indices_map_back():
    z = [0.5] * 4 + [np.nan] + [0.5] * 5
    assert _fired("nelson-2", z) == [9]
    hit = evaluate_rules(resolve_rules(["nelson-2"]), np.array(z))[0]
    assert 4 not in hit.points and hit.points[0] == 0


def test_vectorised_flags_equal_row_by_row_flags():
    rng = np.random.default_rng(0)
    z = rng.normal(0.4, 1.2, size=(30, 60))
    for rule in NELSON + WESTERN_ELECTRIC:
        together = rule_flags(rule, z)
        one_by_one = np.stack([rule_flags(rule, row) for row in z])
        np.testing.assert_array_equal(together, one_by_one)
