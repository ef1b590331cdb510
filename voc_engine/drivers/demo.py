"""The driver section of ``voc demo``: a full run on synthetic survey data.

The shipped sample comments are too few for a driver model (a dozen drivers
want a few thousand answers), so the demo draws a synthetic survey with known
effects (:mod:`voc_engine.drivers.synthetic`) and runs the same library calls
as ``voc drivers``: priorities, the priority matrix, the touchpoint scorecard,
the value of an NPS point and the ROI of the first action.
"""
from __future__ import annotations

from pathlib import Path

from voc_engine.drivers.analysis import analyse_drivers
from voc_engine.drivers.money import fit_churn_model
from voc_engine.drivers.scorecard import touchpoint_scorecard
from voc_engine.drivers.synthetic import THEMES, make_driver_sample


def driver_demo(out_dir: Path, n: int = 5000, seed: int = 0, bootstrap: int = 200) -> str:
    """Run the demo, write ``priority_matrix.png``, ``scorecard.png`` and
    ``drivers.json`` under ``out_dir``; return the text to print."""
    import json

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sample = make_driver_sample(n, seed=seed)
    themes = list(THEMES)
    result = analyse_drivers(
        sample.responses, "nps", themes, controls=["channel", "segment"], bootstrap=bootstrap, seed=seed
    )
    (out_dir / "drivers.json").write_text(json.dumps(result.to_dict(), indent=2) + "\n")
    matrix = result.plot(out_dir / "priority_matrix.png")
    card = touchpoint_scorecard(sample.responses, "nps", themes, controls=["channel", "segment"])
    card_png = card.plot(out_dir / "scorecard.png")
    churn = fit_churn_model(sample.customers, sample.responses)
    parts = [
        f"Synthetic survey: {n} answers, {len(themes)} themes (known effects), NPS 0–10",
        "",
        result.summary(),
        "",
        card.summary(),
        "",
        churn.summary(),
    ]
    if len(result.actions):
        first = result.actions.iloc[0]
        roi = churn.action_plan_roi(nps_lift=float(first["expected_lift"]), investment=50_000.0)
        parts.append(
            f"Action 1 ({first['driver']}): expected NPS {first['expected_lift']:+.3f} for every customer → "
            f"{roi.customers_saved:.1f} customers kept, value {roi.value:,.0f}, "
            f"net {roi.net_value:,.0f} on an investment of 50,000 (ROI {roi.roi:.2f})"
        )
    parts += ["", f"Priority matrix: {matrix}", f"Touchpoint scorecard: {card_png}"]
    return "\n".join(parts)
