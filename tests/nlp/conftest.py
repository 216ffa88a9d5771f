"""Fixtures of the entities tests: one spaCy model per session and a small fake knowledge base."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.model import Article, Block, Entity, Origin
from newsdesk.nlp.kbview import CountryInfo, OrgInfo, PersonInfo, StaticKB, Tenure
from newsdesk.nlp.model import load_nlp
from newsdesk.pipeline import Context


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


def fake_kb() -> StaticKB:
    """Invented people, real country names: enough to test grouping and linking."""
    return StaticKB(
        country_list=[
            CountryInfo("country:GBR", "United Kingdom", "GBR", "GBR", ("UK", "Britain"), ("British",), ("London",)),
            CountryInfo("country:VLR", "Valoria", "VLR", "VLR", (), ("Valorian",), ("Port Amsel",)),
            CountryInfo("country:USA", "United States", "USA", "USA", ("US", "U.S."), ("American",),
                        ("Washington",)),
        ],
        person_list=[PersonInfo("person:Marta_Keller", "Marta Keller"),
                     PersonInfo("person:Olaf_Brenner", "Olaf Brenner"),
                     PersonInfo("person:Ivo_Sandor", "Ivo Sandor"),
                     PersonInfo("person:Lena_Sandor", "Lena Sandor")],
        org_list=[OrgInfo("org:UN", "United Nations", "IGOUNO", None, ("UN",))],
        tenure_list=[
            Tenure("Marta Keller", "person:Marta_Keller", "head_of_government", "Prime Minister", "VLR",
                   "2019-05-01", None, "firm", "test data"),
            Tenure("Olaf Brenner", "person:Olaf_Brenner", "head_of_government", "Prime Minister", "VLR",
                   "2011-01-10", "2019-05-01", "firm", "test data"),
            # two office holders with one surname: "Sandor" alone is ambiguous
            Tenure("Ivo Sandor", "person:Ivo_Sandor", "head_of_state", "President", "VLR",
                   "2016-03-01", "2022-03-01", "firm", "test data"),
            Tenure("Lena Sandor", "person:Lena_Sandor", "head_of_state", "President", "VLR",
                   "2022-03-01", None, "firm", "test data"),
        ],
    )


@pytest.fixture
def context(nlp: Any) -> Context:
    ctx = Context()
    ctx.resources["nlp"] = nlp
    ctx.resources["entity_kb"] = fake_kb()
    return ctx


def article(text: str, published: str | None = "2024-09-14", blocks: list[Block] | None = None) -> Article:
    return Article(id="t1", text=text, origin=Origin("<test>", "text"), published=published,
                   blocks=blocks or [])


def run(context: Context, text: str, **kw: Any) -> list[Entity]:
    """The entities stage over one article made of ``text``; every mention's span checked."""
    from newsdesk.nlp.extract import analyse

    art = article(text, **kw)
    analyse([art], context)
    assert art.text == text
    for e in art.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return art.entities


def by_text(ents: list[Entity]) -> dict[str, Entity]:
    """Each mention's text -> its entity."""
    return {m.text: e for e in ents for m in e.mentions}
