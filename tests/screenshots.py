"""Refresh the README screenshots: `make screenshots`.

Builds a throwaway SQLite database with the 9+ model and the demo data, serves it
with runserver on a free port and photographs the key pages with the system
Chromium at desktop and phone width. Not part of the test suite.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "img" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]
PASSWORD = "demo-cxmaturity-2026"


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (local server)
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"server did not start at {url}")


def portfolio(browser, base):
    """The consultant's client portfolio (README), sorted by index."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "consultant@demo.cxmaturity.nl")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/portfolio/?sort=-index")
    page.screenshot(path=OUT / "portfolio-desktop.png", full_page=False)
    context.close()


def main_pages(browser, base, closed, open_):
    """The dashboard, progress and respondent's start page at desktop and phone width; the plan and trend."""
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=login]", "manager@demo.cxmaturity.nl")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{base}/o/**")
        if name == "desktop":
            plan_and_trend(page, base)
        page.goto(f"{base}/a/{closed['id']}/results/")
        page.wait_for_selector(".js-plotly-plot", timeout=15000)
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / f"dashboard-{name}.png", full_page=False)
        page.goto(f"{base}/a/{open_['id']}/progress/")
        page.screenshot(path=OUT / f"progress-{name}.png", full_page=False)
        respondent = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        rpage = respondent.new_page()
        rpage.goto(open_["invitation_urls"][0].replace("http://127.0.0.1:8000", base))
        rpage.screenshot(path=OUT / f"respondent-start-{name}.png", full_page=False)
        respondent.close()
        context.close()


def plan_and_trend(page, base):
    """The action plan and the trend over rounds (README "From diagnosis to action"), as the manager sees them."""
    organisation = page.url.split("/o/")[1].split("/")[0]
    page.goto(f"{base}/o/{organisation}/plan/")
    page.screenshot(path=OUT / "action-plan-desktop.png", full_page=False)
    page.goto(f"{base}/o/{organisation}/trend/")
    page.screenshot(path=OUT / "trend-desktop.png", full_page=False)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = tempfile.mkdtemp(prefix="cxm-shots-")
    env = {**os.environ, "DEBUG": "true", "CXM_DATA_DIR": data_dir, "RATELIMIT_ENABLE": "false"}
    env.pop("DATABASE_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_maturity_model", "models_9plus/data/nineplus.yaml")
    demo = json.loads(manage(env, "seed_demo", "--json"))
    closed = next(a for a in demo["assessments"] if a["status"] == "closed")
    open_ = next(a for a in demo["assessments"] if a["status"] == "open")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/health/")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS)
            only = os.environ.get("CXM_SHOTS_ONLY", "")
            sections = {
                "main": lambda: main_pages(browser, base, closed, open_),
                "portfolio": lambda: portfolio(browser, base),
                "dashboard": lambda: dashboard_in_both_languages(browser, base, closed),
                "pulse": lambda: pulse_pages(browser, base),
                "journeys": lambda: journey_pages(browser, base),
                "measures": lambda: plan_measures(browser, base),
                "groups": lambda: group_top_three(browser, base, closed),
            }
            for section, photograph in sections.items():
                if not only or section in only.split(","):
                    photograph()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Screenshots written to {OUT.relative_to(ROOT)}")


def dashboard_in_both_languages(browser, base, closed):
    """The dashboard in Dutch and English at a 360 px phone and a 1280 px laptop.

    CXM_SHOTS_REVIEW=<dir> also writes full-page pictures there, to review every section.
    """
    review = os.environ.get("CXM_SHOTS_REVIEW")
    for language, locale in (("en", "en-GB"), ("nl", "nl-NL")):
        for width, height in ((360, 780), (1280, 900)):
            context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
            page = context.new_page()
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=login]", "manager@demo.cxmaturity.nl")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{base}/o/**")
            page.goto(f"{base}/a/{closed['id']}/results/")
            page.wait_for_selector(".js-plotly-plot", timeout=15000)
            page.wait_for_timeout(800)
            page.screenshot(path=OUT / f"dashboard-{language}-{width}.png", full_page=False)
            if review:
                # Charts below the fold draw when scrolled into view: pass over the whole page first.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_timeout(800)
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=Path(review) / f"dashboard-{language}-{width}-full.png", full_page=True)
            context.close()


PULSE_PAGES = (
    # (who signs in, the page, the picture's name): the CX lead's own pulse, the sponsor's view, the settings
    ("manager@demo.cxmaturity.nl", "pulse/", "pulse-mine"),
    ("viewer@demo.cxmaturity.nl", "pulse/sponsor/", "pulse-sponsor"),
    ("manager@demo.cxmaturity.nl", "pulse/settings/", "pulse-settings"),
)
# The two the README shows; every page in both languages at both widths goes to CXM_SHOTS_REVIEW (full page).
PULSE_README = {
    ("pulse-sponsor", "en", 1280): "pulse-sponsor-desktop.png",
    ("pulse-mine", "nl", 360): "pulse-mine-nl-360.png",
}


