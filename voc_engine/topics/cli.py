"""``voc topics fit|show|trends|coverage|versions|assign``: thin shells over voc_engine.topics.

Standalone contract (no store needed)::

    voc topics fit --input PATH --text-col COL [--id-col COL] [--time-col COL]
                   --output topics.json [--assignments PATH]

runs the texts through the pipeline once (redaction, one encoder pass), fits topics and
writes the topics as ``TopicSet.to_dict()`` gives them, the shape ``voc topics show --json`` and
``GET /v1/topics`` print too (``{"version", "n_documents", "n_outliers", "outlier_share",
"topics": [{"id", "label", "words", "size", "share", "sentiment", "examples"}]}``) plus, with
``--assignments``, one JSON line per input row ``{"id", "topic", "label"}`` (-1: outlier).
With ``--time-col``, a row without a readable time is reported on stderr and keeps its topic,
but is left out of the trends (listed there under ``untimed_rows``).
Without ``--input`` the commands work on the feedback store and its saved topic versions.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from voc_engine.cluster.cli import Actors, Address, BatchRows, CpusPerActor, Engine
from voc_engine.errors import InvalidArgumentError, VocError
from voc_engine.exits import fail
from voc_engine.times import cli_time

UNTIMED_SHOWN = 50  # rows without a readable time named one by one on stderr

topics_app = typer.Typer(help="Topic discovery and trends over feedback (BERTopic on the pipeline's embeddings).",
                         no_args_is_help=True)


def _names(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def _nr_topics(value: str | None) -> int | str | None:
    """--nr-topics: a number, "auto", or "none" / absent (None: keep every topic, the default)."""
    if value is None or value.strip().lower() == "none":
        return None
    value = value.strip().lower()
    if value == "auto":
        return value
    try:
        number = int(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r}: give a number of topics, 'auto' or 'none'", param_hint="--nr-topics")
    if number < 2:
        raise typer.BadParameter("at least 2 topics", param_hint="--nr-topics")
    return number


def _root():
    """$VOC_DATA_DIR/topics of this command's runtime."""
    from voc_engine.runtime import cli_runtime
    from voc_engine.topics.versions import topics_root

    return topics_root(cli_runtime().settings.data_dir)


def _filters(since: datetime | None, until: datetime | None):
    from voc_engine.store.filters import CommentFilter

    return CommentFilter(since=since, until=until)


