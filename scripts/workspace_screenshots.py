"""Screenshots of the workspace for the README: docs/workspace/*.png.

Builds a scratch store from the shipped sample comments (moved to end yesterday, so that recent
ones open cases), a person per role, serves the app with uvicorn on loopback and photographs
each page in headless Chromium (Debian's chromium and chromedriver; nothing is downloaded).

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/workspace_screenshots.py [--out docs/workspace]
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's voc_engine and api, whatever is installed
PASSWORD = "workspace demo password"


def _rows(now: datetime) -> list[dict]:
    with (REPO / "voc_engine" / "samples" / "comments.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    times = [datetime.fromisoformat(r["created_at"].replace("Z", "+00:00")) for r in rows]
    shift = (now - timedelta(days=1)) - max(times)
    return [{
        "source": r["source"], "external_id": r["external_id"], "text": r["text"],
        "created_at": (t + shift).isoformat(), "channel": r["channel"], "touchpoint": r["touchpoint"],
        "journey_stage": r["journey_stage"], "customer_id": r["customer_id"], "segment": r["segment"],
        **({"scores": s} if (s := {k: int(r[k]) for k in ("nps", "csat", "ces") if r[k]}) else {}),
    } for r, t in zip(rows, times)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "workspace")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["SE_OFFLINE"] = "true"

    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from api.main import create_app
    from voc_engine.alerting.cases import CasePatch, CaseService
    from voc_engine.auth.policy import Principal
    from voc_engine.auth.users import create_user
    from voc_engine.config import Settings
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.runtime import Runtime
    from voc_engine.store.repository import FeedbackStore

    scratch = Path(tempfile.mkdtemp(prefix="voc-screens-"))
    settings = Settings(data_dir=scratch, business_timezone="UTC")
    store = FeedbackStore(f"sqlite:///{scratch / 'voc.db'}", settings)
    store.ingest(_rows(datetime.now(timezone.utc)), Pipeline.default(settings).enrich)
    service, system = CaseService(store), Principal.system("screenshots")
    cases = service.list_cases(system, limit=500).items
    team = cases[0]["team"]
    for name, role in (("ana", "analyst"), ("amy", "agent")):
        create_user(store, name, role, team if role == "agent" else None, password=PASSWORD)
    create_user(store, "adm", "admin", password=PASSWORD)
    for case in cases[:4]:
        service.update_case(system, case["id"], CasePatch(team=team, owner="amy"))
    service.add_note(Principal.of_user(store_user(store, "amy")), cases[0]["id"],
                     "Called back, customer asked for a refund to be sent to jane@example.com")
    # An action plan from the top driver row, as the drivers page makes one.
    import datetime as dt

    from voc_engine.actions.service import ActionService, plan_from_driver
    from voc_engine.drivers.store import analyse_stored_drivers

    row = analyse_stored_drivers(store.read_frame(), "nps", 10).to_dict()["details"]["actions"][0]
    plans = ActionService(store)
    plan = plans.create_plan(Principal.of_user(store_user(store, "ana")), plan_from_driver(
        row, deadline=dt.date.today() + dt.timedelta(days=21), owner="amy", investment=12_000))
    customer = service.get_case(system, cases[0]["id"])["customer_id"]
    # A topic model on the stored comments (`voc topics fit`) and one topic proposed as a category.
    from voc_engine.topics.drafts import taxonomy_service
    from voc_engine.topics.service import fit_store

    topic_set = fit_store(store)[0].topics()
    topic = max(topic_set.topics, key=lambda t: (any(" " in w for w in t.words), t.size))  # one with phrases
    taxonomy_service(Runtime(store=store)).propose(Principal.of_user(store_user(store, "ana")), topic.id,
                                                   scratch / "topics")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Runtime(store=store)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("VOC_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("VOC_CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    args.out.mkdir(parents=True, exist_ok=True)

    def shoot(name: str, path: str, ready: str) -> None:
        driver.get(base + path)
        WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, ready)))
        driver.save_screenshot(str(args.out / f"{name}.png"))
        print(f"wrote {args.out / (name + '.png')}")

    def sign_in(name: str) -> None:
        driver.delete_all_cookies()
        driver.get(base + "/login")
        driver.find_element(By.ID, "username").send_keys(name)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, "sign-out")))

    try:
        shoot("login", "/login", "#sign-in")
        sign_in("ana")
        shoot("overview", "/", "#top-tags")
        shoot("charts", "/charts?metric=negative_rate&by=touchpoint", '.plot[data-drawn="true"] svg')
        shoot("comments", "/comments?sentiment=negative", "#comment-list")
        shoot("drivers", "/drivers?min_mentions=10", '#priority-matrix[data-drawn="true"] svg')
        shoot("actions", "/actions", "#board")
        shoot("action", f"/actions/{plan['id']}", "#plan-history")
        shoot("topics", "/topics", "table#topic-table")
        shoot("topic", f"/topics/{topic.id}", "#propose-form")
        sign_in("adm")
        shoot("taxonomy", "/admin/taxonomy", "#pending-drafts")
        sign_in("amy")
        shoot("cases", "/cases", "table#cases")
        shoot("case", f"/cases/{cases[0]['id']}", "#customer-profile")
        shoot("customer", f"/customers/{customer}", "#customer-comments")
        sign_in("adm")
        shoot("admin_users", "/admin/users", "table#users")
        shoot("admin_models", "/admin/models", "#model-history")
        driver.get(base + "/admin/rules/edit?rule=detractor_negative")
        when = WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.ID, "rule-when")))
        when.clear()
        when.send_keys("all: [{nps: {lte: 4}}, {sentiment: {label: negative}}]")
        driver.find_element(By.ID, "preview-rules").click()
        WebDriverWait(driver, 60).until(ec.presence_of_element_located((By.ID, "dry-run-summary")))
        driver.save_screenshot(str(args.out / "admin_rule_preview.png"))
        print(f"wrote {args.out / 'admin_rule_preview.png'}")
    finally:
        driver.quit()
        server.should_exit = True
        store.dispose()


def store_user(store, name):
    from voc_engine.auth.users import get_user

    return get_user(store, name)


if __name__ == "__main__":
    main()
