"""Products and non-names: evidence the statistical model does not use.

Word lists: ``newsdesk/data/entities_products.json``.

Non-names dropped (:func:`drop_non_names`):

- a span glued to a number ("30GB", "4x"), or a unit symbol after one ("2 GB", "5 MHz");
- a time-zone abbreviation after a clock time ("16:08 UTC");
- an all-capitals code right before an amount ("GB #20.1 billion").

Products (:func:`add_products`):

- a camel-case brand the model missed ("iPhone", "iOS", "iCloud"), with its model designator
  ("iPhone 4", "iOS 5", "iPhone 3GS");
- a product name runs over a following designator or product-line word ("iPod nano",
  "MacBook Pro", "iPod Software 1.1.1");
- a kind noun right before a name ("web browser Safari", "messaging client Quill"), an
  appositive headed by one ("Lion, the new version of ..."), a word such as "OS" in the name
  ("Mac OS X"), or coordination with a product ("the Vela, Nimbus and Corsa") make it a product;
- a model designator seen in a product ("Airbus A380", "Boeing 787") names the product
  alone elsewhere in the article ("the A380", "18 777s"); a designator of digits only
  needs a plural, a determiner or possessive, or a capitalised word after it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .finance import merge_financial
from .recognize import Candidate, is_model_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: a lower-case letter or two, then a capital: "iPhone", "iOS", "eReader"
_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]*\d*$")
_VERSION = re.compile(r"^\d+(?:\.\d+){1,3}$")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d\d$|^\d{3,4}$|^[ap]\.?m\.?$", re.IGNORECASE)
_PRODUCT_LABELS_FROM = ("ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART")


@dataclass(frozen=True, slots=True)
class ProductWords:
    units: frozenset[str]
    time_zones: frozenset[str]
    currency_marks: frozenset[str]
    class_nouns_before: tuple[tuple[str, ...], ...]
    appositive_nouns: frozenset[str]
    line_words: frozenset[str]
    name_words: frozenset[str]
    designator_words_before: frozenset[str]


@lru_cache(maxsize=1)
def product_words() -> ProductWords:
    raw = json.loads(resources.files("newsdesk").joinpath("data/entities_products.json").read_text("utf-8"))
    return ProductWords(
        units=frozenset(raw["units"]),
        time_zones=frozenset(raw["time_zones"]),
        currency_marks=frozenset(raw["currency_marks"]),
        class_nouns_before=tuple(sorted((tuple(n.split()) for n in raw["class_nouns_before"]), key=len, reverse=True)),
        appositive_nouns=frozenset(raw["appositive_nouns"]),
        line_words=frozenset(raw["line_words"]),
        name_words=frozenset(raw["name_words"]),
        designator_words_before=frozenset(raw["designator_words_before"]),
    )


def _span(doc: Doc, c: Candidate) -> Span | None:
    return doc.char_span(c.start, c.end, alignment_mode="expand")


def _not_a_name(doc: Doc, span: Span) -> bool:
    words = product_words()
    first, low = span[0], span.text.casefold()
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and not prev.whitespace_ and (prev.like_num or prev.text[-1:].isdigit()):
        return True  # "30GB", "320x240"
    if prev is not None and prev.like_num and low in words.units:
        return True  # "2 GB"
    if low in words.time_zones and prev is not None and _CLOCK.match(prev.text):
        return True  # "16:08 UTC", "0800 GMT"
    nxt = doc[span.end] if span.end < len(doc) else None
    return (
        len(span) == 1
        and first.text.isupper()
        and len(first.text) <= 3
        and nxt is not None
        and nxt.text[:1] in words.currency_marks
    )  # "GB #20.1 billion"


def drop_non_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without units, time zones and currency codes (see the module docstring)."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is not None and c.source != "finance" and _not_a_name(doc, span):
            continue
        out.append(c)
    return out


def _extend(doc: Doc, end: int) -> int:
    """Token end of a product name followed by designators, versions or product-line words."""
    words = product_words()
    j = end
    while j < len(doc) and j - end < 2:
        t = doc[j]
        if doc[j - 1].whitespace_ == "" or "\n" in doc[j - 1].whitespace_:
            break
        if not t.whitespace_ and j + 1 < len(doc) and doc[j + 1].text[:1].isalnum():
            break  # "3" of "3G": a piece of a longer token
        if is_model_number(t) or _VERSION.match(t.text) or (t.lower_ in words.line_words and t.pos_ != "VERB"):
            j += 1
        else:
            break
    return j


def _name_word_end(doc: Doc, end: int) -> int:
    """End of "OS X Lion" after "Mac": a product word and the capitalised words after it."""
    if end >= len(doc) or doc[end].text not in product_words().name_words:
        return end
    j = end + 1
    while j < len(doc) and j - end <= 2 and doc[j].text[:1].isupper() and not doc[j].is_stop and doc[j].pos_ != "VERB":
        j += 1
    return j


def _covered(cands: list[Candidate], s: int, e: int) -> bool:
    return any(c.start < e and s < c.end for c in cands)


def _kind_noun_before(doc: Doc, start: int) -> bool:
    """Whether a class noun ("web browser", "jet") in lower case ends right before ``start``."""
    if start == 0 or not doc[start - 1].text.islower():
        return False
    nouns, lengths = _class_nouns()
    return any(start - k >= 0 and tuple(t.lower_ for t in doc[start - k : start]) in nouns for k in lengths)


@lru_cache(maxsize=1)
def _class_nouns() -> tuple[frozenset[tuple[str, ...]], tuple[int, ...]]:
    nouns = frozenset(product_words().class_nouns_before)
    return nouns, tuple(sorted({len(n) for n in nouns}))


def _appositive_kind(span: Span) -> bool:
    nouns = product_words().appositive_nouns
    root = span.root
    heads = [t for t in root.children if t.dep_ == "appos"]
    if root.dep_ == "appos":
        heads.append(root.head)
    for h in heads:
        phrase = f"{h.nbor(-1).lower_} {h.lower_}" if h.i > 0 else h.lower_
        if h.lower_ in nouns or phrase in nouns:
            return h.i > span.end or h.i < span.start
    return False


def _camel_brands(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in doc:
        if not _CAMEL.match(tok.text) or _covered(cands, tok.idx, tok.idx + len(tok.text)):
            continue
        end = _extend(doc, tok.i + 1)
        span = doc[tok.i : end]
        if not _covered(cands + out, span.start_char, span.end_char):
            out.append(
                Candidate(
                    span.start_char, span.end_char, "PRODUCT", "product", sentence_start=tok.is_sent_start is True
                )
            )
    return out


def _designator_ok(doc: Doc, tok: Token, designator: str) -> bool:
    if tok.text in (designator + "s",):
        return True
    if any(c.isalpha() for c in designator):
        return True
    if len(designator) < 3 or (not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isalnum()):
        return False  # "3" of "3G"
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.like_num or nxt.text in ("%", "percent")):
        return False
    if prev is not None and (prev.lower_ in product_words().designator_words_before or prev.tag_ == "POS"):
        return True
    return nxt is not None and nxt.text[:1].isupper() and nxt.tag_ in ("NNP", "NNPS")


def _designators(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Bare model designators of the article's products ("A380" after "Airbus A380")."""
    designators = set()
    for c in cands:
        span = _span(doc, c)
        if c.label == "PRODUCT" and span is not None and len(span) > 1 and is_model_number(span[-1]):
            designators.add(span[-1].text)
    out: list[Candidate] = []
    if not designators:
        return out
    for tok in doc:
        base = tok.text[:-1] if tok.text.endswith("s") and tok.text[:-1] in designators else tok.text
        if base not in designators or _covered(cands + out, tok.idx, tok.idx + len(tok.text)):
            continue
        if _designator_ok(doc, tok, base):
            out.append(
                Candidate(
                    tok.idx, tok.idx + len(tok.text), "PRODUCT", "product", sentence_start=tok.is_sent_start is True
                )
            )
    return out


