"""Generate the anachronism evaluation: dated, templated snippets built from the office-holder data.

    .venv/bin/python tools/checks/gen_anachronism_eval.py [--out tests/checks/fixtures/anachronism_eval.jsonl]

Every snippet is one JSON line ``{"id", "text", "published", "case", "gold": {"flag", "start", "end",
"phrase"}, "person", "office"}``. Gold comes from the knowledge base (``newsdesk.kb``: ``holders`` and
``role_on``), not from the check: a snippet is positive when its role phrase is false on the publication
date with firm data, negative when it is true there, historical, or dated after the coverage end.

Positive cases: "former <title> <name>" while in office; "<title> <name>" / "the <name> administration
(government)" acting in the present while someone else holds the office; "newly elected" years after
the start; an apposition "<name>, the former <title> of <country>," while in office.
Negative cases: correct "former"; historical mentions with a past date ("In 2016, ..."; "<name>, who was
<title> in 2016, ..."); sitting holders with their title; a "newly elected" holder a few months in; and
dates after the KB's coverage end (unknown is not evidence).

Deterministic: the same data and seed give the same file. Sentences are fabricated.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsdesk import kb

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "checks" / "fixtures" / "anachronism_eval.jsonl"
TITLES = {"President": "administration", "Prime Minister": "government", "Chancellor": "government"}
NAME_OK = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}$")
MARGIN = timedelta(days=90)

PRESENT = [
    "{who} says the talks with {other} will resume next month.",
    "{who} has urged {other} to reopen the border crossings.",
    "{who} is expected to address parliament on Monday.",
    "{who} will meet a delegation from {other} next week.",
    "{who} has called for calm after the protests in the capital.",
    "{who} is pushing for a new trade agreement with {other}.",
    "Officials said {who} has approved the budget plan.",
    "{who} insists the reforms will continue.",
]
PAST_UNDATED = [
    "{who} held talks with officials from {other}, according to people familiar with the matter.",
    "{who} met business leaders in {other} to discuss investment.",
]
GOVERNMENT = [
    "The {name} {noun} has urged both sides to return to the negotiating table.",
    "The {name} {noun} is preparing a new package of measures.",
    "The {name} {noun} has cautiously welcomed the prospect of renewed dialogue.",
    "The {name} {noun} says it will not change course.",
]
HISTORICAL = [
    "In {year}, {title} {name} signed a cooperation agreement with {other}.",
    "{name}, who was {ltitle} in {year}, visited {other} that spring.",
    "When {name} was {ltitle} in {year}, the two countries signed a trade pact.",
    "Back in {year}, {title} {name} pledged to cut taxes.",
]
FILLER = [
    "Analysts expect little progress before the end of the year.",
    "The foreign ministry declined to comment.",
    "Markets were calm on the news.",
    "Opposition parties criticised the move.",
]


@dataclass
class Office:
    name: str
    title: str
    role: str
    country: str
    country_name: str
    start: date
    end: date | None


def offices(base: kb.KnowledgeBase) -> list[Office]:
    """Principal heads with plain names and the common titles, firm starts, in sovereign countries."""
    out = []
    for t in base.offices.tenures:
        if not t.principal or t.role not in ("head_of_state", "head_of_government") or t.title not in TITLES:
            continue
        if t.end_kind not in ("firm", "open") or t.start_precision != "day" or not NAME_OK.match(t.name):
            continue
        c = base.countries.by_iso3.get(t.country or "")
        if c is None or c.cameo != c.iso3 or not re.match(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?$", c.name):
            continue
        if len(base.tenures_of(t.name)) != len([x for x in base.tenures_of(t.name) if x.name == t.name]):
            continue  # the name is shared with someone else
        out.append(Office(t.name, t.title, t.role, c.iso3, c.name, t.start, t.end))
    seen: set[tuple[str, str]] = set()
    unique = []
    for o in out:  # one office per person and title
        if (o.name, o.title) not in seen:
            seen.add((o.name, o.title))
            unique.append(o)
    return unique


def status(base: kb.KnowledgeBase, o: Office, on: date) -> tuple[str, str, list[Any]]:
    rs = base.role_on(o.name, on, role=o.role, country=o.country)
    holders = [h for h in base.holders(o.country, o.role, on) if h.name != o.name]
    return rs.status, rs.certainty, holders


def inside(base: kb.KnowledgeBase, o: Office, rng: random.Random) -> date | None:
    """A publication date well inside the tenure (firm), within the coverage."""
    lo = max(o.start + MARGIN, base.coverage_start + MARGIN)
    hi = min(o.end - MARGIN if o.end else base.coverage_end - MARGIN, base.coverage_end - MARGIN)
    if lo >= hi:
        return None
    on = lo + timedelta(days=rng.randrange((hi - lo).days))
    st, cert, _ = status(base, o, on)
    return on if st == "in_office" and cert == "firm" else None


def after(base: kb.KnowledgeBase, o: Office, rng: random.Random) -> tuple[date, Any] | None:
    """A publication date after the tenure, when someone else firmly holds the office."""
    if o.end is None:
        return None
    lo, hi = o.end + MARGIN, base.coverage_end - MARGIN
    if lo >= hi:
        return None
    for _ in range(6):
        on = lo + timedelta(days=rng.randrange((hi - lo).days))
        st, cert, holders = status(base, o, on)
        firm = [h for h in holders if h.certainty == "firm" and h.title == o.title]
        if st == "not_in_office" and cert == "firm" and firm and not any(h.start > on - MARGIN for h in firm):
            return on, firm[0]
    return None


def other_country(offs: list[Office], o: Office, rng: random.Random) -> str:
    """Another country of the data, for the object of a sentence."""
    return rng.choice(sorted({x.country_name for x in offs if x.country_name != o.country_name}))


def add(rows: list[dict[str, Any]], case: str, text: str, phrase: str | None, on: date, o: Office,
        flag: bool) -> None:
    start = text.lower().find(phrase.lower()) if phrase else -1
    if flag and (phrase is None or start < 0):
        raise ValueError(f"gold phrase {phrase!r} not in {text!r}")
    end = start + len(phrase) if flag and phrase else None
    gold = {"flag": flag, "start": start if flag else None, "end": end,
            "phrase": text[start:end] if flag and end is not None else None}
    rows.append({"id": f"ana-{len(rows) + 1:04d}", "text": text, "published": on.isoformat(), "case": case,
                 "gold": gold, "person": o.name, "office": f"{o.title} of {o.country_name}"})


def generate(seed: int = 20240914) -> list[dict[str, Any]]:
    base = kb.load()
    rng = random.Random(seed)
    offs = offices(base)
    rng.shuffle(offs)
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}

    def room(case: str, limit: int) -> bool:
        return counts.get(case, 0) < limit

    def put(case: str, text: str, phrase: str | None, on: date, o: Office, flag: bool) -> None:
        counts[case] = counts.get(case, 0) + 1
        add(rows, case, text + " " + rng.choice(FILLER), phrase, on, o, flag)

    for o in offs:
        other = other_country(offs, o, rng)
        surname = o.name.split()[-1]
        noun = TITLES[o.title]
        on = inside(base, o, rng)
        if on is not None:
            if room("former_in_office", 40):
                who = rng.choice([f"former {o.title} {o.name}", f"{o.country_name}'s former {o.title.lower()} {o.name}",
                                  f"ex-{o.title} {o.name}"])
                text = rng.choice(PRESENT + PAST_UNDATED).format(who=who, other=other)
                put("former_in_office", text[0].upper() + text[1:], who, on, o, True)
            if room("apposition_former_in_office", 15):
                who = f"{o.name}, the former {o.title.lower()} of {o.country_name},"
                put("apposition_former_in_office", f"{who} said on Tuesday that talks with {other} would resume.",
                    who.rstrip(","), on, o, True)
            if room("current_correct_title", 35):
                who = rng.choice([f"{o.title} {o.name}", f"{o.country_name}'s {o.title.lower()} {o.name}"])
                tpl = rng.choice(PRESENT)
                text = tpl.format(who=who, other=other)
                put("current_correct_title", text[0].upper() + text[1:], None, on, o, False)
            if room("current_government", 15):
                put("current_government", rng.choice(GOVERNMENT).format(name=o.name, noun=noun), None, on, o, False)
            if o.start < on - timedelta(days=900) and room("newly_elected_years_later", 20):
                who = rng.choice([f"newly elected {o.title} {o.name}", f"newly appointed {o.title} {o.name}"])
                tpl = rng.choice(PRESENT)
                text = "The " + tpl.format(who=who, other=other)
                put("newly_elected_years_later", text, who, on, o, True)
        early = o.start + timedelta(days=60)
        if early < base.coverage_end and early > base.coverage_start and room("newly_elected_recent", 12):
            st, cert, _ = status(base, o, early)
            if st == "in_office" and cert == "firm":
                tpl = rng.choice(PRESENT)
                put("newly_elected_recent", "The " + tpl.format(who=f"newly elected {o.title} {o.name}", other=other),
                    None, early, o, False)
        later = [t for t in base.tenures_of(o.name) if t.role in ("head_of_state", "head_of_government")
                 and t.principal and t.title in TITLES and t.title != o.title and o.end and t.start >= o.end]
        if later and room("title_changed_former", 12):
            on = inside(base, Office(o.name, later[0].title, later[0].role, o.country, o.country_name,
                                     later[0].start, later[0].end), rng)
            if on is not None:
                text = rng.choice(PRESENT).format(who=f"former {o.title} {o.name}", other=other)
                put("title_changed_former", text[0].upper() + text[1:], None, on, o, False)
        late = after(base, o, rng)
        if late is not None:
            on, _holder = late
            if room("present_out_of_office", 40):
                who = f"{o.title} {o.name}"
                text = rng.choice(PRESENT).format(who=who, other=other)
                put("present_out_of_office", text, who, on, o, True)
            heads = [t for t in base.tenures_of(o.name) if t.role in ("head_of_state", "head_of_government")]
            if room("government_out_of_office", 35) and not any(base.offices.status_on(t, on) for t in heads):
                name = rng.choice([o.name, surname]) if _unique_surname(base, surname, o.name) else o.name
                text = rng.choice(GOVERNMENT).format(name=name, noun=noun)
                put("government_out_of_office", text, f"The {name} {noun}", on, o, True)
            if room("then_title_out_of_office", 12):
                text = rng.choice(PAST_UNDATED).format(who=f"Then-{o.title} {o.name}", other=other)
                put("then_title_out_of_office", text, None, on, o, False)
            if room("past_recent_date_out_of_office", 15):
                who = f"{o.title} {o.name}"
                when = rng.choice(["on Thursday", "yesterday", "last week", "two days ago"])
                put("past_recent_date_out_of_office", f"{who} said {when} that talks with {other} would resume.",
                    who, on, o, True)
            demonyms = base.countries.by_iso3[o.country].demonyms
            if demonyms and room("demonym_title_out_of_office", 15):
                who = f"{demonyms[0]} {o.title} {o.name}"
                text = rng.choice(PRESENT).format(who=who, other=other)
                put("demonym_title_out_of_office", text[0].upper() + text[1:], who, on, o, True)
            if room("former_correct", 35):
                who = rng.choice([f"former {o.title} {o.name}",
                                  f"{o.country_name}'s former {o.title.lower()} {o.name}"])
                text = rng.choice(PRESENT + PAST_UNDATED).format(who=who, other=other)
                put("former_correct", text[0].upper() + text[1:], None, on, o, False)
            year = o.start.year + (1 if o.start.month > 6 else 0)
            if (o.end is None or year < o.end.year) and room("historical_dated", 35):
                text = rng.choice(HISTORICAL).format(year=year, title=o.title, ltitle=o.title.lower(), name=o.name,
                                                     other=other)
                put("historical_dated", text, None, on, o, False)
        if o.end is None and room("after_coverage", 20):
            on = base.coverage_end + timedelta(days=rng.randrange(120, 400))
            who = rng.choice([f"former {o.title} {o.name}", f"{o.title} {o.name}"])
            text = rng.choice(PRESENT).format(who=who, other=other)
            put("after_coverage", text[0].upper() + text[1:], None, on, o, False)
    return rows


def _unique_surname(base: kb.KnowledgeBase, surname: str, full: str) -> bool:
    heads = {t.name for t in base.tenures_of(surname) if t.role in ("head_of_state", "head_of_government")}
    return heads == {full}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=20240914)
    args = ap.parse_args()
    rows = generate(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    by_case: dict[str, int] = {}
    for r in rows:
        by_case[r["case"]] = by_case.get(r["case"], 0) + 1
    pos = sum(1 for r in rows if r["gold"]["flag"])
    print(f"{len(rows)} snippets ({pos} positive) -> {args.out}")
    for k, v in sorted(by_case.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
