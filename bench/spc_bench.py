"""Control-chart benchmark: run-rule ARLs by simulation, and charting speed at store scale.

(a) Average run length of each rule set on standardized normal points, in
    control (ARL0) and after a sustained mean shift of 1 and 2 sigma present
    from the first point (zero-state ARL1). Judged by the library's own
    vectorised rule code. Reference values for the 3-sigma rule alone:
    ARL0 = 370.4, ARL1 = 43.9 (1 sigma) and 6.3 (2 sigma) (Montgomery);
    Western Electric rules 1-4: ARL0 about 91.75 (Champ & Woodall 1987).
(b) Wall time to aggregate a synthetic 1M-comment frame into 50 touchpoints x
    104 ISO weeks and evaluate one chart per touchpoint (target <= 5 s).

    python bench/spc_bench.py [--runs 50000] [--comments 1000000]

Writes bench/results/spc.json and bench/results/spc.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from voc_engine.spc.monitor import charts_for_series  # noqa: E402
from voc_engine.spc.rules import resolve_rules, rule_flags  # noqa: E402
from voc_engine.spc.series import period_series  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"
RULE_SETS = {"3-sigma (rule 1 only)": ["nelson-1"], "western-electric (1-4)": "western-electric", "nelson (1-8)": "nelson"}
SHIFTS = (0.0, 1.0, 2.0)
HISTORY = 15  # the longest rule window: flags after this many carried-over points are exact
BLOCK = 256
MAX_LENGTH = 20_000


def run_lengths(rules, shift: float, runs: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Points until the first signal for ``runs`` independent charts.

    Charts are simulated in blocks; unfinished ones carry their last HISTORY
    points into the next block so that every rule sees its full window.
    Returns run lengths (MAX_LENGTH for the few censored runs) and the censored count.
    """
    lengths = np.full(runs, MAX_LENGTH, dtype=np.int64)
    active = np.arange(runs)
    history = np.empty((runs, 0))
    start = 0
    while active.size and start < MAX_LENGTH:
        fresh = rng.normal(shift, 1.0, size=(active.size, BLOCK))
        z = np.concatenate([history, fresh], axis=1)
        fired = np.zeros(z.shape, dtype=bool)
        for rule in rules:
            fired |= rule_flags(rule, z)
        fired = fired[:, history.shape[1]:]
        hit = fired.any(axis=1)
        lengths[active[hit]] = start + fired[hit].argmax(axis=1) + 1
        history = z[~hit, -HISTORY:]
        active = active[~hit]
        start += BLOCK
    return lengths, int(active.size)


