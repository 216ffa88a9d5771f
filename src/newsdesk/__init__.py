"""newsdesk: turn news articles into a verified, queryable record of what happened.

The curated public API::

    import newsdesk
    for result in newsdesk.analyze(["article.html", "corpus.jsonl"]):
        ...
"""

from __future__ import annotations

from .api import analyze, analyze_text
from .errors import ConfigError, InputError, NewsdeskError, PipelineError, StageError, StoreError
from .ingest import Limits, iter_inputs
from .model import Article, Block, Claim, Entity, Event, Failure, FaqItem, Flag, Keyword, Mention, Table, Timex
from .pipeline import Context, Pipeline
from .serialize import to_dict

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
