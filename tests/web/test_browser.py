"""The workspace in a real browser: headless Chromium (Debian's package, driven by Selenium
through Debian's chromedriver; nothing is downloaded) against the app served by uvicorn.

Skipped, with the reason, only where Chromium is not installed locally; in CI it must run
(scripts/test.sh installs it through scripts/chromium.sh)."""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

import httpx
import pytest
from web_support import PASSWORD, PII

from pg_support import in_ci

CHROMIUM = Path(os.environ.get("VOC_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("VOC_CHROMEDRIVER", "/usr/bin/chromedriver"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        message = f"Chromium not installed ({', '.join(missing)} missing): run scripts/chromium.sh install as root"
        if in_ci():
            pytest.fail(message + " (CI=true: browser tests must not skip)")
        pytest.skip(message)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:  # pragma: no cover - the dev extra installs it
        if in_ci():
            pytest.fail("selenium is not installed (pip install -e '.[dev]')")
        pytest.skip("selenium is not installed (pip install -e '.[dev]')")
    # Selenium Manager would download a browser or a driver: both are given, and it stays offline.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingOptions", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait_for(driver, css: str, timeout: float = 20):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def submit(driver, button) -> None:
    """Click a button that posts a form and wait until the next page has loaded.

    The next page often has the same ids as this one (the case page redirects to itself), so waiting
    for an id alone can find it on the old page just before it is replaced. The old page is marked
    with a window property that a new document does not have; the browser may refuse scripts while
    it navigates, which the wait ignores.
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.__leaving = true;")
    button.click()
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.__leaving !== true && document.readyState === 'complete';"))


def find(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def find_all(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def sign_in(driver, base: str, name: str, password: str = PASSWORD) -> None:
    driver.delete_all_cookies()
    driver.get(base + "/login")
    find(driver, "#username").send_keys(name)
    find(driver, "#password").send_keys(password)
    find(driver, "#sign-in").click()


def sign_out(driver) -> None:
    find(driver, "#sign-out").click()
    wait_for(driver, "#sign-in")


def test_an_agent_works_their_cases_and_signs_out(browser, live_server, workspace):
    sign_in(browser, live_server, "amy")
    wait_for(browser, "table#cases")
    assert browser.current_url == live_server + "/cases"  # an agent's home is the inbox
    assert [a.text for a in find_all(browser, "nav a")] == ["Cases", "Action plans"]
    listed = {int(row.get_attribute("data-case-id")) for row in find_all(browser, "tr[data-case-id]")}
    assert set(workspace["cases"]["amy"]) <= listed
    assert not listed & set(workspace["cases"]["bob"])

    case_id = workspace["cases"]["amy"][0]
    find(browser, f'a[href="/cases/{case_id}"]').click()
    wait_for(browser, "#note-body")
    assert find(browser, "h1").text.startswith(f"Case #{case_id}")
    find(browser, "#note-body").send_keys("Left a voicemail on 07700 900123, will write to jane.doe@example.com")
    submit(browser, find(browser, "#add-note"))
    wait_for(browser, "#note-list .note-body")
    notes = [n.text for n in find_all(browser, "#note-list .note-body")]
    assert any(n.startswith("Left a voicemail on [PHONE], will write to [EMAIL]") for n in notes), notes
    assert "07700 900123" not in browser.page_source and "jane.doe@example.com" not in browser.page_source

    # another agent's case does not exist for this one
    browser.get(f"{live_server}/cases/{workspace['cases']['bob'][0]}")
    assert find(browser, "h1").text == "Not found"

    browser.get(live_server + "/cases")
    sign_out(browser)
    assert browser.current_url.startswith(live_server + "/login")
    assert "voc_session" not in {c["name"] for c in browser.get_cookies()}
    browser.get(live_server + "/cases")
    wait_for(browser, "#sign-in")
    assert "/login?next=%2Fcases" in browser.current_url


def test_the_analyst_overview_shows_the_figures_of_the_json_api(browser, live_server):
    sign_in(browser, live_server, "ana")
    wait_for(browser, "#tile-volume")
    assert [a.text for a in find_all(browser, "nav a")] == ["Overview", "Comments", "Topics", "Control charts", "Drivers",
                                                          "Action plans", "Weekly digest"]
    label = find(browser, "#label").get_attribute("value")
    figures = {e.get_attribute("data-figure"): e.text for e in find_all(browser, "[data-figure]")}
    session = {c["name"]: c["value"] for c in browser.get_cookies()}["voc_session"]
    rows = httpx.get(live_server + "/v1/stats", params={"period": "week"}, cookies={"voc_session": session}).json()["rows"]
    row = next(r for r in rows if r["period"] == label)
    assert int(figures["comments"]) == row["comments"]
    assert (int(figures["negative"]), int(figures["neutral"]), int(figures["positive"])) == (
        row["negative"], row["neutral"], row["positive"])
    assert figures["nps_index"] == f"{row['nps_index']:.1f}"
    assert (figures["nps_ci_low"], figures["nps_ci_high"]) == (f"{row['nps_ci_low']:.1f}", f"{row['nps_ci_high']:.1f}")
    assert figures["mean_csat"] == f"{row['mean_csat']:.2f}"
    assert (figures["csat_ci_low"], figures["csat_ci_high"]) == (f"{row['csat_ci_low']:.2f}", f"{row['csat_ci_high']:.2f}")

    # a top tag links to the comments with that tag
    first_tag = find(browser, "#top-tags tbody a")
    tag = first_tag.text
    first_tag.click()
    wait_for(browser, "#comment-list")
    assert find(browser, "#tag").get_attribute("value") == tag
    items = find_all(browser, "#comment-list li.comment")
    assert items and all(tag in [t.text for t in item.find_elements("css selector", ".tag")] for item in items)
    sign_out(browser)


def test_control_charts_are_drawn_by_the_served_plotly_without_policy_violations(browser, live_server):
    sign_in(browser, live_server, "ana")
    wait_for(browser, "#tile-volume")
    browser.get(live_server + "/charts?metric=negative_rate&by=touchpoint&period=week")
    wait_for(browser, '.plot[data-drawn="true"] svg.main-svg')
    plots = find_all(browser, ".plot")
    assert plots and all(p.get_attribute("data-drawn") == "true" for p in plots)
    problems = [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not [m for m in problems if "Content Security Policy" in m or "Refused" in m], problems
    sign_out(browser)


def test_a_wrong_password_shows_an_error_and_starts_no_session(browser, live_server):
    sign_in(browser, live_server, "ana", "not the password")
    error = wait_for(browser, "#login-error")
    assert error.text == "Wrong user name or password."
    assert "voc_session" not in {c["name"] for c in browser.get_cookies()}


def test_no_page_shows_unredacted_pii(browser, live_server, workspace):
    sign_in(browser, live_server, "adm")
    wait_for(browser, "#tile-volume")
    paths = ["/", "/comments", "/comments?q=write+to", "/charts", "/cases", "/digest"] + \
        [f"/cases/{i}" for i in workspace["all_cases"][:12]]
    paths += ["/admin", "/admin/users", "/admin/rules", "/admin/rules/edit?rule=detractor_negative", "/admin/models"]
    paths += ["/topics", "/topics/0", "/admin/taxonomy"]
    for path in paths:
        browser.get(live_server + path)
        wait_for(browser, "main h1")
        source = unescape(browser.page_source)
        for secret in PII:
            assert secret not in source, (path, secret)
    sign_out(browser)


# --------------------------------------------------------------------------- working the product
# Every page the accessibility test opens is photographed here (as an administrator), so that a
# run leaves a picture of each page to look at; docs/workspace/ holds the README's chosen few.
SCREENSHOTS = Path(os.environ.get("VOC_SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "out" / "screenshots"))
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"  # axe-core 3.1.1, MPL-2.0 (vendor/README.md)


def axe_violations(driver) -> list[dict]:
    """axe-core run inside the page: injected by WebDriver (not subject to the page's CSP, which
    refuses inline scripts) and run over the whole document; the violations, every impact."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        "  return {id: v.id, impact: v.impact, help: v.help,"
        "          nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; })); })"
        ".catch(function (e) { done({error: String(e)}); });"
    )
    assert isinstance(result, list), result
    return result


def queue_case(workspace) -> int:
    """A case of the agents' team with nobody on it (the queue), set up through the service."""
    from voc_engine.alerting.cases import CasePatch, CaseService
    from voc_engine.auth.policy import Principal

    service, system = CaseService(workspace["store"]), Principal.system("test")
    owned = workspace["cases"]["amy"] + workspace["cases"]["bob"]
    for case_id in reversed(workspace["all_cases"]):
        if case_id not in owned and service.get_case(system, case_id)["state"] in ("new", "assigned", "reopened"):
            service.update_case(system, case_id, CasePatch(team=workspace["team"], owner=None))
            return case_id
    pytest.fail("no spare open case")


def test_an_agent_takes_a_case_from_the_queue_and_closes_the_loop_with_the_profile_beside_it(browser, live_server, workspace):
    from selenium.webdriver.support.ui import Select

    case_id = queue_case(workspace)
    sign_in(browser, live_server, "amy")
    wait_for(browser, "table#cases")
    find(browser, f'a[href="/cases/{case_id}"]').click()
    wait_for(browser, "#claim-case")
    assert find(browser, "#profile-hidden").is_displayed()
    submit(browser, find(browser, "#claim-case"))
    wait_for(browser, "#customer-id")
    assert find(browser, "#case-owner").text == "amy"
    profile = find(browser, "#customer-profile")
    assert profile.is_displayed() and find(browser, "#customer-comments li.comment").is_displayed()
    assert find(browser, "#customer-id").text.startswith("cu_")

    def move(state: str, **selects: str) -> None:
        Select(find(browser, "#next-state")).select_by_value(state)
        for element_id, value in selects.items():
            Select(find(browser, f"#{element_id}")).select_by_value(value)
        submit(browser, find(browser, "#move-case"))
        wait_for(browser, "#case-state")
        assert find(browser, "#case-state").text == state

    move("in_progress")
    code = [o.get_attribute("value") for o in Select(find(browser, "#resolution-code")).options if o.get_attribute("value")][0]
    move("resolved", **{"resolution-code": code})
    move("closed", outcome="customer_contacted")
    assert find(browser, "#case-outcome").text == "customer_contacted"
    assert find(browser, "#case-resolution").text == code
    assert not find_all(browser, "#move-case") or find(browser, "#case-state").text == "closed"
    history = find(browser, "#history").text
    assert "resolved → closed" in history and "assigned" in history
    sign_out(browser)


def test_an_analyst_creates_an_action_plan_from_a_driver_row_and_sees_it_on_the_board(browser, live_server):
    from selenium.webdriver.support.ui import Select

    sign_in(browser, live_server, "ana")
    wait_for(browser, "#tile-volume")
    find(browser, 'nav a[href="/drivers"]').click()
    wait_for(browser, "#kpi")
    browser.get(live_server + "/drivers?min_mentions=10")
    wait_for(browser, '#priority-matrix[data-drawn="true"] svg.main-svg')
    problems = [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not [m for m in problems if "Content Security Policy" in m or "Refused" in m], problems
    item = find(browser, "#action-list li")
    driver_name = item.get_attribute("data-driver")
    item.find_element("css selector", "summary").click()
    title = item.find_element("css selector", "input[name=title]")
    title.clear()
    title.send_keys(f"Halve the {driver_name} complaints")
    Select(item.find_element("css selector", "select[name=owner]")).select_by_value("lee")
    investment = item.find_element("css selector", "input[name=investment]")
    investment.clear()
    investment.send_keys("8000")
    submit(browser, item.find_element("css selector", "button.create-plan"))
    wait_for(browser, "#plan-status")
    assert find(browser, "#plan-status").text == "planned"
    assert find(browser, "#plan-target").text == driver_name
    assert find(browser, "#plan-owner").text == "lee" and find(browser, "#plan-investment").text == "8000"
    plan_path = browser.current_url[len(live_server):]

    find(browser, 'nav a[href="/actions"]').click()
    wait_for(browser, "#board")
    planned = find(browser, '#board section[data-status="planned"]')
    cards = planned.find_elements("css selector", f'a[href="{plan_path}"]')
    assert [c.text for c in cards] == [f"Halve the {driver_name} complaints"]
    sign_out(browser)


def test_an_analyst_proposes_a_topic_as_a_category_and_an_admin_accepts_it(browser, live_server, workspace):
    sign_in(browser, live_server, "ana")
    wait_for(browser, "#tile-volume")
    find(browser, 'nav a[href="/topics"]').click()
    wait_for(browser, "table#topic-table")
    row = find(browser, "tr[data-topic-id]")
    topic_id = row.get_attribute("data-topic-id")
    row.find_element("css selector", "th a").click()
    wait_for(browser, "#propose-form")
    assert browser.current_url == f"{live_server}/topics/{topic_id}"
    assert find(browser, "#topic-trend") and find_all(browser, "#topic-examples li.comment")
    name = find(browser, "#category-name")
    name.clear()
    name.send_keys("browser_flow_category")
    find(browser, "#category-description").send_keys("Raised in the browser test")
    submit(browser, find(browser, "#propose"))
    wait_for(browser, "#proposed")
    draft_id = find(browser, "#proposed").text.split()[1]
    assert "browser_flow_category" in find(browser, "#topic-drafts").text
    sign_out(browser)

    sign_in(browser, live_server, "adm")
    wait_for(browser, "#tile-volume")
    find(browser, 'nav a[href="/admin"]').click()
    wait_for(browser, "#tile-taxonomy").click()
    wait_for(browser, "#pending-drafts")
    item = find(browser, f'#pending-drafts li[data-draft-id="{draft_id}"]')
    assert item.find_element("css selector", ".draft-name").text == "browser_flow_category"
    submit(browser, item.find_element("css selector", "button.accept-draft"))
    wait_for(browser, "#decision-done")
    custom = find(browser, 'tr[data-category="browser_flow_category"] .badge.custom')
    assert custom.text == "custom"
    assert find(browser, f'#decided-drafts tr[data-draft-id="{draft_id}"] .decision').text == "accepted"
    sign_out(browser)


def test_no_page_has_critical_or_serious_accessibility_violations(browser, live_server, workspace):
    import datetime as dt

    from voc_engine.actions.service import ActionService, PlanIn, PlanPatch
    from voc_engine.alerting.cases import CaseService
    from voc_engine.auth.policy import Principal

    system = Principal.system("test")
    case = CaseService(workspace["store"]).get_case(system, workspace["cases"]["amy"][0])
    service = ActionService(workspace["store"])
    comments = workspace["store"].read_frame()
    rated = comments[comments["nps"].notna()]
    done = service.create_plan(system, PlanIn(title="Answer within a day", target_kind="touchpoint",
                                              target="contact_centre", deadline=dt.date.today(), investment=1000.0))
    service.update_plan(system, done["id"], PlanPatch(
        status="done", completed_on=rated["created_at"].sort_values().iloc[len(rated) // 2].date()))
    plans = [done] + service.list_plans(system)
    browser.delete_all_cookies()
    browser.get(live_server + "/login")
    wait_for(browser, "#sign-in")
    found = {"/login": axe_violations(browser)}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "login.png"))
    sign_in(browser, live_server, "adm")
    wait_for(browser, "#tile-volume")
    paths = ["/", "/comments", "/charts", "/drivers?min_mentions=10", "/cases", f"/cases/{case['id']}",
             f"/customers/{case['customer_id']}", "/actions", "/digest"] + [f"/actions/{p['id']}" for p in plans[:2]]
    paths += ["/admin", "/admin/users", "/admin/rules", "/admin/rules/edit", "/admin/rules/edit?rule=detractor_negative",
              "/admin/models"]
    paths += ["/topics", "/topics/0", "/admin/taxonomy"]
    for path in paths:
        browser.get(live_server + path)
        wait_for(browser, "main h1")
        if path.startswith(("/charts", "/drivers")):
            wait_for(browser, '.plot[data-drawn="true"] svg.main-svg')
        found[path] = axe_violations(browser)
        name = path.split("?")[0].strip("/").replace("/", "_") or "overview"
        browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    serious = {path: [v for v in found_here if v["impact"] in ("critical", "serious")]
               for path, found_here in found.items()}
    assert not any(serious.values()), {p: v for p, v in serious.items() if v}
    # The check can fail: an unlabelled field and an image without a text alternative are found.
    browser.execute_script(
        "var m = document.querySelector('main');"
        "m.appendChild(document.createElement('input'));"
        "var i = document.createElement('img'); i.src = 'data:,'; m.appendChild(i);"
    )
    caught = {v["id"]: v["impact"] for v in axe_violations(browser)}
    assert caught.get("label") == "critical" and caught.get("image-alt") == "critical", caught
    sign_out(browser)


def test_an_analyst_corrects_a_tag_and_the_correction_is_in_the_training_data(browser, live_server, workspace, tmp_path,
                                                                               monkeypatch):
    """The loop from analyst to ML engineer: a tag corrected on the comments page is, with its
    corrected label, in what `voc train tagger --with-corrections` would train on (its dry run
    over a `voc export` of the store), replacing the comment's exported label."""
    import json

    from selenium.webdriver.support.ui import Select
    from typer.testing import CliRunner

    from voc_engine.cli import app
    from voc_engine.store.export import export_comments

    sign_in(browser, live_server, "ana")
    wait_for(browser, "#tile-volume")
    find(browser, 'nav a[href="/comments"]').click()
    wait_for(browser, "#comment-filters")
    find(browser, "#tag").send_keys("wait_time")
    submit(browser, find(browser, "#apply-filters"))
    item = find(browser, "#comment-list li.comment")
    comment_id = item.get_attribute("data-comment-id")
    tags = [t.text for t in item.find_elements("css selector", ".tags .tag")]
    assert "wait_time" in tags
    item.find_element("css selector", "details.correct summary").click()
    Select(item.find_element("css selector", f"#old-{comment_id}")).select_by_value("wait_time")
    right = Select(item.find_element("css selector", f"#new-{comment_id}"))
    new = next(o.get_attribute("value") for o in right.options if o.get_attribute("value") not in tags + [""])
    right.select_by_value(new)
    submit(browser, item.find_element("css selector", "button.save-tag"))
    wait_for(browser, "#correction-saved")
    shown = find(browser, f'#comment-{comment_id} li.correction[data-field="tag"][data-new="{new}"]')
    assert shown.get_attribute("data-old") == "wait_time" and "by user:ana" in shown.text
    sign_out(browser)

    store = workspace["store"]
    data = tmp_path / "export.csv"
    export_comments(store, data)  # what an ML engineer starts from: the stored comments and their tags
    monkeypatch.setenv("VOC_DATABASE_URL", store.url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "var"))
    command = ["train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "tags",
               "--label-sep", "|", "--dry-run"]
    plain = CliRunner().invoke(app, command)
    result = CliRunner().invoke(app, command + ["--with-corrections"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    mine = [r for r in rows["corrected_rows"] if r["comment_id"] == comment_id]
    assert len(mine) == 1 and new in mine[0]["labels"] and "wait_time" not in mine[0]["labels"]
    assert rows["corrections"]["replaced_file_rows"] >= 1
    before = json.loads(plain.stdout)["labels"]
    assert rows["labels"]["wait_time"] < before["wait_time"]  # this comment's wait_time is gone


def test_an_admin_edits_an_alert_rule_after_a_dry_run(browser, live_server, workspace):
    from voc_engine.alerting.config import current_version, save_rules

    store = workspace["store"]
    before = current_version(store, "rules")
    try:
        sign_in(browser, live_server, "adm")
        wait_for(browser, "#tile-volume")
        find(browser, 'nav a[href="/admin"]').click()
        wait_for(browser, "#admin-tiles")
        find(browser, "#tile-rules").click()
        wait_for(browser, "table#rules")
        find(browser, 'a[aria-label="Edit rule detractor_negative"]').click()
        wait_for(browser, "#rule-when")

        # A condition the rules do not know: refused at its field, nothing previewed.
        when = find(browser, "#rule-when")
        when.clear()
        when.send_keys("nps: {atmost: 3}")
        submit(browser, find(browser, "#preview-rules"))
        wait_for(browser, "#error-when")
        assert "rules[" in find(browser, "#error-when").text
        assert find(browser, "#rule-when").get_attribute("aria-describedby") == "error-when"
        assert not find_all(browser, "#save-rules")
        assert not [v for v in axe_violations(browser) if v["impact"] in ("critical", "serious")]

        when = find(browser, "#rule-when")
        when.clear()
        when.send_keys("nps: {lte: 3}")
        name = find(browser, "#rule-name")
        name.clear()
        name.send_keys("Strong detractor")
        submit(browser, find(browser, "#preview-rules"))
        wait_for(browser, "#dry-run-summary")
        # What the edited rule would have caught: the stored comments with an NPS of 0 to 3.
        frame = store.read_frame()
        edited = find(browser, 'tr.edited[data-rule-id="detractor_negative"]')
        assert edited.find_element("css selector", '[data-figure="matches"]').text == str(int((frame["nps"] <= 3).sum()))
        assert find(browser, '#dry-run-summary [data-figure="comments"]').text == str(len(frame))
        assert find_all(browser, "#dry-run-examples li.comment")
        source = unescape(browser.page_source)
        assert not [secret for secret in PII if secret in source]
        assert not [v for v in axe_violations(browser) if v["impact"] in ("critical", "serious")]
        assert current_version(store, "rules").version == before.version  # the preview saved nothing

        submit(browser, find(browser, "#save-rules"))
        wait_for(browser, "#rules-saved")
        row = find(browser, 'tr[data-rule-id="detractor_negative"]')
        assert "Strong detractor" in row.text
        session = {c["name"]: c["value"] for c in browser.get_cookies()}["voc_session"]
        saved = httpx.get(live_server + "/v1/alerts/rules", cookies={"voc_session": session}).json()
        rule = next(r for r in saved["document"]["rules"] if r["id"] == "detractor_negative")
        assert (rule["name"], rule["when"]) == ("Strong detractor", {"nps": {"lte": 3}})
        assert saved["created_by"] == "user:adm" and saved["version"] != before.version
        assert [r["id"] for r in saved["document"]["rules"]] == [r["id"] for r in before.document["rules"]]
        sign_out(browser)
    finally:
        if current_version(store, "rules").version != before.version:
            save_rules(store, before.text, "test")  # the session's store is shared with later tests
