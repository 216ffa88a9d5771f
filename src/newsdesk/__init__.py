"""newsdesk: turn news articles into a verified, queryable record of what happened.

The curated public API::

    import newsdesk
    for result in newsdesk.analyze(["article.html", "corpus.jsonl"]):
        ...
"""

from __future__ import annotations

from ._lazy_spacy_cli import install as _lazy_spacy_cli

_lazy_spacy_cli()  # before anything imports spaCy: its command line loads only if used

from .api import analyze, analyze_text  # noqa: E402
from .errors import ConfigError, InputError, NewsdeskError, PipelineError, StageError, StoreError  # noqa: E402
from .ingest import Limits, iter_inputs  # noqa: E402
from .model import Article, Block, Claim, Entity, Event, Failure, FaqItem, Flag, Keyword, Mention, Table, Timex  # noqa: E402
from .pipeline import Context, Pipeline  # noqa: E402
from .serialize import to_dict  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Claim",
    "ConfigError",
    "Context",
    "Entity",
    "Event",
    "Failure",
    "FaqItem",
    "Flag",
    "InputError",
    "Keyword",
    "Limits",
    "Mention",
    "NewsdeskError",
    "Pipeline",
    "PipelineError",
    "StageError",
    "StoreError",
    "Table",
    "Timex",
    "__version__",
    "analyze",
    "analyze_text",
    "iter_inputs",
    "to_dict",
]
