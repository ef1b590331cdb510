"""``voc spc``: control charts from your own aggregates (--input) or from the store.

Standalone contract::

    voc spc --input PATH --chart p|laney-p|u|xmr [--period-col C] [--count-col C]
            [--size-col C] [--value-col C] [--baseline N] [--rules western-electric|nelson]
            --output chart.json [--png chart.png] [--svg chart.svg]

Store mode (``--metric ... --by ... --period ... [--since T] [--until T]`` without ``--input``) charts
comment-level rows through :func:`voc_engine.spc.monitor.charts_for_comments`.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from voc_engine.errors import ConfigError, InvalidArgumentError, VocError
from voc_engine.exits import cli_errors
from voc_engine.times import cli_time

STORE_MISSING = (
    "store mode needs the feedback store (voc_engine.store), which this installation lacks; "
    "chart your own aggregates with --input PATH --chart ..."
)


class StoreUnavailableError(ConfigError):
    """Store mode was asked for but no comment store can be read."""


def spc_command(
    input: Annotated[Path | None, typer.Option("--input", help="CSV, Parquet or JSONL of per-period aggregates (standalone mode).")] = None,
    chart: Annotated[str | None, typer.Option("--chart", help="p | laney-p | u | laney-u | c | xmr | xbar-s (store mode: the metric's default).")] = None,
    period_col: Annotated[str | None, typer.Option("--period-col", help="Period label column (default: 'period' if present, else row numbers).")] = None,
    count_col: Annotated[str, typer.Option("--count-col", help="p/laney-p: nonconforming units; u: events.")] = "count",
    size_col: Annotated[str, typer.Option("--size-col", help="p/laney-p: sample size; u: units.")] = "size",
    value_col: Annotated[str, typer.Option("--value-col", help="xmr: the individual value; xbar-s: one respondent's value.")] = "value",
    baseline: Annotated[int | None, typer.Option("--baseline", help="Phase I limits from the first N periods (default: all).")] = None,
    exclude: Annotated[str | None, typer.Option("--exclude", help="Comma-separated baseline periods with an assignable cause, kept out of the limits.")] = None,
    drop_out_of_control: Annotated[bool, typer.Option("--drop-out-of-control", help="Revise Phase I limits by dropping baseline points beyond them.")] = False,
    rules: Annotated[str, typer.Option("--rules", help="western-electric | nelson | comma-separated rule names (e.g. nelson-1,nelson-2).")] = "nelson",
    output: Annotated[Path | None, typer.Option("--output", help="Write the chart JSON here (default: stdout).")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also draw the chart as PNG; with --by, one picture per group named NAME-<group>.png.")] = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also draw the chart as SVG.")] = None,
    metric: Annotated[str | None, typer.Option("--metric", help="Store mode: negative_rate | detractor_rate | nps_index | csat_mean | tag_rate | volume.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Store mode: touchpoint | channel | segment | tag.")] = None,
    period: Annotated[str, typer.Option("--period", help="Store mode: day | week | month.")] = "week",
    tz: Annotated[str | None, typer.Option("--tz", help="Store mode: time zone of the periods (default: VOC_BUSINESS_TIMEZONE).")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Store mode, tag_rate: the tag to chart.")] = None,
    since: Annotated[datetime | None, typer.Option("--since", parser=cli_time, help="Store mode: comments created at or after (ISO-8601, UTC if no zone).")] = None,
    until: Annotated[datetime | None, typer.Option("--until", parser=cli_time, help="Store mode: comments created before this.")] = None,
) -> None:
    """Control charts with run rules: p, Laney p', u, XmR, X-bar/S."""
    excluded = [part.strip() for part in exclude.split(",") if part.strip()] if exclude else []
    with cli_errors():
        if input is not None:
            results, document = _standalone(
                input, chart, period_col, count_col, size_col, value_col, baseline, excluded, drop_out_of_control, rules
            )
        else:
            results, document = _store_mode(
                metric, by, period, tz, tag, chart, baseline, excluded, drop_out_of_control, rules, since, until
            )
        _write_outputs(results, document, output, png, svg)


