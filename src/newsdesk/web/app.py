"""The web dashboard and JSON API: a FastAPI app over one store.

Pages are rendered on the server with Jinja2 (autoescape on, article data never marked
safe); htmx, vendored in ``static/``, swaps search results and span details in place. Every
response carries a strict Content-Security-Policy: scripts and styles only from this origin,
no inline code. The app is read-only unless an ingest token is configured.
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from . import svg
from .data import MAX_LIMIT, EventRow, Filters, WebData
from .highlight import covering, segments

HERE = Path(__file__).resolve().parent

#: the Content-Security-Policy of every response: nothing inline, nothing from elsewhere
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
#: the largest body ``POST /api/ingest`` accepts unless configured otherwise
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
UPLOAD_KINDS = {".jsonl": "jsonl", ".txt": "text", ".md": "text", ".html": "html", ".htm": "html"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


class SecurityHeaders:
    """Pure ASGI middleware: the security headers on every HTTP response (errors included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {h for h, _ in SECURITY_HEADERS}]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL that may be a link; else ``None`` (shown as text)."""
    if not isinstance(value, str) or any(c in value for c in "\x00\r\n\t") or value != value.strip():
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _json_pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str)


def _qs(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["pretty"] = _json_pretty
    env.globals["qs"] = _qs
    env.globals["version"] = __version__
    return env


def _timeline(events: list[EventRow]) -> list[tuple[str, int]]:
    """Events per day when they fall within ~2 months, else per month."""
    days = sorted({e.date for e in events if e.date and len(e.date) >= 10})
    unit = 10 if days and len({d[:7] for d in days}) <= 2 else 7
    counts: dict[str, int] = {}
    for e in events:
        if e.date and len(e.date) >= unit:
            counts[e.date[:unit]] = counts.get(e.date[:unit], 0) + 1
    return sorted(counts.items())


def create_app(store: Store, *, ingest_token: str | None = None, max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               ingest_stages: list[str] | None = None, max_age: float = 300.0) -> FastAPI:
    """The dashboard and API over an open ``store``.

    ``ingest_token``: when set, ``POST /api/ingest`` accepts uploads carrying it as a bearer
    token (compared in constant time); without it the app never writes.
    """
    data = WebData(store, max_age=max_age)
    env = make_env()
    ingest_lock = threading.Lock()
    app = FastAPI(title="newsdesk", version=__version__, docs_url=None, redoc_url=None,
                  description="The newsdesk store as JSON: stored articles and their analyses (the "
                              "`newsdesk.analysis/1` contract), events, stories, timelines and search. "
                              f"Lists are paginated with `limit` (at most {MAX_LIMIT}) and `offset`.")
    app.state.data = data
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(template).render(request_path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status)

    def not_found(request: Request, what: str) -> HTMLResponse:
        return page(request, "error.html", status=404, title="Not found", message=what)

    def filters_of(actor: str | None, event_type: str | None, modality: str | None, date_from: str | None,
                   date_to: str | None, flag: str | None) -> Filters:
        return Filters(actor=actor or None, event_type=event_type or None, modality=modality or None,
                       date_from=date_from or None, date_to=date_to or None, flag=flag or None)

    # -- pages ------------------------------------------------------------------------------------

    favicon = (HERE / "static" / "favicon.svg").read_bytes()

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_ico() -> Response:
        return Response(favicon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        idx = data.index()

        def figures() -> tuple[int, int, Any]:
            events = [e for s in idx.summaries.values() for e in s.events]
            flags = sum(s.flag_count for s in idx.summaries.values())
            return len(events), flags, svg.bar_chart(data.by_month(events), title="events per month")

        n_events, flags, chart = idx.remember("overview", figures)
        stories = data.stories()
        return page(request, "overview.html", title="Overview", articles=len(idx.summaries), events=n_events,
                    flags=flags, stories=len(stories), latest_stories=data.latest_stories(8),
                    most_flagged=data.most_flagged(10), latest=data.latest(10), chart=chart)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, limit: int = 50, offset: int = 0) -> HTMLResponse:
        pg = data.articles(limit, offset)
        return page(request, "articles.html", title="Articles", page=pg)

    @app.get("/article", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, id: str = "") -> HTMLResponse:
        obj = data.analysis(id)
        if obj is None:
            return not_found(request, f"No stored article has the id {id!r}.")
        art = obj.get("article") or {}
        text = art.get("text") or ""
        bp_blocks: list[dict[str, Any]] = []
        body: list[dict[str, Any]] = []
        for b in obj.get("blocks") or []:
            if not isinstance(b, dict):
                continue
            piece = text[int(b.get("start", 0)):int(b.get("end", 0))]
            is_bp = bool(b.get("boilerplate")) or b.get("kind") in {"toc", "keywords", "callout", "faq",
                                                                    "boilerplate", "markup_residue"}
            (bp_blocks if is_bp else body).append({"kind": b.get("kind"), "text": piece})
        return page(request, "article.html", title=art.get("title") or art.get("id") or "Article", obj=obj,
                    art=art, segments=segments(obj), bp_blocks=bp_blocks, body=body,
                    scores=obj.get("scores") or {}, flags=obj.get("flags") or [], events=obj.get("events") or [],
                    claims=obj.get("claims") or [], entities=obj.get("entities") or [],
                    timexes=obj.get("timexes") or [], text=text)

    @app.get("/article/spans", response_class=HTMLResponse, include_in_schema=False)
    def article_spans(request: Request, id: str = "", start: int = 0, end: int = 0) -> HTMLResponse:
        """The details of what covers [start, end) of an article's text (an htmx fragment)."""
        obj = data.analysis(id)
        if obj is None:
            return not_found(request, "No such article.")
        details = []
        for sp in covering(obj, start, end):
            key = {"flag": "flags", "claim": "claims", "event": "events", "date": "timexes",
                   "entity": "entities"}[sp.kind]
            item = (obj.get(key) or [])[sp.ref]
            details.append({"kind": sp.kind, "label": sp.label, "item": item,
                            "text": (obj.get("article") or {}).get("text", "")[sp.start:sp.end]})
        return page(request, "_spans.html", details=details)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, limit: int = 50, offset: int = 0) -> HTMLResponse:
        return page(request, "stories.html", title="Stories", page=data.stories_page(limit, offset))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        story = data.story(story_id)
        if story is None:
            return not_found(request, f"No stored story has the id {story_id!r}.")
        events = data.story_events(story)
        idx = data.index()
        members = [(m, idx.summaries.get(m.article_id)) for m in story.members]
        per_article: dict[str, list[EventRow]] = {}
        for e in events:
            per_article.setdefault(e.article_id, []).append(e)
        return page(request, "story.html", title=story.title or story.id, story=story, members=members,
                    chart=svg.bar_chart(_timeline(events), title="events over time"), events=events,
                    merged=data.merged_events(story), per_article=per_article, claims=data.story_claims(story),
                    trend=svg.line_chart(data.goldstein_trend(events), title="Goldstein per month"))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, limit: int = 100, offset: int = 0) -> HTMLResponse:
        return page(request, "actors.html", title="Actors", page=data.actors(limit, offset))

    @app.get("/actor", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str = "") -> HTMLResponse:
        events = data.actor_events(name)
        return page(request, "actor.html", title=name or "Actor", name=name, events=events[:200],
                    total=len(events), partners=data.partners(name),
                    chart=svg.bar_chart(_timeline(events), title="events over time"),
                    trend=svg.line_chart(data.goldstein_trend(events), title="Goldstein per month"))

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str = "", b: str = "") -> HTMLResponse:
        events = data.dyad_events(a, b)
        return page(request, "dyad.html", title=f"{a} – {b}", a=a, b=b, events=events[:200], total=len(events),
                    chart=svg.bar_chart(_timeline(events), title="events over time"),
                    trend=svg.line_chart(data.goldstein_trend(events), title="Goldstein per month"))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", actor: str = "", event_type: str = "", modality: str = "",
                    date_from: str = "", date_to: str = "", flag: str = "", limit: int = 50,
                    offset: int = 0) -> HTMLResponse:
        f = filters_of(actor, event_type, modality, date_from, date_to, flag)
        searched = bool(q.strip() or f.to_dict())
        pg = data.search(q, f, limit, offset) if searched else None
        params = {"q": q, **f.to_dict()}
        template = "_results.html" if request.headers.get("hx-request") == "true" else "search.html"
        return page(request, template, title="Search", q=q, f=f, page=pg, params=params, searched=searched)

    # -- JSON API ---------------------------------------------------------------------------------

    lim = Query(50, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")
    off = Query(0, ge=0)

    @app.get("/api/articles", tags=["articles"])
    def api_articles(limit: int = lim, offset: int = off) -> dict[str, Any]:
        """Stored articles in ingestion order (as `newsdesk articles --format jsonl`)."""
        return data.articles(limit, offset).to_dict()

    @app.get("/api/analysis/{article_id:path}", tags=["articles"])
    def api_analysis(article_id: str) -> JSONResponse:
        """The stored analysis object of one article: the contract's `newsdesk.analysis/1`.

        The same JSON as `newsdesk show ID --format json`."""
        obj = data.analysis(article_id)
        if obj is None:
            raise HTTPException(404, f"no stored article has the id {article_id!r}")
        return JSONResponse(obj)

    @app.get("/api/events", tags=["events"])
    def api_events(actor: str | None = None,
                   event_type: str | None = Query(None, description="CAMEO code prefix or PLOVER category"),
                   modality: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   limit: int = lim, offset: int = off) -> dict[str, Any]:
        """Events of stored articles, by date, each with its article id and its index in that article's `events`."""
        return data.events(filters_of(actor, event_type, modality, date_from, date_to, None), limit, offset).to_dict()

    @app.get("/api/actors", tags=["events"])
    def api_actors(limit: int = lim, offset: int = off) -> dict[str, Any]:
        """Event actors (canonical name, else CAMEO code) by number of events."""
        return data.actors(limit, offset).to_dict()

    @app.get("/api/stories", tags=["stories"])
    def api_stories(limit: int = lim, offset: int = off) -> dict[str, Any]:
        """The stored same-story grouping, largest story first (as `newsdesk stories --db`)."""
        return data.stories_page(limit, offset).to_dict()

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story: its row, its events by date and the store's merged events when it has them."""
        story = data.story(story_id)
        if story is None:
            raise HTTPException(404, f"no stored story has the id {story_id!r}")
        events = data.story_events(story)
        return {**story.to_dict(), "events": [e.to_dict() for e in events], "merged_events": data.merged_events(story),
                "timeline": [{"period": k, "events": n} for k, n in _timeline(events)]}

    @app.get("/api/timeline", tags=["events"])
    def api_timeline(story: str | None = None, actor: str | None = None, a: str | None = None, b: str | None = None,
                     ) -> dict[str, Any]:
        """Events over time for a story, an actor, or the dyad `a`–`b` (else the whole store): counts per period
        and the mean Goldstein score per month."""
        if story:
            row = data.story(story)
            if row is None:
                raise HTTPException(404, f"no stored story has the id {story!r}")
            events = data.story_events(row)
        elif a and b:
            events = data.dyad_events(a, b)
        elif actor:
            events = data.actor_events(actor)
        else:
            events = list(data.all_events())
        return {"events": len(events), "timeline": [{"period": k, "events": n} for k, n in _timeline(events)],
                "goldstein": [{"month": m, "mean": v, "events": n} for m, v, n in data.goldstein_trend(events)]}

    @app.get("/api/search", tags=["search"])
    def api_search(q: str = "", actor: str | None = None, event_type: str | None = None, modality: str | None = None,
                   date_from: str | None = None, date_to: str | None = None, flag: str | None = None,
                   limit: int = lim, offset: int = off) -> dict[str, Any]:
        """Articles containing every word of `q` (title, id, text) and matching the filters; a flag filter is a
        flag kind of the contract."""
        f = filters_of(actor, event_type, modality, date_from, date_to, flag)
        return data.search(q, f, limit, offset).to_dict()

    @app.get("/api/ask", tags=["search"])
    def api_ask(q: str) -> JSONResponse:
        """Cited sentences from the stored articles that answer the question (501 where the store cannot search)."""
        answer = data.ask(q)
        if answer is None:
            raise HTTPException(501, "this store does not answer questions yet")
        body = answer.to_dict() if hasattr(answer, "to_dict") else answer
        return JSONResponse(json.loads(json.dumps(body, default=str)))

    @app.post("/api/ingest", tags=["ingest"])
    async def api_ingest(request: Request, filename: str = Query(..., description="name of the upload: "
                                                                 ".jsonl, .txt, .md or .html"),
                         id: str | None = Query(None, description="article id of a single document "
                                                "(default: the filename)")) -> JSONResponse:
        """Ingest an upload (the raw request body) with a bearer token; off unless the server has one."""
        if not ingest_token:
            raise HTTPException(403, "ingest over HTTP is off (start the server with --ingest-token)")
        auth = request.headers.get("authorization", "")
        given = auth[7:] if auth.lower().startswith("bearer ") else ""
        if not hmac.compare_digest(given.encode(), ingest_token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        suffix = Path(filename).suffix.lower()
        if suffix not in UPLOAD_KINDS:
            raise HTTPException(415, f"unsupported upload {suffix or filename!r}: .jsonl, .txt, .md or .html")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_upload_bytes:
            raise HTTPException(413, f"upload larger than {max_upload_bytes} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > max_upload_bytes:
                raise HTTPException(413, f"upload larger than {max_upload_bytes} bytes")
        try:
            content = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(400, "the upload is not UTF-8") from None
        from starlette.concurrency import run_in_threadpool

        summary = await run_in_threadpool(_ingest_upload, store, content, UPLOAD_KINDS[suffix],
                                          id or Path(filename).name, ingest_stages, ingest_lock)
        data.invalidate()
        return JSONResponse(summary)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.startswith("/openapi"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", status=exc.status_code, title="Error", message=str(exc.detail))

    return app


def _ingest_upload(store: Store, content: str, kind: str, doc_id: str, stages: list[str] | None,
                   lock: threading.Lock) -> dict[str, Any]:
    """Write the upload as a JSONL corpus in a private temporary folder and ingest it."""
    from ..api import ingest
    from ..pipeline import DEFAULT_STAGES

    with lock, tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as tmp:
        path = os.path.join(tmp, "upload.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            if kind == "jsonl":
                fh.write(content)
            else:
                fh.write(json.dumps({"id": doc_id, ("html" if kind == "html" else "text"): content},
                                    ensure_ascii=False) + "\n")
        summary = ingest([path], db=store, stages=stages or list(DEFAULT_STAGES))
    return {"added": summary.added, "replaced": summary.replaced, "unchanged": summary.unchanged,
            "failed": summary.failed,
            "failures": [{"id": f.id, "line": f.line, "kind": f.kind, "message": f.message}
                         for f in summary.failures]}


def serve(db: str | None, *, host: str = "127.0.0.1", port: int = 8000, ingest_token: str | None = None,
          max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> None:
    """Run the dashboard with uvicorn until interrupted."""
    import uvicorn

    from ..store import open_store

    store = open_store(db, create=bool(ingest_token))
    try:
        app = create_app(store, ingest_token=ingest_token, max_upload_bytes=max_upload_bytes)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                    proxy_headers=False)
    finally:
        store.close()


__all__ = ["CSP", "SecurityHeaders", "create_app", "safe_url", "serve"]
