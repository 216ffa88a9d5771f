# ruff: noqa: E501  (the generated table reads better one rule a line)
"""Skip a rule on a text that cannot contain a match of it, read from the rule's own regex.

Every one of the ~50 rules is a full scan of the text, and most rules need some word to be in
the text at all ("century", "quarter", "ago", a unit word, a month name). :func:`requirements`
reads that from the compiled pattern itself: the sets of literal strings of which every match
must contain one (a run of the pattern that can only match finitely many strings, none empty).
:func:`may_match` tests them against the lower-cased text with plain substring search, which is
much cheaper than a regex scan. A rule is skipped only when a required set is absent, so the
matches of the rules that run, and therefore the output, are the same as without the filter.

Lower-casing is a safe test for ASCII literals matched with or without ``re.IGNORECASE``,
except on the few non-ASCII letters that ``re.IGNORECASE`` equates with an ASCII letter (the
Kelvin sign, the long s, the dotted and dotless i): a text with one of those runs every rule.
"""

from __future__ import annotations

import importlib
import re
import zlib
from functools import cache
from typing import Any

from .patterns import rules

#: the most strings one required set may hold (more is a weak, slow test: the rule just runs)
MAX_SET = 64
#: the most strings a run of the pattern may expand to while it is being read
_MAX_EXPAND = 4096

Requirement = tuple[str, ...]


#: the non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ K; a test
#: recomputes them from every code point)
IGNORECASE_ASCII_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _sre(name: str) -> Any:
    """``re._constants`` / ``re._parser`` (the standard library's own regex parser)."""
    return importlib.import_module(f"re.{name}")


def _lang(items: Any) -> set[str] | None:
    """The finite set of (lower-cased) strings a sequence of parsed items can match, or None."""
    out = {""}
    for op, av in items:
        part = _lang_one(op, av)
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > _MAX_EXPAND:
            return None
    return out


def _lang_one(op: Any, av: Any) -> set[str] | None:
    c = _sre("_constants")
    if op is c.LITERAL:
        ch = chr(av)
        return {ch.lower()} if ch.isascii() else None
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}  # zero width: consumes nothing
    if op is c.SUBPATTERN:
        return _lang(av[3].data)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            part = _lang(branch.data)
            if part is None:
                return None
            out |= part
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 1:
        part = _lang(av[2].data)
        if part is None:
            return None
        return part | {""} if av[0] == 0 else part
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL and chr(a).isascii():
                chars.add(chr(a).lower())
            elif o is c.RANGE and a[1] - a[0] < 16 and a[1] < 0x80:
                chars |= {chr(x).lower() for x in range(a[0], a[1] + 1)}
            else:
                return None
        return chars
    return None


def _requirements(items: Any) -> list[set[str]]:
    """Sets of strings of which every match of the sequence contains one (each set on its own)."""
    c = _sre("_constants")
    out: list[set[str]] = []
    run: list[Any] = []

    def close() -> None:
        if run:
            lang = _lang(run)
            if lang is not None and "" not in lang:
                out.append(lang)
            run.clear()

    for op, av in items:
        if _lang_one(op, av) is not None:
            run.append((op, av))
            continue
        close()
        if op is c.SUBPATTERN:
            out += _requirements(av[3].data)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _requirements(av[2].data)
        elif op is c.BRANCH:
            per_branch = [_best(_requirements(b.data)) for b in av[1]]
            if all(r is not None for r in per_branch):
                out.append(set().union(*(r for r in per_branch if r is not None)))
    close()
    return out


def _minimal(strings: set[str]) -> set[str]:
    """Drop a string that contains another of the set: finding the shorter one is enough."""
    short = sorted(strings, key=len)
    keep: list[str] = []
    for s in short:
        if not any(k in s for k in keep):
            keep.append(s)
    return set(keep)


def _best(reqs: list[set[str]]) -> set[str] | None:
    """The most selective usable requirement: longest shortest string, then fewest strings."""
    usable = [m for m in (_minimal(r) for r in reqs) if m and len(m) <= MAX_SET]
    if not usable:
        return None
    return max(usable, key=lambda r: (min(len(s) for s in r), -len(r)))


def requirements(pattern: re.Pattern[str]) -> Requirement | None:
    """Strings of which every match of ``pattern`` contains one (lower case), or None (no such set read)."""
    try:
        tree = _sre("_parser").parse(pattern.pattern, pattern.flags)
        best = _best(_requirements(tree.data))
    except Exception:  # an internal parser of another Python version: no filter, the rule always runs
        return None
    if best is None or min(len(s) for s in best) < 2:
        return None  # a single character is in almost every text
    return tuple(sorted(best))


def fingerprint(pattern: re.Pattern[str]) -> int:
    """What :data:`TABLE` keys an entry on: a rule's pattern and flags."""
    return zlib.crc32(f"{pattern.flags}:{pattern.pattern}".encode())


@cache
def rule_requirements() -> dict[str, Requirement | None]:
    """:func:`requirements` of every rule of :func:`~newsdesk.timex.patterns.rules`, by name.

    Reading ~50 large patterns takes a quarter of a second, so the results are kept in
    :data:`TABLE`; a rule whose pattern no longer has the recorded fingerprint is read afresh."""
    out: dict[str, Requirement | None] = {}
    for name, _, rx in rules():
        known = TABLE.get(name)
        out[name] = known[1] if known is not None and known[0] == fingerprint(rx) else requirements(rx)
    return out


def lowered(text: str) -> str | None:
    """The text to test requirements against, or None when it must not be filtered."""
    if not text.isascii() and any(ch in text for ch in IGNORECASE_ASCII_TWINS):
        return None
    return text.lower()