def _standalone(
    path: Path,
    chart: str | None,
    period_col: str | None,
    count_col: str,
    size_col: str,
    value_col: str,
    baseline: int | None,
    exclude: list[str],
    drop_out_of_control: bool,
    rules: str,
) -> tuple[list[Any], dict[str, Any]]:
    from voc_engine.exits import report_bad_rows
    from voc_engine.io import read_table
    from voc_engine.spc.aggregates import aggregates_to_series
    from voc_engine.spc.charts import make_chart

    if chart is None:
        raise InvalidArgumentError("--chart is required with --input (p, laney-p, u, laney-u, c, xmr or xbar-s)")
    bad_rows: list = []
    table = read_table(path, bad_rows)
    report_bad_rows(bad_rows, path)
    if period_col is None and "period" in table.columns:
        period_col = "period"
    series = aggregates_to_series(table, chart, period_col, count_col, size_col, value_col)
    result = make_chart(chart, rules).fit(
        series, baseline=baseline, exclude=exclude, drop_out_of_control=drop_out_of_control
    ).evaluate(series)
    return [result], result.to_dict()


def _store_mode(
    metric: str | None,
    by: str | None,
    period: str,
    tz: str | None,
    tag: str | None,
    chart: str | None,
    baseline: int | None,
    exclude: list[str],
    drop_out_of_control: bool,
    rules: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[Any], dict[str, Any]]:
    from voc_engine.periods import business_timezone
    from voc_engine.runtime import cli_runtime
    from voc_engine.spc.monitor import charts_for_comments

    if metric is None:
        raise InvalidArgumentError("give --input PATH (standalone mode) or --metric (store mode)")
    tz = tz or business_timezone(cli_runtime().settings)
    comments = load_store_comments(metric=metric, by=by, period=period, tz=tz, since=since, until=until)
    if comments.empty:
        if since or until:
            raise VocError("no stored comments in that time range")
        raise VocError("the feedback store holds no comments to chart yet (ingest some first)")
    results = charts_for_comments(
        comments, metric, by=by, period=period, tz=tz, tag=tag, chart=chart, rules=rules,  # type: ignore[arg-type]
        baseline=baseline, exclude=exclude, drop_out_of_control=drop_out_of_control,
    )
    return list(results), results.to_dict()


def load_store_comments(
    metric: str, by: str | None, period: str, tz: str, since: datetime | None = None, until: datetime | None = None
):  # -> pd.DataFrame
    """Comment-level rows for store mode: the one place store mode touches the store.

    Everything after it (``period_series``, the charts) is the code the
    standalone tests exercise; metric, by, period and tz are passed so that a
    later version can push the aggregation into SQL.
    """
    try:
        from voc_engine.store.filters import CommentFilter
    except ImportError as exc:  # a build without the store
        raise StoreUnavailableError(STORE_MISSING) from exc
    from voc_engine.runtime import cli_runtime

    return cli_runtime().store.read_frame(CommentFilter(since=since, until=until))


def _write_outputs(
    results: list[Any], document: dict[str, Any], output: Path | None, png: Path | None, svg: Path | None
) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        for result in results:
            typer.echo(result.summary())
    pictures = [path for path in (png, svg) if path is not None]
    if pictures:
        from voc_engine.spc.plot import save_chart

        for path in pictures:
            written = [save_chart(result, _picture_path(path, result, several=len(results) > 1)) for result in results]
            if len(written) > 1:
                typer.echo(
                    f"wrote {len(written)} pictures, one per group, named {path.stem}-<group>{path.suffix}: "
                    + ", ".join(p.name for p in written[:5]) + (", …" if len(written) > 5 else ""),
                    err=True,
                )
            else:
                typer.echo(f"wrote {written[0]}", err=True)


def _picture_path(path: Path, result: Any, several: bool) -> Path:
    """One picture per chart in store mode: ``chart.png`` -> ``chart-checkout.png``."""
    if not several or not result.key:
        return path
    suffix = "-".join(str(value) for value in result.key.values())
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in suffix)
    return path.with_name(f"{path.stem}-{safe}{path.suffix}")
