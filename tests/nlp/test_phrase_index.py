"""The gazetteer's phrase index finds what spaCy's PhraseMatcher(attr="LOWER") finds."""

from __future__ import annotations

from typing import Any

from newsdesk.nlp.gazetteer import PhraseIndex

PHRASES = ["United States", "United States of America", "US", "New York", "York", "Kim Jong Un", "Hanoi",
           "U.S.", "Democratic People's Republic of Korea"]
TEXT = ("The united states and the UNITED STATES OF AMERICA met in Hanoi; us officials from new york "
        "(York) said Kim Jong Un's envoy saw the U.S. team. democratic people's republic of korea")


def test_same_matches_as_phrase_matcher(nlp: Any) -> None:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZ", [nlp.make_doc(p) for p in PHRASES])
    index = PhraseIndex([t.text for t in nlp.make_doc(p)] for p in PHRASES)
    doc = nlp.make_doc(TEXT)
    assert sorted(index(doc)) == sorted((s, e) for _, s, e in matcher(doc))
    assert (1, 3) in index(doc) and (5, 9) in index(doc) and (5, 7) in index(doc)


def test_empty(nlp: Any) -> None:
    assert PhraseIndex([]).__call__(nlp.make_doc("anything")) == []
    assert PhraseIndex([["x"]]).__call__(nlp.make_doc("")) == []
