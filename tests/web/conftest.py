"""Fixtures of the web tests: one small store per session, the app, a live server, a headless browser.

The store is built once: the fabricated articles of :mod:`corpus` ingested with the full
pipeline (``STAGES``), grouped into stories, plus one hand-made analysis whose flag message,
evidence and entity names are hostile. Browser tests use Debian's chromium through Playwright
(never a downloaded browser); without it they skip, unless ``NEWSDESK_REQUIRE_BROWSER`` is set.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_corpus import ARTICLES, PAYLOADS, STAGES

from newsdesk import api
from newsdesk.store import Store, open_store
from newsdesk.store.rebuild import article_from_dict

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TOKEN = "test-token-0123456789abcdef"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def crafted(base: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``base`` under the id ``crafted`` whose flag, evidence and entity carry the payloads."""
    obj = copy.deepcopy(base)
    obj["article"]["id"] = "crafted"
    obj["article"]["title"] = PAYLOADS[1]
    obj["article"]["url"] = "javascript:window.__xss=1"
    n = len(obj["article"]["text"])
    obj["flags"] = [*obj.get("flags", []),
                    {"kind": "unsupported_claim", "severity": "high", "start": 0, "end": min(20, n),
                     "message": PAYLOADS[0],
                     "evidence": {"why": PAYLOADS[3], "link": "javascript:window.__xss=1", "all": PAYLOADS}},
                    {"kind": "typo", "severity": "low", "start": -5, "end": n + 50, "message": "out of range span",
                     "evidence": {}}]
    if obj.get("entities"):
        obj["entities"][0]["name"] = PAYLOADS[5]
    if obj.get("events"):
        obj["events"][0]["source"] = {"text": PAYLOADS[2], "name": PAYLOADS[2], "code": None, "entity_id": None,
                                      "start": 0, "end": 5}
    return obj


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    url = f"sqlite:///{root / 'web.db'}"
    summary = api.ingest([str(corpus)], db=url, stages=STAGES.split(","))
    assert summary.failed == 0, summary.failures
    with open_store(url) as store:
        base = store.get("trade-1")
        assert base is not None
        store.save(article_from_dict(crafted(base)))
    api.group_stored(db=url)
    return url


@pytest.fixture(scope="session")
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url, create=False) as st:
        yield st


@pytest.fixture(scope="session")
def app(store: Store) -> Any:
    from newsdesk.web import create_app

    return create_app(store)


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def _free_port() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="session")
def live_url(app: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread, for the browser."""
    import uvicorn

    sock = _free_port()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def _no_browser(reason: str) -> None:
    if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
        pytest.fail(f"NEWSDESK_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed (pip install -e '.[dev]')")
    path = os.environ.get("NEWSDESK_CHROMIUM") or shutil.which("chromium")
    if not path:
        _no_browser("no chromium binary (apt-get install chromium, or scripts/install-chromium.sh; "
                    "NEWSDESK_CHROMIUM names it)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        except Exception as exc:
            _no_browser(f"chromium at {path} does not start: {exc}")
        try:
            yield b
        finally:
            b.close()
