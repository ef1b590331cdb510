"""``voc cases`` and ``voc alerts``: thin shells over the alerting library."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import List, Optional

import typer

from voc_engine.exits import cli_errors, read_argument_file
from voc_engine.times import cli_time

cases_app = typer.Typer(
    help="Cases opened by alerts: close-the-loop report, listing, users and teams.", no_args_is_help=True
)
users_app = typer.Typer(
    help="People who work cases (agent | lead): the case-side names of `voc users` and `voc keys`, kept for scripts.",
    no_args_is_help=True,
)
cases_app.add_typer(users_app, name="users")
alerts_app = typer.Typer(help="Alert rules, routing, dry runs and webhook delivery.", no_args_is_help=True)
rules_app = typer.Typer(help="The active alert rules.", no_args_is_help=True)
routing_app = typer.Typer(help="The active routing (teams, webhooks, routes, SLAs).", no_args_is_help=True)
flags_app = typer.Typer(
    help="The flag configuration: phrase rules, severity and model use per flag.", no_args_is_help=True
)
alerts_app.add_typer(rules_app, name="rules")
alerts_app.add_typer(routing_app, name="routing")
alerts_app.add_typer(flags_app, name="flags")


def _store():
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        return cli_runtime().store


def _pipeline():
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        return cli_runtime().pipeline


def _print_json(data) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


# --------------------------------------------------------------------------- voc cases
@cases_app.command("report")
def report_command(
    since: Optional[datetime] = typer.Option(
        None, "--since", parser=cli_time, help="Cases opened at or after (ISO-8601, UTC if no zone)."
    ),
    until: Optional[datetime] = typer.Option(None, "--until", parser=cli_time, help="Cases opened before."),
    team: Optional[str] = typer.Option(None, "--team"),
    as_user: Optional[str] = typer.Option(
        None, "--as", help="As this case user: a team lead gets their team's report, an agent none (default: as an admin)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON the API returns."),
) -> None:
    """Close-the-loop metrics by team and week: first response, time to close, % in SLA, loop closed."""
    from voc_engine.alerting.report import close_the_loop_report

    with cli_errors():
        store = _store()
        viewer = _viewer(store, as_user) if as_user else None
        result = close_the_loop_report(store, since, until, team, viewer=viewer)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else result.summary())


@cases_app.command("list")
def list_command(
    state: Optional[List[str]] = typer.Option(None, "--state"),
    team: Optional[List[str]] = typer.Option(None, "--team"),
    severity: Optional[List[str]] = typer.Option(None, "--severity"),
    breached: Optional[bool] = typer.Option(None, "--breached/--within-sla"),
    limit: int = typer.Option(50, "--limit", min=1, max=500),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Cases (every team: the CLI acts as an admin), newest first."""
    from voc_engine.alerting.cases import CaseFilter, CaseService
    from voc_engine.alerting.users import Viewer

    filters = CaseFilter(state=state or None, team=team or None, severity=severity or None, breached=breached)
    with cli_errors():
        page = CaseService(_store()).list_cases(Viewer.system("cli"), filters, limit)
    if as_json:
        _print_json(page.to_dict())
        return
    for case in page.items:
        flag = " BREACHED" if case["breached"] else ""
        typer.echo(
            f"#{case['id']}\t{case['severity']}\t{case['state']}\t{case['team']}\t{case['owner'] or '-'}\t"
            f"due {case['due_at'][:16]}{flag}\t{case['title']}"
        )


def _viewer(store, as_user: str | None):
    """The CLI works cases as an admin, or as a named case user (`--as NAME`)."""
    from voc_engine.alerting.users import Viewer, get_user

    return Viewer.of_user(get_user(store, as_user)) if as_user else Viewer.system("cli")


def _work_case(action, as_json: bool) -> None:
    """Run one case action and print the case (the API's JSON with --json)."""
    with cli_errors():
        case = action()
    if as_json:
        _print_json(case)
        return
    owner = case.get("owner") or "unassigned"
    typer.echo(f"#{case['id']} {case['severity']} {case['state']} — team {case['team']}, {owner}: {case['title']}")
    for event in case.get("history", [])[-5:]:
        typer.echo(f"  {event.get('at', '')[:16]}  {event.get('kind', '')}  {event.get('actor', '')}")


_AS_USER = typer.Option(None, "--as", help="Act as this case user (default: as an admin).")
_JSON = typer.Option(False, "--json", help="Print the JSON the API returns.")


@cases_app.command("show")
def show_command(case_id: int = typer.Argument(...), as_user: Optional[str] = _AS_USER, as_json: bool = _JSON) -> None:
    """One case with its alerts, notes and history."""
    from voc_engine.alerting.cases import CaseService

    store = _store()
    _work_case(lambda: CaseService(store).get_case(_viewer(store, as_user), case_id), as_json)


