"""Build articles for the check tests (fabricated text only)."""

from __future__ import annotations

import re

from newsdesk.api import analyze_text
from newsdesk.model import Article, Block, Flag, Origin
from newsdesk.pipeline import Context
from newsdesk.registry import checks


def plain(text: str) -> Article:
    """An article whose blocks are plain paragraphs, one per line (a minimal structure stage)."""
    art = Article(id="t", text=text, origin=Origin("<test>", "text"))
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            art.blocks.append(Block("paragraph", s, e))
    return art


def structured(text: str, **kw: str) -> Article:
    return analyze_text(text, stages=["structure"], **kw)  # type: ignore[arg-type]


def run(name: str, art: Article) -> list[Flag]:
    from newsdesk.checks import load_builtin_checks

    load_builtin_checks()
    return list(checks.get(name).obj(art, Context()))


def both(name: str, text: str) -> list[list[Flag]]:
    """The check's flags on the text with plain blocks and with the structure stage's blocks."""
    return [run(name, plain(text)), run(name, structured(text))]


def spans(flags: list[Flag], text: str) -> list[str]:
    return [text[f.start : f.end] for f in flags]
