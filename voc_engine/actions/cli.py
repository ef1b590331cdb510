"""``voc actions``: keep action plans — create (or from a driver), list, show, update, note,
evaluate, and send the due/overdue reminders. The CLI acts with full access, as `system:cli`."""

from __future__ import annotations

import datetime as dt
import json
from typing import List, Optional

import typer

from voc_engine.exits import cli_errors

actions_app = typer.Typer(
    help="Action plans with owners, deadlines and ROI: create, list, show, update, note, evaluate, remind.",
    no_args_is_help=True,
)
CLI_VIEWER_ACTOR = "system:cli"


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


def _scope(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    scope = {}
    for item in values:
        column, sep, value = item.partition("=")
        if not sep or not column or not value:
            raise typer.BadParameter(f"--scope takes COLUMN=VALUE, got {item!r}")
        scope[column] = value
    return scope


def _context():
    from voc_engine.actions.service import ActionService, PlanViewer
    from voc_engine.runtime import cli_runtime

    store = cli_runtime().store
    return store, ActionService(store), PlanViewer.system(CLI_VIEWER_ACTOR)


def _print_plan(plan: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(plan, indent=2, ensure_ascii=False))
        return
    state = plan["status"] + (" (OVERDUE)" if plan["overdue"] else "")
    lift = f", expected lift {plan['expected_lift']:+g}" if plan["expected_lift"] is not None else ""
    typer.echo(f"#{plan['id']} {plan['title']} [{state}]")
    typer.echo(f"  {plan['target_kind']} {plan['target']!r}, KPI {plan['kpi']}{lift}")
    typer.echo(f"  owner {plan['owner'] or '-'}, team {plan['team'] or '-'}, deadline {plan['deadline']}, "
               f"investment {plan['investment']:,.0f}")
    if plan.get("description"):
        typer.echo(f"  {plan['description']}")
    for event in plan.get("history", []):
        detail = ", ".join(f"{k}: {v[0]} -> {v[1]}" for k, v in (event["details"] or {}).items()
                           if isinstance(v, list) and len(v) == 2)
        text = " ".join(part for part in (detail, event["note"] or "") if part)
        typer.echo(f"  {event['at'][:16]} {event['actor']}: {event['kind']}{' — ' + text if text else ''}")


@actions_app.command("create")
def create_command(
    title: Optional[str] = typer.Option(None, "--title", help="Default with --from-driver: 'Fix DRIVER'."),
    target: Optional[str] = typer.Option(None, "--target", help="A tag, a topic label or a touchpoint."),
    target_kind: str = typer.Option("driver", "--kind", help="driver | topic | touchpoint"),
    from_driver: Optional[str] = typer.Option(
        None, "--from-driver", help="Take target and expected lift from this driver's row of `voc drivers`."),
    deadline: str = typer.Option(..., "--deadline", help="YYYY-MM-DD"),
    owner: Optional[str] = typer.Option(None, "--owner", help="A user name (`voc cases users add`)."),
    team: Optional[str] = typer.Option(None, "--team", help="Default: the owner's team."),
    investment: float = typer.Option(0.0, "--investment", min=0),
    expected_lift: Optional[float] = typer.Option(None, "--expected-lift", help="In KPI units."),
    kpi: str = typer.Option("nps_index", "--kpi", help="nps_index | ltr | csat | ces"),
    description: Optional[str] = typer.Option(None, "--description"),
    scope: Optional[List[str]] = typer.Option(None, "--scope", help="COLUMN=VALUE where the action is rolled out."),
    min_mentions: int = typer.Option(30, "--min-mentions", help="With --from-driver: as for `voc drivers`."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Create a plan, or one for a driver of the stored comments' driver analysis (--from-driver)."""
    from voc_engine.actions.service import PlanIn, plan_from_driver
    from voc_engine.errors import InvalidArgumentError, VocError
    day = _date(deadline, "--deadline")
    with cli_errors():
        store, service, viewer = _context()
        if from_driver:
            from voc_engine.drivers.store import analyse_stored_drivers
            from voc_engine.progress import step

            with step("Driver analysis of the stored comments"):
                result = analyse_stored_drivers(store.read_frame(), kpi, min_mentions=min_mentions)
            rows = {r["driver"]: r for r in result.to_dict(details=True)["details"]["actions"]}
            if from_driver not in rows:
                raise VocError(f"{from_driver!r} is not in the action list of `voc drivers` "
                               f"({', '.join(rows) or 'empty'})")
            if rows[from_driver]["evidence"] != "significant":
                typer.secho(f"note: {from_driver!r} has not enough evidence yet (not significant)", err=True)
            plan = plan_from_driver(rows[from_driver], deadline=day, owner=owner, team=team,
                                    investment=investment, kpi=kpi, title=title)
            plan.description, plan.scope = description, _scope(scope)
        else:
            if not title or not target:
                raise InvalidArgumentError("--title and --target are needed (or --from-driver)")
            plan = PlanIn(title=title, target_kind=target_kind, target=target, deadline=day, owner=owner,
                          team=team, investment=investment, expected_lift=expected_lift, description=description,
                          kpi=kpi, scope=_scope(scope))
        _print_plan(service.create_plan(viewer, plan), as_json)


@actions_app.command("list")
def list_command(
    status: Optional[List[str]] = typer.Option(None, "--status"),
    team: Optional[str] = typer.Option(None, "--team"),
    owner: Optional[str] = typer.Option(None, "--owner"),
    due_within: Optional[int] = typer.Option(None, "--due-within", help="Open plans due within N days."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Plans by deadline, soonest first."""
    with cli_errors():
        _, service, viewer = _context()
        plans = service.list_plans(viewer, status=status, team=team, owner=owner, due_within_days=due_within)
    if as_json:
        typer.echo(json.dumps({"actions": plans}, indent=2, ensure_ascii=False))
        return
    if not plans:
        typer.echo("no action plans")
    for plan in plans:
        late = " OVERDUE" if plan["overdue"] else ""
        typer.echo(f"#{plan['id']:<4} {plan['deadline']} {plan['status']:<11}{late} {plan['title']} "
                   f"({plan['target_kind']} {plan['target']}; owner {plan['owner'] or '-'}, team {plan['team'] or '-'})")


@actions_app.command("show")
def show_command(plan_id: int = typer.Argument(...), as_json: bool = typer.Option(False, "--json")) -> None:
    """One plan with its history."""
    with cli_errors():
        _, service, viewer = _context()
        _print_plan(service.get_plan(viewer, plan_id), as_json)


@actions_app.command("update")
def update_command(
    plan_id: int = typer.Argument(...),
    status: Optional[str] = typer.Option(None, "--status", help="planned | in_progress | done | cancelled"),
    completed_on: Optional[str] = typer.Option(None, "--completed-on", help="With --status done (default today)."),
    owner: Optional[str] = typer.Option(None, "--owner"),
    deadline: Optional[str] = typer.Option(None, "--deadline"),
    investment: Optional[float] = typer.Option(None, "--investment", min=0),
    expected_lift: Optional[float] = typer.Option(None, "--expected-lift"),
    title: Optional[str] = typer.Option(None, "--title"),
    note: Optional[str] = typer.Option(None, "--note"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Change a plan's fields or status, with an optional note."""
    from voc_engine.actions.service import PlanPatch
    given = {
        "status": status, "completed_on": _date(completed_on, "--completed-on"), "owner": owner,
        "deadline": _date(deadline, "--deadline"), "investment": investment, "expected_lift": expected_lift,
        "title": title, "note": note,
    }
    with cli_errors():
        _, service, viewer = _context()
        plan = service.update_plan(viewer, plan_id, PlanPatch(**{k: v for k, v in given.items() if v is not None}))
        _print_plan(plan, as_json)


@actions_app.command("note")
def note_command(plan_id: int = typer.Argument(...), body: str = typer.Argument(...)) -> None:
    """Add a note to a plan's history."""
    with cli_errors():
        _, service, viewer = _context()
        service.add_note(viewer, plan_id, body)
    typer.echo(f"note added to plan #{plan_id}")


@actions_app.command("evaluate")
def evaluate_command(
    plan_id: int = typer.Argument(...),
    value_per_point: Optional[float] = typer.Option(
        None, "--value-per-point", help="Value of one KPI point per customer, for value and ROI."),
    washout_days: int = typer.Option(0, "--washout-days", min=0),
    window_days: Optional[int] = typer.Option(None, "--window-days", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON the API returns."),
) -> None:
    """What a done plan returned: before vs after, and against the answers it did not reach."""
    from voc_engine.actions.evaluation import evaluate_plan
    with cli_errors():
        store, _, viewer = _context()
        result = evaluate_plan(store, viewer, plan_id, value_per_point=value_per_point,
                               washout_days=washout_days, window_days=window_days)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else result.summary())


@actions_app.command("remind")
def remind_command(
    within_days: int = typer.Option(7, "--within-days", min=0, help="Plans due within N days, and overdue ones."),
) -> None:
    """Queue due-soon and overdue reminders for the plans' teams (once per deadline); `voc alerts
    deliver` sends them to the teams' webhooks."""
    with cli_errors():
        _, service, _ = _context()
        counts = service.send_reminders(within_days)
    typer.echo(f"{counts['due_soon']} due soon, {counts['overdue']} overdue; "
               f"{counts['messages']} webhook message(s) queued")
