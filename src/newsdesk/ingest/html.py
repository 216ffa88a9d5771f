"""HTML reader: trafilatura for the body, keeping headings, paragraphs, lists and tables as blocks.

``article.text`` is built from trafilatura's XML body, one block per line (list items and
table rows each on their own line), so every block's span indexes the text exactly.
Tuned on the Article Extraction Benchmark (``docs/results.md``): ``favor_precision=True``
and ``include_comments=False``.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError
from ..model import Article, Block, Failure, Origin, Table
from ..registry import readers
from .source import Limits, decode, read_limited

EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": False,
    # "xml": the body tree only; the "python" format would also render the whole body as text,
    # which the block builder below does again per element
    "output_format": "xml",
}


def _text_of(el: Any) -> str:
    from trafilatura.xml import xmltotxt

    return str(xmltotxt(el, False) or "").strip()


def _cell_text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


class _Builder:
    """Accumulates text and the blocks/tables that index it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []

    def line(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def block(self, kind: str, text: str, level: int | None = None) -> None:
        text = text.strip()
        if text:
            s, e = self.line(text)
            self.blocks.append(Block(kind, s, e, level=level, stage="read_html"))

    def table(self, el: Any) -> None:
        rows: list[list[str]] = []
        heads: list[bool] = []
        for row in el.iter("row"):
            cells = [_cell_text(c) for c in row if c.tag == "cell"]
            if any(cells):
                rows.append(cells)
                heads.append(any(c.get("role") == "head" for c in row if c.tag == "cell"))
        if not rows:
            return
        spans = [self.line("| " + " | ".join(cells) + " |") for cells in rows]
        start, end = spans[0][0], spans[-1][1]
        header: list[str] = []
        body = rows
        if heads and heads[0]:
            header, body = rows[0], rows[1:]
        self.blocks.append(Block("table", start, end, stage="read_html"))
        self.tables.append(Table(header, body, start, end, row_spans=spans, stage="read_html"))

    def element(self, el: Any) -> None:
        tag = el.tag
        if tag == "head":
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            self.block("heading", _text_of(el), level)
        elif tag == "list":
            for item in el:
                if item.tag == "item":
                    self.block("list_item", _text_of(item))
        elif tag == "table":
            self.table(el)
        elif tag in ("p", "quote", "code", "div", "hi", "ref", "item", "lb", "graphic"):
            self.block("paragraph", _text_of(el))
        else:
            self.block("paragraph", _text_of(el))

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _FlatText(HTMLParser):
    """Text outside script/style, without building a tree (any nesting depth, linear time)."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BREAK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BREAK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        elif tag in self._BREAK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def flat_text(html: str) -> str:
    """Plain text of an HTML string by a streaming pass; paragraphs on their own lines."""
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.out).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_html(html: str | bytes, *, id: str, origin: Origin, url: str | None = None) -> Article:
    """Extract one article (body, structure and metadata) from an HTML document."""
    import trafilatura
    from trafilatura.utils import load_html

    from .htmlmeta import read_meta_html

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    # the page is parsed once, by trafilatura; metadata come from the <head> alone (htmlmeta)
    meta = read_meta_html(html, url)
    builder = _Builder()
    try:
        doc: Any = trafilatura.bare_extraction(html, url=meta.url, **EXTRACT_OPTIONS)
        if doc is None or doc.body is None or not len(doc.body):
            # too little text for the precise setting: fall back to recall
            options = dict(EXTRACT_OPTIONS, favor_precision=False, favor_recall=True)
            doc = trafilatura.bare_extraction(html, url=meta.url, **options)
        if doc is not None and doc.body is not None:
            for child in doc.body:
                builder.element(child)
    except RecursionError:
        raise InputError("html", "HTML nested too deeply to extract", origin.source, origin.line, id) from None
    if not builder.text.strip():
        try:
            tree = load_html(html)
        except Exception:  # lxml raises many kinds on hostile markup
            tree = None
        fallback = (trafilatura.html2txt(tree) or "") if tree is not None else ""
        if not fallback.strip():
            # pages nested deeper than libxml2 builds trees for: a flat, streaming text pass
            fallback = flat_text(html)
        if not fallback.strip():
            raise InputError("no_content", "no article text found in the HTML", origin.source, origin.line, id)
        for line in fallback.splitlines():
            builder.block("paragraph", line)
    return Article(
        id=id, text=builder.text, origin=origin, url=meta.url, source=meta.site, title=meta.title,
        published=meta.published, author=meta.author, language=meta.language,
        blocks=builder.blocks, tables=builder.tables,
    )


@readers.register("html", suffixes=(".html", ".htm", ".html.gz", ".htm.gz", ".gz", ".xhtml"))
def read_html_file(path: str, limits: Limits) -> Iterator[Article | Failure]:
    try:
        data = read_limited(path, limits.max_document_bytes)
        html, _enc = decode(data, path)
        yield extract_html(html, id=path, origin=Origin(path, "html"))
    except InputError as exc:
        yield Failure(exc.kind, exc.message, path, path, None)
