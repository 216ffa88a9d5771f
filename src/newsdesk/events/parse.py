"""A Doc's parse as plain Python lists, built once per Doc for the event coder.

Every ``Token`` attribute access, ``Token.children``/``Token.subtree`` step and ``Span``
iteration builds new ``Token`` objects; the coder walks the same parse many times per verb
(regions of the verb, depths, governors). :class:`Parse` reads each token once and keeps its
head, dependency label, part of speech, tag, lower-case form and lower-case lemma, the
children of each token and its depth in the tree, indexed by token position.
"""

from __future__ import annotations

import numpy
from spacy.tokens import Doc

_KEY = "newsdesk.events.parse"
#: deepest walk towards the root (a guard against cycles in a broken parse)
MAX_DEPTH = 50


class Parse:
    """Per-token lists of one Doc (see the module docstring)."""

    __slots__ = ("deps", "depths", "heads", "kids", "lemmas", "lowers", "pos", "tags")

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        cols = doc.to_array(["HEAD", "DEP", "POS", "TAG", "LOWER", "LEMMA"]) if n else numpy.zeros((0, 6))
        # HEAD is the offset of each token's head (stored unsigned: -1 reads 2**64 - 1)
        heads: list[int] = (cols[:, 0].astype(numpy.int64) + numpy.arange(n)).tolist()
        self.heads = heads
        strings = doc.vocab.strings

        def names(k: int, lower: bool = False) -> list[str]:
            ids: list[int] = cols[:, k].tolist()
            name = {h: (strings[h].lower() if lower else strings[h]) for h in set(ids)}
            return [name[h] for h in ids]

        self.deps = names(1)
        self.pos = names(2)
        self.tags = names(3)
        self.lowers = names(4)
        self.lemmas = names(5, lower=True)
        #: children in document order (``Token.children``)
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                self.kids[h].append(i)
        #: distance from the root, at most MAX_DEPTH (the coder's former ``_depth``)
        self.depths: list[int] = []
        for i in range(n):
            d, j = 0, i
            while heads[j] != j and d < MAX_DEPTH:
                j = heads[j]
                d += 1
            self.depths.append(d)

    def subtree(self, i: int, out: list[int]) -> None:
        """Append the positions of the tokens of ``Token.subtree`` of token ``i`` to ``out`` (in
        no particular order)."""
        stack = [i]
        kids = self.kids
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(kids[j])

    def words(self, positions: list[int]) -> set[str]:
        """The lower-case forms and lemmas of the tokens at ``positions`` (``match.words_of``)."""
        lowers, lemmas = self.lowers, self.lemmas
        out = {lowers[j] for j in positions}
        out.update(lemmas[j] for j in positions)
        return out


def parse_of(doc: Doc) -> Parse:
    """The Doc's :class:`Parse`, built on first use and kept in ``doc.user_data``."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = Parse(doc)
    p: Parse = cached
    return p
