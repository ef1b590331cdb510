"""``voc demo``: the main job on the embedded default.

Everything runs on the embedded SQLite store under ``$VOC_DATA_DIR`` (default
``./var``) with the shipped models and the built-in sample comments:

1. scoring   — the hand-written sample comments → enriched JSONL + a summary;
2. store     — the samples and ~28 weeks of generated feedback are ingested
               (idempotent: a second run stores nothing twice);
3. alerts    — a bad comment → alert → case → signed webhook → the loop closed;
4. control charts — weekly negative-comment rate per touchpoint, with signals;
5. drivers   — which issues move NPS, and where to act first;
   action plan — the top driver as a plan with an owner, done, and evaluated;
6. topics    — what customers talk about, and how it trends (emerging topics);
7. workspace — a person per role (demo store only) and how to open the web workspace.

Each section calls the same library functions as the CLI and the API.
"""
from __future__ import annotations

import json
from pathlib import Path

import typer

from voc_engine.config import SAMPLES_DIR
from voc_engine.progress import step

GENERATED_SOURCE = "northwind-generated"


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


def _section(title: str) -> None:
    typer.echo(f"\n== {title} ==")


def _scoring(pipeline, out_dir: Path) -> None:
    from voc_engine.scoring import score_file

    _section("1. Scoring the sample comments")
    enriched = out_dir / "enriched.jsonl"
    summary = score_file(pipeline, SAMPLES_DIR / "comments.csv", enriched, text_col="text", id_col="id")
    typer.echo(summary.summary())
    records = [json.loads(line) for line in enriched.read_text().splitlines()]
    typer.echo(_show_examples(records))


def _store(pipeline, store, out_dir: Path) -> None:
    from voc_engine.ingest import FieldMap, ingest_file
    from voc_engine.samples.generate import generate_comments

    _section("2. Feedback store (embedded SQLite)")
    typer.echo(f"Database: {store.url}")
    report = ingest_file(SAMPLES_DIR / "comments.csv", "northwind-sample", FieldMap(), store,
                         pipeline.enrich, progress=False)
    typer.echo(report.summary())
    generated = out_dir / "generated_comments.csv"
    frame = generate_comments()
    frame.drop(columns=[c for c in frame.columns if c.startswith("true_")]).to_csv(generated, index=False)
    report = ingest_file(generated, GENERATED_SOURCE, FieldMap(), store, pipeline.enrich, progress=True)
    typer.echo(report.summary())
    typer.echo(f"Comments in the store: {store.count_comments()}")


def _alerts(pipeline, store) -> None:
    from voc_engine.alerting.demo import run_close_the_loop_demo

    _section("3. Transactional: alert → case → webhook → closed loop")
    typer.echo(run_close_the_loop_demo(store, pipeline))


def _control_charts(comments, out_dir: Path, settings) -> None:
    from voc_engine.periods import business_timezone
    from voc_engine.spc import charts_for_comments
    from voc_engine.spc.plot import save_chart

    _section("4. Tactical: weekly control charts of the negative-comment rate per touchpoint")
    charts = charts_for_comments(comments, "negative_rate", by="touchpoint", period="week", rules="nelson",
                                 tz=business_timezone(settings))
    signalling = [c for c in charts if c.signals()]
    def group(chart) -> str:
        return ",".join(str(v) for v in (chart.key or {}).values()) or "all"

    for chart in charts:
        signals = chart.signals()
        verdict = ", ".join(f"{s.rule} at {s.period}" for s in signals[:3]) or "in control"
        more = f" (+{len(signals) - 3} more)" if len(signals) > 3 else ""
        typer.echo(f"  {group(chart):<16} {chart.chart:<8} centre {chart.center:.3f}  {verdict}{more}")
    for chart in signalling[:3]:
        path = save_chart(chart, out_dir / f"spc-negative_rate-{group(chart)}.png")
        typer.echo(f"  picture: {path}")


def _drivers(comments, out_dir: Path):
    from voc_engine.drivers.store import analyse_stored_drivers

    _section("5. Strategic: which issues drive NPS, and where to act first")
    with step("driver analysis (bootstrap intervals)"):
        result = analyse_stored_drivers(comments, "nps_index")
    typer.echo(result.summary())
    (out_dir / "drivers.json").write_text(json.dumps(result.to_dict(), indent=2) + "\n")
    typer.echo(f"  priority matrix: {result.plot(out_dir / 'priority_matrix.png')}")
    return result


def _action_plan(store, comments, drivers) -> None:
    from voc_engine.actions.demo import run_action_plan_demo

    _section("5b. Action plan: an owner, a deadline, and what it returned")
    typer.echo(run_action_plan_demo(store, comments, drivers))


def _customers(store, out_dir: Path) -> None:
    from voc_engine.customers.demo import run_customer_demo

    _section("5c. Customers: CRM data next to their feedback, one customer's profile")
    typer.echo(run_customer_demo(store, [SAMPLES_DIR / "comments.csv", out_dir / "generated_comments.csv"], out_dir))


def _topics(store) -> None:
    from voc_engine.topics.service import fit_store, modeler_from_settings, store_trends

    _section("6. Topics: what customers talk about, and how it trends")
    # The sample comments are written from templates: "auto" merges the topics that are
    # rewordings of one another.
    with step("fitting the topic model"):
        modeler, version = fit_store(
            store, modeler=modeler_from_settings(store.settings.topics, brands=["Northwind"], nr_topics="auto")
        )
    typer.echo(f"Topic model {version} fitted on the stored embeddings (no second encoder pass):")
    typer.echo(_head(modeler.topics().summary(), 16))
    trends, emerging = store_trends(store, version, period="month")
    typer.echo(_head(trends.summary(), 16))
    typer.echo(emerging.summary())
    typer.echo("  (all topics: voc topics show; trends: voc topics trends)")


def _workspace(store, settings) -> None:
    from voc_engine.workspace.demo import workspace_demo_users

    _section("7. The workspace")
    typer.echo(workspace_demo_users(store, settings))


def _head(text: str, lines: int) -> str:
    rows = text.splitlines()
    return "\n".join(rows[:lines] + ([f"  … {len(rows) - lines} more lines"] if len(rows) > lines else []))


def demo_command(
    out_dir: Path = typer.Option(None, "--out", help="Where to write results (default: $VOC_DATA_DIR/demo)."),
) -> None:
    """Run the demo over the built-in sample comments on the embedded store."""
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.runtime import cli_runtime

    from voc_engine.exits import cli_errors

    runtime = cli_runtime()
    settings = runtime.settings
    out_dir = out_dir or settings.data_dir / "demo"
    out_dir.mkdir(parents=True, exist_ok=True)
    with cli_errors():
        with step("loading the shipped models (the first run also builds the int8 encoder, about a minute)"):
            # The shipped flag file throughout, as `voc score` has it (the store is opened after scoring).
            pipeline = Pipeline.default(settings)
        _scoring(pipeline, out_dir)
        store = runtime.store
        _store(pipeline, store, out_dir)
        _alerts(pipeline, store)
        comments = store.read_frame()
        _control_charts(comments, out_dir, settings)
        drivers = _drivers(comments, out_dir)
        _action_plan(store, comments, drivers)
        _customers(store, out_dir)
        _topics(store)
        _workspace(store, settings)
    typer.echo(f"\nResults are in {out_dir}")
