"""Linking grouped entities to the knowledge base.

- a country entity gets the KB id, ``country`` = its ISO3 code and ``actor_code`` = its CAMEO
  country code; a capital used as a place gets its country's ISO3 code (``country``) only;
- a person is looked up by each of the entity's full-name forms with
  ``kb.tenures_of(name)``; ``roles`` are the offices held on the article's publication date
  (none when the date is unknown); ``country`` is the country of an office held on that date,
  else of the person's latest office; ``actor_code`` is ``XXXGOV`` while the person holds a
  government office of XXX on that date, else the CAMEO country code when a date is known;
- a person named only by one word ("Trump", "the Trump administration") is linked when exactly
  one KB office holder has that surname (or that one-word name) and held an office within
  ``surname_window_years`` of the article's date (any date when the date is unknown); "Sharif"
  alone stays unlinked while two Sharifs held office in that window;
- an organisation found in the KB gets its id, country and actor code (``IGOUNO`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .kbview import CountryInfo, EntityKB, Tenure
from .lexicon import lexicon

#: roles that make a person an actor of the government (CAMEO ``GOV``)
GOVERNMENT_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "minister",
                              "defence_minister", "defense_minister", "finance_minister", "vice_president",
                              "deputy_prime_minister"})


@dataclass(slots=True)
class Link:
    kb_id: str | None = None
    name: str | None = None
    country: str | None = None
    actor_code: str | None = None
    roles: list[dict[str, Any]] | None = None


class Linker:
    def __init__(self, kb: EntityKB) -> None:
        self.kb = kb
        self.countries: dict[str, CountryInfo] = {c.kb_id: c for c in kb.countries()}
        self.iso3: dict[str, CountryInfo] = {c.iso3: c for c in kb.countries()}
        self.dependent = frozenset(c.iso3 for c in kb.countries() if c.dependency)
        self.orgs = {o.kb_id: o for o in kb.organisations()}
        self.org_names = {n.casefold(): o for o in kb.organisations() for n in (o.name, *o.aliases)}
        self.person_ids = {p.kb_id: p for p in kb.persons()}
        self._tenures: dict[str, list[Tenure]] = {}

    def tenures(self, name: str) -> list[Tenure]:
        key = name.casefold()
        if key not in self._tenures:
            self._tenures[key] = list(self.kb.tenures_of(name))
        return self._tenures[key]

    def country(self, ref: str) -> Link:
        c = self.countries.get(ref)
        if c is None:
            return Link()
        return Link(kb_id=c.kb_id, name=c.name, country=c.iso3, actor_code=c.cameo)

    def place_in(self, ref: str) -> Link:
        c = self.countries.get(ref)
        return Link(country=c.iso3) if c else Link()

    def organisation(self, ref: str | None, names: list[str]) -> Link:
        org = self.orgs.get(ref) if ref else None
        if org is None:
            org = next((self.org_names[n.casefold()] for n in names if n.casefold() in self.org_names), None)
        if org is None:
            return Link()
        return Link(kb_id=org.kb_id, name=org.name, country=org.country, actor_code=org.actor_code)

    def person(self, ref: str | None, names: list[str], day: str | None) -> Link:
        tenures: list[Tenure] = []
        seen_names = []
        if ref and ref in self.person_ids:
            seen_names.append(self.person_ids[ref].name)
        seen_names += [n for n in names if len(n.split()) >= 2]
        for n in seen_names:
            tenures = self.tenures(n)
            if tenures:
                break
        if not tenures and not seen_names and names:
            tenures = self.lone_name(names[0], day)
        if not tenures:
            return Link(kb_id=ref, name=self.person_ids[ref].name if ref in self.person_ids else None)
        usual = usual_name(tenures)
        kb_id = ref or next((t.person_kb_id for t in tenures if t.person == usual), tenures[0].person_kb_id)
        name = self.person_ids[kb_id].name if kb_id in self.person_ids else usual
        if day is None:
            return Link(kb_id=kb_id, name=name, country=main_country(tenures, self.dependent), roles=[])
        held = [t for t in tenures if t.held_on(day)]
        roles = [role_dict(t) for t in sorted(held, key=lambda t: (t.start or "", t.role))]
        country = main_country(held, self.dependent) if held else main_country(tenures, self.dependent)
        gov = next((t for t in held if t.role in GOVERNMENT_ROLES and t.country == country), None)
        gov = gov or next((t for t in held if t.role in GOVERNMENT_ROLES), None)
        code = gov.country if gov else country
        info = self.iso3.get(code) if code else None
        cameo = info.cameo if info else code
        actor = f"{cameo}GOV" if gov else cameo
        return Link(kb_id=kb_id, name=name, country=country, actor_code=actor, roles=roles)


    def lone_name(self, word: str, day: str | None) -> list[Tenure]:
        """Tenures of the one KB person a lone surname can mean around ``day``; [] when none or several."""
        word = word.strip()
        if not word[:1].isupper() or " " in word:
            return []
        key = word.casefold()
        found = [t for t in self.tenures(word) if _name_edge(t.person, key)]
        if day is not None:
            years = lexicon().surname_window_years
            lo, hi = _shift(day, -years), _shift(day, years)
            found = [t for t in found if (t.start or "") <= hi and (t.end is None or t.end >= lo)]
        people = {same_person(t.person, {x.person for x in found}) for t in found}
        if len(people) != 1:
            return []
        person = people.pop()
        return [t for t in self.tenures(word) if same_person(t.person, {person}) == person]


def main_country(tenures: list[Tenure], dependent: frozenset[str] = frozenset()) -> str | None:
    """The country a person's offices belong to: a US president also heads Guam and Puerto Rico in
    the KB, a French president French Polynesia (dependent territories lose); then the country of
    most offices under the person's usual name ("Co-prince Emmanuel Macron" is Andorra's title);
    ties go to a head of government."""
    usual = usual_name(tenures)
    counts: dict[str, int] = {}
    for t in tenures:
        if t.country:
            counts[t.country] = counts.get(t.country, 0) + (2 if t.person == usual else 1)
    if not counts:
        return None
    hog = {t.country for t in tenures if t.role == "head_of_government"}
    return max(counts, key=lambda c: (c not in dependent, counts[c], c in hog))


def usual_name(tenures: list[Tenure]) -> str:
    """The name most of the tenures give (the shorter on a tie)."""
    names: dict[str, int] = {}
    for t in tenures:
        names[t.person] = names.get(t.person, 0) + 1
    return max(names, key=lambda n: (names[n], -len(n))) if names else ""


def same_person(name: str, names: set[str]) -> str:
    """The shortest of ``names`` whose words are all in ``name`` ("Co-prince Emmanuel Macron" →
    "Emmanuel Macron"), else ``name`` itself."""
    words = set(name.casefold().split())
    subs = [n for n in names if set(n.casefold().split()) <= words]
    return min(subs, key=lambda n: (len(n), n)) if subs else name


def _name_edge(name: str, key: str) -> bool:
    """Whether ``key`` is the person's surname: the last word, or a first word the KB writes in
    capitals as the Factbook does for surnames written first ("XI Jinping")."""
    raw = [w.strip(".,") for w in name.split()]
    if not raw:
        return False
    return raw[-1].casefold() == key or (len(raw) > 1 and raw[0].isupper() and raw[0].casefold() == key)


def _shift(day: str, years: int) -> str:
    """An ISO date moved by whole years (kept as a string: only compared)."""
    return f"{int(day[:4]) + years:04d}{day[4:10]}"


def role_dict(t: Tenure) -> dict[str, Any]:
    return {"role": t.role, "title": t.title, "country": t.country, "start": t.start, "end": t.end,
            "certainty": t.certainty, "source": t.source}


def article_day(published: str | None) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of a publication date or datetime; None when not a full date."""
    if not published or len(published) < 10 or published[4] != "-" or published[7] != "-":
        return None
    return published[:10]
