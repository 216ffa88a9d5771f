"""Plain-text and Markdown reader: the text exactly as scraped or pasted.

The bytes are decoded (BOM, UTF-8, else detected) and kept unchanged: no stripping or
normalisation, so spans index the input. Structure is found later by the ``structure`` stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Article, Failure, Origin
from ..registry import readers
from .source import Limits, decode, read_limited


@readers.register("text", suffixes=(".txt", ".md", ".markdown", ".text", ".txt.gz", ".md.gz"))
def read_text_file(path: str, limits: Limits) -> Iterator[Article | Failure]:
    try:
        data = read_limited(path, limits.max_document_bytes)
        text, _enc = decode(data, path)
    except InputError as exc:
        yield Failure(exc.kind, exc.message, path, path, None)
        return
    fmt = "markdown" if path.lower().removesuffix(".gz").endswith((".md", ".markdown")) else "text"
    yield Article(id=path, text=text, origin=Origin(path, fmt))
