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

When the required strings are rare in a text, :meth:`TextScan.matches` scans only around them.
:func:`reach` bounds how far past its start a match can read (its own characters and those its
lookaheads and word boundaries look at): a constant, plus for each character class the pattern
repeats without limit (``\\s+``, ``[\\s-]+``, ``\\d+``) a factor times the longest run of that class
in the text. A match holds a required string, so it starts at most that far before one; the
scan searches each such window with ``endpos`` set past everything a match starting in the
window can read, so every attempt sees the same characters as in a scan of the whole text, and
the matches are the same, in the same order.
"""

from __future__ import annotations

import importlib
import re
import zlib
from collections.abc import Iterable
from functools import cache
from typing import Any

from .patterns import rules

#: the most strings one required set may hold (more is a weak, slow test: the rule just runs)
MAX_SET = 64
#: the most strings a run of the pattern may expand to while it is being read
_MAX_EXPAND = 4096

Requirement = tuple[str, ...]
#: ``(constant, ((character class, factor), ...))``: see :func:`reach`
Reach = tuple[int, tuple[tuple[str, int], ...]]


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


def _class_src(items: Any) -> str | None:
    """The body of a character class holding every character a sequence can consume, or None."""
    c = _sre("_constants")
    cats = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
    parts: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is c.IN:
            for o, a in av:
                if o is c.LITERAL:
                    parts.append(re.escape(chr(a)))
                elif o is c.RANGE:
                    parts.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
                elif o is c.CATEGORY and a in cats:
                    parts.append(cats[a])
                else:
                    return None
        elif op in (c.SUBPATTERN, c.MAX_REPEAT, c.MIN_REPEAT, c.BRANCH):
            subs = [b.data for b in av[1]] if op is c.BRANCH else [av[-1].data]
            for sub in subs:
                src = _class_src(sub)
                if src is None:
                    return None
                parts.append(src)
        elif op is not c.AT:
            return None
    return "".join(sorted(set(parts)))


def _reach(items: Any) -> tuple[int, dict[str, int]] | None:
    const, per = 0, dict[str, int]()
    for op, av in items:
        part = _reach_one(op, av)
        if part is None:
            return None
        const += part[0]
        for k, v in part[1].items():
            per[k] = per.get(k, 0) + v
    return const, per


def _reach_one(op: Any, av: Any) -> tuple[int, dict[str, int]] | None:
    c = _sre("_constants")
    if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
        return 1, {}
    if op is c.AT:
        return 0, {}
    if op in (c.ASSERT, c.ASSERT_NOT):
        return (0, {}) if av[0] < 0 else _reach(av[1].data)  # a lookbehind reads before the start
    if op is c.SUBPATTERN:
        return _reach(av[3].data)
    if op is c.BRANCH:
        parts = [_reach(b.data) for b in av[1]]
        if any(p is None for p in parts):
            return None
        const, per = 0, dict[str, int]()
        for p in parts:  # the larger constant and factors of all branches: an upper bound of each
            assert p is not None
            const = max(const, p[0])
            for k, v in p[1].items():
                per[k] = max(per.get(k, 0), v)
        return const, per
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        _, hi, body = av
        if hi != c.MAXREPEAT:
            part = _reach(body.data)
            return None if part is None else (part[0] * hi, {k: v * hi for k, v in part[1].items()})
        src = _class_src(body.data)  # the repeat consumes one run of characters of this class
        return None if src is None else (0, {src: 1})
    return None


def reach(pattern: re.Pattern[str]) -> Reach | None:
    """An upper bound of how far past its start any attempt of ``pattern`` reads, or None (no bound
    read, or the pattern can match the empty string)."""
    try:
        tree = _sre("_parser").parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None
        found = _reach(tree.data)
    except Exception:  # an internal parser of another Python version: the rule scans the whole text
        return None
    return None if found is None else (found[0], tuple(sorted(found[1].items())))


@cache
def rule_facts() -> dict[str, tuple[Requirement | None, Reach | None]]:
    """:func:`requirements` and :func:`reach` of every rule of :func:`~newsdesk.timex.patterns.rules`.

    Reading ~50 large patterns takes a quarter of a second, so the results are kept in
    :data:`TABLE`; a rule whose pattern no longer has the recorded fingerprint is read afresh."""
    out: dict[str, tuple[Requirement | None, Reach | None]] = {}
    for name, _, rx in rules():
        known = TABLE.get(name)
        fresh = known is None or known[0] != fingerprint(rx)
        out[name] = (requirements(rx), reach(rx)) if fresh or known is None else (known[1], known[2])
    return out


def rule_requirements() -> dict[str, Requirement | None]:
    """:func:`requirements` of every rule, by name."""
    return {name: facts[0] for name, facts in rule_facts().items()}


def lowered(text: str) -> str | None:
    """The text to test requirements against, or None when it must not be filtered."""
    if not text.isascii() and any(ch in text for ch in IGNORECASE_ASCII_TWINS):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None  # offsets must be the text's


def may_match(requirement: Requirement | None, low: str | None) -> bool:
    """False only when ``low`` (from :func:`lowered`) holds none of the required strings."""
    if requirement is None or low is None:
        return True
    return any(s in low for s in requirement)


class TextScan:
    """The rules' matches in one text, each rule scanned only where a match can be (see the module doc)."""

    #: scan the whole text when the windows cover more than this share of it
    MAX_COVER = 0.5

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lowered(text)
        self.facts = rule_facts()
        self._runs: dict[str, int] = {}

    def run(self, src: str) -> int:
        """The longest run of characters of the class ``[src]`` in the text (case-insensitive: a bound)."""
        n = self._runs.get(src)
        if n is None:
            n = self._runs[src] = max(map(len, re.findall(f"[{src}]+", self.text, re.IGNORECASE)), default=0)
        return n

    def matches(self, name: str, rx: re.Pattern[str]) -> Iterable[re.Match[str]]:
        """What ``rx.finditer(text)`` gives, for rule ``name``."""
        requirement, bound = self.facts.get(name, (None, None))
        low, text = self.low, self.text
        if requirement is None or low is None:
            return rx.finditer(text)
        if not any(s in low for s in requirement):
            return ()
        if bound is None:
            return rx.finditer(text)
        width = bound[0] + sum(k * self.run(src) for src, k in bound[1]) + 1
        starts: list[tuple[int, int]] = []  # (first, last) start of a match holding each occurrence
        for s in requirement:
            i = low.find(s)
            while i >= 0:
                starts.append((max(0, i + len(s) - width), i))
                i = low.find(s, i + 1)
        starts.sort()
        windows: list[list[int]] = []
        for a, b in starts:
            if windows and a <= windows[-1][1] + 1:
                windows[-1][1] = max(windows[-1][1], b)
            else:
                windows.append([a, b])
        if sum(b - a + 1 for a, b in windows) > self.MAX_COVER * len(text):
            return rx.finditer(text)
        return self._within(rx, windows, width)

    def _within(self, rx: re.Pattern[str], windows: list[list[int]], width: int) -> list[re.Match[str]]:
        text, out, cur = self.text, [], 0
        for a, b in windows:
            pos = max(a, cur)
            while pos <= b:
                # an attempt at a start <= b reads before b + width + 1: endpos changes nothing it sees
                m = rx.search(text, pos, min(len(text), b + width + 2))
                if m is None or m.start() > b:
                    break
                out.append(m)
                cur = pos = m.end()  # never empty: reach() is None for a pattern that can match ""
        return out


