"""The ``contradiction`` check: two statements in one article that cannot both be true.

- **roles**: the same person called "former <title>" and "<title>" in a present or future clause
  (no knowledge base needed: the article disagrees with itself);
- **publication dates**: two date lines (blocks of kind ``dateline``) giving different publication
  dates more than a day apart ("Updated:" lines are not publication dates);
- **events**: the same kind of event (a visit, a summit) by the same person to the same country,
  both upcoming or hypothetical and recently past ("whether X will travel to Y" / "during his recent
  visit to Y's capital"; "the summit next week" / "last week's summit");
- **numbers**: the same subject, verb and object with different counts ("the blast killed 12
  people" / "the blast killed 15 people") or a once-only event in different years ("founded in
  2001" / "founded in 2003"); approximate numbers and differing places or dates are left alone.

Every flag cites both spans. Needs the ``entities`` stage's parse (roles, events, numbers); date
lines need only the structure stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..model import Article, Flag
from ..registry import checks
from ..structure.dates import date_line
from .facts import EventMention, NumberFact, events, numbers
from .roles import Claim, find_claims, parsed_doc, published_day


def _ref(article: Article, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": article.text[start:end]}


def _flag(article: Article, sev: str, first: tuple[int, int], second: tuple[int, int], message: str,
          what: str, **extra: Any) -> Flag:
    ev = {"what": what, "first": _ref(article, *first), "second": _ref(article, *second), **extra}
    return Flag("contradiction", sev, second[0], second[1], message, evidence=ev)


def publication_dates(article: Article) -> list[Flag]:
    seen: list[tuple[date, tuple[int, int]]] = []
    out = []
    for b in article.blocks:
        if b.kind != "dateline":
            continue
        hit = date_line(article.text[b.start:b.end].strip())
        if hit is None or hit.updated:
            continue
        try:
            day = date.fromisoformat(hit.value[:10])
        except ValueError:
            continue
        for other, span in seen:
            if abs((day - other).days) > 1:
                out.append(_flag(article, "high", span, (b.start, b.end),
                                 f"two publication dates in one page: {other.isoformat()} and {day.isoformat()}",
                                 "publication date", dates=[other.isoformat(), day.isoformat()]))
                break
        seen.append((day, (b.start, b.end)))
    return out


def _person_key(c: Claim) -> str:
    return c.entity.id if c.entity is not None else " ".join(c.name.lower().split())


def role_conflicts(article: Article, claims: list[Claim]) -> list[Flag]:
    out = []
    done: set[tuple[str, str]] = set()
    for a in claims:
        if not a.former or a.title is None:
            continue
        for b in claims:
            if b is a or b.former or b.historical or b.newly or b.title != a.title:
                continue
            if b.tense not in ("present", "future"):
                continue
            key = (_person_key(a), a.title)
            if _person_key(b) != key[0] or key in done:
                continue
            done.add(key)
            first, second = sorted([(a.start, a.end), (b.start, b.end)])
            out.append(_flag(article, "medium", first, second,
                             f"{a.name} is called both a former {a.title} and the sitting {a.title}",
                             "role", person=a.entity.name if a.entity else a.name))
    return out


def event_conflicts(article: Article, found: list[EventMention]) -> list[Flag]:
    out = []
    done: set[tuple[str, str | None, str | None]] = set()
    for a in found:
        if a.orientation != "future":
            continue
        for b in found:
            if b.orientation != "past" or b.cls != a.cls:
                continue
            if a.agent != b.agent or a.place != b.place:
                continue
            specific = a.agent is not None and a.place is not None
            if not specific and not (a.definite and b.definite and a.agent is None and a.place is None):
                continue
            key = (a.cls, a.agent, a.place)
            if key in done:
                continue
            done.add(key)
            first, second = sorted([(a.start, a.end), (b.start, b.end)])
            out.append(_flag(article, "medium" if specific else "low", first, second,
                             f"the same {a.cls} is described both as upcoming and as already past",
                             "event", future=_ref(article, a.start, a.end), past=_ref(article, b.start, b.end)))
    return out


def number_conflicts(article: Article, facts: list[NumberFact]) -> list[Flag]:
    out = []
    done: set[tuple[str, ...]] = set()
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a.key != b.key or a.value == b.value or a.key in done:
                continue
            if a.place != b.place or a.when != b.when:
                continue
            done.add(a.key)
            what = "year" if a.key[2] == "year" else "number"
            out.append(_flag(article, "medium", (a.start, a.end), (b.start, b.end),
                             f"the same fact is given two different {what}s: {a.value} and {b.value}",
                             what, values=[a.value, b.value]))
    return out


@checks.register("contradiction")
def contradiction(article: Article, context: Any) -> Iterable[Flag]:
    flags = publication_dates(article)
    doc = parsed_doc(article, context)
    if doc is not None:
        on = published_day(article)
        from .. import kb

        flags += role_conflicts(article, find_claims(article, doc, kb.load(), on))
        flags += event_conflicts(article, events(article, doc, on))
        flags += number_conflicts(article, numbers(article, doc))
    return flags
