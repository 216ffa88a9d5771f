"""The :class:`KnowledgeBase` and its once-per-process loader.

``load()`` reads the data files shipped in ``newsdesk/kb/data`` once and caches the result per
path. A KnowledgeBase pickles as its path only: a worker process that receives one reloads it
with ``load(path)`` (cached there too) instead of unpickling the indexes.
"""

from __future__ import annotations

import csv
import gzip
import json
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..cache import cached
from .cameo import CameoDictionary, compose
from .countries import Countries, Organisations
from .officeholders import OfficeHolders, tenure_from_record
from .types import Country, Organisation, RoleStatus, Tenure

DATA_DIR = Path(__file__).resolve().parent / "data"
HEAD_ROLES = ("head_of_state", "head_of_government")


def _read_json(path: Path) -> Any:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    return json.loads(path.read_text(encoding="utf-8"))


def _as_date(on: date | str | None) -> date:
    if on is None:
        return date.today()
    return on if isinstance(on, date) else date.fromisoformat(on)


class KnowledgeBase:
    """Countries, office holders, CAMEO dictionaries and organisations, queried by date."""

    def __init__(self, path: str | Path = DATA_DIR) -> None:
        self.path = Path(path)
        # built once from the data files, then loaded from the compiled cache (newsdesk.cache)
        self.meta, self.countries, self.offices, self.organisations, self.role_words = cached(
            "kb", self._sources(), self._build, version=str(self.path.resolve())
        )

    def _sources(self) -> list[Path]:
        return sorted(p for p in self.path.iterdir() if p.is_file() and p.name != "cameo.json.gz")

    def _build(self) -> tuple[dict[str, Any], Countries, OfficeHolders, Organisations, dict[str, Any]]:
        meta: dict[str, Any] = _read_json(self.path / "meta.json")
        with open(self.path / "gec.tsv", encoding="utf-8", newline="") as fh:
            gec_rows = list(csv.reader(fh, delimiter="\t"))[1:]
        countries = Countries(_read_json(self.path / "countries.json.gz"), gec_rows)
        records = list(_read_json(self.path / "officeholders.json.gz"))
        # refreshed tenures (e.g. from the Wikidata importer) dropped beside the shipped file
        for extra in sorted(self.path.glob("officeholders-*.json*")):
            records.extend(_read_json(extra))
        offices = OfficeHolders((tenure_from_record(r) for r in records), meta)
        organisations = Organisations(_read_json(self.path / "igos.json"))
        role_words: dict[str, Any] = _read_json(self.path / "role_words.json")
        return meta, countries, offices, organisations, role_words

    @cached_property
    def cameo(self) -> CameoDictionary:
        """The Phoenix actor and agent dictionaries (built on first use from the largest file, then
        loaded from the compiled cache)."""
        src = self.path / "cameo.json.gz"
        return cached("kb-cameo", [src], lambda: CameoDictionary(_read_json(src)), version=str(src.resolve()))

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (load, (str(self.path),))

    @property
    def coverage_start(self) -> date:
        return self.offices.coverage_start

    @property
    def coverage_end(self) -> date:
        return self.offices.coverage_end

    # -- countries ---------------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """A country by name, demonym ("Pakistani"), capital ("Beijing"), ISO or CAMEO code, or any
        phrase the Phoenix country dictionary maps to a country ("Britain", "U.K.")."""
        found = self.countries.lookup(text)
        if found is None:
            code = self.cameo.actor_code(text)
            if code and len(code) >= 3:
                found = self.countries.by_cameo.get(code[:3])
        return found

    def iso3_for_gec(self, gec: str) -> str | None:
        return self.countries.gec.get(gec.lower()) or None

    def organisation(self, text: str) -> Organisation | None:
        return self.organisations.lookup(text)

    def _iso3(self, country: str) -> str:
        if country in self.countries.by_iso3:
            return country
        c = self.country(country)
        return c.iso3 if c else country

    # -- office holders ----------------------------------------------------------------------
    def holders(self, country: str, role: str = "head_of_government", on: date | str | None = None,
                *, principal_only: bool = True) -> list[Tenure]:
        """Who held ``role`` in ``country`` (ISO3 or any name) on ``on`` (default today), with certainty."""
        return self.offices.holders(self._iso3(country), role, _as_date(on), principal_only=principal_only)

    def tenures_of(self, person: str) -> list[Tenure]:
        return self.offices.tenures_of(person)

    def role_on(self, person: str, on: date | str | None = None, *, role: str | None = None,
                country: str | None = None) -> RoleStatus:
        return self.offices.role_on(person, _as_date(on), role=role,
                                    country=self._iso3(country) if country else None)

    # -- CAMEO ---------------------------------------------------------------------------------
    def actor_code_for(self, phrase: str, on: date | str | None = None) -> str | None:
        """CAMEO actor code of a phrase on a date.

        A person the office-holder data shows as a sitting head of state or government on ``on``
        gets ``<country>GOV``; otherwise the Phoenix dictionaries answer (date restrictions
        applied), then countries and organisations by name.
        """
        day = _as_date(on) if on is not None else None
        if day is not None:
            code = self.sitting_head_code(phrase, day)
            if code:
                return code
        code = self.cameo.actor_code(phrase, day)
        if code and day is not None and code.endswith("GOV") and len(phrase.split()) >= 2:
            # Phoenix's leader entries stop about 2014 and leave the last term open-ended; where the
            # office-holder data shows the person firmly out of office then, use Phoenix's own
            # convention for former leaders (ELI, "elite")
            status = self.offices.role_on(phrase, day)
            if status.status == "not_in_office" and status.certainty == "firm":
                return code[:-3] + "ELI"
        if code:
            return code
        c = self.countries.lookup(phrase)
        if c is not None and c.cameo:
            return c.cameo
        org = self.organisations.lookup(phrase)
        return org.cameo if org is not None else None

    def sitting_head_code(self, person: str, on: date) -> str | None:
        """``XXXGOV`` when ``person`` (full name or a variant) held a head role firmly on ``on``."""
        for t in self.offices.tenures_of(person):
            if t.role not in HEAD_ROLES or not t.country or not t.principal:
                continue
            if len(person.split()) < 2 and person.strip().lower() != t.name.lower():
                continue  # a lone surname is too ambiguous for a code
            if self.offices.status_on(t, on) in ("firm", "low"):
                c = self.countries.by_iso3.get(t.country)
                return compose(c.cameo if c and c.cameo else t.country, "GOV")
        return None

    def agent_suffix(self, noun: str) -> str | None:
        return self.cameo.agent_suffix(noun)

    def compose_code(self, country: str, sector: str | None) -> str:
        """``("USA", "GOV")`` -> ``"USAGOV"``; the country may be a name ("Pakistan") or demonym."""
        c = self.countries.by_iso3.get(country) or self.country(country)
        base = (c.cameo or c.iso3) if c is not None else country
        return compose(base, sector)


@lru_cache(maxsize=8)
def _load(path: str) -> KnowledgeBase:
    return KnowledgeBase(path)


def load(path: str | Path | None = None) -> KnowledgeBase:
    """The knowledge base at ``path`` (default: the packaged data), loaded once per process."""
    return _load(str(Path(path).resolve()) if path is not None else str(DATA_DIR))