@cases_app.command("assign")
def assign_command(
    case_id: int = typer.Argument(...),
    to: Optional[str] = typer.Option(..., "--to", help="The user to assign to; '-' unassigns."),
    as_user: Optional[str] = _AS_USER,
    as_json: bool = _JSON,
) -> None:
    """Assign a case to a user of its team (or unassign it)."""
    from voc_engine.alerting.cases import CasePatch, CaseService

    store = _store()
    owner = None if to == "-" else to
    _work_case(lambda: CaseService(store).update_case(_viewer(store, as_user), case_id, CasePatch(owner=owner)), as_json)


@cases_app.command("claim")
def claim_command(
    case_id: int = typer.Argument(...),
    as_user: str = typer.Option(..., "--as", help="The agent taking the case."),
    as_json: bool = _JSON,
) -> None:
    """Take an unassigned case of your team."""
    from voc_engine.alerting.cases import CaseService

    store = _store()
    _work_case(lambda: CaseService(store).claim(_viewer(store, as_user), case_id), as_json)


@cases_app.command("note")
def note_command(
    case_id: int = typer.Argument(...),
    body: str = typer.Argument(..., help="The note's text."),
    as_user: Optional[str] = _AS_USER,
    as_json: bool = _JSON,
) -> None:
    """Add a note to a case."""
    from voc_engine.alerting.cases import CasePatch, CaseService

    store = _store()
    _work_case(lambda: CaseService(store).update_case(_viewer(store, as_user), case_id, CasePatch(note=body)), as_json)


@cases_app.command("transition")
def transition_command(
    case_id: int = typer.Argument(...),
    state: str = typer.Argument(..., help="in_progress, resolved, reopened, …"),
    resolution_code: Optional[str] = typer.Option(None, "--resolution-code", help="Needed to resolve."),
    note: Optional[str] = typer.Option(None, "--note"),
    as_user: Optional[str] = _AS_USER,
    as_json: bool = _JSON,
) -> None:
    """Move a case to another state (one transition)."""
    from voc_engine.alerting.cases import CasePatch, CaseService

    store = _store()
    patch = CasePatch(state=state, resolution_code=resolution_code, note=note)
    _work_case(lambda: CaseService(store).update_case(_viewer(store, as_user), case_id, patch), as_json)


@cases_app.command("close")
def close_command(
    case_id: int = typer.Argument(...),
    outcome: str = typer.Option(..., "--outcome", help="The close-the-loop outcome, e.g. customer_contacted."),
    note: Optional[str] = typer.Option(None, "--note"),
    as_user: Optional[str] = _AS_USER,
    as_json: bool = _JSON,
) -> None:
    """Close a resolved case with its close-the-loop outcome."""
    from voc_engine.alerting.cases import CasePatch, CaseService

    store = _store()
    patch = CasePatch(state="closed", outcome=outcome, note=note)
    _work_case(lambda: CaseService(store).update_case(_viewer(store, as_user), case_id, patch), as_json)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(...),
    team: str = typer.Option(..., "--team"),
    lead: bool = typer.Option(False, "--lead", help="A team lead sees every case of the team."),
) -> None:
    """Add a user to a team (round-robin assignment picks active agents)."""
    from voc_engine.alerting.users import create_user

    with cli_errors():
        user = create_user(_store(), name, team, "lead" if lead else "agent")
    typer.echo(f"added {user.name} ({user.team_role}, team {user.team})", err=True)


@users_app.command("set")
def users_set(
    name: str = typer.Argument(...),
    team: Optional[str] = typer.Option(None, "--team"),
    team_role: Optional[str] = typer.Option(None, "--role", help="agent | lead"),
    active: Optional[bool] = typer.Option(None, "--active/--inactive"),
) -> None:
    """Change a user's team, team role or active flag."""
    from voc_engine.alerting.users import update_user

    with cli_errors():
        user = update_user(_store(), name, team=team, team_role=team_role, active=active)
    typer.echo(json.dumps(user.to_dict()))


@users_app.command("list")
def users_list() -> None:
    from voc_engine.alerting.users import list_users

    for user in list_users(_store(), kind="person"):
        if user.role not in ("agent", "lead"):
            continue
        typer.echo(f"{user.name}\t{user.team or '-'}\t{user.team_role}\t{'active' if user.active else 'inactive'}")


@users_app.command("key")
def users_key(
    name: str = typer.Argument(...),
    role: Optional[str] = typer.Option(None, "--role", help="Must be the user's role when given."),
) -> None:
    """Create an API key of the user (`voc keys create --user NAME`) and print it once, alone on stdout."""
    from voc_engine.alerting.users import create_user_key

    with cli_errors():
        key, info = create_user_key(_store(), name, role)
    typer.echo(key)
    typer.echo(f"created key {info.id} ({info.prefix}, role {info.role}) for {name}", err=True)


@users_app.command("link")
def users_link(name: str = typer.Argument(...), key_id: int = typer.Option(..., "--key-id")) -> None:
    """Let an existing API key (id from `voc keys list`) act for the user."""
    from voc_engine.alerting.users import link_api_key

    with cli_errors():
        link_api_key(_store(), name, key_id)
    typer.echo(f"key {key_id} now acts for {name}", err=True)


