"""End-to-end in headless Chromium (Debian's, through Playwright): the walk a reader takes, and an XSS battery.

Skips with the reason when Chromium or Playwright is missing, unless NEWSDESK_REQUIRE_BROWSER
is set (CI), where it fails instead. Screenshots land in tests/web/artifacts/ (git-ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from web_corpus import ARTICLES, FLAG

from conftest import ARTIFACTS

HOSTILE_ID = ARTICLES[4]["id"]


class Watch:
    """A browser page with every dialog, console error, page error and CSP report collected."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.set_default_timeout(10_000)
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, url: str) -> None:
        resp = self.page.goto(url, wait_until="load")
        assert resp is not None and resp.status == 200, url

    def assert_no_script_ran(self, where: str) -> None:
        flag = self.page.evaluate(f"() => window.{FLAG} === undefined && window.top.{FLAG} === undefined")
        assert flag, f"a payload script ran on {where}"
        assert not self.dialogs, f"dialogs on {where}: {self.dialogs}"

    def assert_no_injected_elements(self, where: str) -> None:
        found = self.page.evaluate("""() => {
            const bad = [];
            for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                    if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                    if (['href', 'src', 'action', 'formaction'].includes(a.name)
                        && /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.value);
                }
            }
            for (const el of document.querySelectorAll('img, iframe, object, embed, textarea, math, style, base'))
                bad.push(el.tagName);
            const scripts = [...document.querySelectorAll('script')].map(s => s.getAttribute('src'));
            if (scripts.length !== 1 || scripts[0] !== '/static/htmx.min.js') bad.push('scripts ' + scripts);
            return bad;
        }""")
        assert not found, f"elements from article data on {where}: {found}"


@pytest.fixture
def watch(browser: Any) -> Iterator[Watch]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    try:
        yield Watch(page)
    finally:
        ctx.close()


@pytest.fixture
def watch_no_csp(browser: Any) -> Iterator[Watch]:
    """A page that ignores the Content-Security-Policy: escaping alone must keep scripts out."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    try:
        yield Watch(page)
    finally:
        ctx.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_reader_walkthrough(watch: Watch, live_url: str) -> None:
    page = watch.page
    # the overview
    watch.goto(live_url + "/")
    assert page.locator("#stat-articles").inner_text() == str(len(ARTICLES) + 1)
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.locator("a.story").count() == 2
    shot(page, "overview")
    # search through the htmx form: the results are swapped in, the URL follows
    watch.goto(live_url + "/search")
    page.fill("#search-form input[name=q]", "steel tariffs")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#results a.art")
    assert "q=steel" in page.url
    assert page.locator("#results a.art").count() >= 1
    shot(page, "search")
    # a filter: flag kind
    page.fill("#search-form input[name=q]", "")
    page.select_option("#search-form select[name=flag]", "typo")
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#result-count') && "
                           "document.location.search.includes('flag=typo')")
    # open the article with a flag
    page.locator("#results a.art", has_text="steel tariffs").first.click()
    page.wait_for_selector("#text mark")
    assert page.locator("#text mark.hl-entity").count() > 0
    assert page.locator("#text mark.hl-date").count() > 0
    assert page.locator("#text mark.hl-event").count() > 0
    assert "reliability" in page.locator("#reliability").inner_text()
    # a flag's evidence: click the highlight, the panel loads it (htmx)
    page.locator("#text mark.hl-flag").first.click()
    page.wait_for_selector("#evidence .detail-flag")
    assert "Evidence" in page.locator("#evidence").inner_text()
    assert "misspelled" in page.locator("#evidence").inner_text()
    # hover text on a highlight
    assert page.locator("#text mark.hl-flag").first.get_attribute("title")
    shot(page, "article")
    # the same evidence is in the flag list without script
    page.locator("#flags details summary").first.click()
    assert page.locator("#flags details[open] pre.evidence").count() == 1
    # follow a story to its timeline
    watch.goto(live_url + "/stories")
    page.locator("a.story", has_text="France and Germany").first.click()
    page.wait_for_selector("#timeline svg.chart")
    assert page.locator("#timeline svg.chart rect.bar").count() >= 1
    assert page.locator("ol.timeline li").count() >= 2
    shot(page, "story")
    # an actor and a dyad
    page.locator("ol.timeline a.actor", has_text="France").first.click()
    page.wait_for_selector("a.dyad")
    page.locator("a.dyad", has_text="Germany").first.click()
    page.wait_for_selector("svg.chart circle.dot")
    shot(page, "dyad")
    # CSP holds for our own pages: no violation, no script error, htmx works without inline code
    assert not watch.errors, watch.errors
    watch.assert_no_script_ran("the walkthrough")


HOSTILE_PAGES = ["/", "/articles?limit=200", f"/article?id={quote(HOSTILE_ID)}", "/article?id=xss-2",
                 "/article?id=xss-3", "/article?id=crafted", "/stories", "/stories/s1", "/search?q=script",
                 "/search?q=agreement&flag=markup_residue", "/actors", "/actor?name=" + quote(
                     '<img src=x onerror="window.__xss=1;alert(1)">'), "/actor?name=France"]


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-only"])
def test_xss_battery(request: Any, live_url: str, csp: bool) -> None:
    watch: Watch = request.getfixturevalue("watch" if csp else "watch_no_csp")
    page = watch.page
    for path in HOSTILE_PAGES:
        watch.goto(live_url + path)
        watch.assert_no_script_ran(path)
        watch.assert_no_injected_elements(path)
        if path.startswith("/article?"):
            # every highlight's details (htmx swaps them in): payloads in spans, messages and evidence
            marks = page.locator("#text mark").filter(has_text=re.compile(r"\S"))
            for i in range(min(marks.count(), 25)):
                marks.nth(i).click()
                page.wait_for_selector("#evidence .detail, #evidence p.muted")
            for d in page.locator("#flags details summary").all()[:10]:
                d.click()
            watch.assert_no_script_ran(path + " after clicks")
            watch.assert_no_injected_elements(path + " after clicks")
            name = re.sub(r"[^a-z0-9-]+", "", path.split("=")[-1].lower())[:20]
            shot(page, "xss-" + ("csp" if csp else "nocsp") + "-" + name)
    # the hostile text is there, as text
    watch.goto(live_url + "/article?id=xss-2")
    assert "<script>window.__xss=1;alert(1)</script>" in page.locator("#text").inner_text()
    assert page.locator("code.unsafe-url").first.inner_text().lower().startswith("javascript:")
    # the API's JSON is not rendered as HTML
    watch.goto(live_url + "/api/analysis/xss-2")
    watch.assert_no_script_ran("/api/analysis/xss-2")
    if csp:
        assert not [e for e in watch.errors if "Content Security Policy" not in e], watch.errors
