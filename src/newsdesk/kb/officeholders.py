"""Office holders over time: who held an office on a date, a person's tenures, and certainty.

The certainty model (parameters in ``data/meta.json``):

- ``firm``: inside a span whose start and end are known from the data;
- ``low``: firm, but within ``transition_window_days`` of a start or end, a start known only to the
  month or year, or an ambassador (dates are credential dates);
- ``uncertain``: inside an explicit uncertain interval (a transition the source did not follow);
- ``unknown``: after the coverage end, or (for negative answers) before the coverage start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ._text import fold, name_tokens
from .types import RoleStatus, Tenure

_PRECISION_WINDOW = {"month": 31, "year": 366}


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def tenure_from_record(rec: dict[str, Any], source: str = "CIA World Factbook history") -> Tenure:
    """A record of ``officeholders.json.gz`` (or of the Wikidata importer) as a :class:`Tenure`."""
    start = _date(rec["start"])
    if start is None:
        raise ValueError(f"tenure without a start: {rec.get('name')!r}")
    rows = tuple(int(r) for r in rec.get("source_rows") or ())
    where = rec.get("source") or (f"{source}, CSV lines {', '.join(map(str, rows))}" if rows else source)
    end_kind = rec.get("end_kind") or ("firm" if rec.get("end") else "open")
    basis = rec.get("date_basis") or "since"
    certainty = "uncertain" if end_kind in ("gap", "unattested") else ("low" if basis == "credentials" else "firm")
    return Tenure(
        name=rec["name"],
        role=rec["role"],
        start=start,
        variants=tuple(rec.get("variants") or (rec["name"],)),
        title=rec.get("title") or "",
        country=rec.get("iso3"),
        country_name=rec.get("country"),
        gec=rec.get("gec"),
        principal=bool(rec.get("principal", True)),
        start_precision=rec.get("start_precision") or "day",
        end=_date(rec.get("end")),
        end_kind=end_kind,
        uncertain_from=_date(rec.get("uncertain_from")),
        uncertain_to=_date(rec.get("uncertain_to")),
        end_upper_bound=_date(rec.get("end_upper_bound")),
        last_seen=_date(rec.get("last_seen")),
        date_basis=basis,
        certainty=certainty,
        source=where,
        source_text=rec.get("source_text") or "",
        source_rows=rows,
    )


class OfficeHolders:
    """Indexes over tenures; all queries are read-only."""

    def __init__(self, tenures: Iterable[Tenure], meta: dict[str, Any]) -> None:
        self.tenures: list[Tenure] = sorted(tenures, key=lambda t: (t.country or "", t.role, t.start, t.name))
        self.coverage_start = date.fromisoformat(meta["coverage_start"])
        self.coverage_end = date.fromisoformat(meta["coverage_end"])
        self.window = timedelta(days=int(meta.get("transition_window_days", 30)))
        self._by_office: dict[tuple[str, str], list[Tenure]] = {}
        self._by_name: dict[str, list[Tenure]] = {}
        self._by_token: dict[str, list[Tenure]] = {}
        for t in self.tenures:
            self._by_office.setdefault((t.country or t.gec or "", t.role), []).append(t)
            names = {fold(v) for v in (t.name, *t.variants)}
            for key in names:
                self._by_name.setdefault(key, []).append(t)
            for tok in {tok for v in (t.name, *t.variants) for tok in name_tokens(v)}:
                self._by_token.setdefault(tok, []).append(t)

    # -- dated status of one tenure -------------------------------------------------------------
    def status_on(self, t: Tenure, on: date) -> str | None:
        """The tenure's certainty on ``on``, or None when the person did not hold it then."""
        if on < t.start:
            return None
        if on > self.coverage_end:
            # the last known holders stay candidates, but nothing after the coverage end is known
            at_end = self.status_on(t, self.coverage_end)
            return "unknown" if at_end is not None or (t.end is not None and on < t.end) else None
        if t.end_kind == "firm":
            if t.end is None or on >= t.end:
                return None
        elif t.end_kind in ("gap", "unattested") and t.uncertain_from and t.uncertain_to:
            if on >= t.uncertain_to:
                return None
            if on >= t.uncertain_from:
                return "uncertain"
        return "low" if self._near_transition(t, on) or t.date_basis == "credentials" else "firm"

    def _near_transition(self, t: Tenure, on: date) -> bool:
        start_window = timedelta(days=_PRECISION_WINDOW.get(t.start_precision, 0)) + self.window
        if abs((on - t.start).days) < start_window.days:
            return True
        edge = t.end or t.uncertain_from
        return edge is not None and abs((on - edge).days) < self.window.days

    # -- queries -------------------------------------------------------------------------------
    def holders(self, country: str, role: str, on: date, *, principal_only: bool = True) -> list[Tenure]:
        """Tenures of ``role`` in ``country`` (ISO3) covering ``on``, each with its certainty then."""
        out = []
        for t in self._by_office.get((country, role), []):
            if principal_only and not t.principal:
                continue
            certainty = self.status_on(t, on)
            if certainty is not None:
                out.append(replace(t, certainty=certainty))
        return out

    def offices(self, country: str) -> list[str]:
        return sorted({role for (c, role) in self._by_office if c == country})

    def tenures_of(self, person: str) -> list[Tenure]:
        """Tenures of a person, tolerant to case, diacritics, missing middle names and initials.

        A full name or recorded variant matches, and so does any name containing all the query's
        tokens ("Shehbaz Sharif" finds "Muhammad Shehbaz Sharif"). A lone word matches surnames
        (last name tokens) first, then any name token ("Yoon"); a surname shared by several people
        returns them all. A multi-word query that matches nothing falls back to its last word, kept
        only where the first names share an initial ("Joe Biden").
        """
        toks = name_tokens(person)
        if not toks:
            return []
        found: dict[int, Tenure] = {id(t): t for t in self._by_name.get(fold(person), [])}
        if len(toks) == 1:
            cands = self._by_token.get(toks[0], [])
            surname = [t for t in cands if any(name_tokens(v)[-1:] == toks for v in (t.name, *t.variants))]
            found.update((id(t), t) for t in (surname or cands))
        else:
            ids = set.intersection(*(set(map(id, self._by_token.get(tok, []))) for tok in toks))
            found.update((id(t), t) for t in self._by_token.get(toks[-1], []) if id(t) in ids)
            if not found:  # "Joe Biden" for "Joseph R. Biden": same surname, same initial
                return [t for t in self.tenures_of(toks[-1])
                        if any(name_tokens(v)[:1] and name_tokens(v)[0][0] == toks[0][0] for v in t.variants)]
        return sorted(found.values(), key=lambda t: (t.start, t.country or "", t.role))

    def role_on(self, person: str, on: date, *, role: str | None = None, country: str | None = None) -> RoleStatus:
        """In office, not in office (with who held the office then) or unknown, with a certainty."""
        tenures = [t for t in self.tenures_of(person)
                   if (role is None or t.role == role) and (country is None or t.country == country)]
        if not tenures:
            return RoleStatus(person, on, "unknown", "unknown", reason="no tenure of this person in the knowledge base")
        if on > self.coverage_end:
            return RoleStatus(person, on, "unknown", "unknown", tenure=tenures[-1],
                              reason=f"after the coverage end {self.coverage_end.isoformat()}")
        states = [(t, self.status_on(t, on)) for t in tenures]
        held = [(t, c) for t, c in states if c in ("firm", "low")]
        if held:
            held.sort(key=lambda tc: (tc[1] != "firm", not tc[0].principal))
            t, c = held[0]
            return RoleStatus(person, on, "in_office", c, tenure=replace(t, certainty=c),
                              reason=f"{t.title or t.role} of {t.country_name or t.country}"
                                     f" since {t.start.isoformat()}")
        unsure = [t for t, c in states if c == "uncertain"]
        if unsure:
            t = unsure[0]
            return RoleStatus(person, on, "unknown", "uncertain", tenure=replace(t, certainty="uncertain"),
                              reason="inside an uncertain interval of the source (a transition it did not follow)")
        return self._not_in_office(person, on, tenures)

    def _not_in_office(self, person: str, on: date, tenures: list[Tenure]) -> RoleStatus:
        offices = list(dict.fromkeys((t.country or "", t.role) for t in tenures))
        own = {fold(v) for t in tenures for v in t.variants}
        seen: set[str] = set()
        others: list[Tenure] = []
        for c, r in offices:
            for h in self.holders(c, r, on):
                if fold(h.name) not in own and fold(h.name) not in seen:
                    seen.add(fold(h.name))
                    others.append(h)
        near = any(self._near_transition(t, on) for t in tenures)
        if any(h.certainty in ("firm", "low") for h in others):
            firm = [h for h in others if h.certainty in ("firm", "low")]
            certainty = "low" if near or any(h.certainty == "low" for h in firm) else "firm"
            return RoleStatus(person, on, "not_in_office", certainty, held_by=tuple(firm),
                              reason="the office was held by " + "; ".join(
                                  f"{h.name} (since {h.start.isoformat()})" for h in firm))
        if others:
            return RoleStatus(person, on, "unknown", "uncertain", held_by=tuple(others),
                              reason="who held the office then is uncertain in the source")
        if on < self.coverage_start:
            return RoleStatus(person, on, "unknown", "unknown", reason="before the coverage start and no holder known")
        return RoleStatus(person, on, "not_in_office", "low", reason="no holder of the office is recorded then")
