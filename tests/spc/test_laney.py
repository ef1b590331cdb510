"""Laney p' (Laney 2002): defining properties, checked against a hand computation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from voc_engine.spc.charts import LaneyPChart, LaneyUChart, PChart, UChart


def _hand_laney(count: np.ndarray, size: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
    """Laney's recipe written out: z_i = (p_i - p) / sqrt(p(1-p)/n_i); sigma_z = mean|dz| / 1.128."""
    p_bar = count.sum() / size.sum()
    sigma_p = np.sqrt(p_bar * (1 - p_bar) / size)
    z = (count / size - p_bar) / sigma_p
    sigma_z = np.abs(np.diff(z)).mean() / 1.128
    return p_bar, sigma_z, p_bar + 3 * sigma_p * sigma_z, np.maximum(0, p_bar - 3 * sigma_p * sigma_z)


def _overdispersed(seed: int, periods: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    size = rng.integers(5_000, 20_000, periods)
    p = np.clip(0.12 + rng.normal(0, 0.01, periods), 0.01, 0.99)  # week-to-week drift beyond binomial noise
    return pd.DataFrame({"count": rng.binomial(size, p), "size": size})


def test_laney_matches_hand_computation():
    series = _overdispersed(1, periods=25)
    p_bar, sigma_z, ucl, lcl = _hand_laney(series["count"].to_numpy(float), series["size"].to_numpy(float))
    result = LaneyPChart().fit_evaluate(series)
    assert result.center == pytest.approx(p_bar, rel=1e-12)
    assert result.sigma_z == pytest.approx(sigma_z, rel=1e-12)
    np.testing.assert_allclose(result.points["ucl"], ucl, rtol=1e-12)
    np.testing.assert_allclose(result.points["lcl"], lcl, rtol=1e-12)


def test_laney_limits_are_p_chart_limits_scaled_by_sigma_z():
    series = _overdispersed(2)
    laney = LaneyPChart().fit_evaluate(series)
    plain = PChart().fit_evaluate(series)
    assert plain.sigma_z is None
    assert laney.center == pytest.approx(plain.center)
    half_width_ratio = (laney.points["ucl"] - laney.center) / (plain.points["ucl"] - plain.center)
    np.testing.assert_allclose(half_width_ratio, laney.sigma_z, rtol=1e-12)


def test_overdispersion_gives_sigma_z_above_one_and_fewer_false_signals():
    series = _overdispersed(3)
    laney = LaneyPChart(rules=["nelson-1"]).fit_evaluate(series)
    plain = PChart(rules=["nelson-1"]).fit_evaluate(series)
    assert laney.sigma_z > 2  # sd of p is 0.01 vs binomial sd ~0.003-0.005
    assert len(plain.signals()) > 10  # the naive chart flags much of a stable process
    assert len(laney.signals()) <= 2


def test_pure_binomial_data_gives_sigma_z_near_one():
    rng = np.random.default_rng(4)
    size = rng.integers(200, 2_000, 400)
    series = pd.DataFrame({"count": rng.binomial(size, 0.1), "size": size})
    assert LaneyPChart().fit_evaluate(series).sigma_z == pytest.approx(1.0, abs=0.1)


def test_laney_u_scales_u_chart_the_same_way():
    rng = np.random.default_rng(5)
    size = rng.uniform(50, 150, 50)
    rate = rng.gamma(shape=20, scale=1.5 / 20, size=50)  # Poisson rates that drift
    series = pd.DataFrame({"count": rng.poisson(rate * size), "size": size})
    laney, plain = LaneyUChart().fit_evaluate(series), UChart().fit_evaluate(series)
    z = (series["count"] / size - plain.center) / np.sqrt(plain.center / size)
    assert laney.sigma_z == pytest.approx(np.abs(np.diff(z)).mean() / 1.128, rel=1e-12)
    assert laney.sigma_z > 1
