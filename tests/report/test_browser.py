"""The briefing of the bundled examples, opened in headless Chromium; the screenshot is kept in
tests/report/artifacts/ (git-ignored). Skipped without Chromium unless NEWSDESK_REQUIRE_BROWSER
is set (CI), where a missing browser fails."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _chromium() -> str | None:
    for candidate in (os.environ.get("NEWSDESK_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        reason = "Chromium not found (set NEWSDESK_CHROMIUM or install Debian's chromium)"
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
            pytest.fail(reason + "; NEWSDESK_REQUIRE_BROWSER is set")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def examples_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's briefing: examples/ ingested (default pipeline) and grouped, then briefed."""
    from newsdesk.api import group_stored, ingest
    from newsdesk.report.brief import build_brief, render_html

    tmp = tmp_path_factory.mktemp("examples")
    url = f"sqlite:///{tmp / 'demo.db'}"
    summary = ingest([str(ROOT / "examples")], db=url)
    assert summary.added >= 30 and not summary.failed
    group_stored(db=url)
    from newsdesk.store import open_store

    with open_store(url, create=False) as store:
        brief = build_brief("North Korea summit", store)
    page = tmp / "brief.html"
    page.write_text(render_html(brief), encoding="utf-8")
    return page


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_examples_brief_content(examples_brief: Path) -> None:
    page = examples_brief.read_text(encoding="utf-8")
    for section in ("developments", "timeline", "who-said-what", "positions", "past-events", "open-questions",
                    "flagged", "sources"):
        assert f'<section id="{section}"' in page
    assert "<svg" in page and "<script" not in page
    assert 'href="#ref-1"' in page and '<li id="ref-1">' in page
    assert "Northstar Wire" in page or "Example Wire" in page
    assert "Will Donald J. Trump and Kim Jong Un meet" in page
    assert "anachronism" in page  # the flawed re-dated copies are listed with their flags


def test_examples_brief_in_headless_chromium(chromium: str, examples_brief: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "brief.png"
    shot.unlink(missing_ok=True)
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", f"--screenshot={shot}", "--window-size=1280,2000",
           examples_brief.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.is_file(), proc.stderr[-2000:]
    assert _png_size(shot) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one
