"""The reliability score: how far an article can be trusted as a source of facts.

``reliability = prior * (1 - max_penalty * (1 - exp(-W)))`` where ``prior`` comes from the
article's domain (Hanley & Durumeric 2024 lists: reliable / unreliable / unknown) and ``W``
sums, per flag, ``kind weight * severity weight`` (each kind's sum capped, so many typos
cannot outweigh one stitched article). Weights are data (``data/weights.json``).
:func:`explain` returns the parts, which the ``score`` stage stores beside ``reliability``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from ..model import Article, Flag
from ._text import load_json

PRIOR_CODE = {"unreliable": 0.0, "unknown": 0.5, "reliable": 1.0}


@dataclass(frozen=True, slots=True)
class Domains:
    reliable: frozenset[str]
    unreliable: frozenset[str]


@cache
def domains() -> Domains:
    d = load_json("domains.json")
    return Domains(frozenset(d["reliable"]), frozenset(d["unreliable"]))


@cache
def weights() -> dict[str, Any]:
    w: dict[str, Any] = load_json("weights.json")
    return w


def domain_of(article: Article) -> str | None:
    """The host of ``article.url`` (else ``article.source`` when it looks like a domain), lower case."""
    for value in (article.url, article.source):
        if not value:
            continue
        v = value.strip().lower()
        host = urlsplit(v if "//" in v else "//" + v).hostname or ""
        if "." in host and " " not in host:
            return host.removeprefix("www.")
    return None


def source_label(domain: str | None) -> tuple[str, str | None]:
    """``reliable`` / ``unreliable`` / ``unknown`` and the listed domain that matched (parents too)."""
    if not domain:
        return "unknown", None
    lists = domains()
    parts = domain.split(".")
    for k in range(len(parts) - 1):
        cand = ".".join(parts[k:])
        if cand in lists.unreliable:
            return "unreliable", cand
        if cand in lists.reliable:
            return "reliable", cand
    return "unknown", None


@dataclass(slots=True)
class Explanation:
    reliability: float
    prior: float
    source: str
    domain: str | None
    penalty: float
    by_kind: dict[str, float] = field(default_factory=dict)


def explain(article: Article, flags: Iterable[Flag] | None = None) -> Explanation:
    w = weights()
    sums: dict[str, float] = defaultdict(float)
    for f in article.flags if flags is None else flags:
        sums[f.kind] += w["kind"].get(f.kind, 0.2) * w["severity"].get(f.severity, 0.15)
    capped = {k: min(v, w["cap_per_kind"]) for k, v in sums.items()}
    penalty = 1.0 - math.exp(-sum(capped.values()))
    domain = domain_of(article)
    label, matched = source_label(domain)
    prior = float(w["prior"][label])
    rel = prior * (1.0 - w["max_penalty"] * penalty)
    return Explanation(round(min(1.0, max(0.0, rel)), 4), prior, label, matched or domain, round(penalty, 4),
                       {k: round(v, 4) for k, v in sorted(capped.items())})
