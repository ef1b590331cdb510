"""``voc demo``: the main job on the embedded default.

Scores the built-in sample comments with the shipped models, writes the
enriched results and prints a readable summary. Each analysis that exists
adds its section here through the same library calls the CLI and API use.
"""
from __future__ import annotations

from pathlib import Path

import typer

from voc_engine.config import SAMPLES_DIR, get_settings


def _show_examples(records: list[dict], limit: int = 5) -> str:
    lines = ["Examples:"]
    interesting = [r for r in records if r["tags"] or r["flags"] or r["error"]][:limit]
    for record in interesting:
        if record["error"]:
            lines.append(f"  #{record['id']}: error: {record['error']}")
            continue
        text = record["redacted_text"] or ""
        sentiment = record["sentiment"]
        mood = f"{sentiment['label']} ({sentiment['score']:+.2f})" if sentiment else "not scored"
        tags = ", ".join(f"{t['name']}[{t['sentiment']}]" for t in record["tags"][:3]) or "-"
        flags = ", ".join(record["flags"]) or "-"
        lines.append(f"  #{record['id']}: {mood}; tags: {tags}; flags: {flags}")
        lines.append(f"      \"{text[:110]}{'…' if len(text) > 110 else ''}\"")
    return "\n".join(lines)


def demo_command(
    out_dir: Path = typer.Option(None, "--out", help="Where to write results (default: $VOC_DATA_DIR/demo)."),
) -> None:
    """Run the demo over the built-in sample comments."""
    import json

    from voc_engine.nlp.pipeline import default_pipeline
    from voc_engine.scoring import score_file

    settings = get_settings()
    out_dir = out_dir or settings.data_dir / "demo"
    out_dir.mkdir(parents=True, exist_ok=True)
    typer.echo("Loading the shipped models (the first run also builds the int8 encoder) …")
    pipeline = default_pipeline()
    enriched = out_dir / "enriched.jsonl"
    summary = score_file(pipeline, SAMPLES_DIR / "comments.csv", enriched, text_col="text", id_col="id")
    typer.echo("\n== Scoring ==")
    typer.echo(summary.summary())
    records = [json.loads(line) for line in enriched.read_text().splitlines()]
    typer.echo(_show_examples(records))
