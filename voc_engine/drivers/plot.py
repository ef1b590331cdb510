"""Pictures: the priority matrix and the touchpoint scorecard (matplotlib, Agg)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from adjustText import adjust_text

from voc_engine.errors import VocError

if TYPE_CHECKING:
    from voc_engine.drivers.result import DriverAnalysisResult
    from voc_engine.drivers.scorecard import ScorecardResult

QUADRANT_COLOURS = {
    "fix_first": "#c0392b",
    "leverage": "#27ae60",
    "monitor": "#e67e22",
    "maintain": "#7f8c8d",
    "not_enough_evidence": "#bdc3c7",
}
# Shapes as well as colours, so the quadrants read in greyscale and for colour-blind readers.
QUADRANT_MARKERS = {"fix_first": "^", "leverage": "s", "monitor": "D", "maintain": "o", "not_enough_evidence": "v"}
_FORMATS = (".png", ".svg")


def _target(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in _FORMATS:
        raise VocError(f"picture must be .png or .svg, got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def plot_priority_matrix(result: DriverAnalysisResult, path: str | Path) -> Path:
    """Draw `priority_matrix_figure` to a .png or .svg file."""
    path = _target(path)
    fig = priority_matrix_figure(result)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def priority_matrix_figure(result: DriverAnalysisResult):
    """|impact| (x) against performance (y), quadrant lines at the medians.

    The y axis is turned so that poor performance is always at the top: the
    fix-first corner is top right whatever the performance measure. Point
    size follows the LMG importance; quadrants differ in shape as well as
    colour and are named in their corners; labels are placed apart.
    """
    table = result.to_frame()
    x = table["impact"].abs().to_numpy(dtype=float)
    y = table["performance"].to_numpy(dtype=float)
    poor_is_high = result.performance_measure == "share_negative" or not result.higher_is_better
    importance = np.clip(table["importance"].to_numpy(dtype=float), 0, None)
    sizes = 60 + 900 * importance / importance.max() if importance.max() > 0 else np.full(len(x), 80)

    fig, ax = plt.subplots(figsize=(9, 6.5))
    for quadrant, colour in QUADRANT_COLOURS.items():
        mask = (table["quadrant"] == quadrant).to_numpy()
        if mask.any():
            ax.scatter(x[mask], y[mask], s=sizes[mask], c=colour, marker=QUADRANT_MARKERS[quadrant], alpha=0.75,
                       edgecolors="white", linewidths=0.8, label=quadrant.replace("_", " "))
    ax.axvline(np.median(x), color="0.4", lw=1, ls="--")
    ax.axhline(np.median(y), color="0.4", lw=1, ls="--")
    if not poor_is_high:
        ax.invert_yaxis()
    ax.margins(0.12)
    _name_quadrants(ax)
    labels = [ax.text(xi, yi, str(name), fontsize=8) for xi, yi, name in zip(x, y, table.index)]
    # labels pushed apart (and off the points) so that no two overlap, with a thin line back
    adjust_text(labels, x=x, y=y, ax=ax, arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.5})
    ax.set_xlabel(f"|impact| on mean {result.kpi} (score change if the theme's comments were removed)")
    ax.set_ylabel(
        "share of mentions negative (poorer ↑)"
        if result.performance_measure == "share_negative"
        else f"mean {result.kpi} among mentioners (poorer ↑)"
    )
    ax.set_title(f"Priority matrix: drivers of {result.kpi} (n = {result.n})")
    legend = ax.legend(loc="best", fontsize=8, framealpha=0.8, title="size = LMG importance", title_fontsize=7)
    for handle in legend.legend_handles:
        handle.set_sizes([50])
    ax.grid(alpha=0.2)
    fig.tight_layout()
    return fig


def _name_quadrants(ax) -> None:
    """Write each quadrant's name in its corner (poor performance is at the top, high impact right)."""
    corners = {
        "fix first": (0.98, 0.98, "right", "top"),
        "leverage": (0.98, 0.02, "right", "bottom"),
        "monitor": (0.02, 0.98, "left", "top"),
        "maintain": (0.02, 0.02, "left", "bottom"),
    }
    for name, (x, y, ha, va) in corners.items():
        colour = QUADRANT_COLOURS[name.replace(" ", "_")]
        ax.text(x, y, name.upper(), transform=ax.transAxes, ha=ha, va=va, fontsize=9, color=colour,
                alpha=0.8, fontweight="bold")


def plot_scorecard(scorecard: ScorecardResult, path: str | Path) -> Path:
    """Touchpoint effect on the KPI with its CI (left) and volume share (right)."""
    path = _target(path)
    table = scorecard.to_frame().sort_values("effect")
    names = [str(t) for t in table.index]
    pos = np.arange(len(table))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.45 * len(table) + 2), sharey=True,
                                      gridspec_kw={"width_ratios": [2, 1]})
    effect = table["effect"].to_numpy(dtype=float)
    err = np.vstack([effect - table["effect_ci_low"].to_numpy(float),
                     table["effect_ci_high"].to_numpy(float) - effect])
    colours = ["#c0392b" if e < 0 else "#27ae60" for e in effect]
    left.barh(pos, effect, xerr=err, color=colours, alpha=0.8, capsize=3)
    left.axvline(0, color="0.3", lw=1)
    labels = []
    for name, (_, row) in zip(names, table.iterrows()):
        negative = f", {row['share_negative']:.0%} neg." if np.isfinite(row["share_negative"]) else ""
        labels.append(f"{name}\nmean {row['mean_kpi']:.2f}{negative}")
    left.set_yticks(pos, labels, fontsize=8)
    left.set_xlabel(f"effect on {scorecard.kpi} vs average touchpoint (95 % CI)")
    right.barh(pos, table["share_of_customers"].to_numpy(float) * 100, color="#34495e", alpha=0.7)
    right.set_xlabel("% of customers")
    for p_i, (_, row) in zip(pos, table.iterrows()):
        right.annotate(f"{int(row['volume'])}", (row["share_of_customers"] * 100, p_i), xytext=(3, -3),
                       textcoords="offset points", fontsize=7)
    fig.suptitle(f"Touchpoint scorecard: {scorecard.kpi}")
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path