# --------------------------------------------------------------------------- voc alerts
@alerts_app.command("deliver")
def deliver_command(
    once: bool = typer.Option(False, "--once", help="Send what is due now and exit (default: keep running)."),
    retry_dead: bool = typer.Option(False, "--retry-dead", help="First give dead notifications a new series."),
) -> None:
    """Deliver webhook notifications from the outbox (at least once, signed, with retries)."""
    import signal
    import threading

    from voc_engine.alerting.notify import DeliveryWorker, deliver_pending
    from voc_engine.alerting.outbox import outbox_counts, requeue_dead

    store = _store()
    if retry_dead:
        typer.echo(f"requeued {requeue_dead(store)} dead notifications", err=True)
    if once:
        result = deliver_pending(store)
        typer.echo(json.dumps({**result.to_dict(), "outbox": outbox_counts(store)}))
        return
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    pending = outbox_counts(store)["pending"]
    typer.echo(
        f"delivering webhook notifications ({pending} pending), and new ones as cases change; "
        "Ctrl-C stops (--once sends what is due and exits)",
        err=True,
    )
    with DeliveryWorker(store) as worker:
        stop.wait()
    typer.echo(json.dumps(worker.totals.to_dict()), err=True)


@alerts_app.command("test-rules")
def test_rules_command(
    rules_file: Optional[Path] = typer.Option(None, "--rules", help="A rule file (default: the active rules)."),
    since: Optional[datetime] = typer.Option(
        None, "--since", parser=cli_time, help="Comments created at or after (ISO-8601, UTC if no zone)."
    ),
    until: Optional[datetime] = typer.Option(None, "--until", parser=cli_time, help="Comments created before."),
    examples: int = typer.Option(3, "--examples", min=0, help="Examples per rule."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Dry run: how many alerts and cases the rules would have opened over stored comments."""
    from voc_engine.alerting.dryrun import dry_run
    from voc_engine.alerting.rules import load_rules

    with cli_errors():
        rules = load_rules(rules_file) if rules_file else None
        result = dry_run(_store(), rules, since, until, examples)
    typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else result.summary())


def _show(kind: str) -> None:
    from voc_engine.alerting.config import current_version

    with cli_errors():
        version = current_version(_store(), kind)
    if kind in ("rules", "flags") and version.text is not None:
        typer.echo(f"# version: {version.version or 'default'}")
        typer.echo(version.text.rstrip())
    else:
        _print_json(version.to_dict())


def _set(kind: str, path: Path) -> None:
    from voc_engine.alerting.config import save_flags, save_routing, save_rules

    save = {"rules": save_rules, "routing": save_routing, "flags": save_flags}[kind]
    with cli_errors():
        text = read_argument_file(path)
        saved = save(_store(), text, "cli")
    typer.echo(f"saved {kind} version {saved.version}", err=True)


@rules_app.command("show")
def rules_show() -> None:
    """Print the active rules (YAML)."""
    _show("rules")


@rules_app.command("set")
def rules_set(path: Path = typer.Argument(..., help="A rule file (YAML).")) -> None:
    """Validate a rule file and make it the active rule set."""
    _set("rules", path)


@routing_app.command("show")
def routing_show() -> None:
    """Print the active routing (literal secrets masked)."""
    _show("routing")


@routing_app.command("set")
def routing_set(path: Path = typer.Argument(..., help="A routing file (YAML).")) -> None:
    """Validate a routing file and make it the active routing."""
    _set("routing", path)


@flags_app.command("show")
def flags_show() -> None:
    """Print the active flag configuration (YAML; the shipped default until one is saved)."""
    _show("flags")


@flags_app.command("set")
def flags_set(path: Path = typer.Argument(..., help="A flag configuration (YAML, like voc_engine/resources/flags.yaml).")) -> None:
    """Validate a flag configuration and make it the active one: the next scored comment uses it."""
    _set("flags", path)


@flags_app.command("test")
def flags_test(
    path: Path = typer.Argument(..., help="The flag configuration to try (YAML)."),
    since: Optional[datetime] = typer.Option(
        None, "--since", parser=cli_time, help="Comments created at or after (ISO-8601, UTC if no zone)."
    ),
    until: Optional[datetime] = typer.Option(None, "--until", parser=cli_time, help="Comments created before."),
    examples: int = typer.Option(3, "--examples", min=0, help="Examples per flag, gained and lost."),
    limit: int = typer.Option(5000, "--limit", min=1, help="Read at most this many comments, newest first."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Dry run: which stored comments would gain or lose each flag under this configuration."""
    from voc_engine.alerting.flagtest import dry_run_flags

    with cli_errors():
        text = read_argument_file(path)
        result = dry_run_flags(_store(), text, since, until, examples, limit, _pipeline())
    typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else result.summary())


@alerts_app.command("outbox")
def outbox_command(limit: int = typer.Option(20, "--limit", min=1, max=500)) -> None:
    """Notifications by status and the latest delivery attempts."""
    from voc_engine.alerting.outbox import delivery_log, outbox_counts

    store = _store()
    _print_json({"counts": outbox_counts(store), "deliveries": delivery_log(store, limit)})
