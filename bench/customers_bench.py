"""Customer profile benchmark: GET /v1/customers/{id} for a customer with 500 comments in a
100k-comment SQLite store (target p95 <= 50 ms).

The store is filled through `FeedbackStore.ingest` with plain-data enrichments (a sentiment, a
tag, on some comments a flag): filling it with the encoder would take hours and measure the
encoder, not the profile. Comments are spread over a year across customers of about five comments
each; the measured customer has `--customer-comments` of them, a few recent ones negative enough to
open cases. Every customer is then imported from a CRM file (so the churn model is fitted and the
profile scores churn risk). Requests go through the real app in-process (FastAPI's TestClient, an
admin key), after a warm-up; the profile service alone is timed too.

    python bench/customers_bench.py [--comments 100000] [--customer-comments 500] [--requests 200]
    python bench/customers_bench.py --comments 5000 --requests 30     # a quick check

Writes bench/results/customers.json and bench/results/customers.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voc_engine.schema import Enrichment, Sentiment, TagResult  # noqa: E402

TARGET = "bench-customer"
TAGS = ("wait_time", "billing_price", "staff_attitude", "refund_cancellation", "booking_website_app")


def _enrich(texts: list[str], ids: list[str]) -> list[Enrichment]:
    out = []
    for text, id_ in zip(texts, ids):
        score = -0.9 if text.startswith("Awful") else (0.6 if text.startswith("Great") else 0.0)
        label = "negative" if score < 0 else ("positive" if score > 0 else "neutral")
        tag = TAGS[len(text) % len(TAGS)]
        out.append(Enrichment(
            id=id_, language="en", redacted_text=text,
            sentiment=Sentiment(label=label, score=score, probs={label: 1.0}),
            tags=[TagResult(name=tag, confidence=0.9, sentiment=label)], flags=[], model_version="bench",
        ))
    return out


def fill(store, n_comments: int, customer_comments: int, seed: int = 0) -> int:
    rng = np.random.default_rng(seed)
    now = datetime.now(timezone.utc)
    n_customers = max(1, (n_comments - customer_comments) // 5)
    texts = ("Awful wait on the phone", "Great help from the branch", "The app was fine today", "Bill was higher")
    rows = []
    for i in range(n_comments):
        mine = i < customer_comments
        recent = mine and i < 3  # opens cases: the alert rules only look at the last 30 days
        rows.append({
            "source": "bench", "external_id": f"b{i}",
            "text": f"{texts[0] if recent else texts[int(rng.integers(len(texts)))]} #{i}",
            "channel": ("survey", "chat", "email", "app")[i % 4],
            "customer_id": TARGET if mine else f"cust{int(rng.integers(n_customers))}",
            "created_at": (now - timedelta(hours=1 + i) if recent
                           else now - timedelta(days=31 + float(rng.uniform(0, 365)))).isoformat(),
            "scores": {"nps": int(rng.integers(0, 11))},
        })
    for start in range(0, len(rows), 2000):
        results = store.ingest(rows[start:start + 2000], _enrich)
        assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return n_customers


def write_crm(path: Path, n_customers: int, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    lines = ["customer_id,segment,revenue,tenure_months,churned,contract_state"]
    for i in [TARGET] + [f"cust{k}" for k in range(n_customers)]:
        churned = int(rng.random() < 0.2)
        lines.append(f"{i},{('retail', 'business')[int(rng.integers(2))]},{rng.lognormal(6, 0.5):.2f},"
                     f"{int(rng.integers(1, 120))},{churned},{'cancelled' if churned else 'active'}")
    path.write_text("\n".join(lines) + "\n")
    return path


def percentiles(samples: list[float]) -> dict[str, float]:
    ms = np.array(samples) * 1000
    return {"n": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2), "max_ms": round(float(ms.max()), 2),
            "mean_ms": round(float(statistics.fmean(ms)), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--customer-comments", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from api.main import create_app
    from voc_engine.alerting.users import Viewer
    from voc_engine.auth.keys import create_api_key
    from voc_engine.config import Settings
    from voc_engine.customers.service import CustomerMap, CustomerService, import_customers
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore

    with tempfile.TemporaryDirectory(prefix="voc-customers-bench-") as tmp:
        tmp_path = Path(tmp)
        store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path, business_timezone="UTC"))
        started = time.perf_counter()
        n_customers = fill(store, args.comments, args.customer_comments)
        fill_s = time.perf_counter() - started
        started = time.perf_counter()
        imported = import_customers(store, write_crm(tmp_path / "crm.csv", n_customers), CustomerMap.parse(None),
                                    actor="bench")
        import_s = time.perf_counter() - started
        service = CustomerService(store)
        profile = service.profile(Viewer.system(), TARGET).to_dict()
        assert profile["comments_total"] == args.customer_comments, profile["comments_total"]

        with store.engine.connect() as connection:
            plan = [row[-1] for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM comments WHERE customer_pk = 1 ORDER BY created_at DESC, id DESC LIMIT 21"
            )]

        timings_service = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            service.profile(Viewer.system(), TARGET)
            timings_service.append(time.perf_counter() - t0)

        client = TestClient(create_app(Runtime(store=store)))
        headers = {"X-API-Key": create_api_key(store, "admin")[0]}
        for _ in range(5):
            assert client.get(f"/v1/customers/{TARGET}", headers=headers).status_code == 200
        timings_api = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            response = client.get(f"/v1/customers/{TARGET}", headers=headers)
            timings_api.append(time.perf_counter() - t0)
            assert response.status_code == 200
        store.dispose()

    result = {
        "store": {"backend": "sqlite", "comments": args.comments, "customers": n_customers + 1,
                  "customer_comments": args.customer_comments, "fill_seconds": round(fill_s, 1),
                  "import_seconds": round(import_s, 2), "imported": imported.created,
                  "churn_model": imported.churn_model is not None},
        "profile": {"cases": profile["cases_total"], "comments_page": len(profile["comments"]),
                    "scores_periods": len(profile["scores"])},
        "comments_page_plan": plan,
        "service": percentiles(timings_service),
        "api": percentiles(timings_api),
        "target": {"api_p95_ms": 50, "met": percentiles(timings_api)["p95_ms"] <= 50},
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "customers.json").write_text(json.dumps(result, indent=2) + "\n")
    md = [
        "# Customer profile benchmark",
        "",
        f"`python bench/customers_bench.py --comments {args.comments} --customer-comments {args.customer_comments} "
        f"--requests {args.requests}` ({result['at']})",
        "",
        f"SQLite store of {args.comments:,} comments, {n_customers + 1:,} customers (all imported from a CRM file); "
        f"the customer has {args.customer_comments} comments and {profile['cases_total']} cases.",
        "",
        "| path | n | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
        *(f"| {name} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |"
          for name, r in (("GET /v1/customers/{id} (in-process app)", result["api"]),
                          ("CustomerService.profile", result["service"]))),
        "",
        f"Target: API p95 <= 50 ms: {'met' if result['target']['met'] else 'NOT met'}.",
        f"Comments page query plan: {'; '.join(plan)}.",
    ]
    (args.out / "customers.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
