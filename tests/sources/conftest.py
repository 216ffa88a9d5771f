"""A small web site on 127.0.0.1 (http.server in a thread): pages, feeds, sitemaps, robots.txt.

No other network is used: every URL in these tests points at this server. The site answers
conditional requests (ETag / Last-Modified -> 304), can redirect, hold a response back
(slow pages), and logs every request with its headers and the status it answered.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.sources.fetch import FetchPolicy, reset_default_fetcher


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    #: seconds to hold the response back (ends early when the site shuts down)
    delay: float = 0.0
    #: an event the handler waits for before answering (tests hold a page back with it)
    gate: threading.Event | None = None
    #: called when the request arrives (before waiting)
    on_request: Callable[[], None] | None = None
    gzip: bool = False


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    closing: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes, **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, hit: Hit, status: int, headers: dict[str, str], body: bytes = b"") -> None:
            hit.status = status
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:
            hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()})
            site.log.append(hit)
            route = site.routes.get(self.path)
            if route is None:
                self._send(hit, 404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.on_request is not None:
                route.on_request()
            if route.gate is not None:
                while not route.gate.wait(0.05) and not site.closing.is_set():
                    pass
            if route.delay:
                site.closing.wait(route.delay)
            headers: dict[str, str] = {}
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            if route.location is not None:
                self._send(hit, route.status, {"Location": route.location})
                return
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if (route.etag and inm == route.etag) or (not inm and route.last_modified and ims == route.last_modified):
                self._send(hit, 304, headers)
                return
            body = route.body
            headers["Content-Type"] = route.content_type
            if route.gzip:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(hit, route.status, headers, body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that time out and hang up are part of the tests


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(s))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield s
    finally:
        s.closing.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def quick_fetcher(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tiny politeness delays and timeouts, no proxies from the environment, a fresh process-wide fetcher."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSDESK_FETCH_DELAY", "0.01")
    monkeypatch.setenv("NEWSDESK_FETCH_TIMEOUT", "2")
    reset_default_fetcher()
    yield
    reset_default_fetcher()


def policy(**kw: object) -> FetchPolicy:
    base: dict[str, object] = {"delay": 0.0, "timeout": 2.0, "total_timeout": 5.0}
    base.update(kw)
    return FetchPolicy(**base)  # type: ignore[arg-type]


def page(title: str, *paras: str, published: str | None = None) -> str:
    """An article page trafilatura extracts: a title, a date and some paragraphs we wrote."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paras) or (
        f"<p>{title}. Officials met on Monday to discuss the next steps, a spokesperson said after the "
        "meeting ended late in the evening.</p><p>The talks will continue on Friday in the capital, "
        "according to a statement released by the ministry.</p>")
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def rss(items: list[tuple[str, str]], title: str = "Test feed") -> str:
    """RSS 2.0 with ``(title, link)`` items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 06 May 2024 10:0{i % 10}:00 GMT</pubDate><description>About {t}.</description></item>"
        for i, (t, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"{entries}</channel></rss>")


def atom(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{link}"/><id>urn:x:{i}</id>'
        f"<updated>2024-05-0{i % 9 + 1}T08:00:00Z</updated><summary>About {t}.</summary></entry>"
        for i, (t, link) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title>'
            f"<id>urn:x</id><updated>2024-05-09T08:00:00Z</updated>{entries}</feed>")


def news_sitemap(items: list[tuple[str, str]]) -> str:
    urls = "".join(
        f"<url><loc>{link}</loc><news:news><news:publication><news:name>Test Times</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>2024-05-0{i % 9 + 1}"
        f"</news:publication_date><news:title>{t}</news:title></news:news></url>"
        for i, (t, link) in enumerate(items))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def sitemap_index(locs: list[str]) -> str:
    inner = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{inner}</sitemapindex>")


def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'watch.db'}"


def wait_for(cond: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return cond()