def _retype(doc: Doc, cands: list[Candidate]) -> None:
    words = product_words()
    products = {(c.start, c.end) for c in cands if c.label == "PRODUCT"}
    for c in cands:
        if (
            c.label == "PRODUCT"
            or c.label not in _PRODUCT_LABELS_FROM
            or any(e.kind in ("country", "capital", "demonym", "person", "org") for e in c.entries)
        ):
            continue
        span = _span(doc, c)
        if span is None:
            continue
        if (
            _CAMEL.match(span[0].text)
            or any(t.text in words.name_words for t in span)
            or _kind_noun_before(doc, span.start)
            or _appositive_kind(span)
        ):
            c.label = "PRODUCT"
            continue
        root = span.root  # "the iPod classic, Nano and Shuffle": a conjunct of a product
        partners = [root.head] if root.dep_ == "conj" else []
        partners += [t for t in root.children if t.dep_ == "conj"]
        if any((p.idx, p.idx + len(p.text)) in products or any(a <= p.idx < b for a, b in products) for p in partners):
            c.label = "PRODUCT"


def add_products(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with product evidence applied (see the module docstring)."""
    out = list(cands)
    for c in out:  # "iPod" + "nano", "iPod Software" + "1.1.1"
        span = _span(doc, c)
        if span is None:
            continue
        named = _name_word_end(doc, span.end)
        if named > span.end and not _covered([x for x in out if x is not c], span.end_char, doc[named - 1].idx + 1):
            c.end, c.label = doc[named - 1].idx + len(doc[named - 1].text), "PRODUCT"  # "Mac" + "OS X"
            span = _span(doc, c)
        if span is not None and (c.label == "PRODUCT" or _CAMEL.match(span[0].text)):
            end = _extend(doc, span.end)
            if end > span.end and not _covered([x for x in out if x is not c], span.start_char, doc[end - 1].idx + 1):
                c.end = doc[end - 1].idx + len(doc[end - 1].text)
    out += _camel_brands(doc, out)
    _retype(doc, out)
    out += _designators(doc, out)
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def refine_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Financial names, then non-names dropped, then product evidence (the stage's order)."""
    return add_products(doc, drop_non_names(doc, merge_financial(doc, cands)))