def pulse_pages(browser, base, review=None):
    """The energy pulse's pages in Dutch and English at 360 and 1280 px."""
    review = review or os.environ.get("CXM_SHOTS_REVIEW")
    for language, locale in (("en", "en-GB"), ("nl", "nl-NL")):
        for width, height in ((360, 780), (1280, 900)):
            for email, path, name in PULSE_PAGES:
                readme = PULSE_README.get((name, language, width))
                if readme is None and not review:
                    continue
                context, page, organisation = signed_in(browser, base, email, width=width, height=height, locale=locale)
                page.goto(f"{base}/o/{organisation}/{path}")
                if readme:
                    page.screenshot(path=OUT / readme, full_page=False)
                if review:
                    page.screenshot(path=Path(review) / f"{name}-{language}-{width}.png", full_page=True)
                context.close()


def signed_in(browser, base, email, *, width, height, locale):
    """A new browser context signed in as `email`; returns the context, its page and the organisation's id."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/o/**")
    return context, page, page.url.split("/o/")[1].split("/")[0]


SIZES = {360: 780, 1280: 900}
LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}
# The journey page and its blueprint: the README shows three (viewport size); the rest go to CXM_SHOTS_REVIEW.
JOURNEY_README = {
    ("journey", "en", 1280): "journey-desktop.png",
    ("journey", "nl", 360): "journey-nl-360.png",
    ("blueprint", "en", 1280): "blueprint-desktop.png",
}


def journey_pages(browser, base, review=None):
    """The demo's "Start of home care" journey and its service blueprint (README "Moments that matter")."""
    review = review or os.environ.get("CXM_SHOTS_REVIEW")
    context, page, organisation = signed_in(
        browser, base, "manager@demo.cxmaturity.nl", width=1280, height=900, locale="en-GB"
    )
    page.goto(f"{base}/o/{organisation}/journeys/")
    journey = page.get_by_role("link", name="Start of home care").get_attribute("href")
    context.close()
    for language, locale in LANGUAGES.items():
        for width, height in SIZES.items():
            wanted = {
                name: JOURNEY_README.get((name, language, width))
                for name in ("journey", "blueprint")
                if review or (name, language, width) in JOURNEY_README
            }
            if not wanted:
                continue
            context, page, _ = signed_in(
                browser, base, "manager@demo.cxmaturity.nl", width=width, height=height, locale=locale
            )
            for name, readme in wanted.items():
                page.goto(f"{base}{journey}" + ("blueprint/" if name == "blueprint" else ""))
                if readme and name == "journey" and width < 576:
                    # On a phone the header and the introduction fill the first screen: start at the round picker.
                    page.evaluate(
                        "document.getElementById('round').closest('form').scrollIntoView({behavior: 'instant'})"
                    )
                if readme:
                    page.screenshot(path=OUT / readme, full_page=False)
                if review:
                    page.screenshot(path=Path(review) / f"{name}-{language}-{width}.png", full_page=True)
            context.close()


def plan_measures(browser, base, review=None):
    """The plan's "Judged by customers" section (README, the customer measures), at the top of the picture."""
    review = review or os.environ.get("CXM_SHOTS_REVIEW")
    for language, locale in LANGUAGES.items():
        for width, height in SIZES.items():
            readme = "plan-measures-desktop.png" if (language, width) == ("en", 1280) else None
            if readme is None and not review:
                continue
            context, page, organisation = signed_in(
                browser, base, "manager@demo.cxmaturity.nl", width=width, height=height, locale=locale
            )
            page.goto(f"{base}/o/{organisation}/plan/")
            section = page.locator("#customer-measures")
            if readme:
                section.screenshot(path=OUT / readme)
            if review:
                section.screenshot(path=Path(review) / f"plan-measures-{language}-{width}.png")
            context.close()


def group_top_three(browser, base, closed, review=None):
    """A team's "top three for you" page, opened by the link the manager makes on the sharing page."""
    review = review or os.environ.get("CXM_SHOTS_REVIEW")
    context, page, _ = signed_in(browser, base, "manager@demo.cxmaturity.nl", width=1280, height=900, locale="en-GB")
    page.goto(f"{base}/a/{closed['id']}/share/")
    form = page.locator("#group-links form").first
    select = form.locator("select[name=group]")
    # One team (the customer service team of the demo) rather than a role; else the first group offered.
    team = select.locator("option", has_text="Klantenservice")
    select.select_option(
        team.first.get_attribute("value") if team.count() else select.locator("option").first.get_attribute("value")
    )
    form.locator("input[name=label]").fill("Customer service team meeting")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    url = page.locator("#new-group-link").input_value()
    url = base + "/b/" + url.split("/b/", 1)[1]
    if review:
        page.screenshot(path=Path(review) / "sharing-en-1280.png", full_page=True)
    context.close()
    for language, locale in LANGUAGES.items():
        for width, height in SIZES.items():
            readme = "group-top-three-desktop.png" if (language, width) == ("en", 1280) else None
            if readme is None and not review:
                continue
            context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
            page = context.new_page()
            page.goto(f"{url}?lang={language}")  # else the organisation's language; the page has the switch
            if readme:
                page.screenshot(path=OUT / readme, full_page=False)
            if review:
                page.screenshot(path=Path(review) / f"group-top-three-{language}-{width}.png", full_page=True)
            context.close()


if __name__ == "__main__":
    main()