def table_source() -> str:
    """The source of :data:`TABLE` for the current rules."""
    lines = ["TABLE: dict[str, tuple[int, Requirement | None, Reach | None]] = {"]
    for name, _, rx in rules():
        lines.append(f"    {name!r}: ({fingerprint(rx)}, {requirements(rx)!r}, {reach(rx)!r}),")
    lines.append("}")
    return "\n".join(lines)


#: rule name -> (fingerprint of its pattern, required strings, reach), printed by :func:`table_source`
#: (``.venv/bin/python -c "from newsdesk.timex.prefilter import table_source; print(table_source())"``)
# fmt: off
TABLE: dict[str, tuple[int, Requirement | None, Reach | None]] = {
    'iso': (1215763206, ('-01-', '-02-', '-03-', '-04-', '-05-', '-06-', '-07-', '-08-', '-09-', '-10-', '-11-', '-12-'), (19, ())),
    'mdy': (2735912933, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep'), (42, (('\\\t\\ ', 1), ('\\s', 6)))),
    'dmy': (3474921169, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep'), (45, (('\\\t\\ ', 1), ('\\s', 6)))),
    'md': (1689382724, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep'), (42, (('\\\t\\ ', 1), ('\\s', 5)))),
    'dm': (1764807060, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep'), (39, (('\\\t\\ ', 1), ('\\s', 5)))),
    'wd_dom': (2893478207, ('fri', 'monday', 'saturday', 'sunday', 'thu', 'tue', 'wednesday'), (23, (('\\s', 3),))),
    'wd_week': (1030153925, ('week',), (19, (('\\s', 3),))),
    'my': (4235186690, ('apr', 'aug', 'dec', 'feb', 'jan', 'jul', 'jun', 'mar', 'may', 'nov', 'oct', 'sep'), (32, (('\\-\\s', 1), ('\\s', 4)))),
    'num_date': (2146905655, None, None),
    'ymd_slash': (3800393690, ('/01/', '/02/', '/03/', '/04/', '/05/', '/06/', '/07/', '/08/', '/09/', '/1/', '/10/', '/11/', '/12/', '/2/', '/3/', '/4/', '/5/', '/6/', '/7/', '/8/', '/9/'), (11, ())),
    'num_md': (1446631320, None, (7, (('\\s', 1),))),
    'year': (2642946403, ('16', '17', '18', '19', '20'), (42, (('\\-\\s', 1), ('\\s', 7)))),
    'year_abbr': (670720855, None, (4, ())),
    'decade': (4096758293, None, (14, (('\\-\\s', 1), ('\\s', 1)))),
    'century': (3661118341, ('century',), (29, (('\\-\\s', 2), ('\\s', 1)))),
    'fy': (1141517705, ('fiscal', 'fy'), (16, (('\\s', 2),))),
    'quarter': (2175420134, ('quarter',), (59, (('\\-\\s', 2), ('\\s', 6)))),
    'qnum': (3005537709, ('q1', 'q2', 'q3', 'q4'), (7, (('\\s', 1),))),
    'half': (809602390, ('first', 'second'), (23, (('\\s', 5),))),
    'season': (3053826424, ('autumn', 'fall', 'spring', 'summer', 'winter'), (38, (('\\-\\s', 1), ('\\s', 6)))),
    'relday': (4217153303, ('today', 'tomorrow', 'tonight', 'yesterday'), (37, (('\\s', 5),))),
    'pod': (3033173960, ('last', 'this'), (13, (('\\s', 1),))),
    'weekday': (3356391162, ('fri', 'monday', 'saturday', 'sunday', 'thu', 'tue', 'wednesday'), (28, (('\\s', 2),))),
    'shift_unit': (1928302032, ('century', 'decade', 'month', 'quarter', 'week', 'year'), (42, (('\\-\\s', 1), ('\\s', 5)))),
    'the_unit': (3832070089, ('decade', 'month', 'week', 'year'), (23, (('\\s', 4),))),
    'shift_month': (3801477059, ('coming', 'current', 'following', 'last', 'next', 'past', 'previous', 'prior', 'this'), (33, (('\\-\\s', 1), ('\\s', 3)))),
    'month': (978814402, ('april', 'aug.', 'august', 'dec.', 'december', 'feb.', 'february', 'jan.', 'january', 'july', 'june', 'march', 'may', 'nov.', 'november', 'oct.', 'october', 'sept'), (24, (('\\-\\s', 1), ('\\s', 2)))),
    'ago': (1389232058, ('ago', 'back', 'earlier', 'hence', 'later'), (48, ((',\\d', 1), ('\\-\\s', 1), ('\\d', 2), ('\\s', 6)))),
    'vague_ago': (625247450, ('centuries', 'days', 'decades', 'hours', 'millennia', 'minutes', 'months', 'nights', 'quarters', 'seconds', 'weeks', 'years'), (28, (('\\s', 4),))),
    'duration': (3999022037, ('centuries', 'century', 'day', 'decade', 'hour', 'millennia', 'millennium', 'minute', 'month', 'night', 'quarter', 'second', 'week', 'year'), (81, ((',\\d', 1), ('\\-\\s', 1), ('\\d', 2), ('\\s', 12)))),
    'dur_range': (562727386, ('centuries', 'century', 'day', 'decade', 'hour', 'millennia', 'millennium', 'minute', 'month', 'night', 'quarter', 'second', 'week', 'year'), (59, ((',\\d', 1), ('\\-\\s', 1), ('\\d', 3), ('\\s', 8)))),
    'the_day': (1610505965, ('the',), (23, (('\\s', 4),))),
    'weekend': (1763232525, ('weekend',), (16, (('\\s', 2),))),
    'month_rel': (1276190752, ('year',), (27, (('\\s', 4),))),
    'clock_hhmm': (461214994, ('bst', 'cdt', 'cst', 'edt', 'est', 'et', 'gmt', 'ist', 'jst', 'mdt', 'mst', 'pdt', 'pst', 'pt', 'utc'), (8, (('\\s', 1),))),
    'half_dur': (61372014, ('half',), (21, (('\\s', 4),))),
    'vague_dur': (411490543, ('centuries', 'days', 'decades', 'hours', 'millennia', 'minutes', 'months', 'nights', 'quarters', 'seconds', 'weeks', 'years'), (25, (('\\s', 3),))),
    'bare_units': (3916734303, ('days', 'decades', 'hours', 'minutes', 'months', 'weeks', 'years'), (7, ())),
    'vague': (3994295442, ('ast', 'currently', 'days', 'ecent', 'ight', 'lately', 'long', 'moment', 'near', 'now', "oday's", 'once', 'oreseeable', 'resent', 'short', 'time', 'upon', 'ust', 'uture'), (21, (('\\s', 3),))),
    'set': (2106594003, ('ach', 'annum', 'biennially', 'daily', 'day', 'hour', 'month', 'nightly', 'nual', 'per', 'quarterly', 'very', 'week', 'year'), (14, (('\\s', 2),))),
    'every': (2463769655, ('each', 'every'), (45, ((',\\d', 1), ('\\d', 2), ('\\s', 6)))),
    'times_per': (50332563, ('once', 'thrice', 'times', 'twice'), (21, (('\\s', 3), ('\\w', 1)))),
    'holiday': (3974599984, ("alentine's", 'armistice', 'astille', 'christmas', 'day', 'easter', 'emorial', 'eterans', 'halloween', 'independence', 'labor', 'luther', 'oxing', "patrick's", "presidents'", 'thanksgiving', "year's"), (25, (('\\s', 4),))),
    'clock_ampm': (279369321, ('a.', 'am', 'p.', 'pm'), (14, (('\\s', 2),))),
    'clock24': (1257465362, None, (16, (('\\s', 2),))),
    'clock_h': (4070493612, None, (5, ())),
    'noon': (2138881870, ('midday', 'midnight', 'noon'), (8, ())),
}
# fmt: on
