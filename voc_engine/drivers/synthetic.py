"""Synthetic survey data with known driver effects (demo, tests, benchmark).

``make_driver_sample`` mimics a comment-level VoC export: an NPS answer per
respondent, twelve themes detected in the comment (presence and negative
mention), channel / touchpoint / segment, a customer id and a date; plus a
customer table (churned, revenue) whose churn depends on NPS. The NPS comes
from a linear model in the *negative* mentions and the positive ones, so the
true effects are known.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from voc_engine.drivers.prioritise import NEGATIVE_SUFFIX
from voc_engine.store.schemas import NPS_DETRACTOR_MAX

# theme: (base prevalence, share of mentions that are negative,
#         NPS effect of a negative mention, NPS effect of a positive/neutral one)
THEMES: dict[str, tuple[float, float, float, float]] = {
    "wait time": (0.18, 0.85, -2.2, 0.3),
    "staff friendliness": (0.22, 0.20, -1.5, 0.9),
    "price": (0.25, 0.60, -0.8, 0.2),
    "app usability": (0.12, 0.50, -1.0, 0.4),
    "delivery speed": (0.15, 0.55, -1.6, 0.5),
    "billing errors": (0.06, 0.95, -2.8, 0.0),
    "product quality": (0.20, 0.30, -1.8, 0.8),
    "refund process": (0.05, 0.80, -2.0, 0.2),
    "communication": (0.10, 0.60, -1.2, 0.3),
    "website": (0.08, 0.45, -0.5, 0.1),
    "cancellation": (0.03, 0.90, -1.4, 0.0),
    "loyalty program": (0.07, 0.25, -0.6, 0.6),
}
CHANNELS = ("web", "app", "phone", "store", "email")
TOUCHPOINTS = ("onboarding", "purchase", "delivery", "billing", "support", "renewal")
SEGMENTS = ("consumer", "small business", "enterprise")
# themes that show up more at a touchpoint (multiplier on prevalence)
_TOUCHPOINT_THEMES = {
    "delivery": {"delivery speed": 2.5, "refund process": 1.5},
    "billing": {"billing errors": 3.0, "price": 1.5},
    "support": {"wait time": 2.0, "staff friendliness": 1.5, "communication": 1.5},
    "renewal": {"cancellation": 3.0, "loyalty program": 2.0, "price": 1.3},
    "onboarding": {"app usability": 2.0, "website": 1.5},
    "purchase": {"website": 1.5, "product quality": 1.3},
}


@dataclass
class DriverSample:
    responses: pd.DataFrame
    customers: pd.DataFrame
    negative_effects: dict[str, float]


def make_driver_sample(n: int = 5000, seed: int = 0, n_customers: int | None = None) -> DriverSample:
    """Respondent rows with NPS, 0/1 theme columns ``<theme>`` and
    ``<theme>:negative``, channel, touchpoint, segment, customer_id, date,
    detractor (NPS ≤ 6), csat (1–5); and one row per customer with churned and
    annual revenue."""
    rng = np.random.default_rng(seed)
    n_customers = n_customers or max(1, n // 2)
    customer = rng.integers(0, n_customers, n)
    segment_of = rng.choice(len(SEGMENTS), n_customers, p=[0.6, 0.3, 0.1])
    segment = segment_of[customer]
    channel = rng.choice(len(CHANNELS), n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    touchpoint = rng.choice(len(TOUCHPOINTS), n, p=[0.12, 0.25, 0.2, 0.13, 0.2, 0.1])

    latent = 7.4 + np.array([0.0, -0.3, -0.6])[segment] + np.array([0.2, 0.1, -0.3, 0.3, -0.2])[channel]
    columns: dict[str, np.ndarray] = {}
    for theme, (prevalence, share_neg, neg_effect, pos_effect) in THEMES.items():
        boost = np.array([_TOUCHPOINT_THEMES[t].get(theme, 1.0) for t in TOUCHPOINTS])[touchpoint]
        present = rng.random(n) < np.clip(prevalence * boost, 0, 0.9)
        negative = present & (rng.random(n) < share_neg)
        latent = latent + neg_effect * negative + pos_effect * (present & ~negative)
        columns[theme] = present.astype(int)
        columns[theme + NEGATIVE_SUFFIX] = negative.astype(int)
    nps = np.clip(np.rint(latent + rng.normal(0, 1.6, n)), 0, 10).astype(int)
    start = pd.Timestamp("2026-01-01")
    responses = pd.DataFrame(
        {
            "respondent_id": np.arange(1, n + 1),
            "customer_id": [f"C{c:06d}" for c in customer],
            "date": start + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
            "channel": np.array(CHANNELS)[channel],
            "touchpoint": np.array(TOUCHPOINTS)[touchpoint],
            "segment": np.array(SEGMENTS)[segment],
            "nps": nps,
            "detractor": (nps <= NPS_DETRACTOR_MAX).astype(int),
            "csat": np.clip(np.rint(1 + nps * 0.4 + rng.normal(0, 0.5, n)), 1, 5).astype(int),
            **columns,
        }
    )
    mean_nps = responses.groupby("customer_id")["nps"].mean()
    ids = [f"C{c:06d}" for c in range(n_customers)]
    nps_c = mean_nps.reindex(ids).fillna(7.0).to_numpy()
    churn_p = 1 / (1 + np.exp(-(0.6 - 0.35 * nps_c)))
    revenue = np.round(rng.lognormal(np.log([400, 2500, 20000])[segment_of], 0.5), 2)
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "churned": (rng.random(n_customers) < churn_p).astype(int),
            "revenue": revenue,
        }
    )
    effects = {t + NEGATIVE_SUFFIX: v[2] for t, v in THEMES.items()}
    return DriverSample(responses=responses, customers=customers, negative_effects=effects)


if __name__ == "__main__":  # python -m voc_engine.drivers.synthetic OUT.csv [N]
    import sys

    sample = make_driver_sample(int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
    sample.responses.to_csv(sys.argv[1], index=False)
