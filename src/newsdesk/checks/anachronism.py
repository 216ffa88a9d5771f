"""The ``anachronism`` check: a person's stated role that the knowledge base contradicts on the
publication date.

Claims come from :mod:`newsdesk.checks.roles` (titles, appositions, "the X administration"); each is
judged against the office-holder data (:mod:`newsdesk.kb`, CIA World Factbook history):

- ``former`` before a title while the person holds that office on the publication date (a past
  sentence with an explicit date at which the person was out of office is historical: not flagged);
- a title or a government named after the person, in a present, present-perfect or future clause
  (or a past clause dated shortly before publication), while someone else firmly holds the office;
- "newly elected/appointed" for a holder whose term began more than a year before publication.

Severity follows the data's certainty: heads of state or government with firm dates -> high; other
officials (vice presidents) -> medium; ambassadors (credential dates), dates within 30 days of a
transition, or readings that rest on a relative date -> low or medium; an uncertain interval, a
date after the coverage end or a person/office not in the data -> no flag (unknown is not evidence).
Needs the ``entities`` stage (its entities and cached parse) and uses the ``time`` stage's timexes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..model import Article, Flag
from ..registry import checks
from .roles import (
    AMBASSADOR_ROLES,
    HEAD_ROLES,
    SOURCE,
    Claim,
    cues,
    find_claims,
    home_country,
    parsed_doc,
    person_tenures,
    published_day,
    title_matches,
)

if TYPE_CHECKING:
    from ..kb import KnowledgeBase, Tenure

_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass(slots=True)
class Status:
    state: str  # in | out | unknown
    certainty: str = "unknown"  # firm | low | uncertain | unknown
    tenure: Tenure | None = None
    held_by: tuple[Tenure, ...] = ()


def office_of(claim: Claim, tenures: list[Tenure]) -> list[Tenure]:
    """The tenures of the office the phrase names (by title, or any principal head office)."""
    if claim.title is None:
        office = [t for t in tenures if t.role in HEAD_ROLES and t.principal]
    elif claim.title == "ambassador":
        office = [t for t in tenures if t.role in AMBASSADOR_ROLES and t.principal]
    else:
        office = [t for t in tenures if title_matches(claim.title, t)]
    if claim.country:
        office = [t for t in office if t.country == claim.country]
    return office


def status(base: KnowledgeBase, office: list[Tenure], title: str | None, on: date) -> Status:
    """Whether the person held the office on ``on``, and if not, who did (with the data's certainty)."""
    if on > base.coverage_end:
        return Status("unknown")
    states = [(t, base.offices.status_on(t, on)) for t in office]
    held = [(t, c) for t, c in states if c in ("firm", "low")]
    if held:
        held.sort(key=lambda tc: (tc[1] != "firm", -tc[0].start.toordinal()))  # the latest term first
        return Status("in", held[0][1], held[0][0])
    if any(c == "uncertain" for _, c in states):
        return Status("unknown", "uncertain")
    home = home_country(base, office)
    own = {t.name.casefold() for t in office} | {v.casefold() for t in office for v in t.variants}
    others: dict[str, Tenure] = {}
    for role in dict.fromkeys(t.role for t in office if t.country == home):
        principal = all(t.principal for t in office if t.country == home and t.role == role)
        for h in base.holders(home or "", role, on, principal_only=principal):
            if h.name.casefold() in own or (title is not None and not title_matches(title, h)):
                continue
            others.setdefault(h.name, h)
    if not others:
        return Status("unknown")
    firm = tuple(h for h in others.values() if h.certainty in ("firm", "low"))
    if not firm:
        return Status("unknown", "uncertain", held_by=tuple(others.values()))
    window = timedelta(days=int(base.meta.get("transition_window_days", 30)))
    near = any(abs(on - t.start) < window or (t.end is not None and abs(on - t.end) < window) for t in office)
    low = near or any(h.certainty == "low" for h in firm)
    return Status("out", "low" if low else "firm", held_by=firm)


def severity(cert: str, office: list[Tenure], cap: str = "high") -> str | None:
    if cert not in ("firm", "low"):
        return None
    if cert == "low" or any(t.role in AMBASSADOR_ROLES for t in office):
        sev = "low"
    elif all(t.role in HEAD_ROLES and t.principal for t in office):
        sev = "high"
    else:
        sev = "medium"
    return sev if _RANK[sev] <= _RANK[cap] else cap


def _office_name(t: Tenure) -> str:
    return f"{t.title or t.role.replace('_', ' ')} of {t.country_name or t.country}"


def _tenure_info(t: Tenure) -> dict[str, Any]:
    return {"name": t.name, "office": _office_name(t), "role": t.role, "country": t.country,
            "since": t.start.isoformat(), "until": t.end.isoformat() if t.end else None,
            "source_row": t.source, "source_text": t.source_text}


def _evidence(claim: Claim, st: Status, on: date, article: Article, reading: str) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "phrase": article.text[claim.start:claim.end],
        "person": claim.name,
        "published": on.isoformat(),
        "claim": reading,
        "tense": claim.tense,
        "knowledge_base": "in office" if st.state == "in" else "not in office",
        "certainty": st.certainty,
        "source": SOURCE,
    }
    if st.tenure is not None:
        ev["held"] = _tenure_info(st.tenure)
        ev["since"] = st.tenure.start.isoformat()
    if st.held_by:
        ev["held_by"] = [_tenure_info(h) for h in st.held_by]
        ev["since"] = st.held_by[0].start.isoformat()
    return ev


