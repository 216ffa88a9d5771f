"""HTTP-level tests of every route: status, shapes, pagination, headers, escaping, ingest rules."""

from __future__ import annotations

import itertools
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from web_corpus import ARTICLES, PAYLOADS

from newsdesk.store import Store, open_store
from newsdesk.web import CSP, create_app, safe_url
from newsdesk.web.data import MAX_LIMIT
from newsdesk.web.highlight import segments

HOSTILE_ID = ARTICLES[4]["id"]

PAGES = ["/", "/articles", "/articles?limit=2&offset=2", "/article?id=trade-1", "/article?id=crafted",
         f"/article?id={quote(HOSTILE_ID)}", "/article?id=xss-2", "/article?id=xss-3",
         "/article/spans?id=trade-2&start=0&end=10000", "/article/spans?id=crafted&start=0&end=5",
         "/stories", "/stories/s1", "/stories/s2", "/actors", "/actor?name=France", "/actor?name=nobody",
         "/dyad?a=France&b=Germany", "/dyad?a=Peru&b=Chile", "/search", "/search?q=agreement",
         "/search?q=script", "/search?flag=markup_residue", "/search?actor=Peru&modality=asserted",
         "/search?event_type=05&date_from=2024-03&date_to=2024-03-31"]
API = ["/api/articles", "/api/articles?limit=1&offset=1", "/api/analysis/trade-1", "/api/events",
       "/api/events?actor=France&event_type=057", "/api/actors", "/api/stories", "/api/stories/s1",
       "/api/timeline", "/api/timeline?story=s2", "/api/timeline?actor=Chile", "/api/timeline?a=France&b=Germany",
       "/api/search?q=earthquake", "/api/search?flag=typo", "/openapi.json"]


