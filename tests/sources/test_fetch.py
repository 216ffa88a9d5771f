"""Fetching: validators recorded, robots.txt, redirects, size limits, timeouts, politeness, transports."""

from __future__ import annotations

import gzip

import httpx
import pytest

from newsdesk.sources.fetch import Fetcher, FetchError, FetchRequest, Validators, user_agent

from .conftest import Site, page, policy


def test_fetch_records_status_final_url_time_and_validators(site: Site) -> None:
    site.add("/story", page("Story"), etag='"v1"', last_modified="Mon, 06 May 2024 10:00:00 GMT")
    site.add("/old", b"", status=301, location="/story")
    with Fetcher(policy()) as f:
        res = f.fetch(site.url("/old"))
    assert res.status == 200 and res.final_url == site.url("/story") and res.redirects == [site.url("/story")]
    rec = res.record()
    assert rec["url"] == site.url("/old") and rec["final_url"] == site.url("/story") and rec["status"] == 200
    assert rec["etag"] == '"v1"' and rec["last_modified"] == "Mon, 06 May 2024 10:00:00 GMT"
    assert rec["fetched_at"].endswith("+00:00") and rec["bytes"] == len(page("Story").encode())
    assert all(h.headers["user-agent"] == user_agent() for h in site.log)
    assert user_agent().startswith("newsdesk/") and "(+" in user_agent()


def test_conditional_request_gets_304(site: Site) -> None:
    site.add("/story", page("Story"), etag='"v1"')
    with Fetcher(policy()) as f:
        first = f.fetch(site.url("/story"))
        again = f.fetch(site.url("/story"), validators=first.validators)
    assert again.not_modified and again.body == b""
    assert site.hits("/story")[-1].headers["if-none-match"] == '"v1"' and site.hits("/story")[-1].status == 304


def test_robots_txt_is_asked_once_per_host_and_obeyed(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: newsdesk\nDisallow: /no-bots/\n",
             content_type="text/plain")
    site.add("/private/a", page("Secret"))
    site.add("/no-bots/a", page("Secret"))
    site.add("/open", page("Open"))
    with Fetcher(policy()) as f:
        assert f.fetch(site.url("/open")).status == 200
        with pytest.raises(FetchError) as err:
            f.fetch(site.url("/no-bots/a"))
        assert err.value.kind == "robots"
        # the newsdesk group applies, so /private/ (only in the * group) is allowed for newsdesk
        assert f.fetch(site.url("/private/a")).status == 200
    assert len(site.hits("/robots.txt")) == 1
    assert not site.hits("/no-bots/a")


def test_robots_applies_to_every_redirect_hop(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/go", b"", status=302, location="/private/x")
    site.add("/private/x", page("Secret"))
    with Fetcher(policy()) as f, pytest.raises(FetchError) as err:
        f.fetch(site.url("/go"))
    assert err.value.kind == "robots" and not site.hits("/private/x")


def test_unreachable_robots_txt_closes_the_host(site: Site) -> None:
    site.add("/robots.txt", "oops", status=503, content_type="text/plain")
    site.add("/a", page("A"))
    with Fetcher(policy()) as f, pytest.raises(FetchError) as err:
        f.fetch(site.url("/a"))
    assert err.value.kind == "robots" and "unreachable" in err.value.message and not site.hits("/a")


def test_redirects_are_bounded(site: Site) -> None:
    for i in range(10):
        site.add(f"/r{i}", b"", status=302, location=f"/r{i + 1}")
    site.add("/r10", page("End"))
    site.add("/loop", b"", status=301, location="/loop")
    with Fetcher(policy(max_redirects=3)) as f:
        with pytest.raises(FetchError) as err:
            f.fetch(site.url("/r0"))
        assert err.value.kind == "redirects"
        with pytest.raises(FetchError) as loop:
            f.fetch(site.url("/loop"))
        assert loop.value.kind == "redirects"
        assert f.fetch(site.url("/r8")).final_url == site.url("/r10")
    assert not site.hits("/r4")  # stopped after 3 redirects: /r0 -> r1 -> r2 -> r3


def test_redirect_to_another_scheme_is_refused(site: Site) -> None:
    site.add("/ftp", b"", status=302, location="ftp://example.org/x")
    with Fetcher(policy()) as f, pytest.raises(FetchError) as err:
        f.fetch(site.url("/ftp"))
    assert err.value.kind == "bad_url"


def test_oversize_pages_stop_while_streaming(site: Site) -> None:
    big = b"<html><body><p>" + b"x" * 50_000 + b"</p></body></html>"
    site.add("/big", big)
    site.add("/bomb", big, gzip=True)  # small on the wire, over the limit once decoded
    with Fetcher(policy(max_bytes=10_000)) as f:
        for path in ("/big", "/bomb"):
            with pytest.raises(FetchError) as err:
                f.fetch(site.url(path))
            assert err.value.kind == "too_large"
        assert len(gzip.compress(big)) < 10_000


def test_http_errors_and_refused_connections(site: Site) -> None:
    with Fetcher(policy()) as f:
        with pytest.raises(FetchError) as err:
            f.fetch(site.url("/missing"))
        assert err.value.kind == "http" and err.value.status == 404
        with pytest.raises(FetchError) as refused:
            f.fetch("http://127.0.0.1:9/nothing-listens-here", robots=False)
        assert refused.value.kind == "fetch"


def test_a_slow_page_times_out_and_the_others_come_through(site: Site) -> None:
    site.add("/a", page("A"))
    site.add("/slow", page("Slow"), delay=30)
    site.add("/b", page("B"))
    with Fetcher(policy(timeout=0.3, total_timeout=1.0, workers=2, per_host=2)) as f:
        results = list(f.fetch_many(FetchRequest(site.url(p)) for p in ("/a", "/slow", "/b")))
    kinds = [r.kind if isinstance(r, FetchError) else r.status for _req, r in results]  # type: ignore[union-attr]
    assert kinds == [200, "timeout", 200]


def test_transport_can_be_swapped_for_an_in_memory_one() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, html=page("In memory"), headers={"ETag": '"m"'})

    with Fetcher(policy(), transport=httpx.MockTransport(handler)) as f:
        res = f.fetch("https://news.invalid/a", validators=Validators(etag='"old"'))
    assert res.etag == '"m"' and res.conditional and seen == ["https://news.invalid/robots.txt",
                                                               "https://news.invalid/a"]


def test_one_request_at_a_time_per_host(site: Site) -> None:
    import threading
    import time

    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def busy() -> None:  # runs in the server while it handles a request
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1

    for i in range(4):
        site.add(f"/p{i}", page(f"P{i}"), on_request=busy)
    with Fetcher(policy(workers=4, per_host=1, delay=0.01)) as f:
        statuses = [getattr(res, "status", None)
                    for _req, res in f.fetch_many(FetchRequest(site.url(f"/p{i}")) for i in range(4))]
    assert statuses == [200] * 4
    assert state["max"] == 1