def _out_everywhere(base: KnowledgeBase, office: list[Tenure], title: str | None,
                    dated: list[tuple[date, date]]) -> bool:
    """True when the person was out of the office on every checked day of every dated interval."""
    for a, b in dated:
        for d in {a, a + (b - a) / 2, b}:
            if status(base, office, title, d).state != "out":
                return False
    return True


def judge(claim: Claim, base: KnowledgeBase, on: date, article: Article) -> Flag | None:
    if claim.historical:
        return None
    tenures = person_tenures(base, claim.entity, claim.name)
    office = office_of(claim, tenures)
    if not office:
        return None
    phrase = article.text[claim.start:claim.end]
    st = status(base, office, claim.title, on)
    if claim.former:
        if st.state != "in" or st.tenure is None:
            return None
        if claim.tense == "past" and claim.time.dated and _out_everywhere(base, office, claim.title, claim.time.dated):
            return None  # "former" true at the dated time of a historical sentence
        sev = severity(st.certainty, [st.tenure])
        msg = (f"'{phrase}': {st.tenure.name} is {_office_name(st.tenure)} on {on.isoformat()} "
               f"(since {st.tenure.start.isoformat()}), not a former holder")
        return _flag(claim, sev, msg, _evidence(claim, st, on, article, "former holder"))
    if claim.newly:
        if st.state != "in" or st.tenure is None:
            return None
        days = (on - st.tenure.start).days
        if days <= int(cues()["newly_min_days"]):
            return None
        sev = severity(st.certainty, [st.tenure], cap="medium")
        msg = (f"'{phrase}': {st.tenure.name} has been {_office_name(st.tenure)} since "
               f"{st.tenure.start.isoformat()}, {days // 365} year(s) before {on.isoformat()}")
        ev = _evidence(claim, st, on, article, "newly in office")
        ev["note"] = "re-elections are not in the data: a new term of a sitting holder reads the same"
        return _flag(claim, sev, msg, ev)
    cap = "high"
    if claim.tense in ("present", "future"):
        pass
    elif claim.tense == "past" and claim.time.recent:
        cap = "medium"  # a past clause dated shortly before publication
    else:
        return None  # historical, hypothetical or tenseless: not a claim about the publication date
    if claim.kind == "government" and not claim.subject:
        return None
    if st.state != "out":
        return None
    sev = severity(st.certainty, office, cap)
    holders = "; ".join(f"{h.name} ({_office_name(h)} since {h.start.isoformat()})" for h in st.held_by)
    what = "acting in the present" if claim.kind == "government" else "in office"
    msg = f"'{phrase}' presented as {what}, but on {on.isoformat()} the office was held by {holders}"
    return _flag(claim, sev, msg, _evidence(claim, st, on, article, what))


def _flag(claim: Claim, sev: str | None, message: str, evidence: dict[str, Any]) -> Flag | None:
    if sev is None:
        return None
    return Flag("anachronism", sev, claim.start, claim.end, message, evidence=evidence)


@checks.register("anachronism")
def anachronism(article: Article, context: Any) -> Iterable[Flag]:
    on = published_day(article)
    if on is None:
        return []
    doc = parsed_doc(article, context)
    if doc is None:
        return []
    from .. import kb

    base = kb.load()
    out: dict[tuple[int, int], Flag] = {}
    for claim in find_claims(article, doc, base, on):
        f = judge(claim, base, on, article)
        if f is not None and (f.start, f.end) not in out:
            out[(f.start, f.end)] = f
    return sorted(out.values(), key=lambda f: f.start)
