"""``voc customers``: import CRM data (``import FILE --map …``) and show one customer's profile
(``show ID [--as USER]``). Both print the result in words, or with ``--json`` the shape the API
returns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from voc_engine.exits import cli_errors

customers_app = typer.Typer(help="Customer profiles: import CRM data, show a customer.", no_args_is_help=True)
CLI_ACTOR = "system:cli"


@customers_app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="CSV, TSV, JSONL or Parquet, one row per customer."),
    map_spec: Optional[str] = typer.Option(
        None, "--map", help="FIELD=COLUMN pairs: customer_id, segment, revenue, tenure_months, churned, contract_state "
        "(a field without one is read from a column of its name)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv | tsv | jsonl | parquet (default: from the suffix)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Upsert customers (idempotent; bad rows reported by row and left out) and refit the churn model."""
    with cli_errors():
        from voc_engine.customers.service import CustomerMap, import_customers
        from voc_engine.errors import InputFileError
        from voc_engine.runtime import cli_runtime

        result = import_customers(cli_runtime().store, path, CustomerMap.parse(map_spec), actor=CLI_ACTOR, fmt=fmt)
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else result.summary())
        if result.rows and result.rejected == result.rows:
            raise InputFileError(f"{path}: no row could be imported")


@customers_app.command("show")
def show_command(
    customer_id: str = typer.Argument(..., help="The customer id as your systems know it (or its cu_ pseudonym)."),
    as_user: Optional[str] = typer.Option(None, "--as", help="As this case user (default: as an admin)."),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="Comments per page, newest first."),
    cursor: Optional[str] = typer.Option(None, "--cursor", help="The next_cursor of the previous page."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON (the API's shape)."),
) -> None:
    """One customer: feedback with enrichments, scores per month, cases, segment, value, churn risk."""
    with cli_errors():
        from voc_engine.alerting.users import get_user
        from voc_engine.auth.policy import Principal
        from voc_engine.customers.service import CustomerService
        from voc_engine.runtime import cli_runtime

        store = cli_runtime().store
        viewer = Principal.of_user(get_user(store, as_user)) if as_user else Principal.system(CLI_ACTOR)
        profile = CustomerService(store).profile(viewer, customer_id, limit=limit, cursor=cursor)
        typer.echo(json.dumps(profile.to_dict(), indent=2, ensure_ascii=False) if as_json else profile.summary())
