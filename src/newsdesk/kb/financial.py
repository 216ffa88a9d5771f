"""Financial names: major stock-market indices and ISO 4217 currencies (``data/financial.json``).

Written for this project (see ``data/SOURCES.md``): index names are the providers' public
names with their usual newspaper short forms; currencies are the ISO 4217 code and name
with the forms news text uses. The entities stage types both as ``PRODUCT`` (the contract's
type vocabulary is OntoNotes', which has no financial type) and links them as
``index:<key>`` / ``currency:<ISO 4217 code>``.

>>> fin = load_financial()
>>> next(i for i in fin.indices if i.key == "N225").name
'Nikkei 225'
>>> next(c for c in fin.currencies if c.code == "JPY").bare
('yen',)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from .base import DATA_DIR


@dataclass(frozen=True, slots=True)
class StockIndex:
    key: str
    name: str
    country: str | None
    #: names that always mean the index ("Dow Jones Industrial Average", "FTSE 100")
    names: tuple[str, ...]
    #: short forms that may name something else ("Dow", "Nasdaq"): need other evidence
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Currency:
    code: str  # ISO 4217
    name: str
    #: qualified forms that always name the currency ("U.S. dollar", "Swiss franc")
    names: tuple[str, ...]
    #: bare forms ("dollar", "yen"): the currency only where the text says "the yen"
    bare: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FinancialNames:
    indices: tuple[StockIndex, ...]
    currencies: tuple[Currency, ...]
    #: words near an ambiguous index short form that make it the index ("points", "closed")
    market_words: frozenset[str]
    #: words after an index name that belong to it ("FTSE index")
    index_tails: frozenset[str]


@lru_cache(maxsize=1)
def load_financial() -> FinancialNames:
    raw = json.loads((DATA_DIR / "financial.json").read_text("utf-8"))
    return FinancialNames(
        indices=tuple(
            StockIndex(r["key"], r["name"], r.get("country"), tuple(r["names"]), tuple(r.get("ambiguous", ())))
            for r in raw["indices"]
        ),
        currencies=tuple(
            Currency(r["code"], r["name"], tuple(r["names"]), tuple(r.get("bare", ()))) for r in raw["currencies"]
        ),
        market_words=frozenset(raw["market_words"]),
        index_tails=frozenset(raw["index_tails"]),
    )
