"""Phrase rules of the shipped taxonomy against the held-out labelled rows (training.rule_audit).

Writes bench/results/rules.json and rules.md. For another taxonomy:
``python -m training.rule_audit --taxonomy PATH``.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"


def main() -> None:
    from training.rule_audit import audit, to_markdown

    logging.disable(logging.WARNING)
    report = audit(None, "valid")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "rules.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "rules.md").write_text(to_markdown(report))
    print(to_markdown(report).split("\n\n| category")[0])


if __name__ == "__main__":
    main()
