"""``voc score`` and ``voc train``: thin shells over voc_engine.scoring and voc_engine.nlp.train."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from voc_engine.cluster.cli import Actors, Address, BatchRows, CpusPerActor, Engine
from voc_engine.exits import DATA_ERROR, cli_errors


def score_command(
    input: str = typer.Option(
        ..., "--input",
        help="CSV, JSONL or Parquet file of comments (--engine ray: also a directory, a glob, s3://… URIs)."),
    output: str = typer.Option(
        ..., "--output",
        help="JSONL file: one enriched line per input row (--engine ray: a directory or URI of partitions "
             "and manifest.json)."),
    text_col: str = typer.Option("text", "--text-col"),
    id_col: str = typer.Option("id", "--id-col", help="Falls back to the row number if absent."),
    sentiment_model: Optional[Path] = typer.Option(None, "--sentiment-model", help="Directory written by `voc train sentiment`."),
    tagger_model: Optional[Path] = typer.Option(None, "--tagger-model", help="Directory written by `voc train tagger`."),
    taxonomy: Optional[Path] = typer.Option(
        None, "--taxonomy",
        help="Taxonomy YAML whose phrase rules replace those the tagger carries (default: the tagger's own; "
             "the shipped tagger's is the shipped CX taxonomy)."),
    backend: Optional[str] = typer.Option(None, "--backend", help="Encoder backend: onnx (default) or torch."),
    flags: Optional[Path] = typer.Option(
        None, "--flags",
        help="Flag configuration YAML (phrase rules, severity, model use per flag; default: the shipped "
             "voc_engine/resources/flags.yaml; the store's saved one applies to `voc ingest` and the API)."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    engine: Engine = "local",
    address: Address = None,
    actors: Actors = None,
    cpus_per_actor: CpusPerActor = 1.0,
    batch_rows: BatchRows = 256,
    output_format: str = typer.Option("parquet", "--format", help="--engine ray: parquet or jsonl partitions."),
) -> None:
    """Score comments: sentiment, issue tags with spans, flags and redacted text."""
    from voc_engine.cluster.cli import cluster_options
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.runtime import cli_runtime
    from voc_engine.scoring import ScoringSummary, score_file

    with cli_errors():
        options = cluster_options(engine, address, actors, cpus_per_actor, batch_rows, quiet)
    if options is not None:
        with cli_errors():
            from voc_engine.cluster.score import ModelChoice, score_files
            from voc_engine.nlp.taxonomy import load_flags

            models = ModelChoice(sentiment_model, tagger_model, taxonomy, backend,
                                 load_flags(flags) if flags else None)
            manifest = score_files(cli_runtime().settings, input, output, text_col=text_col, id_col=id_col,
                                   output_format=output_format, models=models, options=options)
        summary = ScoringSummary.from_dict(manifest["summary"])
        if not quiet:
            typer.echo(summary.summary() + f"\nManifest: {output.rstrip('/')}/manifest.json", err=True)
        if summary.rows and summary.unreadable == summary.rows:
            raise typer.Exit(code=DATA_ERROR)
        return
    with cli_errors():
        # Stateless: the shipped flag file or --flags, never the store's configuration.
        pipeline = Pipeline.from_paths(sentiment_model, tagger_model, taxonomy, settings=cli_runtime().settings,
                                       backend=backend, flags=flags)
        summary = score_file(pipeline, Path(input), Path(output), text_col, id_col, show_progress=not quiet)
    if not quiet:
        typer.echo(summary.summary(), err=True)
    if summary.rows and summary.unreadable == summary.rows:
        raise typer.Exit(code=DATA_ERROR)  # not one row of the file could be read


train_app = typer.Typer(help="Train sentiment or tagger heads from a labelled file.", no_args_is_help=True)


def _train(kind: str, data: Path, text_col: str, label_col: str, out: Path | None,
           label_sep: Optional[str], backend: Optional[str], taxonomy: Optional[Path] = None,
           with_corrections: bool = False, id_col: str = "id", dry_run: bool = False) -> None:
    import json

    from voc_engine.nlp.train import train_head, training_rows
    from voc_engine.progress import step

    with cli_errors():
        corrected = _corrected_rows(kind) if with_corrections else None
        if dry_run:
            rows = training_rows(data, text_col, label_col, label_sep, corrected, id_col)
            typer.echo(rows.summary(), err=True)
            typer.echo(json.dumps(rows.to_dict(), indent=2))
            return
        if out is None:
            raise typer.BadParameter("--out is needed (or --dry-run to see the training rows)", param_hint="--out")
        from voc_engine.nlp.pipeline import shipped_encoder

        # New heads share the encoder (with its adapter) the shipped models use.
        encoder = shipped_encoder(backend=backend)
        with step(f"training the {kind} head (encoding the rows, then fitting)"):
            result = train_head(kind, data, text_col, label_col, out, encoder, label_sep=label_sep, taxonomy=taxonomy,
                                corrected=corrected, id_col=id_col)
    typer.echo(result.summary())


def _corrected_rows(kind: str):
    """The store's corrected comments for ``kind`` (`voc_engine.corrections`), as training rows."""
    import getpass

    from voc_engine.auth.policy import Principal
    from voc_engine.corrections.service import CorrectionService
    from voc_engine.nlp.train import CorrectedRow
    from voc_engine.runtime import cli_runtime

    found = CorrectionService(cli_runtime().store).corrected_labels(Principal.system(f"cli:{getpass.getuser()}"), kind)
    return [CorrectedRow(e.comment_id, e.text, tuple(e.labels), e.corrections) for e in found.examples]


