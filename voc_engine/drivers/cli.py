"""``voc drivers``: driver analysis of a KPI.

Standalone contract::

    voc drivers --input PATH --kpi COL --drivers C1,C2,… [--controls C,…]
                [--kind ols|logit] --output drivers.json [--png matrix.png]

on a table (CSV, JSONL, Parquet) of respondent rows with 0/1 driver columns.
``<driver>:negative`` companion columns, when present, make performance the
share of negative mentions. The JSON is
:meth:`DriverAnalysisResult.to_dict`; the readable summary goes to stdout
(to stderr when the JSON does). Store mode (``--from-store``) is wired by the
store.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from voc_engine.errors import InvalidArgumentError
from voc_engine.exits import cli_errors
from voc_engine.progress import step
from voc_engine.times import cli_time


def _names(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def drivers_command(
    input: Annotated[Path | None, typer.Option("--input", help="CSV, JSONL or Parquet of respondent rows with 0/1 driver columns.")] = None,
    kpi: Annotated[str | None, typer.Option("--kpi", help="KPI column (numeric, or 0/1 / yes-no for a binary KPI).")] = None,
    drivers: Annotated[str | None, typer.Option("--drivers", help="Comma-separated 0/1 driver columns.")] = None,
    controls: Annotated[str | None, typer.Option("--controls", help="Comma-separated categorical controls (fixed effects), e.g. channel,segment.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="ols | logit (default: logit for a 0/1 KPI, else ols).")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the result JSON here (default: stdout).")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also draw the priority matrix (.png or .svg).")] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap resamples for importance intervals (0: none).")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the bootstrap.")] = 0,
    lower_is_better: Annotated[bool, typer.Option("--lower-is-better", help="The KPI improves downwards (effort, detractor flag).")] = False,
    details: Annotated[bool | None, typer.Option("--details/--no-details", help="The 'details' object (warnings, VIFs, relative weights, actions) in the JSON (default: included, as the API returns it).")] = None,
    from_store: Annotated[bool, typer.Option("--from-store", help="Read respondents from the feedback store.")] = False,
    min_mentions: Annotated[int, typer.Option("--min-mentions", min=1, help="Store mode: leave out tags mentioned fewer times (too rare to estimate).")] = 30,
    since: Annotated[datetime | None, typer.Option("--since", parser=cli_time, help="Store mode: only comments from this time on (ISO-8601, UTC if no zone).")] = None,
    until: Annotated[datetime | None, typer.Option("--until", parser=cli_time, help="Store mode: only comments before this time.")] = None,
) -> None:
    """Which drivers move a KPI: effects, LMG importance, impact, priorities."""
    with cli_errors():
        if from_store:
            from voc_engine.customers.service import customer_table
            from voc_engine.drivers.store import analyse_stored_drivers
            from voc_engine.runtime import cli_runtime
            from voc_engine.store.filters import CommentFilter

            store = cli_runtime().store
            filters = CommentFilter(since=since, until=until)
            with step("driver analysis over the store", enabled=bootstrap > 0):
                result = analyse_stored_drivers(store.read_frame(filters), kpi or "nps_index",
                                                min_mentions=min_mentions, controls=_names(controls) or None,
                                                bootstrap=bootstrap, seed=seed, customers=customer_table(store))
            _emit(result, output, png, details)
            return
        if input is None or kpi is None or not drivers:
            raise InvalidArgumentError("give --input PATH --kpi COL --drivers C1,C2,... (or --from-store)")
        if kind is not None and kind not in ("ols", "logit"):
            raise InvalidArgumentError(f"--kind must be ols or logit, got {kind!r}")
        from voc_engine.drivers.analysis import analyse_drivers
        from voc_engine.exits import report_bad_rows
        from voc_engine.io import read_table

        bad_rows: list = []
        table = read_table(input, bad_rows)
        report_bad_rows(bad_rows, input)
        with step("driver analysis", enabled=bootstrap > 0):
            result = analyse_drivers(
                table,
                kpi,
                _names(drivers),
                controls=_names(controls) or None,
                kind=kind,
                bootstrap=bootstrap,
                seed=seed,
                higher_is_better=not lower_is_better,
            )
        _emit(result, output, png, details)


def _emit(result, output: Path | None, png: Path | None, details: bool | None) -> None:
    shape = result.to_dict() if details is None else result.to_dict(details=details)
    document = json.dumps(shape, indent=2, ensure_ascii=False)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document + "\n", encoding="utf-8")
        typer.echo(result.summary())
    else:
        typer.echo(document)
        typer.echo(result.summary(), err=True)
    if png is not None:
        result.plot(png)