class Attrs(HTMLParser):
    """Every start tag with its attributes, and every script/style element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Attrs()
    p.feed(html)
    return p.tags


def assert_clean(html: str) -> None:
    """No element or attribute in the page came from article data."""
    tags = parse(html)
    scripts = [a for t, a in tags if t == "script"]
    assert scripts in ([], [{"src": "/static/htmx.min.js", "defer": None}])  # fragments have none
    assert not [t for t, _ in tags if t in {"img", "iframe", "style", "object", "embed", "math", "base", "textarea"}]
    for tag, attrs in tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for key in ("href", "src", "action", "hx-get", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        hx = [k for k in attrs if k.startswith("hx-")]
        if hx:
            assert set(hx) <= {"hx-get", "hx-target", "hx-trigger", "hx-push-url"}, (tag, attrs)
            assert (attrs.get("hx-get") or "").startswith(("/article/spans?", "/search")), (tag, attrs)


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_safely(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "<script>window" not in r.text and "<svg onload" not in r.text
    assert_clean(r.text)


@pytest.mark.parametrize("path", API)
def test_api_routes(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["content-security-policy"] == CSP
    r.json()


def test_csp_is_strict() -> None:
    for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                 "frame-ancestors 'none'"):
        assert part in CSP
    assert "unsafe" not in CSP


def test_analysis_is_the_stored_contract_object(client: Any, store: Store) -> None:
    for art in ARTICLES:
        r = client.get("/api/analysis/" + quote(art["id"], safe=""))
        assert r.status_code == 200
        assert r.json() == store.get(art["id"])
        assert r.json()["schema"] == "newsdesk.analysis/1"
    assert client.get("/api/analysis/nope").status_code == 404


def test_articles_pagination(client: Any, store: Store) -> None:
    body = client.get("/api/articles?limit=3&offset=0").json()
    assert body["total"] == store.count() == len(ARTICLES) + 1
    assert [i["id"] for i in body["items"]] == [r.id for r in store.list(limit=3)]
    second = client.get("/api/articles?limit=3&offset=3").json()
    assert not {i["id"] for i in body["items"]} & {i["id"] for i in second["items"]}
    assert client.get(f"/api/articles?limit={MAX_LIMIT + 1}").status_code == 422
    assert client.get("/api/articles?offset=-1").status_code == 422
    assert client.get("/api/events?limit=0").status_code == 422
    # pages clamp instead of refusing
    assert client.get("/articles?limit=100000&offset=-5").status_code == 200


def test_events_filters(client: Any) -> None:
    body = client.get("/api/events?actor=france&limit=200").json()
    assert body["total"] > 0
    for e in body["items"]:
        assert "France" in (e["source"], e["target"])
        assert set(e) >= {"article_id", "code", "plover", "modality", "goldstein", "date", "source", "target"}
    dates = [e["date"] for e in body["items"]]
    assert dates == sorted(dates)
    neg = client.get("/api/events?modality=asserted&event_type=05").json()
    assert all(e["modality"] == "asserted" and e["code"].startswith("05") for e in neg["items"])
    ranged = client.get("/api/events?date_from=2024-05&date_to=2024-05-31").json()
    assert ranged["total"] > 0 and all(e["date"].startswith("2024-05") for e in ranged["items"])


def test_stories_and_timeline(client: Any) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == 2
    ids = {s["id"] for s in stories["items"]}
    quake = next(s for s in stories["items"] if "quake-1" in [m["id"] for m in s["members"]])
    one = client.get(f"/api/stories/{quake['id']}").json()
    assert {e["article_id"] for e in one["events"]} <= {"quake-1", "quake-2"}
    assert one["timeline"] and all(t["events"] > 0 for t in one["timeline"])
    tl = client.get(f"/api/timeline?story={quake['id']}").json()
    assert tl["events"] == len(one["events"])
    assert all(-10 <= g["mean"] <= 10 for g in tl["goldstein"])
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/timeline?story=nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    assert ids


def test_search(client: Any) -> None:
    hits = client.get("/api/search?q=earthquake").json()
    assert {i["id"] for i in hits["items"]} == {"quake-1", "quake-2"}
    both = client.get("/api/search?q=earthquake peru rescue").json()
    assert {i["id"] for i in both["items"]} <= {"quake-1", "quake-2"} and both["total"] >= 1
    assert client.get("/api/search?q=zzzzqqq").json()["total"] == 0
    flagged = client.get("/api/search?flag=markup_residue").json()
    assert flagged["total"] >= 2 and all(i["flags"].get("markup_residue") for i in flagged["items"])
    actor = client.get("/api/search?actor=Peru").json()
    assert {i["id"] for i in actor["items"]} == {"quake-1", "quake-2"}
    dated = client.get("/api/search?date_from=2024-05-01&date_to=2024-05-31").json()
    assert {i["id"] for i in dated["items"]} == {"quake-1", "quake-2"}
    # the htmx request gets only the results fragment
    frag = client.get("/search?q=earthquake", headers={"HX-Request": "true"})
    assert "<html" not in frag.text and 'id="result-count"' in frag.text


def test_ask_answers_with_cited_sentences(client: Any) -> None:
    r = client.get("/api/ask?q=earthquake")
    assert r.status_code == 200
    body = r.json()
    assert body["question"] == "earthquake" and body["answers"]
    first = body["answers"][0]
    assert {"text", "article_id", "start", "end", "citation"} <= set(first)


def test_openapi_documents_the_api(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/analysis/{article_id}", "/api/events", "/api/stories",
                 "/api/stories/{story_id}", "/api/timeline", "/api/search", "/api/ask", "/api/ingest"):
        assert path in spec["paths"], path
    assert not [p for p in spec["paths"] if not p.startswith("/api/")]
    assert client.get("/docs").status_code == 404  # swagger UI needs a CDN and inline scripts


def test_read_only_by_default(client: Any) -> None:
    assert client.post("/api/ingest?filename=a.txt", content=b"x").status_code == 403
    assert client.post("/articles").status_code == 405
    assert client.delete("/api/analysis/trade-1").status_code == 405


def test_unknown_routes_and_ids(client: Any) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and r.headers["content-security-policy"] == CSP
    r = client.get("/article?id=" + quote("<script>window.__xss=1</script>"))
    assert r.status_code == 404 and "<script>window" not in r.text
    assert client.get("/api/nope").json() == {"detail": "Not Found"}


def test_safe_url() -> None:
    assert safe_url("https://a.example/x?y=<b>") == "https://a.example/x?y=<b>"
    assert safe_url("http://a.example") == "http://a.example"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)",
                "data:text/html,<script>", "vbscript:x", "//evil.example/x", "/relative", "https:///nohost",
                "", None, 42, "https://a.example/\x00"):
        assert safe_url(bad) is None, bad


def test_hostile_urls_are_text_not_links(client: Any) -> None:
    html = client.get("/article?id=xss-2").text
    assert "JaVaScRiPt:window.__xss=1" in html  # shown ...
    assert 'href="JaVaScRiPt' not in html and "href='javascript" not in html.lower()  # ... never as a link
    listing = client.get("/articles?limit=200").text
    assert 'href="https://news.example/trade-1"' in listing
    assert 'href="http://quake.example/a?x=1&amp;y=&lt;b&gt;"' in listing


def test_segments_join_back_to_the_text(store: Store) -> None:
    for art in [*ARTICLES, {"id": "crafted"}]:
        obj = store.get(art["id"])
        assert obj is not None
        segs = segments(obj)
        assert "".join(s.text for s in segs) == obj["article"]["text"]
        assert all(a.end == b.start for a, b in itertools.pairwise(segs))


def test_article_page_shows_the_analysis(client: Any, store: Store) -> None:
    html = client.get("/article?id=trade-2").text
    obj = store.get("trade-2")
    assert obj is not None
    assert 'class="hl-' in html and "hl-entity" in html and "hl-date" in html and "hl-event" in html
    assert f"{obj['scores']['reliability']:.2f}" in html
    for f in obj["flags"]:
        assert f["kind"] in html
    crafted = client.get("/article?id=crafted").text
    assert "&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;" in crafted  # the flag message, escaped
    spans = client.get("/article/spans?id=crafted&start=0&end=3").text
    assert "Evidence" in spans and "&lt;svg onload=" in spans


def _payload_escaped(html: str) -> bool:
    return all(p not in html for p in PAYLOADS if "<" in p)


def test_no_payload_survives_raw(client: Any) -> None:
    for path in PAGES:
        assert _payload_escaped(client.get(path).text), path


# -- ingest over HTTP -----------------------------------------------------------------------------


@pytest.fixture
def ingest_client(tmp_path: Path) -> Any:
    from fastapi.testclient import TestClient

    store = open_store(f"sqlite:///{tmp_path / 'in.db'}")
    app = create_app(store, ingest_token="s3cret-token-for-tests", max_upload_bytes=2000,
                     ingest_stages=["structure"])
    with TestClient(app) as c:
        yield c
    store.close()


def test_ingest_needs_the_token(ingest_client: Any) -> None:
    url = "/api/ingest?filename=a.txt"
    assert ingest_client.post(url, content=b"Hello.").status_code == 401
    assert ingest_client.post(url, content=b"Hello.", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert ingest_client.post(url, content=b"Hello.",
                              headers={"Authorization": "Basic s3cret-token-for-tests"}).status_code == 401


def test_ingest_limits_and_kinds(ingest_client: Any) -> None:
    auth = {"Authorization": "Bearer s3cret-token-for-tests"}
    assert ingest_client.post("/api/ingest?filename=a.txt", content=b"x" * 2001, headers=auth).status_code == 413
    assert ingest_client.post("/api/ingest?filename=a.exe", content=b"x", headers=auth).status_code == 415
    assert ingest_client.post("/api/ingest?filename=a.txt", content=b"\xff\xfe", headers=auth).status_code == 400


def test_ingest_stores_and_shows(ingest_client: Any) -> None:
    auth = {"Authorization": "Bearer s3cret-token-for-tests"}
    assert ingest_client.get("/api/articles").json()["total"] == 0
    r = ingest_client.post("/api/ingest?filename=note.txt&id=note-1", content=b"A short note.\n",
                           headers=auth)
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    lines = "".join(json.dumps({"id": f"j{i}", "text": f"Text {i}."}) + "\n" for i in range(3))
    lines += '{"id": "broken"}\n'
    r = ingest_client.post("/api/ingest?filename=c.jsonl", content=lines.encode(), headers=auth)
    assert r.json()["added"] == 3 and r.json()["failed"] == 1
    assert ingest_client.get("/api/articles").json()["total"] == 4
    assert ingest_client.get("/api/analysis/note-1").json()["article"]["text"] == "A short note.\n"
    assert ingest_client.get("/api/search?q=note").json()["total"] == 1