def may_match(requirement: Requirement | None, low: str | None) -> bool:
    """False only when ``low`` (from :func:`lowered`) holds none of the required strings."""
    if requirement is None or low is None:
        return True
    return any(s in low for s in requirement)


def table_source() -> str:
    """The source of :data:`TABLE` for the current rules."""
    lines = ["TABLE: dict[str, tuple[int, Requirement | None]] = {"]
    for name, _, rx in rules():
        lines.append(f"    {name!r}: ({fingerprint(rx)}, {requirements(rx)!r}),")
    lines.append("}")
    return "\n".join(lines)


#: rule name -> (fingerprint of its pattern, required strings), printed by :func:`table_source`
#: (``.venv/bin/python -c "from newsdesk.timex.prefilter import table_source; print(table_source())"``)
# fmt: off
TABLE: dict[str, tuple[int, Requirement | None]] = {
    'iso': (1215763206, ('-01-', '-02-', '-03-', '-04-', '-05-', '-06-', '-07-', '-08-', '-09-', '-10-', '-11-', '-12-')),
    'mdy': (2735912933, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep')),
    'dmy': (3474921169, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep')),
    'md': (1689382724, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep')),
    'dm': (1764807060, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep')),
    'wd_dom': (2893478207, ('fri', 'monday', 'saturday', 'sunday', 'thu', 'tue', 'wednesday')),
    'wd_week': (1030153925, ('week',)),
    'my': (4235186690, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep')),
    'num_date': (2146905655, None),
    'ymd_slash': (3800393690, ('/01/', '/02/', '/03/', '/04/', '/05/', '/06/', '/07/', '/08/', '/09/', '/1/', '/10/', '/11/', '/12/', '/2/', '/3/', '/4/', '/5/', '/6/', '/7/', '/8/', '/9/')),
    'num_md': (1446631320, None),
    'year': (2642946403, ('16', '17', '18', '19', '20')),
    'year_abbr': (670720855, None),
    'decade': (4096758293, None),
    'century': (3661118341, ('century',)),
    'fy': (1141517705, ('fiscal', 'fy')),
    'quarter': (2175420134, ('quarter',)),
    'qnum': (3005537709, ('q1', 'q2', 'q3', 'q4')),
    'half': (809602390, ('first', 'second')),
    'season': (3053826424, ('autumn', 'fall', 'spring', 'summer', 'winter')),
    'relday': (4217153303, ('today', 'tomorrow', 'tonight', 'yesterday')),
    'pod': (3033173960, ('last', 'this')),
    'weekday': (3356391162, ('fri', 'monday', 'saturday', 'sunday', 'thu', 'tue', 'wednesday')),
    'shift_unit': (1928302032, ('century', 'decade', 'month', 'quarter', 'week', 'year')),
    'the_unit': (3832070089, ('decade', 'month', 'week', 'year')),
    'shift_month': (3801477059, ('coming', 'current', 'following', 'last', 'next', 'past', 'previous', 'prior', 'this')),
    'month': (978814402, ('april', 'aug.', 'august', 'dec.', 'december', 'feb.', 'february', 'jan.', 'january', 'july', 'june', 'march', 'may', 'nov.', 'november', 'oct.', 'october', 'sept')),
    'ago': (1389232058, ('ago', 'back', 'earlier', 'hence', 'later')),
    'vague_ago': (625247450, ('centuries', 'days', 'decades', 'hours', 'millennia', 'minutes', 'months', 'nights', 'quarters', 'seconds', 'weeks', 'years')),
    'duration': (3999022037, ('centuries', 'century', 'day', 'decade', 'hour', 'millennia', 'millennium', 'minute', 'month', 'night', 'quarter', 'second', 'week', 'year')),
    'dur_range': (562727386, ('centuries', 'century', 'day', 'decade', 'hour', 'millennia', 'millennium', 'minute', 'month', 'night', 'quarter', 'second', 'week', 'year')),
    'the_day': (1610505965, ('the',)),
    'weekend': (1763232525, ('weekend',)),
    'month_rel': (1276190752, ('year',)),
    'clock_hhmm': (461214994, ('bst', 'cdt', 'cst', 'edt', 'est', 'et', 'gmt', 'ist', 'jst', 'mdt', 'mst', 'pdt', 'pst', 'pt', 'utc')),
    'half_dur': (61372014, ('half',)),
    'vague_dur': (411490543, ('centuries', 'days', 'decades', 'hours', 'millennia', 'minutes', 'months', 'nights', 'quarters', 'seconds', 'weeks', 'years')),
    'bare_units': (3916734303, ('days', 'decades', 'hours', 'minutes', 'months', 'weeks', 'years')),
    'vague': (3994295442, ('ast', 'currently', 'days', 'ecent', 'ight', 'lately', 'long', 'moment', 'near', 'now', "oday's", 'once', 'oreseeable', 'resent', 'short', 'time', 'upon', 'ust', 'uture')),
    'set': (2106594003, ('ach', 'annum', 'biennially', 'daily', 'day', 'hour', 'month', 'nightly', 'nual', 'per', 'quarterly', 'very', 'week', 'year')),
    'every': (2463769655, ('each', 'every')),
    'times_per': (50332563, ('once', 'thrice', 'times', 'twice')),
    'holiday': (3974599984, ("alentine's", 'armistice', 'astille', 'christmas', 'day', 'easter', 'emorial', 'eterans', 'halloween', 'independence', 'labor', 'luther', 'oxing', "patrick's", "presidents'", 'thanksgiving', "year's")),
    'clock_ampm': (279369321, ('a.', 'am', 'p.', 'pm')),
    'clock24': (1257465362, None),
    'clock_h': (4070493612, None),
    'noon': (2138881870, ('midday', 'midnight', 'noon')),
}
# fmt: on
