"""Text folding shared by the knowledge-base indexes: case, diacritics, punctuation, underscores."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[\s_.,;:!?\"()\[\]]+")


@lru_cache(maxsize=1 << 16)  # the same names are folded again and again (bounded: long runs)
def fold(text: str) -> str:
    """``"Angela  MERKEL"`` -> ``"angela merkel"``; ``"Erdoğan"`` -> ``"erdogan"``; ``"U.K."`` -> ``"u k"``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    return " ".join(_PUNCT.sub(" ", text).split())


def phrase_key(text: str) -> str:
    """Key for dictionary phrases: folded, with periods kept out (``"U.N."`` and ``"UN"`` differ)."""
    return fold(text)


#: generational suffixes that are not a surname ("Joseph R. Biden Jr.")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_tokens(text: str) -> list[str]:
    """Tokens of a person's name, hyphens split, initials and trailing "Jr."/"III" dropped."""
    return list(_name_tokens(text))


@lru_cache(maxsize=1 << 16)
def _name_tokens(text: str) -> tuple[str, ...]:
    toks = [t for t in fold(text).replace("-", " ").split() if len(t) > 1]
    while len(toks) > 1 and toks[-1] in _NAME_SUFFIXES:
        toks.pop()
    return tuple(toks)
