"""Document structure of scraped text, Markdown and HTML-extracted articles.

:func:`analyse` fills ``article.blocks``, ``tables``, ``faq`` and ``keywords`` and sets the
title, author and published date when the input did not give them. ``article.text`` is never
changed; every span indexes it.

Modules: :mod:`.lines` (units and markup residue), :mod:`.tables` (pipe tables),
:mod:`.regions` (TOC, FAQ, keywords, call-outs), :mod:`.dates` (date lines, bylines, wire
datelines), :mod:`.classify` (the passes and block assembly); cue phrases live in
``newsdesk/data/structure_cues.json``.
"""

from __future__ import annotations

from ..model import Article, Block
from .classify import classify, to_blocks, to_tables, wrapped_style
from .doc import Doc
from .lines import split_units, units_from_blocks

HTML_FORMATS = ("html", "jsonl-html")

__all__ = ["HTML_FORMATS", "analyse"]


def analyse(article: Article) -> Article:
    """Find the structure of ``article`` in place and return it."""
    if article.origin.format in HTML_FORMATS:
        _refine_html(article)
    else:
        _from_text(article)
    return article


def _from_text(article: Article) -> None:
    units = split_units(article.text)
    doc = Doc(article.text, units, html=False)
    doc.wrapped = wrapped_style(units)
    classify(doc)
    article.blocks = to_blocks(doc)
    article.tables = to_tables(doc)
    article.faq = doc.faq
    article.keywords = sorted(doc.keywords, key=lambda k: k.start)
    _metadata(article, doc)


def _refine_html(article: Article) -> None:
    blocks = article.blocks
    units = units_from_blocks(article.text, [(b.kind, b.start, b.end, b.level) for b in blocks])
    doc = Doc(article.text, units, html=True, title=article.title)
    classify(doc)
    for b, u in zip(blocks, units, strict=True):
        kind = u.kind
        if kind is None or (kind == b.kind and u.boilerplate == b.boilerplate):
            continue
        _retype(b, kind, u.boilerplate, u.out_level)
    article.faq = doc.faq
    article.keywords = sorted(doc.keywords, key=lambda k: k.start)
    doc.title = article.title or doc.title
    _metadata(article, doc)


def _retype(b: Block, kind: str, boilerplate: bool, level: int | None) -> None:
    from ..model import BOILERPLATE_KINDS

    if kind == b.kind and boilerplate == b.boilerplate:
        return
    b.kind = kind
    b.boilerplate = boilerplate or kind in BOILERPLATE_KINDS
    if kind not in ("heading", "title"):
        b.level = None
    elif level is not None:
        b.level = level
    b.stage = "structure"


def _metadata(article: Article, doc: Doc) -> None:
    if article.title is None and doc.title:
        article.title = doc.title
    if article.author is None and doc.author:
        article.author = doc.author
    if article.published is None and not article.published_given:
        article.published = doc.published or doc.updated
