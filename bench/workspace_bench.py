"""Workspace page speed: server time per page over a 100k-comment SQLite store (target p95 <= 300
ms), and how long the charts take to become interactive in headless Chromium (target <= 1 s).

The store is filled through `FeedbackStore.ingest` with plain-data enrichments (`Enricher`: a
sentiment from the text, each of the customers bench's five tags on about a third of the
comments, drawn from the comment's number, so that driver analysis has tags that are not
collinear; for topics, what the pipeline stores: an embedding, the encoder's embedding of the
comment's phrasing moved a little per comment, and tagger scores that claim its theme): running
the whole pipeline on every comment would take hours and measure the pipeline, not the pages.
Comments are spread over a year, over channels and touchpoints, with NPS and CSAT; the last day's
angry ones open cases, and the last two weeks bring a new complaint that no category claims.
The topic model is fitted as `voc topics fit --sample N` fits one (`--topic-sample`, default
10,000): on a random sample, every other comment then assigned, in a store of its own (another
process than the server's). A person per role signs in through the `/login` form; each page
(the topic list, the largest topic's page and that of the new complaint's topic, and the
comments of the largest topic among them) is requested `--requests` times through the real app
in-process (FastAPI's TestClient: the server's time, no network) after a first request, which is
timed apart: it reads the comments and computes what the store then keeps until they change
(`FeedbackStore.read_frame` and `kept_result`), so later requests show a page as analysts see it
between two changes of the data, and the first one what the first viewer after a change waits.
Pages that this tree does not have (404) are listed as absent, not timed.

Then the app is served by uvicorn on loopback and Debian's Chromium (Selenium, offline) opens the
pages with charts; "interactive" is the time from navigation start until every chart element has
been drawn by Plotly (`data-drawn="true"`), read from the browser's own clock; for the first load
(nothing cached), also when Plotly's JavaScript had arrived and how many bytes travelled.

    python bench/workspace_bench.py [--comments 100000] [--requests 30] [--browser-runs 5] [--topic-sample 10000]
    python bench/workspace_bench.py --comments 5000 --requests 5 --browser-runs 1 --topic-sample 2000   # a quick check

Writes bench/results/workspace.json and bench/results/workspace.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sys
import tempfile
import threading
import time
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.customers_bench import TAGS, percentiles  # noqa: E402
from voc_engine.schema import Enrichment, Sentiment, TagResult  # noqa: E402

PASSWORD = "workspace bench password"
TARGET_SERVER_P95_MS = 300
TARGET_INTERACTIVE_S = 1.0
TOUCHPOINTS = ("contact_centre", "website", "app", "branch", "billing")
CHANNELS = ("survey", "chat", "email", "app")
# Themes of the comments (the first phrasing of each is the text of earlier runs), each with the
# tagger category that claims it; the sentiment comes from the first word ("Awful", "Great").
THEMES = {
    "wait_time": ("Awful wait on the phone", "Awful queue at the call centre, forty minutes on hold",
                  "Awful: nobody answered the phone for an hour"),
    "staff_attitude": ("Great help from the branch", "Great staff at the branch, very patient",
                       "Great advice from the branch manager about my mortgage"),
    "booking_website_app": ("The app was fine today", "The app works as expected for transfers",
                            "Logging in to the app was quick"),
    "billing_price": ("Bill was higher", "Bill was higher than the quote I was given",
                      "The monthly bill shows a fee I do not recognise"),
}
# What started in the last weeks, and that no category claims: the emerging topic of the store.
EMERGING = ("Awful: since the new update the app logs me out after every payment",
            "Awful: the latest app update keeps signing me out")
EMERGING_DAYS, EMERGING_SHARE = 14, 0.35


def _theme_of(text: str) -> str | None:
    body = text.rsplit(" #", 1)[0]
    return next((name for name, phrasings in THEMES.items() if body in phrasings), None)


class Enricher:
    """Plain-data enrichments: a sentiment from the text, tags drawn from the comment's number
    (the drivers need tags that are not collinear), and for topics what the pipeline stores: an
    embedding (the encoder's embedding of the comment's phrasing, moved a little per comment)
    and tagger scores that claim the comment's theme. The encoder runs once per phrasing, not
    per comment."""

    def __init__(self, seed: int = 0):
        from voc_engine.nlp.encoder import Encoder

        phrasings = [t for texts in THEMES.values() for t in texts] + list(EMERGING)
        vectors = Encoder(None, threads=2).encode_documents(phrasings)
        self.vectors = dict(zip(phrasings, np.asarray(vectors, dtype=np.float32)))
        self.rng = np.random.default_rng(seed)

    def __call__(self, texts: list[str], ids: list[str]) -> list[Enrichment]:
        out = []
        for text, id_ in zip(texts, ids):
            score = -0.9 if text.startswith("Awful") else (0.6 if text.startswith("Great") else 0.0)
            label = "negative" if score < 0 else ("positive" if score > 0 else "neutral")
            draw = np.random.default_rng(zlib.crc32(text.encode()))
            tags = [TagResult(name=tag, confidence=0.9, sentiment=label) for tag in TAGS if draw.random() < 0.3]
            vector = self.vectors[text.rsplit(" #", 1)[0]]
            # noise of norm ~0.3 on a unit vector, as bench/topics_bench.py's scale corpus
            vector = vector + self.rng.normal(0, 0.3 / np.sqrt(len(vector)), size=len(vector)).astype(np.float32)
            theme = _theme_of(text)
            scores = {tag: float(np.clip((0.7 if tag == theme else 0.05) + self.rng.normal(0, 0.05), 0, 1))
                      for tag in TAGS}
            out.append(Enrichment(id=id_, language="en", redacted_text=text,
                                  sentiment=Sentiment(label=label, score=score, probs={label: 1.0}),
                                  tags=tags, flags=[], model_version="bench",
                                  embedding=vector / np.linalg.norm(vector), tag_scores=scores))
        return out


def _text(rng: np.random.Generator, i: int, age_days: float) -> str:
    if i < 40:
        return THEMES["wait_time"][0]
    if age_days < EMERGING_DAYS and rng.random() < EMERGING_SHARE:
        return EMERGING[int(rng.integers(len(EMERGING)))]
    phrasings = list(THEMES.values())[int(rng.integers(len(THEMES)))]
    return phrasings[int(rng.integers(len(phrasings)))]


def fill(store, n_comments: int, seed: int = 0) -> None:
    """`n_comments` over the last year; the last day's are angry enough to open cases, and the
    last two weeks bring a new complaint (an emerging topic)."""
    rng = np.random.default_rng(seed)
    now = datetime.now(timezone.utc)
    enrich = Enricher(seed)
    rows = []
    for i in range(n_comments):
        recent = i < 40
        age_days = 1 + float(rng.uniform(0, 365))
        rows.append({
            "source": "bench", "external_id": f"w{i}",
            "text": f"{_text(rng, i, age_days)} #{i}",
            "channel": CHANNELS[i % len(CHANNELS)], "touchpoint": TOUCHPOINTS[int(rng.integers(len(TOUCHPOINTS)))],
            "customer_id": f"cust{int(rng.integers(max(1, n_comments // 5)))}",
            "created_at": (now - timedelta(hours=1 + i) if recent else now - timedelta(days=age_days)).isoformat(),
            "scores": {"nps": 0 if recent else int(rng.integers(0, 11)), "csat": int(rng.integers(1, 6))},
        })
    for start in range(0, len(rows), 2000):
        results = store.ingest(rows[start:start + 2000], enrich)
        assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]


def fit_topics(store, sample: int) -> dict:
    """A topic model as `voc topics fit --sample N` makes one: fitted on N stored comments drawn
    at random, every other comment then assigned (the active version of the store's data
    directory). Returns the fit's figures, the largest topic and the topic of the planted new
    complaint."""
    from voc_engine.topics.service import fit_store, modeler_from_settings, store_topics_root
    from voc_engine.topics.versions import stored_assignments

    started = time.perf_counter()
    modeler, version = fit_store(store, modeler=modeler_from_settings(store.settings.topics), sample=sample)
    seconds = time.perf_counter() - started
    assigned = stored_assignments(store_topics_root(store) / version).set_index("id")["topic"]
    frame = store.read_frame()
    planted = frame.loc[frame["redacted_text"].str.startswith(EMERGING), "id"].astype(str)
    topic_set = modeler.topics()
    return {"version": version, "sample": min(sample, len(frame)), "fit_and_assign_seconds": round(seconds, 1),
            "fit_seconds": round(modeler.fit_seconds_, 1), "topics": len(topic_set.topics),
            "assigned": int(assigned.notna().sum()), "comments": len(frame),
            "largest": max(topic_set.topics, key=lambda t: (t.size, -t.id)).id,
            "new_complaint_topic": int(assigned.reindex(planted).mode().iloc[0]) if len(planted) else None}


def emerging_now(store) -> list[int]:
    """Topics the workspace marks emerging: alerts of the latest period (GET /v1/topics/trends's defaults)."""
    from voc_engine.store.filters import CommentFilter
    from voc_engine.topics.service import store_trends

    trends, _ = store_trends(store, None, CommentFilter(), period="week", baseline_periods=4, alpha=0.01)
    document = trends.to_dict()
    latest = max((a["period"] for a in document["alerts"]), default=None)
    return sorted({a["topic"] for a in document["alerts"] if a["period"] == latest})


def pages(case_id: int | None, customer: str | None, plan_id: int | None,
          topics: dict | None = None) -> list[tuple[str, str]]:
    """(who, path) for every page of the workspace; later ones are skipped when this tree lacks them."""
    out = [("analyst", "/"), ("analyst", "/comments"), ("analyst", "/comments?sentiment=negative&channel=chat"),
           ("analyst", "/charts"), ("analyst", "/charts?metric=negative_rate&by=touchpoint"),
           ("analyst", "/drivers?min_mentions=30"), ("analyst", "/topics")]
    if topics:
        out.append(("analyst", f"/topics/{topics['largest']}"))
        if topics["new_complaint_topic"] is not None and topics["new_complaint_topic"] != topics["largest"]:
            out.append(("analyst", f"/topics/{topics['new_complaint_topic']}"))
        out.append(("analyst", f"/comments?topic={topics['largest']}"))
    out += [("analyst", "/actions"),
           ("lead", "/digest"), ("agent", "/cases"), ("admin", "/admin"), ("admin", "/admin/taxonomy")]
    if case_id is not None:
        out.append(("agent", f"/cases/{case_id}"))
    if customer:
        out.append(("admin", f"/customers/{customer}"))
    if plan_id is not None:
        out.append(("analyst", f"/actions/{plan_id}"))
    return out


def time_pages(app, people: dict[str, str], wanted: list[tuple[str, str]], requests: int) -> dict:
    from fastapi.testclient import TestClient

    timed: dict[str, dict] = {}
    clients = {}
    for role, name in people.items():
        client = TestClient(app, follow_redirects=False)
        answer = client.post("/login", data={"username": name, "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303, answer.text[:300]
        clients[role] = client
    for role, path in wanted:
        client = clients[role]
        started = time.perf_counter()
        first = client.get(path)
        first_ms = round((time.perf_counter() - started) * 1000, 1)
        if first.status_code == 404:
            timed[path] = {"absent": True, "as": role}
            continue
        assert first.status_code == 200, (path, first.status_code, first.text[:300])
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            answer = client.get(path)
            samples.append(time.perf_counter() - started)
            assert answer.status_code == 200, (path, answer.status_code)
        timed[path] = {"as": role, "bytes": len(first.content), "first_ms": first_ms, **percentiles(samples)}
    for client in clients.values():
        client.close()
    return timed


def time_charts(app, name: str, paths: list[str], runs: int) -> dict:
    """Seconds from navigation start to every chart on the page drawn, per page, in Chromium."""
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    os.environ["SE_OFFLINE"] = "true"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("VOC_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("VOC_CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    drawn_at = ("var charts = document.querySelectorAll('[data-chart-source], #priority-matrix');"
                "if (!charts.length) { return document.readyState === 'complete' ? -1 : null; }"
                "for (var i = 0; i < charts.length; i++) {"
                "  if (charts[i].getAttribute('data-drawn') !== 'true') { return null; } }"
                "return performance.now();")
    # How Plotly's JavaScript came on the first load: seconds from navigation start until it was
    # fetched, and the bytes that travelled (compressed or not) and that it holds.
    plotly_fetch = ("var e = performance.getEntriesByType('resource').filter("
                    "function (r) { return r.name.indexOf('/static/plotly.min') >= 0; })[0];"
                    "return e ? {fetched_at_s: e.responseEnd / 1000, fetch_s: (e.responseEnd - e.startTime) / 1000,"
                    " transfer_bytes: e.encodedBodySize, bytes: e.decodedBodySize} : null;")
    out: dict[str, dict] = {}
    try:
        driver.get(base + "/login")
        driver.find_element(By.ID, "username").send_keys(name)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, "sign-out")))
        for path in paths:
            seconds, charts, fetched = [], 0, None
            for _ in range(runs + 1):  # the first load fills the browser's cache of plotly.min.js
                driver.get(base + path)
                at = WebDriverWait(driver, 60, poll_frequency=0.02).until(lambda d: d.execute_script(drawn_at))
                charts = len(driver.find_elements(By.CSS_SELECTOR, "[data-chart-source], #priority-matrix"))
                if at < 0:  # nothing to draw on this store: not timed
                    break
                seconds.append(at / 1000)
                if len(seconds) == 1:
                    fetched = driver.execute_script(plotly_fetch)
            if len(seconds) < 2:
                out[path] = {"charts": 0}
                continue
            cold, warm = seconds[0], seconds[1:]
            out[path] = {"charts": charts, "first_load_s": round(cold, 3), "first_load_plotly": fetched and {
                             k: round(v, 3) if isinstance(v, float) else v for k, v in fetched.items()},
                         "runs": [round(s, 3) for s in warm], "median_s": round(float(np.median(warm)), 3),
                         "max_s": round(max(warm), 3)}
    finally:
        driver.quit()
        server.should_exit = True
    return out


def _arrival(fetched: dict | None) -> str:
    if not fetched:
        return ""
    cached = " (cached)" if not fetched["fetch_s"] else ""
    return f"{fetched['fetched_at_s']} ({fetched['transfer_bytes'] / 1024:.0f}){cached}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--browser-runs", type=int, default=5)
    parser.add_argument("--topic-sample", type=int, default=10_000,
                        help="comments the topic model is fitted on (`voc topics fit --sample`); 0: no topic model")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    import datetime as dt

    from api.main import create_app
    from voc_engine.actions.service import ActionService, PlanIn
    from voc_engine.alerting.cases import CasePatch, CaseService
    from voc_engine.auth.policy import Principal
    from voc_engine.auth.users import create_user
    from voc_engine.config import Settings
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="voc-workspace-bench-") as tmp:
        tmp_path = Path(tmp)
        store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path, business_timezone="UTC"))
        started = time.perf_counter()
        fill(store, args.comments)
        fill_s = time.perf_counter() - started
        topics = fit_topics(store, args.topic_sample) if args.topic_sample > 0 else None
        # The workspace is another process than `voc topics fit`: a store of its own, nothing kept yet.
        store.dispose()
        store = FeedbackStore(f"sqlite:///{tmp_path / 'voc.db'}", Settings(data_dir=tmp_path, business_timezone="UTC"))
        system = Principal.system("bench")
        cases = CaseService(store).list_cases(system, limit=50).items
        team = cases[0]["team"] if cases else "customer_care"
        people = {"analyst": "ana", "admin": "adam", "lead": "lee", "agent": "amy"}
        for role, name in people.items():
            create_user(store, name, role, team if role in ("lead", "agent") else None, password=PASSWORD)
        case_id = customer = None
        if cases:
            case_id = cases[0]["id"]
            CaseService(store).update_case(system, case_id, CasePatch(team=team, owner="amy"))
            customer = CaseService(store).get_case(system, case_id).get("customer_id")
        plan = ActionService(store).create_plan(system, PlanIn(
            title="Answer within a day", target_kind="touchpoint", target="contact_centre",
            deadline=dt.date.today() + dt.timedelta(days=14), investment=1000.0))
        app = create_app(Runtime(store=store))
        server = time_pages(app, people, pages(case_id, customer, plan["id"], topics), args.requests)
        if topics:
            topics["emerging_now"] = emerging_now(store)
        browser = None
        if args.browser_runs > 0 and Path(os.environ.get("VOC_CHROMIUM", "/usr/bin/chromium")).exists():
            browser = time_charts(app, "ana", ["/charts?metric=negative_rate&by=touchpoint", "/charts",
                                               "/drivers?min_mentions=30"], args.browser_runs)
        store.dispose()

    timed = {path: r for path, r in server.items() if not r.get("absent")}
    worst = max(r["p95_ms"] for r in timed.values())
    slowest_chart = max((r["max_s"] for r in (browser or {}).values() if r["charts"]), default=None)
    result = {
        "store": {"backend": "sqlite", "comments": args.comments, "fill_seconds": round(fill_s, 1),
                  "cases": len(cases)},
        "topics": topics,
        "server": server,
        "browser": browser,
        "target": {"server_p95_ms": TARGET_SERVER_P95_MS, "server_met": worst <= TARGET_SERVER_P95_MS,
                   "worst_server_p95_ms": worst, "worst_first_request_ms": max(r["first_ms"] for r in timed.values()), "interactive_s": TARGET_INTERACTIVE_S,
                   "slowest_interactive_s": slowest_chart,
                   "interactive_met": None if slowest_chart is None else slowest_chart <= TARGET_INTERACTIVE_S},
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "workspace.json").write_text(json.dumps(result, indent=2) + "\n")
    md = [
        "# Workspace page speed",
        "",
        f"`python bench/workspace_bench.py --comments {args.comments} --requests {args.requests} "
        f"--browser-runs {args.browser_runs} --topic-sample {args.topic_sample}` ({result['at']}; load average {result['load_before'][0]} before, "
        f"{result['load_after'][0]} after, {os.cpu_count()} CPUs)",
        "",
        f"SQLite store of {args.comments:,} comments ({len(cases)} open cases listed). Server time per page, "
        "in-process app, signed in through the form:",
        "",
        *([f"Topic model: `voc topics fit --sample {topics['sample']}` (fit_store): {topics['topics']} topics fitted on "
           f"{topics['sample']:,} comments in {topics['fit_seconds']} s, all {topics['assigned']:,} comments assigned "
           f"({topics['fit_and_assign_seconds']} s in all); largest topic {topics['largest']}, the planted new "
           f"complaint's topic {topics['new_complaint_topic']}; emerging in the latest week: "
           f"{', '.join(map(str, topics['emerging_now'])) or 'none'}.", ""] if topics else []),
        "| page | as | first request ms | n | p50 ms | p95 ms | max ms | KiB |",
        "|---|---|---|---|---|---|---|---|",
        *(f"| `{path}` | {r['as']} | {r['first_ms']} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
          f"{r['bytes'] / 1024:.0f} |" for path, r in timed.items()),
        "",
        "Absent in this tree: " + (", ".join(f"`{p}`" for p, r in server.items() if r.get("absent")) or "none") + ".",
        "",
        f"Target server p95 <= {TARGET_SERVER_P95_MS} ms on every page: "
        f"{'met' if result['target']['server_met'] else 'NOT met'} (worst {worst} ms); the first request after the "
        f"data changed takes up to {max(r['first_ms'] for r in timed.values())} ms.",
    ]
    if browser:
        md += ["", "Charts interactive (navigation start to every chart drawn, headless Chromium, after a first "
               "load that caches plotly.min.js; on that first load, when Plotly's JavaScript had arrived and the KiB "
               "that travelled for it):", "",
               "| page | charts | first load s | Plotly arrived at s (KiB) | median s | max s |",
               "|---|---|---|---|---|---|",
               *(f"| `{p}` | {r['charts']} | {r['first_load_s']} | {_arrival(r.get('first_load_plotly'))} | "
                 f"{r['median_s']} | {r['max_s']} |"
                 if r["charts"] else f"| `{p}` | none on this store | | | | |" for p, r in browser.items()),
               "", f"Target <= {TARGET_INTERACTIVE_S} s: {'met' if result['target']['interactive_met'] else 'NOT met'} "
               f"(slowest {slowest_chart} s)."]
    (args.out / "workspace.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
