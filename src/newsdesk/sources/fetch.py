"""Fetching over HTTP(S) with httpx: bounded, polite, and honest about what happened.

Every request a :class:`Fetcher` sends

- carries the user agent ``newsdesk/<version> (+docs URL)`` (:func:`user_agent`);
- has timeouts: ``timeout`` for connecting and for each read, and ``total_timeout`` for a whole
  response (a server that drips bytes cannot hold a run);
- is streamed and stops once the body passes ``max_bytes`` (the ``--max-bytes`` of
  :class:`~newsdesk.ingest.source.Limits`, counted after Content-Encoding is undone);
- follows at most ``max_redirects`` redirects, each hop checked again (scheme, robots.txt);
- asks robots.txt first (:mod:`newsdesk.sources.robots`, cached per host);
- waits its turn per host: at most ``per_host`` requests at once and ``delay`` seconds between
  one request's end and the next one's start (a robots.txt ``Crawl-delay`` raises the delay).

What a fetch did is a :class:`FetchResult` (status, final URL, time, ETag/Last-Modified),
recorded with the article as its ``fetch`` object. What went wrong is a :class:`FetchError`
(an :class:`~newsdesk.errors.InputError`) whose ``kind`` is one of ``timeout``, ``fetch``
(network), ``http`` (4xx/5xx), ``robots``, ``redirects``, ``too_large``, ``bad_url``,
``corrupt`` (undecodable body) or ``cancelled``.

Tests swap the network: ``Fetcher(transport=httpx.MockTransport(handler))``, or a server on
127.0.0.1.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import InputError
from ..ingest.source import Limits

#: where the user agent points site owners (a placeholder until the docs are published)
DOCS_URL = "https://newsdesk.example/docs/sources"
#: the product token robots.txt rules are matched against
ROBOTS_AGENT = "newsdesk"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
          "text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
#: environment overrides of the default policy (seconds)
ENV_DELAY = "NEWSDESK_FETCH_DELAY"
ENV_TIMEOUT = "NEWSDESK_FETCH_TIMEOUT"


def user_agent() -> str:
    from .. import __version__

    return f"newsdesk/{__version__} (+{DOCS_URL})"


class FetchError(InputError):
    """A URL that could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, kind: str, message: str, url: str, status: int | None = None) -> None:
        super().__init__(kind, message, url, None, url)
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How a :class:`Fetcher` behaves. Defaults are for the open web; tests shrink the delays."""

    #: seconds to connect, and to wait for each read
    timeout: float = 20.0
    #: seconds for a whole response (headers and body)
    total_timeout: float = 60.0
    #: largest body, after Content-Encoding is undone
    max_bytes: int = Limits().max_document_bytes
    max_redirects: int = 5
    #: seconds between one request to a host ending and the next one starting
    delay: float = 1.0
    #: requests to one host at the same time
    per_host: int = 1
    #: requests in flight at once over all hosts (:meth:`Fetcher.fetch_many`)
    workers: int = 4
    #: obey robots.txt (always on from the CLI)
    robots: bool = True
    #: the longest robots.txt ``Crawl-delay`` honoured, in seconds
    max_crawl_delay: float = 60.0
    user_agent: str = field(default_factory=user_agent)

    @classmethod
    def from_env(cls, **overrides: Any) -> FetchPolicy:
        """The defaults, with ``$NEWSDESK_FETCH_DELAY`` / ``$NEWSDESK_FETCH_TIMEOUT`` and ``overrides`` applied."""
        values: dict[str, Any] = {}
        for env, key in ((ENV_DELAY, "delay"), (ENV_TIMEOUT, "timeout")):
            raw = os.environ.get(env, "").strip()
            if raw:
                try:
                    values[key] = max(0.0, float(raw))
                except ValueError:
                    from ..errors import ConfigError

                    raise ConfigError(f"${env} must be a number of seconds, not {raw!r}") from None
        if "timeout" in values:
            values["total_timeout"] = max(values["timeout"] * 3, values["timeout"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a version of a resource, for conditional requests."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(slots=True)
class FetchResult:
    """One completed fetch: 2xx with its body, or 304 Not Modified (empty body)."""

    url: str
    final_url: str
    status: int
    body: bytes
    fetched_at: datetime
    elapsed: float
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)
    #: the conditional request headers sent (If-None-Match / If-Modified-Since), if any
    conditional: bool = False

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)

    def record(self) -> dict[str, Any]:
        """The ``fetch`` object stored with the article."""
        return {"url": self.url, "final_url": self.final_url, "status": self.status,
                "fetched_at": self.fetched_at.isoformat(timespec="seconds"),
                "elapsed_ms": round(self.elapsed * 1000), "content_type": self.content_type,
                "bytes": len(self.body), "etag": self.etag, "last_modified": self.last_modified,
                "redirects": list(self.redirects)}


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One URL to fetch in :meth:`Fetcher.fetch_many`; ``tag`` travels with it to the result.

    A request with ``url=None`` is not sent: it keeps its place in the order (result ``None``).
    """

    url: str | None
    validators: Validators | None = None
    tag: Any = None