def _write_json(document: dict, path: Path | None) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
    if path is None:
        typer.echo(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


Since = Annotated[Optional[datetime], typer.Option("--since", parser=cli_time, help="Store mode: comments created at or after (ISO-8601, UTC if no zone).")]
Until = Annotated[Optional[datetime], typer.Option("--until", parser=cli_time, help="Store mode: comments created before this.")]
Version = Annotated[Optional[str], typer.Option("--version", help="Saved topic model version (default: the active one).")]


@topics_app.command("fit")
def fit_command(
    input: Annotated[Optional[Path], typer.Option("--input", help="CSV, JSONL or Parquet to fit on (standalone); without it: the store.")] = None,
    text_col: Annotated[Optional[str], typer.Option("--text-col", help="Column with the comment text.")] = None,
    id_col: Annotated[Optional[str], typer.Option("--id-col", help="Column with row ids (default: 0-based row number).")] = None,
    time_col: Annotated[Optional[str], typer.Option("--time-col", help="Column with timestamps: adds trends (see --trends); a row without a readable time keeps its topic and is left out of the trends.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", help="Write topics.json here (standalone default: stdout).")] = None,
    assignments: Annotated[Optional[Path], typer.Option("--assignments", help="Write one JSON line per input row: id, topic, label.")] = None,
    trends: Annotated[Optional[Path], typer.Option("--trends", help="With --time-col: write the trends JSON here.")] = None,
    period: Annotated[str, typer.Option("--period", help="day | week | month (trends).")] = "week",
    png: Annotated[Optional[Path], typer.Option("--png", help="Also draw the topic sizes (.png or .svg).")] = None,
    min_topic_size: Annotated[Optional[int], typer.Option("--min-topic-size", help="HDBSCAN min_cluster_size (default: ~0.5 % of the comments).")] = None,
    nr_topics: Annotated[Optional[str], typer.Option("--nr-topics", help="Merge topics down to this many; 'auto' merges topics that say the same thing; 'none' (default) keeps them all.")] = None,
    n_neighbors: Annotated[Optional[int], typer.Option("--neighbors", help="UMAP n_neighbors.")] = None,
    n_components: Annotated[Optional[int], typer.Option("--components", help="UMAP n_components.")] = None,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Random seed (default: VOC_TOPIC_SEED or 42).")] = None,
    brands: Annotated[Optional[str], typer.Option("--brands", help="Comma-separated brand names kept out of topic words (default: VOC_TOPIC_BRANDS).")] = None,
    stop_words: Annotated[Optional[str], typer.Option("--stop-words", help="Comma-separated extra stop words (default: VOC_TOPIC_STOP_WORDS).")] = None,
    since: Since = None,
    until: Until = None,
    no_activate: Annotated[bool, typer.Option("--no-activate", help="Store mode: save the version without making it active.")] = False,
    sample: Annotated[Optional[int], typer.Option("--sample", min=1, help="Store mode: fit on this many of the matching comments, drawn at random with the seed, then assign all the others to its topics (for large stores: the fit's cost grows faster than the comments). Topic sizes and examples are the sample's.")] = None,
) -> None:
    """Fit topics: on a file (standalone contract) or on the stored comments (saves a version)."""
    try:
        from voc_engine.runtime import cli_runtime
        from voc_engine.topics.service import modeler_from_settings

        modeler = modeler_from_settings(
            cli_runtime().settings.topics, min_cluster_size=min_topic_size, nr_topics=_nr_topics(nr_topics), n_neighbors=n_neighbors,
            n_components=n_components, random_state=seed, brands=_names(brands),
            extra_stop_words=_names(stop_words))
        if input is not None:
            if sample is not None:
                raise InvalidArgumentError("--sample is for the store: without --input")
            _fit_file(modeler, input, text_col, id_col, time_col, output, assignments, trends, period, png)
            return
        if text_col or id_col or time_col or assignments or trends:
            raise InvalidArgumentError("--text-col, --id-col, --time-col, --assignments and --trends need --input")
        from voc_engine.topics.service import fit_store

        typer.echo("Fitting topics on the stored comments …", err=True)
        from voc_engine.progress import step

        with step("fitting the topic model over the stored embeddings"):
            modeler, version = fit_store(cli_runtime().store, _filters(since, until), modeler, activate=not no_activate,
                                         sample=sample)
        topic_set = modeler.topics()
        typer.echo(topic_set.summary())
        typer.echo(f"saved topic model version {version}" + ("" if no_activate else " (active)"), err=True)
        if output is not None:
            _write_json(topic_set.to_dict(), output)
        if png is not None:
            from voc_engine.topics.plot import plot_topic_bars

            plot_topic_bars(topic_set, png)
    except VocError as exc:
        fail(exc)


def _fit_file(modeler, input, text_col, id_col, time_col, output, assignments, trends_path, period, png) -> None:
    if not text_col:
        raise InvalidArgumentError("give --text-col COL with --input")
    if trends_path is not None and time_col is None:
        raise InvalidArgumentError("--trends needs --time-col")
    from voc_engine.io import read_table
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.periods import business_timezone
    from voc_engine.runtime import cli_runtime
    from voc_engine.topics.service import fit_table

    from voc_engine.progress import step

    settings = cli_runtime().settings
    zone = business_timezone(settings)
    table = read_table(input)
    with step(f"scoring and encoding {len(table)} rows, then fitting topics"):
        # Standalone: the shipped models and flag file, no store.
        result = fit_table(table, text_col, Pipeline.default(settings), id_col=id_col, time_col=time_col,
                           modeler=modeler, period=period, tz=zone)
    _report_untimed(result.untimed_rows, time_col)
    topic_set = result.modeler.topics()
    _write_json(topic_set.to_dict(), output)
    if output is not None:
        typer.echo(topic_set.summary())
    if assignments is not None:
        assignments.parent.mkdir(parents=True, exist_ok=True)
        with open(assignments, "w", encoding="utf-8") as handle:
            for record in result.assignment_records():
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    if result.trends is not None:
        if trends_path is not None:
            _write_json(result.trends.to_dict(), trends_path)
        typer.echo(result.trends.summary(), err=output is None)
    elif time_col is not None:
        typer.echo(f"no trends: no comment has a readable time in column {time_col!r}", err=True)
    if png is not None:
        from voc_engine.topics.plot import plot_topic_bars

        plot_topic_bars(topic_set, png)


def _report_untimed(untimed: list[dict], time_col: str | None) -> None:
    """One line per row whose time could not be read (the first UNTIMED_SHOWN; the trends
    JSON lists them all)."""
    for problem in untimed[:UNTIMED_SHOWN]:
        value = "" if problem["value"] is None else f" {str(problem['value'])[:40]!r}"
        typer.echo(f"row {problem['row']} (id {problem['id']}): {problem['reason']}{value} in column "
                   f"{time_col!r}: kept for topics, left out of the trends", err=True)
    if len(untimed) > UNTIMED_SHOWN:
        typer.echo(f"… and {len(untimed) - UNTIMED_SHOWN} more rows without a readable time "
                   "(the trends JSON lists them all under untimed_rows)", err=True)
    if untimed:
        typer.echo(f"{len(untimed)} row(s) without a readable time in column {time_col!r}: "
                   "kept for topics, left out of the trends", err=True)


@topics_app.command("show")
def show_command(
    version: Version = None,
    topic: Annotated[Optional[int], typer.Option("--topic", help="Show one topic with its examples.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the readable summary.")] = False,
    png: Annotated[Optional[Path], typer.Option("--png", help="Draw the topic sizes (.png or .svg).")] = None,
) -> None:
    """The topics of a saved version (the active one by default)."""
    try:
        from voc_engine.topics.versions import load_version

        topic_set = load_version(version, _root()).topics()
        if topic is not None:
            if as_json:
                _write_json(topic_set.topic_to_dict(topic), None)
            else:
                typer.echo(topic_set.find(topic).summary())
        elif as_json:
            _write_json(topic_set.to_dict(), None)
        else:
            typer.echo(topic_set.summary())
        if png is not None:
            from voc_engine.topics.plot import plot_topic_bars

            plot_topic_bars(topic_set, png)
    except VocError as exc:
        fail(exc)


@topics_app.command("trends")
def trends_command(
    version: Version = None,
    period: Annotated[str, typer.Option("--period", help="day | week | month")] = "week",
    tz: Annotated[Optional[str], typer.Option("--tz", help="Time zone of the periods (default: VOC_BUSINESS_TIMEZONE).")] = None,
    since: Since = None,
    until: Until = None,
    baseline: Annotated[int, typer.Option("--baseline", help="Emerging topics: trailing periods in the baseline.")] = 4,
    alpha: Annotated[float, typer.Option("--alpha", help="Emerging topics: significance level (Holm-adjusted).")] = 0.01,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the readable summary.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", help="Write the trends JSON here.")] = None,
    png: Annotated[Optional[Path], typer.Option("--png", help="Draw the trend lines (.png or .svg).")] = None,
) -> None:
    """Volume, share and mean sentiment of each topic per period, with emerging-topic alerts."""
    try:
        from voc_engine.runtime import cli_runtime
        from voc_engine.topics.service import store_trends

        trends, _ = store_trends(cli_runtime().store, version, _filters(since, until), period=period, tz=tz,
                                 root=_root(), baseline_periods=baseline, alpha=alpha)
        if as_json:
            _write_json(trends.to_dict(), None)
        else:
            typer.echo(trends.summary())
        if output is not None:
            _write_json(trends.to_dict(), output)
        if png is not None:
            from voc_engine.topics.plot import plot_trends

            plot_trends(trends, png)
    except VocError as exc:
        fail(exc)


@topics_app.command("coverage")
def coverage_command(
    version: Version = None,
    since: Since = None,
    until: Until = None,
    min_share: Annotated[float, typer.Option("--min-share", help="A tag covers a topic when this share of its comments carry it.")] = 0.5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the readable summary.")] = False,
) -> None:
    """Which topics the taxonomy's tags cover, and suggested new categories."""
    try:
        from voc_engine.runtime import cli_runtime
        from voc_engine.topics.service import store_coverage

        coverage = store_coverage(cli_runtime().store, version, _filters(since, until), root=_root(),
                                  min_share=min_share)
        if as_json:
            _write_json(coverage.to_dict(), None)
        else:
            typer.echo(coverage.summary())
    except VocError as exc:
        fail(exc)


@topics_app.command("versions")
def versions_command(
    activate: Annotated[Optional[str], typer.Option("--activate", help="Make this version the active one.")] = None,
) -> None:
    """List saved topic model versions (or pick the active one)."""
    try:
        from voc_engine.topics.versions import activate_version, list_versions

        if activate:
            activate_version(activate, _root())
        rows = list_versions(_root())
        if not rows:
            typer.echo("no topic model saved yet: run `voc topics fit`")
        for row in rows:
            mark = "*" if row["active"] else " "
            typer.echo(f"{mark} {row['version']}  {row['n_topics']} topics, {row['n_documents']} comments, "
                       f"fitted {row['fitted_at']}")
    except VocError as exc:
        fail(exc)


@topics_app.command("assign")
def assign_command(version: Version = None, since: Since = None, until: Until = None,
                   engine: Engine = "local", address: Address = None, actors: Actors = None,
                   cpus_per_actor: CpusPerActor = 1.0, batch_rows: BatchRows = 2000) -> None:
    """Assign stored comments that arrived after the fit to the model's topics (batch)."""
    try:
        from voc_engine.cluster.cli import cluster_options
        from voc_engine.runtime import cli_runtime
        from voc_engine.topics.service import assign_store_comments
        from voc_engine.topics.versions import load_version, stored_assignments, version_dir

        options = cluster_options(engine, address, actors, cpus_per_actor, batch_rows)
        runtime = cli_runtime()
        store = runtime.store
        path = version_dir(version, _root())
        before = len(stored_assignments(path))
        frame = store.read_frame(_filters(since, until))
        modeler = load_version(path.name, path.parent)
        if options is None:
            assign_store_comments(store, modeler, path, frame["id"].astype(str).tolist(), frame["tags"].tolist())
        else:
            from voc_engine.cluster.topics import assign_store_topics

            assign_store_topics(runtime, modeler, path, frame["id"].astype(str).tolist(), frame["tags"].tolist(),
                                options=options)
        typer.echo(f"{len(stored_assignments(path)) - before} comments newly assigned to model {path.name}")
    except VocError as exc:
        fail(exc)
