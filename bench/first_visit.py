"""The dashboard's first visit in a real browser: gunicorn with the production settings (static files
collected, hashed, compressed, served by WhiteNoise), the system Chromium, a fresh context per visit so
nothing is cached.

Two figures per visit, both measured from the start of the navigation by the page's own clock:
- charts drawn: every chart the user sees on arrival is drawn: the radar says so (data-ready), and so does
  the heatmap when there is one and it is on the first screen (below the fold it is drawn on scrolling);
- page without charts: the same page's `load` event with the plotly.js request blocked, so nothing
  is drawn (dashboard.js gives up without Plotly).
Issue 17's target: charts drawn within 2x the page without charts.
"""

from django.urls import reverse

from bench.results import summary
from bench.server import Gunicorn
from tests.factories import DEFAULT_PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking"]

# Records when the charts are drawn, by the page's clock (ms since the navigation started), so polling
# from Playwright adds no delay to the figure.
DRAWN_WATCH = """
(() => {
  const drawn = () => {
    const radar = document.querySelector('#radar-chart[data-ready="true"]');
    if (!radar) return false;
    const heatmap = document.getElementById('heatmap-chart');
    if (!heatmap) return true;
    const box = heatmap.getBoundingClientRect();  // the page has not scrolled: this is the first screen
    const seen = box.width > 0 && box.top < window.innerHeight && box.bottom > 0;
    return !seen || heatmap.querySelector('.main-svg') !== null;
  };
  new MutationObserver((changes, observer) => {
    if (window.__chartsDrawnAt === undefined && drawn()) {
      window.__chartsDrawnAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def _sign_in(browser, base_url, email):
    """Cookies of a signed-in manager, from the real sign-in form (in a context that is then thrown away)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base_url}{reverse('login')}")
        page.fill('input[name="login"]', email)  # allauth's sign-in form
        page.fill('input[name="password"]', DEFAULT_PASSWORD)
        with page.expect_navigation():
            page.click('form:has(input[name="password"]) button[type="submit"]')  # not the language form
        if "/accounts/login" in page.url:
            raise RuntimeError(f"the demo manager could not sign in: {page.inner_text('main')[:300]!r}")
        return context.storage_state()
    finally:
        context.close()


def _visit(browser, url, state, *, charts):
    """Seconds from navigation start to the charts drawn (charts=True) or to `load` without plotly.js."""
    context = browser.new_context(storage_state=state, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        if charts:
            page.add_init_script(DRAWN_WATCH)
            page.goto(url, wait_until="load", timeout=60_000)
            page.wait_for_function("window.__chartsDrawnAt !== undefined", timeout=60_000)
            ms = page.evaluate("window.__chartsDrawnAt")
            if page.locator("#heatmap-chart").count():  # below the fold: it must still draw on scrolling
                page.locator("#heatmap-chart").scroll_into_view_if_needed()
                page.wait_for_selector("#heatmap-chart .main-svg", timeout=60_000)
        else:
            page.route("**/plotly*.js", lambda route: route.abort())
            page.goto(url, wait_until="load", timeout=60_000)
            ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            if page.evaluate("document.querySelector('#radar-chart .main-svg') !== null"):
                raise RuntimeError("the charts were drawn although plotly.js was blocked")
        return ms / 1000
    finally:
        context.close()


def first_visit(*, database_url, assessment, manager, runs):
    from playwright.sync_api import sync_playwright

    path = reverse("assessment_dashboard", kwargs={"assessment": assessment.public_id})
    email = manager.email  # read before Playwright runs: no database access inside its loop
    server = Gunicorn(database_url, workers=2, threads=2)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                state = _sign_in(browser, server.url, email)
                url = f"{server.url}{path}"
                _visit(browser, url, state, charts=True)  # warms the server (templates, caches), not the browser
                drawn, bare = [], []
                for _ in range(runs):
                    drawn.append(_visit(browser, url, state, charts=True))
                    bare.append(_visit(browser, url, state, charts=False))
            finally:
                browser.close()
    finally:
        server.stop()
    return [
        summary("dashboard first visit: charts drawn (s)", drawn, unit="s", note="cold cache, production settings"),
        summary("dashboard first visit: page without charts, baseline (s)", bare, unit="s", note="plotly.js blocked"),
        summary(
            "dashboard first visit: charts drawn / page without charts",
            [d / b for d, b in zip(drawn, bare, strict=True)],
            target=2.0,
            compare="<=",
            unit="x",
            note="per visit pair",
        ),
    ]
