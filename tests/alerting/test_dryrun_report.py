"""Dry run over stored comments and the close-the-loop report, against counts worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alerting_helpers import comment, ingest

from voc_engine.alerting.dryrun import dry_run
from voc_engine.alerting.models import Case
from voc_engine.alerting.report import close_the_loop_report

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def at(days: float) -> str:
    return (T0 + timedelta(days=days)).isoformat()


@pytest.fixture
def history(store):
    """Eight old comments (too old to raise alerts at ingest; a dry run replays them)."""
    ingest(
        store,
        comment("Terrible [neg -0.9]", customer="A", created_at=at(0)),
        comment("Still terrible [neg -0.9]", customer="A", created_at=at(1)),  # joins A's case (1 day later)
        comment("Terrible again [neg -0.9]", customer="A", created_at=at(10)),  # 10 days later: a new case
        comment("My lawyer will call [neu 0.0] [flag legal_threat]", customer="B", created_at=at(2)),
        comment("Not great [neg -0.5]", customer="C", nps=3, created_at=at(3)),
        comment("Lovely [pos 0.8]", customer="D", nps=10, created_at=at(3)),
        comment("Dreadful [neg -0.85]", customer=None, created_at=at(4)),
        comment("Dreadful [neg -0.85]", customer=None, created_at=at(4.5)),
    )
    assert store.count_comments() == 8
    return store


def test_dry_run_of_the_default_rules(history):
    result = dry_run(history)
    assert result.comments == 8
    # very_negative: A x3, two without customer -> 5; critical_flag: B; detractor_negative: C
    assert result.matches == {"critical_flag": 1, "detractor_negative": 1, "very_negative": 5}
    assert result.alerts == 7
    # A: 2 cases (the 10-day gap exceeds the 168 h window), B 1, C 1, no customer 2
    assert result.cases == 6
    assert result.cases_by_rule == {"critical_flag": 1, "detractor_negative": 1, "very_negative": 4}
    assert result.cases_by_severity == {"low": 0, "medium": 4, "high": 1, "critical": 1}
    assert result.cases_by_team == {"risk": 1, "customer_care": 5}
    assert {e["rule"] for e in result.examples} == {"critical_flag", "detractor_negative", "very_negative"}
    assert len([e for e in result.examples if e["rule"] == "very_negative"]) == 3
    assert "6 cases" in result.summary() and list(result.to_frame()["cases_opened"]) == [1, 1, 4]
    assert history.count_comments() == 8  # nothing written: no cases at all
    with history.read_session() as session:
        assert session.query(Case).count() == 0


def test_dry_run_of_a_candidate_rule_set_in_a_period(history):
    candidate = {
        "dedup_window_hours": 480,
        "rules": [{"id": "negative", "severity": "low", "when": {"sentiment": {"label": "negative"}}}],
    }
    result = dry_run(history, candidate, since=T0, until=T0 + timedelta(days=4))
    # in [day 0, day 4): A, A, B(neutral), C, D -> negative: A, A, C; a 20-day window joins A's second comment
    assert result.comments == 5 and result.matches == {"negative": 3} and result.cases == 2
    result = dry_run(history, candidate)
    assert result.cases == 4  # A (all three joined), C, two without customer


def make_case(store, comment_id: str, team: str, opened: datetime, *, response_h=None, close_h=None, outcome=None):
    state = "closed" if close_h is not None else ("in_progress" if response_h is not None else "new")
    with store.write_session() as session, session.begin():
        session.add(
            Case(
                rule_id="r",
                title="t",
                severity="high",
                state=state,
                team=team,
                comment_id=comment_id,
                opened_at=opened,
                updated_at=opened,
                last_alert_at=opened,
                first_response_at=opened + timedelta(hours=response_h) if response_h is not None else None,
                closed_at=opened + timedelta(hours=close_h) if close_h is not None else None,
                response_due_at=opened + timedelta(hours=4),
                due_at=opened + timedelta(hours=24),
                outcome=outcome,
                alert_count=1,
                reopened_count=0,
            )
        )


def test_close_the_loop_report_by_team_and_week(store):
    ids = ingest(store, *(comment("x", created_at=at(-100)) for _ in range(5)))
    utc = timezone.utc
    make_case(
        store,
        ids[0],
        "team_a",
        datetime(2026, 3, 2, 9, tzinfo=utc),
        response_h=1,
        close_h=10,
        outcome="customer_contacted",
    )
    make_case(
        store,
        ids[1],
        "team_a",
        datetime(2026, 3, 3, 12, tzinfo=utc),
        response_h=2,
        close_h=30,
        outcome="could_not_reach",
    )
    make_case(store, ids[2], "team_a", datetime(2026, 3, 4, 8, tzinfo=utc), response_h=6)
    make_case(store, ids[3], "team_a", datetime(2026, 3, 9, 0, 30, tzinfo=utc))
    # Sunday 23:30 UTC is Monday 00:30 in Berlin (UTC+1 in March): a different week there
    make_case(
        store,
        ids[4],
        "team_b",
        datetime(2026, 3, 8, 23, 30, tzinfo=utc),
        response_h=0.5,
        close_h=4,
        outcome="customer_contacted",
    )

    report = close_the_loop_report(store, timezone="UTC")
    rows = {(r["team"], r["week"]): r for r in report.rows}
    assert list(rows) == [("team_a", "2026-W10"), ("team_a", "2026-W11"), ("team_b", "2026-W10")]
    a1 = rows[("team_a", "2026-W10")]
    # first responses 1, 2, 6 h: median 2, mean 3; closes 10 and 30 h: median 20; 10 <= 24 but 30 > 24: 50 %
    assert (a1["opened"], a1["responded"], a1["closed"]) == (3, 3, 2)
    assert (a1["median_first_response_hours"], a1["mean_first_response_hours"]) == (2.0, 3.0)
    assert (a1["median_time_to_close_hours"], a1["mean_time_to_close_hours"]) == (20.0, 20.0)
    assert a1["closed_within_sla_pct"] == 50.0
    assert (a1["contacted"], a1["closed_loop_rate_pct"]) == (1, 33.33)
    assert a1["breached"] == 2  # closed late; open past its due time (and answered after 6 h > 4 h)
    a2 = rows[("team_a", "2026-W11")]
    assert (a2["opened"], a2["responded"], a2["median_first_response_hours"], a2["closed"]) == (1, 0, None, 0)
    assert (a2["closed_within_sla_pct"], a2["closed_loop_rate_pct"], a2["breached"]) == (None, 0.0, 1)
    b = rows[("team_b", "2026-W10")]
    assert (b["median_first_response_hours"], b["median_time_to_close_hours"], b["closed_within_sla_pct"]) == (
        0.5,
        4.0,
        100.0,
    )
    assert (b["closed_loop_rate_pct"], b["breached"]) == (100.0, 0)
    total_a = next(t for t in report.totals if t["team"] == "team_a")
    assert (total_a["opened"], total_a["closed_loop_rate_pct"], total_a["breached"]) == (4, 25.0, 3)

    berlin = close_the_loop_report(store, timezone="Europe/Berlin")
    assert [(r["team"], r["week"]) for r in berlin.rows if r["team"] == "team_b"] == [("team_b", "2026-W11")]
    assert close_the_loop_report(store, team="team_b").to_frame()["opened"].tolist() == [1]
    assert close_the_loop_report(store, since=datetime(2026, 3, 9, tzinfo=utc)).to_frame()["opened"].tolist() == [1]
    assert "team_a" in report.summary() and report.to_dict()["rows"] == report.rows
