# ruff: noqa: E501  (regex tables read better unwrapped)
"""Compiled candidate patterns, built once from the word lists.

Each rule is ``(name, priority, regex)``; :mod:`newsdesk.timex.normalise` has a handler of the same
name that turns a match into TIMEX3 values. Lower priority wins a tie between two candidates of the
same length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import Lexicon, lexicon


def _alt(words: Iterable[str]) -> str:
    """An alternation of ``words`` (spaces match any whitespace) as a prefix trie.

    A flat ``a|b|c|...`` of hundreds of words is tried word by word at every position of the
    text; the trie tries one character at a time, which made the duration rules ~10x faster.
    Longer words are preferred, as in a longest-first flat alternation (optional tails are greedy).
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    terminal = "" in node
    branches = [atom + _emit(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def _cased(words: Iterable[str], lower_ok: bool = True, skip_lower: Iterable[str] = ()) -> list[str]:
    skip = set(skip_lower)
    out: list[str] = []
    for w in words:
        out += [w.title(), w.upper()]
        if lower_ok and w not in skip:
            out.append(w)
    return out


class Fragments:
    """Regex pieces shared by the rules."""

    def __init__(self, lx: Lexicon) -> None:
        months = list(lx.months)
        full_months = [m for m in months if len(m) > 3 or m == "may"]
        abbr_months = [m for m in months if m not in full_months]
        self.MON = (r"(?P<mon>" + _alt(_cased(full_months, skip_lower=("may", "march")))
                    + "|" + r"(?:" + _alt(_cased(abbr_months, skip_lower=lx.ambiguous_months)) + r")\.?" + r")")
        self.MON_ALONE = r"(?P<mon>" + _alt(_cased(full_months, lower_ok=False)) + r"|Sept\.|Jan\.|Feb\.|Aug\.|Oct\.|Nov\.|Dec\.)"
        wd = list(lx.weekdays)
        full_wd = [w for w in wd if len(w) > 4]
        abbr_wd = [w for w in wd if len(w) <= 4]
        self.WD = r"(?:" + _alt(_cased(full_wd)) + "|" + r"(?:" + _alt(_cased(abbr_wd, lower_ok=False)) + r")\.?)"
        safe_abbr = [w for w in abbr_wd if w not in lx.ambiguous_weekdays]
        self.WD_ALONE = r"(?P<wd>" + _alt(_cased(full_wd)) + "|" + r"(?:" + _alt(_cased(safe_abbr, lower_ok=False)) + r")\.?)"
        self.DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
        self.DAY2 = r"(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
        self.YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,]\d|\d)"
        self.YEARN = r"(?:1[6-9]|20)\d\d(?!\d)"
        nums = [*lx.cardinals, *[f"{t}-{u}" for t in lx.tens for u in lx.cardinals if lx.cardinals[u] < 10
                                  and u not in ("a", "an", "single", "a single")]]
        nums = [n for n in nums if lx.cardinals.get(n, 2) != 1 or n in ("a", "an", "one", "single", "a single")]
        self.NUMW = _alt(_cased(nums, lower_ok=True))
        self.NUM = r"(?P<num>\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+|" + self.NUMW + r"|(?:" + self.NUMW + r")\s+(?:hundred|thousand))"
        units = list(lx.units)
        plurals = list(lx.plural_units)
        self.UNIT = r"(?P<unit>" + _alt([*plurals, *units]) + r")"
        self.UNITS_PL = r"(?P<unit>" + _alt(plurals) + r")"
        self.SHIFT = r"(?P<shift>" + _alt(_cased(lx.shifters)) + r")"
        self.POD = r"(?P<pod>" + _alt(lx.parts_of_day) + r")"
        self.SEASON = r"(?P<season>" + _alt(_cased(lx.seasons)) + r")"
        self.ORD = r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + _alt(_cased(lx.ordinals)) + r")"
        self.DADJ = r"(?:(?:" + _alt(lx.duration_adjectives) + r")\s+)?"
        self.APPROX = r"(?P<approx>" + _alt(_cased(lx.span_approximators)) + r")"
        self.VAGUEQ = r"(?P<q>" + _alt(_cased(lx.vague_quantities)) + r")"
        self.MOD = r"(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ll]ater|[Ee]arlier|the\s+(?:end|start|beginning|middle|rest|remainder|close)\s+of)"
        hol = [*lx.fixed_holidays, *lx.nth_weekday_holidays, *lx.easter_holidays]
        self.HOLIDAY = r"(?P<hol>" + _alt([h.title().replace("'S", "'s") for h in hol]) + r")"
        self.TZ = r"(?P<tz>UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|IST|JST|ET|PT)"


