"""Driver-analysis benchmark (issue 6 targets), written to bench/results/drivers.json and .md.

(a) Accuracy on synthetic data with known effects:
    - ranking: 12 binary drivers, true LMG shares known (independent drivers:
      beta_j^2 p_j (1 - p_j) / Var(y); correlated drivers: LMG of a 2M-row
      draw). Over repeated draws of n respondents: how often the full ranking
      is recovered, mean Spearman rho, top-3 recovery, and how often the 95 %
      bootstrap interval of each share covers the true share.
    - coefficient CIs: over repeated draws, the share of 95 % HC3 intervals
      (OLS, heteroskedastic noise) and of 95 % Wald intervals (logit) that
      cover the true coefficient (target: close to 95 %).
(b) Speed: analyse_drivers on 12 drivers x 200k rows with 200 bootstrap
    resamples, without and with fixed-effect controls (target <= 60 s on
    2 cores); the logit path (McFadden decomposition, 4096 refits per
    resample) for reference, with controls on 5,000 rows only.

    python bench/drivers_bench.py [--draws 200] [--rank-draws 50] [--rows 200000]
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

from voc_engine.drivers import analyse_drivers
from voc_engine.drivers.importance import relative_importance

P = 12
NAMES = [f"d{j:02d}" for j in range(P)]
PREVALENCE = np.array([0.30, 0.25, 0.20, 0.35, 0.15, 0.10, 0.40, 0.22, 0.08, 0.18, 0.28, 0.12])
# effects chosen so that, with independent drivers, the explained variance of
# each is 0.065, 0.060, …, 0.010 (in units of Var(y) before the noise)
_TARGET_SHARE = 0.065 - 0.005 * np.arange(P)
BETA = -np.sqrt(_TARGET_SHARE / (PREVALENCE * (1 - PREVALENCE))) * 2.5
BETA[[2, 7]] *= -1  # two drivers that help
INTERCEPT = 7.0


def _noise_sd(x: np.ndarray) -> np.ndarray:
    # heteroskedastic: unhappier respondents answer more variably
    return 1.2 + 0.8 * x[:, 0] + 0.5 * x[:, 3]


def _draw(n: int, rng: np.random.Generator, correlated: bool) -> tuple[pd.DataFrame, np.ndarray]:
    if correlated:
        # a shared latent "bad experience" makes negative themes co-occur
        latent = rng.normal(size=(n, 1))
        z = 0.6 * latent + 0.8 * rng.normal(size=(n, P))
        x = (z > stats.norm.ppf(1 - PREVALENCE)).astype(float)
    else:
        x = (rng.random((n, P)) < PREVALENCE).astype(float)
    y = INTERCEPT + x @ BETA + rng.normal(size=n) * _noise_sd(x)
    frame = pd.DataFrame(x.astype(int), columns=NAMES)
    frame["kpi"] = y
    return frame, x


def _true_shares(correlated: bool, rng: np.random.Generator) -> np.ndarray:
    if not correlated:
        explained = BETA**2 * PREVALENCE * (1 - PREVALENCE)
        # E[noise variance] over the driver distribution
        p0, p3 = PREVALENCE[0], PREVALENCE[3]
        noise = sum(
            (1.2 + 0.8 * a + 0.5 * b) ** 2 * (p0 if a else 1 - p0) * (p3 if b else 1 - p3)
            for a in (0, 1)
            for b in (0, 1)
        )
        return explained / (explained.sum() + noise)
    frame, x = _draw(2_000_000, rng, True)
    return relative_importance(frame["kpi"].to_numpy(), x, bootstrap=0).lmg


def ranking_recovery(n: int, draws: int, bootstrap: int, correlated: bool, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    truth = _true_shares(correlated, rng)
    true_rank = np.argsort(-truth)
    exact, rhos, top3, covered, seconds, pairs = 0, [], 0, [], [], []
    upper = np.triu_indices(P, 1)
    for i in range(draws):
        frame, _ = _draw(n, rng, correlated)
        start = time.perf_counter()
        res = analyse_drivers(frame, "kpi", NAMES, bootstrap=bootstrap, seed=i)
        seconds.append(time.perf_counter() - start)
        est = res.table.loc[NAMES, "importance"].to_numpy()
        rank = np.argsort(-est)
        exact += int(np.array_equal(rank, true_rank))
        rhos.append(stats.spearmanr(est, truth).statistic)
        top3 += int(set(rank[:3]) == set(true_rank[:3]))
        agree = np.sign(est[:, None] - est[None, :]) == np.sign(truth[:, None] - truth[None, :])
        pairs.append(agree[upper].mean())
        lo = res.table.loc[NAMES, "importance_ci_low"].to_numpy()
        hi = res.table.loc[NAMES, "importance_ci_high"].to_numpy()
        covered.append((lo <= truth) & (truth <= hi))
    covered_arr = np.array(covered)
    return {
        "scenario": "correlated drivers" if correlated else "independent drivers",
        "n": n,
        "draws": draws,
        "bootstrap": bootstrap,
        "true_shares": [round(float(v), 6) for v in truth],
        "full_ranking_recovered": exact / draws,
        "top3_recovered": top3 / draws,
        "pairs_ordered_correctly": float(np.mean(pairs)),
        "mean_spearman_rho": float(np.mean(rhos)),
        "min_spearman_rho": float(np.min(rhos)),
        "importance_ci_coverage": float(covered_arr.mean()),
        "importance_ci_coverage_by_driver": [round(float(v), 3) for v in covered_arr.mean(axis=0)],
        "seconds_per_analysis": float(np.median(seconds)),
    }


def coefficient_coverage(n: int, draws: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    hits = []
    for _ in range(draws):
        frame, _ = _draw(n, rng, correlated=True)
        res = analyse_drivers(frame, "kpi", NAMES, kind="ols", bootstrap=0)
        t = res.table.loc[NAMES]
        hits.append((t["ci_low"].to_numpy() <= BETA) & (BETA <= t["ci_high"].to_numpy()))
    hits_arr = np.array(hits)
    share = float(hits_arr.mean())
    return {
        "model": "OLS, HC3, t interval",
        "n": n,
        "draws": draws,
        "intervals": int(hits_arr.size),
        "coverage": share,
        "coverage_se": float(np.sqrt(share * (1 - share) / hits_arr.size)),
        "coverage_by_driver": [round(float(v), 3) for v in hits_arr.mean(axis=0)],
    }


def logit_coverage(n: int, draws: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    beta = np.array([0.9, -0.6, 0.5, 0.3, -0.4, 0.7])
    prevalence = PREVALENCE[:6]
    names = NAMES[:6]
    hits = []
    for _ in range(draws):
        x = (rng.random((n, 6)) < prevalence).astype(float)
        y = (rng.random(n) < 1 / (1 + np.exp(-(-1.0 + x @ beta)))).astype(int)
        frame = pd.DataFrame(x.astype(int), columns=names)
        frame["kpi"] = y
        res = analyse_drivers(frame, "kpi", names, kind="logit", bootstrap=0)
        t = res.table.loc[names]
        hits.append((t["ci_low"].to_numpy() <= beta) & (beta <= t["ci_high"].to_numpy()))
    hits_arr = np.array(hits)
    share = float(hits_arr.mean())
    return {
        "model": "logit, Wald interval",
        "n": n,
        "draws": draws,
        "intervals": int(hits_arr.size),
        "coverage": share,
        "coverage_se": float(np.sqrt(share * (1 - share) / hits_arr.size)),
    }


def timing(rows: int, bootstrap: int, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    frame, _ = _draw(rows, rng, correlated=True)
    frame["channel"] = rng.choice(["web", "app", "phone", "store", "email"], rows)
    frame["touchpoint"] = rng.choice(["onboarding", "purchase", "delivery", "billing", "support", "renewal"], rows)
    frame["segment"] = rng.choice(["consumer", "small business", "enterprise"], rows)
    frame["detractor"] = (frame["kpi"] < np.quantile(frame["kpi"], 0.3)).astype(int)
    runs = []
    controls = ["channel", "touchpoint", "segment"]
    cases = [
        ("ols", "kpi", None, rows),
        ("ols", "kpi", controls, rows),
        ("logit", "detractor", None, rows),
        ("logit", "detractor", controls, min(rows, 5000)),
    ]
    for kind, kpi, controls, n in cases:
        data = frame.iloc[:n]
        start = time.perf_counter()
        res = analyse_drivers(data, kpi, NAMES, controls=controls, kind=kind, bootstrap=bootstrap, seed=seed)
        elapsed = time.perf_counter() - start
        runs.append(
            {
                "kind": kind,
                "rows": n,
                "drivers": P,
                "controls": controls or [],
                "bootstrap_requested": bootstrap,
                "bootstrap_done": res.importance.n_bootstrap,
                "subset_fits_per_resample": 2**P,
                "seconds": round(elapsed, 2),
                "target_seconds": 60 if kind == "ols" else None,
                "warnings": [w for w in res.warnings if "bootstrap" in w or "interval" in w],
            }
        )
        print(f"  {kind} {controls or ''}: {elapsed:.1f} s ({res.importance.n_bootstrap} resamples)", flush=True)
    return runs


def _markdown(report: dict) -> str:
    lines = [
        "# Driver analysis benchmark",
        "",
        f"Run {report['date']} on {report['machine']} ({report['cores']} cores visible, "
        f"load average at start {report['load_average_start']}). `python bench/drivers_bench.py`",
        "",
        "## (a) Recovery of known effects",
        "",
        "| scenario | n | draws | full ranking | top 3 | pairs in order | mean Spearman ρ | min ρ | 95 % importance CI coverage |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["ranking"]:
        lines.append(
            f"| {r['scenario']} | {r['n']} | {r['draws']} | {r['full_ranking_recovered']:.0%} | "
            f"{r['top3_recovered']:.0%} | {r['pairs_ordered_correctly']:.1%} | "
            f"{r['mean_spearman_rho']:.3f} | {r['min_spearman_rho']:.3f} | "
            f"{r['importance_ci_coverage']:.1%} |"
        )
    lines += [
        "",
        "| coefficient intervals | n | draws | intervals | coverage (target 95 %) | ± SE |",
        "|---|---|---|---|---|---|",
    ]
    for c in report["coverage"]:
        lines.append(
            f"| {c['model']} | {c['n']} | {c['draws']} | {c['intervals']} | {c['coverage']:.1%} | {c['coverage_se']:.1%} |"
        )
    lines += [
        "",
        "## (b) Speed: 12 drivers, bootstrap CIs",
        "",
        "| model | rows | controls | resamples | seconds | target |",
        "|---|---|---|---|---|---|",
    ]
    for t in report["timing"]:
        lines.append(
            f"| {t['kind']} | {t['rows']:,} | {', '.join(t['controls']) or '–'} | "
            f"{t['bootstrap_done']}/{t['bootstrap_requested']} | {t['seconds']} | "
            f"{'≤ ' + str(t['target_seconds']) + ' s' if t['target_seconds'] else 'reference'} |"
        )
    notes = [w for t in report["timing"] for w in t["warnings"]]
    if notes:
        lines += ["", "Notes:"] + [f"- {w}" for w in notes]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=200, help="draws for coefficient-CI coverage")
    parser.add_argument("--rank-draws", type=int, default=50, help="draws for ranking recovery")
    parser.add_argument("--rank-n", type=int, default=5000, help="respondents per ranking draw")
    parser.add_argument("--rows", type=int, default=200_000, help="rows for the timing runs")
    parser.add_argument("--bootstrap", type=int, default=200)
    args = parser.parse_args()

    report = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": platform.platform(),
        "cores": os.cpu_count(),
        "load_average_start": [round(v, 2) for v in os.getloadavg()],
        "threads": os.environ.get("OPENBLAS_NUM_THREADS"),
    }
    print("timing …", flush=True)
    report["timing"] = timing(args.rows, args.bootstrap, seed=1)
    print("ranking recovery …", flush=True)
    report["ranking"] = [
        ranking_recovery(n, args.rank_draws, args.bootstrap, correlated=correlated, seed=2 + i)
        for i, (n, correlated) in enumerate(
            [(args.rank_n, False), (args.rank_n, True), (10 * args.rank_n, False), (10 * args.rank_n, True)]
        )
    ]
    print("coefficient coverage …", flush=True)
    report["coverage"] = [
        coefficient_coverage(2000, args.draws, seed=4),
        logit_coverage(3000, args.draws, seed=5),
    ]
    report["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "drivers.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "drivers.md").write_text(_markdown(report))
    print(_markdown(report))


if __name__ == "__main__":
    main()
