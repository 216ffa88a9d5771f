"""Golden cases of the structure stage: ``golden/structure/NAME.txt|.md`` and ``NAME.expected.json``.

:func:`summarise` reduces an analysed article to what the expected files pin: the kind and
text of every block, tables, FAQ pairs, keywords, title, author and published date. Shared
by ``tests/structure/test_golden.py`` and ``regen.py`` (which rewrites the expected files;
review every change by hand before committing it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context
from newsdesk.stages.structure import structure

CASES = Path(__file__).resolve().parent / "structure"


def inputs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.suffix in (".txt", ".md") and ".expected" not in p.name)


def expected_path(src: Path) -> Path:
    return src.with_name(src.stem + ".expected.json")


def read_exact(path: Path) -> str:
    """The file's text byte for byte (no newline translation: CRLF stays CRLF)."""
    return path.read_bytes().decode("utf-8")


def analyse_file(path: Path) -> Article:
    fmt = "markdown" if path.suffix == ".md" else "text"
    art = Article(id=path.name, text=read_exact(path), origin=Origin(str(path), fmt))
    return structure(art, Context())


def summarise(art: Article) -> dict[str, Any]:
    t = art.text
    blocks = []
    for b in art.blocks:
        d: dict[str, Any] = {"kind": b.kind, "text": t[b.start:b.end]}
        if b.level is not None:
            d["level"] = b.level
        if b.boilerplate:
            d["boilerplate"] = True
        blocks.append(d)
    return {
        "title": art.title,
        "published": art.published,
        "author": art.author,
        "blocks": blocks,
        "tables": [{"header": tb.header, "rows": tb.rows, "row_texts": [t[s:e] for s, e in tb.row_spans]}
                   for tb in art.tables],
        "faq": [{"question": q.question, "answer": q.answer, "text": t[q.start:q.end]} for q in art.faq],
        "keywords": [{"text": k.text, "span": t[k.start:k.end]} for k in art.keywords],
    }