class _Host:
    __slots__ = ("lock", "next_at", "slots")

    def __init__(self, per_host: int) -> None:
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(max(1, per_host))
        self.next_at = 0.0


class HostGate:
    """Per-host politeness: at most ``per_host`` requests at once, ``delay`` seconds apart."""

    def __init__(self, delay: float, per_host: int, cancel: threading.Event) -> None:
        self.delay = delay
        self.per_host = per_host
        self._cancel = cancel
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, key: str) -> _Host:
        with self._lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.per_host)
            return host

    @contextmanager
    def slot(self, key: str, url: str, delay: float | None = None) -> Iterator[None]:
        host = self._host(key)
        gap = self.delay if delay is None else max(self.delay, delay)
        while not host.slots.acquire(timeout=0.1):
            if self._cancel.is_set():
                raise FetchError("cancelled", "stopped before the request was sent", url)
        try:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_at)
                host.next_at = start + gap
            if start > now and self._cancel.wait(start - now):
                raise FetchError("cancelled", "stopped before the request was sent", url)
            try:
                yield
            finally:
                with host.lock:  # the gap also runs from the end of a slow response
                    host.next_at = max(host.next_at, time.monotonic() + gap)
        finally:
            host.slots.release()


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


class Fetcher:
    """A polite HTTP client for pages, feeds and sitemaps. Thread-safe; close it (or use ``with``).

    ``transport`` replaces the network (``httpx.MockTransport`` in tests); ``cancel``, when set,
    makes waiting and reading requests give up with kind ``cancelled`` (used to stop a watch).
    """

    def __init__(self, policy: FetchPolicy | None = None, *, transport: httpx.BaseTransport | None = None,
                 cancel: threading.Event | None = None) -> None:
        from .robots import RobotsCache

        self.policy = policy or FetchPolicy.from_env()
        self.cancel = cancel or threading.Event()
        self._client = httpx.Client(
            transport=transport, follow_redirects=False,
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": self.policy.user_agent, "Accept": ACCEPT,
                     "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(4, self.policy.workers * 2)),
        )
        self._gate = HostGate(self.policy.delay, self.policy.per_host, self.cancel)
        self.robots = RobotsCache(self, ROBOTS_AGENT)
        self.requests = 0  # requests sent (robots.txt included), for summaries and tests

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- one URL ----------------------------------------------------------------------------------

    def fetch(self, url: str, *, validators: Validators | None = None, max_bytes: int | None = None,
              robots: bool | None = None) -> FetchResult:
        """GET ``url`` (conditionally when ``validators`` are given); raises :class:`FetchError`."""
        limit = self.policy.max_bytes if max_bytes is None else max_bytes
        check_robots = self.policy.robots if robots is None else robots
        headers = validators.headers() if validators else {}
        started = time.monotonic()
        fetched_at = datetime.now(UTC)
        redirects: list[str] = []
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                what = "redirected to" if redirects else "not"
                raise FetchError("bad_url", f"{what} an http(s) URL: {current}", url)
            crawl_delay = self.robots.check(current, url) if check_robots else None
            if self.cancel.is_set():
                raise FetchError("cancelled", "stopped before the request was sent", url)
            with self._gate.slot(host_key(current), url, crawl_delay):
                status, resp_headers, body = self._exchange(current, url, headers, limit, started)
            if status in REDIRECT_CODES:
                location = resp_headers.get("location")
                if not location:
                    raise FetchError("http", f"HTTP {status} redirect without a Location", url, status)
                current = urljoin(current, location.strip())
                redirects.append(current)
                continue
            return FetchResult(url=url, final_url=current, status=status, body=body, fetched_at=fetched_at,
                               elapsed=time.monotonic() - started, content_type=resp_headers.get("content-type"),
                               etag=resp_headers.get("etag"), last_modified=resp_headers.get("last-modified"),
                               redirects=redirects, conditional=bool(headers))
        raise FetchError("redirects", f"more than {self.policy.max_redirects} redirects (last: {current})", url)

    def _exchange(self, target: str, url: str, headers: dict[str, str], limit: int,
                  started: float) -> tuple[int, dict[str, str], bytes]:
        """One request/response; the body read in chunks up to ``limit`` and the total deadline."""
        timeout = self.policy.timeout
        deadline = started + self.policy.total_timeout
        self.requests += 1
        try:
            request = self._client.build_request("GET", target, headers=headers)
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchError("timeout", f"no response within {timeout:g} s", url) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("bad_url", f"not a fetchable URL: {_reason(exc)}", url) from None
        except httpx.HTTPError as exc:
            raise FetchError("fetch", f"cannot fetch: {_reason(exc)}", url) from None
        try:
            status = response.status_code
            info = {k.lower(): v for k, v in response.headers.items()}
            if status in REDIRECT_CODES or status == 304:
                return status, info, b""
            if status >= 400 or status < 200:
                phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise FetchError("http", f"HTTP {status}{phrase}", url, status)
            declared = info.get("content-length", "")
            if declared.isdigit() and int(declared) > limit and "content-encoding" not in info:
                raise FetchError("too_large", f"is {declared} bytes, more than {limit} (limit; see --max-bytes)",
                                 url, status)
            buf = bytearray()
            for chunk in response.iter_bytes():
                buf += chunk
                if len(buf) > limit:
                    raise FetchError("too_large", f"is more than {limit} bytes (limit; see --max-bytes)", url,
                                     status)
                if time.monotonic() > deadline:
                    raise FetchError("timeout", f"not complete within {self.policy.total_timeout:g} s", url,
                                     status)
                if self.cancel.is_set():
                    raise FetchError("cancelled", "stopped while reading", url, status)
            return status, info, bytes(buf)
        except httpx.TimeoutException:
            raise FetchError("timeout", f"no data for {timeout:g} s while reading", url) from None
        except httpx.DecodingError as exc:
            raise FetchError("corrupt", f"cannot decode the response: {_reason(exc)}", url) from None
        except httpx.HTTPError as exc:
            raise FetchError("fetch", f"connection failed while reading: {_reason(exc)}", url) from None
        finally:
            response.close()

    # -- many URLs --------------------------------------------------------------------------------

    def fetch_many(self, requests: Iterable[FetchRequest], *, max_bytes: int | None = None
                   ) -> Generator[tuple[FetchRequest, FetchResult | FetchError | None], None, None]:
        """Fetch in parallel (``workers``, politeness per host) and yield in the order given.

        At most ``2 * workers`` requests run ahead of the consumer. Closing the iterator early
        cancels what has not started; requests in flight end within their timeouts.
        """
        workers = max(1, self.policy.workers)
        todo = iter(requests)
        pending: deque[tuple[FetchRequest, Future[FetchResult | FetchError | None]]] = deque()
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsdesk-fetch")

        def submit() -> bool:
            req = next(todo, None)
            if req is None:
                return False
            pending.append((req, pool.submit(self._fetch_quietly, req, max_bytes)))
            return True

        try:
            for _ in range(2 * workers):
                if not submit():
                    break
            while pending:
                req, fut = pending.popleft()
                result = fut.result()
                submit()
                yield req, result
        finally:
            for _req, fut in pending:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)

    def _fetch_quietly(self, req: FetchRequest, max_bytes: int | None) -> FetchResult | FetchError | None:
        if req.url is None:
            return None
        try:
            return self.fetch(req.url, validators=req.validators, max_bytes=max_bytes)
        except FetchError as exc:
            return exc


# -- the process-wide fetcher of analyze/ingest ------------------------------------------------------

_default: Fetcher | None = None
_default_lock = threading.Lock()


def default_fetcher() -> Fetcher:
    """The fetcher ``analyze``/``ingest`` use for URLs: one per process, so politeness and the
    robots.txt cache hold across calls. Its policy is :meth:`FetchPolicy.from_env`."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Fetcher(FetchPolicy.from_env())
        return _default


def reset_default_fetcher(policy: FetchPolicy | None = None) -> None:
    """Close the process-wide fetcher; the next use opens one with ``policy`` (else from the environment)."""
    global _default
    with _default_lock:
        if _default is not None:
            _default.close()
        _default = Fetcher(policy) if policy is not None else None