WITH_CORRECTIONS = typer.Option(
    False, "--with-corrections",
    help="Add the store's comments that analysts corrected, with their corrected labels; a row of the "
         "file whose --id-col names one of them is replaced by it.")
ID_COL = typer.Option("id", "--id-col", help="The file's comment id column (as `voc export` writes it).")
DRY_RUN = typer.Option(False, "--dry-run", help="Print the training rows' counts (JSON) and train nothing.")
OUT = typer.Option(None, "--out", help="Model directory to write (not needed with --dry-run).")


@train_app.command("sentiment")
def train_sentiment(
    data: Path = typer.Option(..., "--data"), text_col: str = typer.Option(..., "--text-col"),
    label_col: str = typer.Option(..., "--label-col"), out: Optional[Path] = OUT,
    backend: Optional[str] = typer.Option(None, "--backend"),
    with_corrections: bool = WITH_CORRECTIONS, id_col: str = ID_COL, dry_run: bool = DRY_RUN,
) -> None:
    """Train a sentiment head (labels as in the file, e.g. negative/neutral/positive)."""
    _train("sentiment", data, text_col, label_col, out, None, backend, None, with_corrections, id_col, dry_run)


@train_app.command("tagger")
def train_tagger(
    data: Path = typer.Option(..., "--data"), text_col: str = typer.Option(..., "--text-col"),
    label_col: str = typer.Option(..., "--label-col"), out: Optional[Path] = OUT,
    label_sep: Optional[str] = typer.Option(None, "--label-sep", help='e.g. "|" for several labels per row'),
    taxonomy: Optional[Path] = typer.Option(
        None, "--taxonomy",
        help="Taxonomy YAML: descriptions and phrase rules for the labels, kept with the tagger "
             "(categories it is not trained on are left out, with a warning)."),
    backend: Optional[str] = typer.Option(None, "--backend"),
    with_corrections: bool = WITH_CORRECTIONS, id_col: str = ID_COL, dry_run: bool = DRY_RUN,
) -> None:
    """Train an issue tagger (one or several labels per row); it carries its taxonomy."""
    _train("tagger", data, text_col, label_col, out, label_sep, backend, taxonomy, with_corrections, id_col, dry_run)


models_app = typer.Typer(
    help="The sentiment and tagger models this deployment scores with: list, promote, roll back.",
    no_args_is_help=True)


def _registry():
    from voc_engine.nlp.registry import ModelRegistry
    from voc_engine.runtime import cli_runtime

    return ModelRegistry(cli_runtime().settings)


def _show(result, as_json: bool) -> None:
    import json

    typer.echo(json.dumps(result.to_dict()) if as_json else result.summary())


@models_app.command("list")
def models_list(as_json: bool = typer.Option(False, "--json", help="The result as JSON.")) -> None:
    """Shipped and promoted models, the active one of each kind and why, the latest changes."""
    with cli_errors():
        _show(_registry().list(), as_json)


@models_app.command("promote")
def models_promote(
    directory: Path = typer.Argument(..., help="A model directory written by `voc train sentiment|tagger`."),
    as_json: bool = typer.Option(False, "--json", help="The result as JSON."),
) -> None:
    """Make a trained model the one `voc score`, `voc ingest`, `voc serve` and `voc reprocess` use
    (copied under VOC_DATA_DIR; the shipped models/ directory is not touched)."""
    with cli_errors():
        _show(_registry().promote(directory), as_json)


@models_app.command("rollback")
def models_rollback(
    kind: str = typer.Argument(..., help="sentiment or tagger"),
    as_json: bool = typer.Option(False, "--json", help="The result as JSON."),
) -> None:
    """Return a kind to the model active before its last promotion (the shipped one after the first)."""
    with cli_errors():
        _show(_registry().rollback(kind), as_json)
