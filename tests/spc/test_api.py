"""GET /v1/spc/charts and /v1/spc/signals over a comments provider (no database needed)."""
from __future__ import annotations

import re
import pandas as pd
import pytest

pytest.importorskip("voc_engine.store.repository")
from fastapi.testclient import TestClient  # noqa: E402

from api.main import create_app  # noqa: E402
from api.routers import spc as spc_router  # noqa: E402


def _comments(_filters) -> pd.DataFrame:
    """Two touchpoints, 20 ISO weeks from 2026-W01, 10% negative; delivery hits 50% in week 2026-W18."""
    rows = []
    start = pd.Timestamp("2025-12-29T09:00Z")
    for week in range(20):
        for touchpoint in ("checkout", "delivery"):
            negatives = 25 if (touchpoint == "delivery" and week == 17) else 5
            for i in range(50):
                rows.append({"created_at": start + pd.Timedelta(weeks=week, minutes=i), "touchpoint": touchpoint,
                             "sentiment_label": "negative" if i < negatives else "positive", "tags": []})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = create_app()
    app.dependency_overrides[spc_router.analyst] = lambda: None
    app.dependency_overrides[spc_router.get_comments_provider] = lambda: _comments
    return TestClient(app)


def test_charts_json_per_touchpoint(client):
    response = client.get("/v1/spc/charts", params={"metric": "negative_rate", "by": "touchpoint", "chart": "p",
                                                    "rules": "nelson-1", "tz": "UTC"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["metric"] == "negative_rate" and len(body["charts"]) == 2
    delivery = next(c for c in body["charts"] if c["key"] == {"touchpoint": "delivery"})
    assert [p["period"] for p in delivery["points"] if p["signals"]] == ["2026-W18"]
    assert set(delivery["points"][0]) == {"period", "value", "center", "lcl", "ucl", "signals"}


def test_a_grouped_picture_is_a_grid_and_one_group_a_full_chart(client):
    params = {"metric": "negative_rate", "by": "touchpoint", "chart": "p", "tz": "UTC", "format": "png"}
    grid = client.get("/v1/spc/charts", params=params)
    assert grid.status_code == 200 and grid.content[:4] == b"\x89PNG"
    grid_svg = client.get("/v1/spc/charts", params={**params, "format": "svg"}).text
    assert "(2 of 2 touchpoints)" in grid_svg and "Delivery touchpoint - " in grid_svg, re.findall(r"<!-- (.{12,}?) -->", grid_svg)
    response = client.get("/v1/spc/charts", params={**params, "group": "delivery"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png" and response.content[:4] == b"\x89PNG"
    svg = client.get("/v1/spc/charts", params={**params, "group": "delivery", "format": "svg"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content[:500]
    assert client.get("/v1/spc/charts", params={**params, "group": "nowhere"}).status_code == 404


def test_signals_endpoint_lists_tactical_alerts(client):
    response = client.get("/v1/spc/signals", params={"metric": "negative_rate", "by": "touchpoint", "chart": "p",
                                                     "rules": "nelson-1", "tz": "UTC"})
    assert response.status_code == 200
    signals = response.json()["signals"]
    assert [(s["chart_key"], s["period"], s["rule"]) for s in signals] == [
        ("negative_rate[touchpoint=delivery]", "2026-W18", "nelson-1")
    ]
    latest = client.get("/v1/spc/signals", params={"metric": "negative_rate", "by": "touchpoint", "chart": "p",
                                                   "rules": "nelson-1", "tz": "UTC", "latest": True})
    assert latest.json()["signals"] == []  # the last week (2026-W20) is back in control


def test_bad_parameters_are_clear(client):
    response = client.get("/v1/spc/charts", params={"metric": "tag_rate", "tz": "UTC"})
    # A 422 has the documented validation shape, whatever raised it (here the library).
    assert response.status_code == 422 and "tag" in response.json()["detail"][0]["msg"]
    response = client.get("/v1/spc/charts", params={"metric": "negative_rate", "rules": "nelson-42"})
    assert response.status_code == 400 and "nelson-42" in response.json()["detail"]
