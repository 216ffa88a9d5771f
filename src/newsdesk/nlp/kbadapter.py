"""The real knowledge base (:mod:`newsdesk.kb`) seen through :class:`~newsdesk.nlp.kbview.EntityKB`.

- countries: name, alternate names, demonyms, capital, ISO3 and CAMEO code from
  ``kb.countries``; KB ids are ``country:<ISO3>``. Initialisms of two-or-more-word English
  country names that stand for exactly one country ("UK" for United Kingdom) are added as
  aliases, derived from the data, not listed by hand;
- capitals: the KB's form and, when it ends in a dotted initialism, the form without it
  ("Washington D.C." → also "Washington"), so the usual short name is found;
- persons: the names (and variants) of every office holder in ``kb.offices``; ids are
  ``person:<name>``;
- organisations: the KB's IGOs with their CAMEO codes (``IGOUNO``); ids ``org:<key>``;
- ``tenures_of(name)``: ``kb.tenures_of`` converted; an office that ended inside an uncertain
  interval counts as held until the interval starts, with certainty ``uncertain``.

When :mod:`newsdesk.kb` cannot be imported or loaded, :func:`load_kb` returns the empty view:
entities are still recognised and grouped, only not linked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .kbview import EMPTY_KB, CountryInfo, EntityKB, OrgInfo, PersonInfo, Tenure

_INITIAL_SKIP = {"of", "the", "and"}
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")


def capital_forms(capital: str | None) -> tuple[str, ...]:
    """A capital's names: the KB's form, and its short form without a trailing "D.C."-like initialism."""
    if not capital:
        return ()
    words = capital.replace(",", " ").split()
    if len(words) >= 2 and _DOTTED.match(words[-1]):
        return (capital, " ".join(words[:-1]))
    return (capital,)


def person_id(name: str) -> str:
    return "person:" + "_".join(name.split())


class KBAdapter:
    """:class:`EntityKB` over a :class:`newsdesk.kb.KnowledgeBase`."""

    def __init__(self, base: Any) -> None:
        self.base = base
        initials: dict[str, list[Any]] = defaultdict(list)
        for c in base.countries.all:
            for name in (c.name,):
                words = [w for w in name.replace("-", " ").split() if w.lower() not in _INITIAL_SKIP]
                if len(words) >= 2 and all(w[:1].isupper() for w in words):
                    initials["".join(w[0] for w in words)].append(c)
        unique = {k: v[0] for k, v in initials.items() if len({c.iso3 for c in v}) == 1 and 2 <= len(k) <= 3}
        self._countries = []
        iso3s = {c.iso3 for c in base.countries.all}
        for c in base.countries.all:
            aliases = tuple(a for a in c.alt_names if a)
            aliases += tuple(k for k, v in unique.items() if v.iso3 == c.iso3 and k not in aliases)
            self._countries.append(CountryInfo(
                kb_id=f"country:{c.iso3}", name=c.name, iso3=c.iso3, cameo=c.cameo or c.iso3,
                aliases=aliases, demonyms=tuple(c.demonyms), capitals=capital_forms(c.capital),
                # Phoenix gives every sovereign state its own code; a territory none or its sovereign's
                dependency=not c.cameo or (c.cameo != c.iso3 and c.cameo in iso3s)))
        people: dict[str, set[str]] = {}
        for t in base.offices.tenures:
            if t.role in ("head_of_state", "head_of_government"):
                people.setdefault(t.name, set()).update(v for v in t.variants if v != t.name)
        self._persons = [PersonInfo(person_id(n), n, tuple(sorted(v))) for n, v in sorted(people.items())]
        self._orgs = [OrgInfo(f"org:{o.key}", o.name, o.cameo, None, tuple(a for a in o.aliases if a))
                      for o in base.organisations.all]

    def countries(self) -> Sequence[CountryInfo]:
        return self._countries

    def persons(self) -> Sequence[PersonInfo]:
        return self._persons

    def organisations(self) -> Sequence[OrgInfo]:
        return self._orgs

    def tenures_of(self, name: str) -> Sequence[Tenure]:
        out = []
        for t in self.base.tenures_of(name):
            end = t.end.isoformat() if t.end else None
            certainty = t.certainty
            if end is None and t.uncertain_from is not None:
                end, certainty = t.uncertain_from.isoformat(), "uncertain"
            out.append(Tenure(person=t.name, person_kb_id=person_id(t.name), role=t.role, title=t.title,
                              country=t.country or "", start=t.start.isoformat() if t.start else None, end=end,
                              certainty=certainty, source=(t.source or "").split(",")[0] or None))
        return out


def load_kb() -> EntityKB:
    """The knowledge base as an :class:`EntityKB` (the empty one when none is installed)."""
    try:
        from .. import kb

        return KBAdapter(kb.load())
    except (ImportError, AttributeError, OSError, ValueError):
        return EMPTY_KB
