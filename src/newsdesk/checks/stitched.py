"""``stitched`` and ``duplicate_passage``: a second article inside the page, and repeated text.

**stitched** looks at every headline-like block after the title (a heading, or a short
Title-Case line) that is followed by a lede paragraph, and collects what marks it as the
start of another article:

- ``orphan_question``: the block before it is a question heading with no answer (a "what
  about ...?" line that leads nowhere, a typical seam of stitched pages);
- ``title_repeated``: it repeats the page title;
- ``new_dateline``: a dateline ("WASHINGTON (Reuters) -", "Published: ...") opens the new part;
- ``long_headline``: it is as long as a headline, well above the page's section headings;
- ``topic_shift``: the words before and after it have little in common (cosine of content
  word counts);
- ``changed_facts``: a person named in both parts is "former"/"late"/... in one part only.

A structural marker (the first three) with the headline and lede gives a flag, ``high`` with a
second marker, else ``medium``; without a structural marker a long headline with a topic shift
or changed facts gives ``low``.

**duplicate_passage**: sentences of 8 words or more whose normalised words occur again later,
or (12 words or more) that share 80% of their 6-word shingles with an earlier sentence of
about the same length. The flag points at the
repeat; the evidence gives the first occurrence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from statistics import median
from typing import Any

from ..model import Article, Flag
from ..pipeline import Context
from ..registry import checks
from ._blocks import Seg, headline_like, question_line, segments
from ._text import WORD, lexicon, sentences, stopwords

_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z. ]{2,30})?\s*(?:\(([A-Za-z]{2,12})\))?\s*[-–—:]\s")
HEADINGS = ("heading", "title")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _bag(text: str) -> Counter[str]:
    stop = stopwords()
    return Counter(w for w in _words(text) if w not in stop and len(w) > 2)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    num = sum(c * b[w] for w, c in a.items() if w in b)
    den = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return num / den if den else 0.0


def _content(seg: Seg) -> bool:
    return not seg.boilerplate and seg.kind not in HEADINGS


def _is_heading(seg: Seg) -> bool:
    return not seg.boilerplate and (seg.kind in HEADINGS or (seg.kind == "paragraph" and headline_like(seg.text)))


def _dateline(seg: Seg) -> bool:
    if seg.kind == "dateline":
        return True
    t = seg.text.strip().lower()
    if any(t.startswith(c) for c in lexicon()["dateline_cues"]):
        return True
    m = _DATELINE.match(seg.text)
    return bool(m and (m.group(1) is None or m.group(1).lower() in lexicon()["dateline_agencies"]))


def _status_names(text: str) -> dict[str, set[str]]:
    """Names (the last two words of a run of capitalised words) and the status words ("former") before them."""
    status = set(lexicon()["status_words"])
    out: dict[str, set[str]] = {}
    toks = list(WORD.finditer(text))
    k = 0
    while k < len(toks):
        if not toks[k].group()[0].isupper():
            k += 1
            continue
        j = k
        while j + 1 < len(toks) and toks[j + 1].group()[0].isupper():
            if text[toks[j].end() : toks[j + 1].start()] != " ":
                break
            j += 1
        if j > k:
            name = f"{toks[j - 1].group()} {toks[j].group()}"
            prev = [t.group().lower() for t in toks[max(0, k - 2) : k + 1]]
            out.setdefault(name, set()).update(w for w in prev if w in status)
        k = j + 1
    return out


def _merge(parts: list[dict[str, set[str]]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in parts:
        for k, v in p.items():
            out.setdefault(k, set()).update(v)
    return out


def _changed_facts(b: dict[str, set[str]], a: dict[str, set[str]]) -> list[str]:
    return sorted(f"{n}: {'/'.join(sorted(a[n] ^ b[n]))}" for n in a.keys() & b.keys() if a[n] != b[n])


def _similar(a: str, b: str) -> float:
    x, y = set(_words(a)), set(_words(b))
    return len(x & y) / len(x | y) if x and y else 0.0


@checks.register("stitched")
def stitched(article: Article, context: Context) -> Iterator[Flag]:
    segs = segments(article)
    body_idx = [i for i, s in enumerate(segs) if not s.boilerplate]
    if len(body_idx) < 4:
        return
    title_i = next((i for i in body_idx if segs[i].kind == "title" or _is_heading(segs[i])), body_idx[0])
    title = article.title or segs[title_i].text
    heads = [len(_words(segs[i].text)) for i in body_idx
             if i > title_i and _is_heading(segs[i]) and not segs[i].text.strip().endswith("?")]
    typical = median(heads) if heads else 5.0
    bags: list[Counter[str]] | None = None
    total: Counter[str] = Counter()
    bb: Counter[str] = Counter()
    upto = 0
    status: list[dict[str, set[str]]] = []
    for i in body_idx:
        seg = segs[i]
        if i <= title_i or not _is_heading(seg) or seg.text.strip().endswith("?") or _dateline(seg):
            continue
        # the page's own header (title, deck, dateline) is not a seam: some body must come first
        if not any(segs[j].kind == "paragraph" and not segs[j].boilerplate and len(_words(segs[j].text)) >= 20
                   for j in range(title_i + 1, i)):
            continue
        nxt = next((j for j in range(i + 1, len(segs)) if not segs[j].boilerplate and not _dateline(segs[j])), None)
        if nxt is None or segs[nxt].kind not in ("paragraph",) or len(_words(segs[nxt].text)) < 20:
            continue
        markers: dict[str, Any] = {}
        prev = segs[i - 1] if i > 0 else None
        if prev is not None and not prev.boilerplate and question_line(prev.text) and prev.kind in (
                "paragraph", "heading"):
            markers["orphan_question"] = {"text": prev.text.strip(), "start": prev.start}
        sim = _similar(seg.text, title)
        if sim >= 0.8:
            markers["title_repeated"] = round(sim, 2)
        dl = next((segs[j] for j in range(i + 1, nxt + 1) if _dateline(segs[j])), None)
        if dl is None and _dateline(segs[nxt]):
            dl = segs[nxt]
        if dl is not None:
            markers["new_dateline"] = dl.text.strip()[:60]
        n = len(_words(seg.text))
        if n >= 7 and n >= 1.5 * typical:
            markers["long_headline"] = {"words": n, "median_heading_words": typical}
        if bags is None:  # per-block facts, computed once and only for pages with a candidate
            bags = [_bag(s.text) if _content(s) else Counter() for s in segs]
            status = [_status_names(s.text) if _content(s) else {} for s in segs]
            for b in bags:
                total.update(b)
        while upto < i:  # the words before block i, accumulated as the loop moves down the page
            bb.update(bags[upto])
            upto += 1
        ab = Counter({w: n - bb[w] - bags[i][w] for w, n in total.items() if n - bb[w] - bags[i][w] > 0})
        cos = cosine(bb, ab)
        if sum(bb.values()) >= 25 and sum(ab.values()) >= 25 and cos < 0.15:
            markers["topic_shift"] = round(cos, 3)
        changed = _changed_facts(_merge(status[:i]), _merge(status[i + 1 :]))
        if changed:
            markers["changed_facts"] = changed[:5]
        structural = [k for k in ("orphan_question", "title_repeated", "new_dateline") if k in markers]
        others = [k for k in ("long_headline", "topic_shift", "changed_facts") if k in markers]
        if structural:
            sev = "high" if others or len(structural) > 1 else "medium"
        elif "long_headline" in markers and len(others) >= 2:
            sev = "low"
        else:
            continue
        yield Flag("stitched", sev, seg.start, seg.end,
                   f"A second article seems to start here: \"{seg.text.strip()[:60]}\".",
                   evidence={"markers": sorted(markers), **markers, "lexical_similarity": round(cos, 3),
                             "lede_start": segs[nxt].start})


def _norm(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


@checks.register("duplicate_passage")
def duplicate_passage(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    seen: dict[tuple[str, ...], tuple[int, int]] = {}
    shingles: dict[tuple[str, ...], tuple[int, int]] = {}
    lengths: dict[tuple[int, int], int] = {}
    for seg in segments(article):
        if seg.kind in ("toc", "keywords", "markup_residue", "heading", "title", "table") or (
                seg.boilerplate and seg.kind not in ("faq", "callout")):
            continue
        for s, e in sentences(text, seg.start, seg.end):
            words = _norm(text[s:e])
            if len(words) < 8:
                continue
            sh = [words[k : k + 6] for k in range(len(words) - 5)]
            first = seen.get(words)
            if first is None and len(words) >= 12:
                hits = Counter(shingles[x] for x in sh if x in shingles)
                if hits:
                    (fs, fe), n = hits.most_common(1)[0]
                    other = lengths[(fs, fe)]
                    if n >= 0.8 * len(sh) and min(other, len(words)) >= 0.7 * max(other, len(words)):
                        first = (fs, fe)
            if first is not None:
                yield Flag("duplicate_passage", "medium" if len(words) >= 15 else "low", s, e,
                           "This passage repeats text that appeared earlier on the page.",
                           evidence={"first_start": first[0], "first_end": first[1], "words": len(words),
                                     "exact": seen.get(words) is not None,
                                     "first_text": text[first[0] : first[1]][:120]})
                continue
            seen[words] = (s, e)
            lengths[(s, e)] = len(words)
            for x in sh:
                shingles.setdefault(x, (s, e))
