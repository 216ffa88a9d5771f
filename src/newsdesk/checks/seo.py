"""Page damage around the text: ``spacing``, ``markup_residue``, ``boilerplate``, ``keyword_stuffing``.

- **spacing**: a missing space after a comma between words ("said,that") or inside a date
  ("May 26,2014", "12,2018"); not in numbers ("1,000", "3.5"), URLs or e-mail addresses.
  ``low`` inside tables, ``medium`` in prose for words, ``low`` for dates.
- **markup_residue**: HTML tags, attribute tails (``article-body">``), character entities
  (``&nbsp;``) left in the text, and blocks the structure stage typed ``markup_residue``.
- **boilerplate**: call-outs ("Did You Know?", "Pro tip"), FAQ boxes and tables of contents
  presented as article content (block kinds ``callout``, ``faq``, ``toc``).
- **keyword_stuffing**: keyword lists (block kind ``keywords``), and Title-Case phrases of the
  headline repeated far above normal density in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..model import Article, Flag
from ..pipeline import Context
from ..registry import checks
from ._blocks import Seg, segments, starts_with_cue
from ._text import WORD, lexicon, stopwords

_WORD_COMMA = re.compile(r"(?<![\w./@:-])([a-z]{2,}),([a-z]{2,})(?![\w/@.-]*[/@])")
_DATE_COMMA = re.compile(r"\b([A-Z][a-z]{2,8}\.? \d{1,2}),(\d{4})\b")
_NUM_YEAR = re.compile(r"(?<![\d,.])(\d{1,2}),((?:1[89]|20)\d\d)(?![\d,])")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[\w:-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
_ATTR_TAIL = re.compile(r"(?:^|(?<=\s))[\w:-]*[\w-]\"\s*/?>")
_ATTR = re.compile(r"\b(?:class|id|href|src|style|data-[\w-]+)=\"[^\"\n]*\"")
_ENTITY = re.compile(
    r"&(?:nbsp|amp|lt|gt|quot|apos|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip|#\d{2,5}|#x[0-9a-fA-F]{2,4});"
)


def _in_table(seg: Seg) -> bool:
    return seg.kind == "table" or seg.text.lstrip().startswith("|")


@checks.register("spacing")
def spacing(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    months = set(lexicon()["months"])
    for seg in segments(article):
        if seg.kind in ("markup_residue",):
            continue
        table = _in_table(seg)
        body = text[seg.start : seg.end]
        seen: set[int] = set()
        for m in _DATE_COMMA.finditer(body):
            if m.group(1).split()[0].lower().rstrip(".") not in months:
                continue
            s = seg.start + m.start()
            seen.add(seg.start + m.end(1))
            yield Flag("spacing", "low", s, seg.start + m.end(),
                       f"No space after the comma in the date \"{m.group()}\".",
                       evidence={"pattern": "date", "text": m.group(), "in_table": table})
        for m in _NUM_YEAR.finditer(body):
            if seg.start + m.end(1) in seen:
                continue
            yield Flag("spacing", "low", seg.start + m.start(), seg.start + m.end(),
                       f"No space after the comma in \"{m.group()}\" (a day and a year run together).",
                       evidence={"pattern": "day,year", "text": m.group(), "in_table": table})
        for m in _WORD_COMMA.finditer(body):
            run_s = body.rfind(" ", 0, m.start()) + 1
            run_e = body.find(" ", m.end())
            run = body[run_s : run_e if run_e >= 0 else len(body)]
            if any(c in run for c in "/@=_") or run.count(",") > 2:
                continue  # URLs, code, lists written without spaces on purpose ("a,b,c,d")
            yield Flag("spacing", "low" if table else "medium", seg.start + m.start(), seg.start + m.end(),
                       f"No space after the comma in \"{m.group()}\".",
                       evidence={"pattern": "word,word", "text": m.group(), "in_table": table})


@checks.register("markup_residue")
def markup_residue(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    flagged: list[tuple[int, int]] = []
    for seg in segments(article):
        if seg.kind == "markup_residue":
            flagged.append((seg.start, seg.end))
            yield Flag("markup_residue", "medium", seg.start, seg.end,
                       "This line is leftover HTML markup, not text.",
                       evidence={"block_kind": seg.kind, "text": seg.text[:80], "inferred": seg.inferred})
    for rx, what, sev in ((_TAG, "HTML tag", "medium"), (_ATTR, "HTML attribute", "medium"),
                          (_ATTR_TAIL, "end of an HTML tag", "medium"), (_ENTITY, "HTML character entity", "low")):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in flagged):
                continue
            flagged.append((m.start(), m.end()))
            yield Flag("markup_residue", sev, m.start(), m.end(), f"Leftover {what} \"{m.group()[:40]}\" in the text.",
                       evidence={"pattern": what, "text": m.group()[:80]})


@checks.register("boilerplate")
def boilerplate(article: Article, context: Context) -> Iterator[Flag]:
    segs = segments(article)
    i = 0
    while i < len(segs):
        seg = segs[i]
        kind = seg.kind
        if kind == "paragraph" and not seg.boilerplate and starts_with_cue(seg.text, "callout_cues"):
            kind = "callout"
        if kind not in ("callout", "faq", "toc"):
            i += 1
            continue
        j = i
        while j + 1 < len(segs) and segs[j + 1].kind == kind and kind != "callout":
            j += 1
        cue = starts_with_cue(seg.text, "callout_cues")
        sev = "medium" if kind == "callout" else "low"
        what = {"callout": "call-out", "faq": "FAQ box", "toc": "table of contents"}[kind]
        yield Flag("boilerplate", sev, seg.start, segs[j].end, f"A {what} written as a template, not reporting.",
                   evidence={"block_kind": kind, "blocks": j - i + 1, "cue": cue, "inferred": seg.inferred})
        i = j + 1


def _title(article: Article, segs: list[Seg]) -> str:
    if article.title:
        return article.title
    for s in segs:
        if s.kind in ("title", "heading"):
            return s.text
    return ""


@checks.register("keyword_stuffing")
def keyword_stuffing(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    segs = segments(article)
    title_words = {w.lower() for w in WORD.findall(_title(article, segs))} - stopwords()
    i = 0
    while i < len(segs):
        if segs[i].kind != "keywords":
            i += 1
            continue
        j = i
        while j + 1 < len(segs) and segs[j + 1].kind == "keywords":
            j += 1
        items = [re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s*", "", s.text).strip() for s in segs[i : j + 1]]
        in_title = sum(1 for k in items if {w.lower() for w in WORD.findall(k)} & title_words)
        yield Flag("keyword_stuffing", "medium", segs[i].start, segs[j].end,
                   f"A list of {len(items)} search keywords presented as part of the article.",
                   evidence={"keywords": items[:20], "sharing_title_words": in_title})
        i = j + 1
    # repeated Title-Case phrases of the headline, far above normal density
    body = [s for s in segs if not s.boilerplate and s.kind in ("paragraph", "list_item")]
    n_words = sum(len(WORD.findall(s.text)) for s in body)
    if n_words < 50 or not title_words:
        return
    grams: Counter[tuple[str, ...]] = Counter()
    first: dict[tuple[str, ...], tuple[int, int]] = {}
    for s in body:
        toks = list(WORD.finditer(text, s.start, s.end))
        caps = [t.group()[0].isupper() for t in toks]  # each word tested once, not in every n-gram
        for n in (3, 4):
            for k in range(len(toks) - n + 1):
                if not all(caps[k : k + n]):
                    continue
                run = toks[k : k + n]
                key = tuple(t.group().lower() for t in run)
                if len(set(key) & title_words) < 2:
                    continue
                grams[key] += 1
                first.setdefault(key, (run[0].start(), run[-1].end()))
    # the most repeated phrase, the longest among equals (one flag, not one per overlapping n-gram)
    for key, c in sorted(grams.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:1]:
        density = 100.0 * c / n_words
        if c >= 5 and density >= 1.0:
            fs, fe = first[key]
            yield Flag("keyword_stuffing", "medium" if density >= 2.0 else "low", fs, fe,
                       f"The headline phrase \"{' '.join(key)}\" is repeated {c} times, far above normal density.",
                       evidence={"phrase": " ".join(key), "count": c, "per_100_words": round(density, 2)})