def arl_table(runs: int, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    rows = []
    for name, selection in RULE_SETS.items():
        rules = resolve_rules(selection)
        for shift in SHIFTS:
            lengths, censored = run_lengths(rules, shift, runs, rng)
            rows.append(
                {
                    "rules": name,
                    "shift_sigma": shift,
                    "arl": float(lengths.mean()),
                    "standard_error": float(lengths.std(ddof=1) / np.sqrt(runs)),
                    "median_run_length": float(np.median(lengths)),
                    "runs": runs,
                    "censored": censored,
                }
            )
            print(f"  {name:<24} shift {shift:.0f} sigma: ARL {rows[-1]['arl']:8.2f} "
                  f"(se {rows[-1]['standard_error']:.2f})", flush=True)
    return rows


def synthetic_comments(n_comments: int, touchpoints: int = 50, weeks: int = 104, seed: int = 0) -> pd.DataFrame:
    """Comment rows with the store's columns; each touchpoint has its own level plus weekly drift."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-11-25", tz="UTC")  # a Monday: 104 full ISO weeks
    seconds = rng.uniform(0, weeks * 7 * 86_400, n_comments)
    touchpoint = rng.integers(0, touchpoints, n_comments)
    week = (seconds // (7 * 86_400)).astype(int)
    level = rng.uniform(0.08, 0.25, touchpoints)[touchpoint] + rng.normal(0, 0.01, (touchpoints, weeks))[touchpoint, week]
    draw = rng.random(n_comments)
    sentiment = np.where(draw < level, "negative", np.where(draw < level + 0.3, "neutral", "positive")).astype(object)
    sentiment[rng.random(n_comments) < 0.03] = None
    tag_pool = np.empty(8, dtype=object)
    for i, tags in enumerate([[], ["price"], ["delivery"], ["staff"], ["price", "delivery"], ["app"],
                              ["staff", "app"], ["price", "staff", "delivery"]]):
        tag_pool[i] = tags
    return pd.DataFrame(
        {
            "created_at": start + pd.to_timedelta(seconds, unit="s"),
            "touchpoint": np.array([f"touchpoint-{i:02d}" for i in range(touchpoints)], dtype=object)[touchpoint],
            "channel": np.array(["survey", "chat", "email", "app_review"], dtype=object)[rng.integers(0, 4, n_comments)],
            "segment": np.array(["retail", "business"], dtype=object)[rng.integers(0, 2, n_comments)],
            "sentiment_label": sentiment,
            "nps": np.where(rng.random(n_comments) < 0.4, rng.integers(0, 11, n_comments), np.nan),
            "csat": np.where(rng.random(n_comments) < 0.3, rng.integers(1, 6, n_comments), np.nan),
            "tags": tag_pool[rng.integers(0, 8, n_comments)],
        }
    )


def time_charts(comments: pd.DataFrame, repeats: int) -> list[dict]:
    cases = [
        ("negative_rate", {}, None),
        ("negative_rate", {}, "p"),
        ("nps", {}, None),
        ("csat_mean", {}, None),
        ("tag_rate", {"tag": "price"}, None),
        ("volume", {}, None),
    ]
    rows = []
    for metric, options, chart in cases:
        aggregate_s, chart_s, total_s = [], [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            series = period_series(comments, metric, by="touchpoint", period="week", **options)
            t1 = time.perf_counter()
            results = charts_for_series(series, chart=chart, rules="nelson")
            t2 = time.perf_counter()
            aggregate_s.append(t1 - t0)
            chart_s.append(t2 - t1)
            total_s.append(t2 - t0)
        rows.append(
            {
                "metric": metric,
                "chart": results[0].chart,
                "charts": len(results),
                "periods": int(series["period"].nunique()),
                "aggregate_s": float(np.median(aggregate_s)),
                "charts_s": float(np.median(chart_s)),
                "total_s_median": float(np.median(total_s)),
                "total_s_max": float(np.max(total_s)),
                "signals": sum(len(r.signals()) for r in results),
            }
        )
        print(f"  {metric:<14} {rows[-1]['chart']:<8} {rows[-1]['charts']} charts x {rows[-1]['periods']} weeks: "
              f"{rows[-1]['total_s_median']:.2f} s (aggregate {rows[-1]['aggregate_s']:.2f} s, "
              f"charts {rows[-1]['charts_s']:.2f} s)", flush=True)
    return rows


def write_markdown(report: dict, path: Path) -> None:
    lines = ["# Control charts (spc) benchmark", "", f"Machine: {report['machine']}", ""]
    lines += ["## Average run length (simulation)", "",
              f"{report['arl_runs']} simulated charts per cell, standardized normal points, "
              "shift present from the first point. Standard error in brackets.", "",
              "| rule set | in control (ARL0) | 1 sigma shift | 2 sigma shift |", "| --- | --- | --- | --- |"]
    for name in RULE_SETS:
        cells = [r for r in report["arl"] if r["rules"] == name]
        lines.append(f"| {name} | " + " | ".join(f"{r['arl']:.2f} ({r['standard_error']:.2f})" for r in cells) + " |")
    lines += ["", "Reference: 3-sigma rule alone 370.4 / 43.9 / 6.3; Western Electric 1-4 ARL0 about 91.75.", ""]
    lines += ["## Charting speed", "",
              f"{report['comments']:,} synthetic comments, 50 touchpoints x 104 ISO weeks, one chart per touchpoint "
              f"with Nelson rules; median of {report['repeats']} runs (target <= 5 s).", "",
              "| metric | chart | aggregate s | charts s | total s (median) | total s (max) |",
              "| --- | --- | --- | --- | --- | --- |"]
    for r in report["timing"]:
        lines.append(f"| {r['metric']} | {r['chart']} | {r['aggregate_s']:.2f} | {r['charts_s']:.2f} | "
                     f"{r['total_s_median']:.2f} | {r['total_s_max']:.2f} |")
    lines += ["", f"Benchmark wall time: {report['wall_s']:.0f} s.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50_000, help="simulated charts per ARL cell")
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    began = time.perf_counter()

    print("ARL simulation", flush=True)
    arl = arl_table(args.runs, args.seed)
    print(f"building {args.comments:,} synthetic comments", flush=True)
    comments = synthetic_comments(args.comments)
    print("charting 50 touchpoints x 104 weeks", flush=True)
    timing = time_charts(comments, args.repeats)

    report = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_implementation()} "
                   f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}",
        "arl_runs": args.runs,
        "arl": arl,
        "comments": args.comments,
        "repeats": args.repeats,
        "timing": timing,
        "wall_s": time.perf_counter() - began,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "spc.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_markdown(report, RESULTS_DIR / "spc.md")
    print((RESULTS_DIR / "spc.md").read_text())


if __name__ == "__main__":
    main()
