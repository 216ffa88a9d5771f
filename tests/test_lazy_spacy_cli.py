"""spaCy imported through newsdesk leaves its command line unloaded until something uses it."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import newsdesk
import spacy
from newsdesk.nlp.model import load_nlp
nlp = load_nlp()
assert [t.pos_ for t in nlp("It works.")] == ["PRON", "VERB", "PUNCT"]
print("typer" in sys.modules, "spacy.cli.download" in sys.modules)
import spacy.cli
print(callable(spacy.cli.download), type(sys.modules["spacy.cli"]).__name__)
print(spacy.info()["spacy_version"] == spacy.about.__version__)
"""


def _run(env: dict[str, str] | None = None) -> list[str]:
    import os

    res = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})})
    return res.stdout.split()


def test_command_line_loaded_only_when_used() -> None:
    assert _run() == ["False", "False", "True", "module", "True"]


def test_turned_off() -> None:
    assert _run({"NEWSDESK_LAZY_SPACY_CLI": "0"})[:2] == ["True", "True"]
