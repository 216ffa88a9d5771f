"""The converted data is reproducible: tools/kb/build.py on ../shared gives the committed files."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.kb import DATA_DIR

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ["countries.json.gz", "gec.tsv", "officeholders.json.gz", "cameo.json.gz", "igos.json", "meta.json"]


def test_build_reproduces_the_packaged_data(tmp_path: Path) -> None:
    if not SHARED.exists():
        pytest.skip("../shared not beside the project")
    pytest.importorskip("countryinfo")
    subprocess.run([sys.executable, str(ROOT / "tools" / "kb" / "build.py"), "--shared", str(SHARED.parent),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    differ = [name for name in GENERATED if not filecmp.cmp(tmp_path / name, DATA_DIR / name, shallow=False)]
    assert differ == [], "re-run tools/kb/build.py and commit the data"


def test_data_files_have_licences_and_sources() -> None:
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in [*GENERATED, "role_words.json"]:
        assert (DATA_DIR / name).exists() and f"`{name}`" in sources, name
    assert len(list(DATA_DIR.glob("LICENSE-*"))) == 3
    total = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert total < 5 * 1024 * 1024