@lru_cache(maxsize=1)
def rules() -> list[tuple[str, int, re.Pattern[str]]]:
    lx = lexicon()
    f = Fragments(lx)
    I = re.I  # noqa: E741
    wdpre = rf"(?:{f.WD},?[ \t]+(?:the\s+)?)?"
    rng = rf"(?:\s*(?:-|–|to|and|&)\s*{f.DAY2})?"
    raw: list[tuple[str, int, str, int]] = [
        ("iso", 0, rf"\b{f.YEAR}-(?P<mo>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01])"
                   rf"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d-])", 0),
        ("mdy", 1, rf"\b{wdpre}{f.MON}\s*{f.DAY}{rng}\s*,?\s*{f.YEAR}", 0),
        ("dmy", 1, rf"\b{wdpre}{f.DAY}\.?{rng}\s+(?:of\s+)?{f.MON},?\s+{f.YEAR}", 0),
        ("md", 2, rf"\b{wdpre}{f.MON}\s*{f.DAY}{rng}(?!\s*(?:%|percent|per\b|million|billion|points?\b|,\d))", 0),
        ("dm", 2, rf"\b{wdpre}{f.DAY}\.?{rng}\s+(?:of\s+)?{f.MON}(?!\w)", 0),
        ("wd_dom", 2, rf"\b{f.WD_ALONE},?\s+(?:the\s+)?{f.DAY}(?:st|nd|rd|th)?(?!\s*(?:\d|[A-Za-z]{{3}}|[.:/-]\d))", 0),
        ("wd_week", 1, rf"\b{f.WD_ALONE}\s+(?:of\s+)?(?P<shift>next|last|this)\s+week\b", 0),
        ("my", 2, rf"\b(?:{f.MOD}[\s-]+)?{f.MON},?\s+(?:of\s+)?{f.YEAR}", 0),
        ("num_date", 1, r"(?<![\d/.,-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|[.-]\d)", 0),
        ("ymd_slash", 1, r"(?<![\d/])(?P<y>(?:19|20)\d\d)/(?P<b>0?[1-9]|1[0-2])/(?P<a>0?[1-9]|[12]\d|3[01])(?![\d/])", 0),
        ("num_md", 3, r"(?<![\d/.,])(?<!\d\s)(?P<b>\d{1,2})/(?P<a>\d{1,2})(?![\d/]|\s*(?:%|of\b))", 0),
        ("year", 4, rf"(?<![\d$€£#.,/-])(?:(?P<the>the\s+)?{f.MOD}[\s-]+)?{f.YEAR}"
                    rf"(?:\s*(?:-|–|/|to|and|through)\s*(?P<y2>(?:1[6-9]|20)\d\d|\d\d)(?![\d%]))?"
                    r"(?!\s*(?:%|percent\b|per\s+cent)|-\w|\.\d|\s*(?:-|–)?\s*(?:years?|people)\b)", 0),
        ("year_abbr", 5, r"(?<![\w'])['’](?P<yy>\d\d)(?![\d%s\w])", 0),
        ("decade", 1, r"\b(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dy>(?:1[5-9]|20)\d)0|['’](?P<d2>\d)0)['’]?s\b", I),
        ("century", 1, rf"\b(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?{f.ORD}[\s-]+century\b", I),
        ("fy", 1, r"\b(?:fiscal(?:\s+year)?|FY)\s*['’]?(?P<y>(?:19|20)\d\d|\d\d)(?!\d)", I),
        ("quarter", 1, rf"\b(?:the\s+)?{f.ORD}(?:[\s-]+(?:fiscal|calendar|financial))?[\s-]+quarter"
                       rf"(?:\s+(?:of\s+)?(?:(?P<y>{f.YEARN})|(?:the\s+)?(?P<rel>this|last|next|current|previous|the)\s+(?:fiscal\s+|financial\s+)?year))?", I),
        ("qnum", 1, rf"\b(?P<q>Q[1-4])(?:\s*(?P<y>{f.YEARN}|['’]?\d\d\b))?", 0),
        ("half", 1, rf"\b(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>{f.YEARN})|(?P<rel>this|last|next|the)\s+year)", I),
        ("season", 3, rf"\b(?:{f.MOD}[\s-]+)?(?:(?P<the>the\s+)?(?:(?P<shift>last|this|next|past|coming|previous)\s+)?)?"
                      rf"{f.SEASON}(?:\s+(?:of\s+)?(?P<y>{f.YEARN}))?\b", 0),
        ("relday", 1, r"\b(?:(?P<pre>earlier|later|late|early)\s+)?(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                      r"today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>morning|afternoon|evening|night))?\b", I),
        ("pod", 2, rf"\b(?P<shift>last|this|[Tt]his)\s+{f.POD}\b", 0),
        ("weekday", 2, rf"\b(?:{f.SHIFT}\s+)?{f.WD_ALONE}(?!\w)(?:\s+{f.POD})?\b", 0),
        ("shift_unit", 2, rf"\b(?:{f.MOD}[\s-]+)?(?P<the>[Tt]he\s+)?{f.SHIFT}\s+(?P<fiscal>fiscal\s+|financial\s+|calendar\s+)?"
                          r"(?P<unit>week|weekend|month|quarter|year|decade|century)\b", 0),
        ("the_unit", 3, r"\b(?P<mod>the\s+(?:end|start|beginning|middle|close)\s+of)\s+(?:the\s+)?(?P<unit>week|month|year|decade)\b", I),
        ("shift_month", 2, rf"\b(?:{f.MOD}[\s-]+)?{f.SHIFT}\s+{f.MON_ALONE}(?!\w)", 0),
        ("month", 6, rf"\b(?:{f.MOD}[\s-]+)?{f.MON_ALONE}(?!\w)", 0),
        ("ago", 1, rf"\b(?:{f.APPROX}\s+)?{f.NUM}[\s-]+{f.UNIT}\s+(?P<dir>ago|earlier|later|hence|back)\b", I),
        ("vague_ago", 1, rf"\b(?:{f.VAGUEQ}\s+)?{f.UNITS_PL}\s+(?P<dir>ago)\b", I),
        ("duration", 3, rf"\b(?:{f.APPROX}\s+)?(?:(?P<the>the)\s+)?(?:(?P<shift>past|last|next|first|final|coming|following|previous|initial|"
                        rf"same|full|entire|whole)\s+)?{f.NUM}(?P<frac>\s+and\s+a\s+half)?[\s-]+{f.DADJ}{f.UNIT}"
                        r"(?P<tail>(?<=s)['’](?!\w)|-long)?(?!-old|\s+old\b|-?\w)", I),
        ("dur_range", 2, rf"\b(?P<n1>\d+|{f.NUMW})\s+(?:and|to|or|-|–)\s+{f.NUM}[\s-]+{f.UNIT}(?!-old|\s+old\b|-?\w)", I),
        ("the_day", 2, r"\b(?:end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)|for|start\s+of|beginning\s+of|"
                       r"late\s+in|earlier\s+in|later\s+in|during)\s+(?P<x>the\s+day)\b(?!\s+(?:before|after|of|when|that))", I),
        ("weekend", 3, r"\b(?:during|over|at|on|this)\s+(?P<x>the\s+weekend)\b", I),
        ("month_rel", 1, rf"\b{f.MON_ALONE}\s+(?:of\s+)?(?P<rel>this|last|next|the\s+following|the\s+previous)\s+year\b", 0),
        ("clock_hhmm", 2, rf"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s+{f.TZ}\b", 0),
        ("half_dur", 3, rf"\b(?:(?P<num>a|an|one)\s+{f.UNIT}\s+and\s+a\s+half|half\s+(?:a|an)\s+{f.UNIT.replace('unit', 'unit2')})\b", I),
        ("vague_dur", 3, rf"\b{f.VAGUEQ}\s+{f.UNITS_PL}\b", I),
        ("bare_units", 7, r"\b(?P<unit>years|months|weeks|days|hours|minutes|decades)\b", 0),
        ("vague", 5, r"\b(?P<v>" + _alt(_cased(lx.vague_refs)) + r")(?!\w|-)", 0),
        ("set", 3, r"\b(?P<s>" + _alt(_cased(lx.sets)) + r")\b", 0),
        ("every", 2, rf"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:{f.NUM}\s+)?(?:{f.UNIT}|{f.WD_ALONE}|{f.POD})\b", I),
        ("times_per", 2, rf"\b(?P<n>once|twice|thrice|\w+\s+times)\s+(?:a|an|per|each|every)\s+{f.UNIT}\b", I),
        ("holiday", 3, rf"\b{f.HOLIDAY}(?:\s+(?P<y>{f.YEARN}))?(?!\w)", 0),
        ("clock_ampm", 1, r"\b(?P<h>1[0-2]|0?[1-9]|1[3-9]|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|[AP]\.\s?M\.?|[AP]M\b)"
                          rf"(?:\s+{f.TZ}\b)?", 0),
        ("clock24", 2, r"(?<![\d:.,$])(?P<h>[01]?\d|2[0-4])(?::(?P<m>[0-5]\d))(?::(?P<s>[0-5]\d))?(?![\d:])"
                       rf"(?:\s*(?:h\b|hrs\b))?(?:\s+{f.TZ}\b)?", 0),
        ("clock_h", 2, r"\b(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)\b", 0),
        ("noon", 2, r"\b(?P<n>noon|midnight|midday)\b", I),
    ]
    return [(name, prio, re.compile(rx, flags)) for name, prio, rx, flags in raw]
