"""robots.txt, read once per host and kept for a day (``urllib.robotparser``; RFC 9309).

- 2xx: the rules are obeyed for the ``newsdesk`` product token (else ``*``); a ``Crawl-delay``
  raises the host's delay (up to :attr:`FetchPolicy.max_crawl_delay`).
- 4xx (no robots.txt), or more redirects than allowed: everything is allowed.
- 5xx, a timeout or a network error: the site is treated as disallowing everything for now
  (RFC 9309 §2.3.1.4), and the page fails with kind ``robots`` saying why; the answer is
  cached for a few minutes only, then asked again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from .fetch import FetchError, host_key

if TYPE_CHECKING:
    from .fetch import Fetcher

#: robots.txt bodies larger than this are cut here (RFC 9309 asks parsers to read at least 500 KiB)
MAX_ROBOTS_BYTES = 512 * 1024
#: how long a robots.txt answer is kept, in seconds
TTL = 24 * 3600.0
#: how long an unreachable robots.txt keeps the host closed before it is asked again, in seconds
UNREACHABLE_TTL = 300.0


@dataclass(slots=True)
class _Rules:
    parser: RobotFileParser | None  # None: allow all
    blocked: str | None  # why everything is disallowed (robots.txt unreachable), else None
    until: float


class RobotsCache:
    def __init__(self, fetcher: Fetcher, agent: str) -> None:
        self._fetcher = fetcher
        self._agent = agent
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _host_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(key, threading.Lock())

    def rules(self, url: str) -> _Rules:
        key = host_key(url)
        with self._host_lock(key):  # one robots.txt request per host, however many threads ask
            rules = self._rules.get(key)
            if rules is None or rules.until < time.monotonic():
                rules = self._rules[key] = self._load(key)
            return rules

    def _load(self, key: str) -> _Rules:
        robots_url = key + "/robots.txt"
        now = time.monotonic()
        try:
            res = self._fetcher.fetch(robots_url, max_bytes=MAX_ROBOTS_BYTES, robots=False)
        except FetchError as exc:
            if (exc.status is not None and 400 <= exc.status < 500) or exc.kind == "redirects":
                return _Rules(None, None, now + TTL)
            if exc.kind == "cancelled":
                raise
            return _Rules(None, f"robots.txt unreachable ({exc.message}), so nothing is fetched from this host",
                          now + UNREACHABLE_TTL)
        parser = RobotFileParser(robots_url)
        parser.parse(res.body.decode("utf-8", errors="replace").splitlines())
        return _Rules(parser, None, now + TTL)

    def check(self, target: str, url: str) -> float | None:
        """Raise :class:`FetchError` (kind ``robots``) if ``target`` may not be fetched; else its crawl delay."""
        rules = self.rules(target)
        if rules.blocked:
            raise FetchError("robots", rules.blocked, url)
        if rules.parser is None:
            return None
        if not rules.parser.can_fetch(self._agent, target):
            raise FetchError("robots", f"disallowed by {host_key(target)}/robots.txt", url)
        delay = rules.parser.crawl_delay(self._agent)
        if delay is None:
            return None
        return min(float(delay), self._fetcher.policy.max_crawl_delay)
