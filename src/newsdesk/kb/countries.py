"""Countries and international organisations: names, demonyms, capitals, ISO and CAMEO codes."""

from __future__ import annotations

from typing import Any

from ._text import fold
from .types import Country, Organisation


class Countries:
    def __init__(self, records: list[dict[str, Any]], gec_rows: list[list[str]]) -> None:
        self.all: list[Country] = [
            Country(
                iso3=r["iso3"],
                name=r["name"],
                iso2=r.get("iso2"),
                alt_names=tuple(r.get("alt_names") or ()),
                demonyms=tuple(r.get("demonyms") or ()),
                capital=r.get("capital"),
                cameo=r.get("cameo"),
                gec=tuple(r.get("gec") or ()),
            )
            for r in records
        ]
        self.by_iso3 = {c.iso3: c for c in self.all}
        self.by_cameo: dict[str, Country] = {}
        for c in self.all:
            if c.cameo and (c.cameo == c.iso3 or c.cameo not in self.by_cameo):
                self.by_cameo[c.cameo] = c
        #: GEC -> ISO3 ("" for documented non-countries such as ``ee``, the EU)
        self.gec: dict[str, str] = {row[0]: ("" if row[2] == "-" else row[2]) for row in gec_rows}
        self._index: dict[str, Country] = {}
        # most specific first: names, then capitals, then demonyms, then alternates and codes; where
        # several share one ("American", "French"), countries with their own CAMEO code come first
        ranked = sorted(self.all, key=lambda c: c.cameo != c.iso3)
        for attr in ("name", "capital", "demonyms", "alt_names", "iso3", "iso2"):
            for c in ranked:
                value = getattr(c, attr)
                for v in value if isinstance(value, tuple) else (value,):
                    if v:
                        self._index.setdefault(fold(v), c)

    def lookup(self, text: str) -> Country | None:
        """A country by name, alternate name, demonym, capital or ISO code (case/diacritics folded)."""
        key = fold(text)
        found = self._index.get(key) or (self._index.get(key[4:]) if key.startswith("the ") else None)
        if found is None and text.strip().isupper() and len(text.strip()) == 3:
            found = self.by_cameo.get(text.strip())
        return found

    def by_gec(self, gec: str) -> Country | None:
        iso3 = self.gec.get(gec.lower())
        return self.by_iso3.get(iso3) if iso3 else None


class Organisations:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.all = [Organisation(r["key"], r["name"], tuple(r.get("aliases") or ()), r.get("cameo")) for r in records]
        self._index: dict[str, Organisation] = {}
        for o in self.all:
            for v in (o.key, o.name, *o.aliases):
                self._index.setdefault(fold(v), o)
        # aliases that are exact upper-case abbreviations must match case-sensitively ("WHO" vs "who")
        self._abbrev = {a: o for o in self.all for a in (o.key, *o.aliases) if a.isupper()}

    def lookup(self, text: str) -> Organisation | None:
        stripped = text.strip()
        if stripped in self._abbrev:
            return self._abbrev[stripped]
        key = fold(stripped)
        found = self._index.get(key) or (self._index.get(key[4:]) if key.startswith("the ") else None)
        if found is not None and fold(found.key) == key and not stripped.isupper() and len(key) <= 4:
            return None  # "who", "un", "eu" in lower case are words, not organisations
        return found
