"""The per-process look-up tables the checks build once (spelling candidates, name first words, phrase prefixes)."""

from __future__ import annotations

from newsdesk.checks import spelling, spun
from newsdesk.checks._names import names


def test_spelling_candidates_are_the_dictionarys_and_kept() -> None:
    for word in ("goverment", "teh", "recieve", "zzzzqx"):
        assert spelling._candidates(word) == frozenset(spelling.speller().candidates(word) or ())
    assert spelling._candidates("goverment") is spelling._candidates("goverment")


def test_first_words_of_names() -> None:
    first = spelling._first_words()
    assert first == {key[0] for key in names().index}
    assert "united" in first or "new" in first


def test_phrase_prefixes_cover_every_list_phrase() -> None:
    res = spun.resources()
    prefixes = spun._phrase_prefixes()
    for phrase in [*res.tortured, *res.seed]:
        words = phrase.split()
        assert all(" ".join(words[:n]) in prefixes for n in range(1, len(words) + 1)), phrase
    assert all(p.split()[0] in res.starts for p in prefixes)
