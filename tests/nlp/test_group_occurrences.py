"""Whole-word occurrences by str.find equal the regex they replace (property test)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.nlp.group import _whole_word_occurrences

ALPHABET = st.sampled_from(list("Kim Jong-Un_ é5.\n-K"))


def _regex(form: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)]


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=4), st.text(ALPHABET, max_size=60))
def test_same_as_regex(form: str, text: str) -> None:
    assert list(_whole_word_occurrences(form, text)) == _regex(form, text)


def test_examples() -> None:
    text = "Kim met Kimball; Kim-Un and Kim. KimKim Kim"
    assert list(_whole_word_occurrences("Kim", text)) == _regex("Kim", text) == [(0, 3), (28, 31), (40, 43)]
    assert list(_whole_word_occurrences("aa", "aaa aa")) == _regex("aa", "aaa aa") == [(4, 6)]
