"""The ``voc`` command line: a thin shell over library calls.

Each domain keeps its own command module (``voc_engine/<domain>/cli.py``);
this file only registers them. Heavy imports happen inside the commands so
that ``voc --help`` stays fast.
"""
from __future__ import annotations

import typer

app = typer.Typer(
    name="voc",
    help="voc-engine: Voice-of-Customer text analytics.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)



@app.callback()
def _options(
    ctx: typer.Context,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show library warnings and debug logs on stderr."),
) -> None:
    from voc_engine.progress import configure_cli_logging
    from voc_engine.runtime import Runtime

    configure_cli_logging(verbose)
    # The one runtime of this command (settings read now; store and models opened on first
    # use): every command reaches it through `voc_engine.runtime.cli_runtime()`.
    ctx.obj = Runtime()
    ctx.call_on_close(ctx.obj.close)


# --- domain command registrations (one line each) ---
from voc_engine.nlp.cli import models_app, score_command, train_app  # noqa: E402
app.command("score")(score_command)
app.add_typer(train_app, name="train")
app.add_typer(models_app, name="models")
from voc_engine.demo import demo_command  # noqa: E402
app.command("demo")(demo_command)
from voc_engine.spc.cli import spc_command  # noqa: E402
app.command("spc")(spc_command)
from voc_engine.store.cli import db_app, export_command  # noqa: E402
app.add_typer(db_app, name="db")
app.command("export")(export_command)
from voc_engine.serve import serve_command  # noqa: E402
app.command("serve")(serve_command)
from voc_engine.ingest.cli import ingest_command, reprocess_command  # noqa: E402
app.command("ingest")(ingest_command)
app.command("reprocess")(reprocess_command)
from voc_engine.auth.cli import keys_app, users_app  # noqa: E402
app.add_typer(keys_app, name="keys")
app.add_typer(users_app, name="users")
from voc_engine.drivers.cli import drivers_command  # noqa: E402
app.command("drivers")(drivers_command)
from voc_engine.alerting.cli import alerts_app, cases_app  # noqa: E402
app.add_typer(cases_app, name="cases")
app.add_typer(alerts_app, name="alerts")
from voc_engine.topics.cli import topics_app  # noqa: E402
app.add_typer(topics_app, name="topics")
from voc_engine.actions.cli import actions_app  # noqa: E402
app.add_typer(actions_app, name="actions")
from voc_engine.customers.cli import customers_app  # noqa: E402
app.add_typer(customers_app, name="customers")
from voc_engine.digest.cli import digest_command  # noqa: E402
app.command("digest")(digest_command)
# --- end of registrations ---


def main() -> None:
    app()


if __name__ == "__main__":
    main()
