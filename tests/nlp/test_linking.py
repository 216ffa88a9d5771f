"""Lone surnames, "the X administration", capitals as voice or place, table columns, nominal mentions."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Span

from newsdesk.model import Entity, Table
from newsdesk.nlp.gazetteer import Gazetteer
from newsdesk.nlp.kbadapter import capital_forms
from newsdesk.nlp.link import Linker, main_country, same_person
from newsdesk.nlp.nominal import add_nominal_mentions
from newsdesk.nlp.recognize import find_candidates, table_cells
from newsdesk.pipeline import Context

from .conftest import article, fake_kb
from .test_recognize import by_text, run


def _entity_of(ents: list[Entity], text: str) -> Entity:
    return by_text(ents)[text]


# -- lone surnames and "the X administration" ---------------------------------------------------

BRENNER = "On Monday, officials said that Brenner had left the budget in good shape."


def test_lone_surname_links_the_one_office_holder_in_the_window(context: Context) -> None:
    ents = run(context, BRENNER, published="2024-09-14")
    brenner = _entity_of(ents, "Brenner")
    assert brenner.type == "PERSON" and brenner.kb_id == "person:Olaf_Brenner"
    assert brenner.name == "Olaf Brenner" and brenner.country == "VLR"
    assert brenner.roles == [] and brenner.actor_code == "VLR"  # out of office on that day


@pytest.mark.parametrize("text", ["The Brenner administration cut taxes in 2015.",
                                  "The Brenner government cut taxes in 2015."])
def test_administration_phrase_is_the_leader(context: Context, text: str) -> None:
    ents = run(context, text, published="2016-01-01")
    brenner = _entity_of(ents, "Brenner")
    assert brenner.kb_id == "person:Olaf_Brenner" and brenner.type == "PERSON"
    assert brenner.actor_code == "VLRGOV"
    assert all("administration" not in m.text and "government" not in m.text for m in brenner.mentions)


def test_lone_surname_outside_the_window_stays_unlinked(context: Context) -> None:
    ents = run(context, BRENNER, published="2040-01-01")
    assert _entity_of(ents, "Brenner").kb_id is None


def test_shared_surname_is_ambiguous_unless_the_article_names_the_person(context: Context) -> None:
    alone = _entity_of(run(context, "Sandor said the talks would continue."), "Sandor")
    assert alone.kb_id is None and alone.type == "PERSON"
    named = run(context, "Lena Sandor arrived on Monday. Sandor said the talks would continue.")
    sandor = _entity_of(named, "Lena Sandor")
    assert sandor.kb_id == "person:Lena_Sandor" and [m.text for m in sandor.mentions] == ["Lena Sandor", "Sandor"]


def test_linker_helpers() -> None:
    assert same_person("Co-prince Ivo Sandor", {"Ivo Sandor", "Co-prince Ivo Sandor"}) == "Ivo Sandor"
    linker = Linker(fake_kb())
    assert linker.lone_name("Keller", "2024-09-14")[0].person == "Marta Keller"
    assert linker.lone_name("keller", "2024-09-14") == []  # a lower-case word is not a name
    assert linker.lone_name("Sandor", "2024-09-14") == []
    assert main_country([]) is None


# -- capitals: the government's voice, or a place -------------------------------------------------

@pytest.mark.parametrize("text", ['A diplomat said that Washington supports "any step" towards talks.',
                                  'A diplomat said that washington supports "any step" towards talks.',
                                  "Washington's stance has not changed, a diplomat said."])
def test_capital_speaking_is_the_country(context: Context, text: str) -> None:
    ents = run(context, text)
    wash = next(m for e in ents for m in e.mentions if m.text.casefold() == "washington")
    usa = next(e for e in ents if wash in e.mentions)
    assert usa.kb_id == "country:USA" and usa.type == "GPE" and usa.actor_code == "USA"


def test_capital_as_a_place_is_its_own_entity(context: Context) -> None:
    text = ("Port Amsel is preparing to host the summit. Valoria said it welcomed the talks. "
            "Officials in Port Amsel met on Monday.")
    ents = run(context, text)
    place = _entity_of(ents, "Port Amsel")
    assert place.kb_id is None and place.country == "VLR" and place.type == "GPE"
    assert [m.text for m in place.mentions] == ["Port Amsel", "Port Amsel"]
    assert all(m.text != "Port Amsel" for m in _entity_of(ents, "Valoria").mentions)


def test_capital_short_forms() -> None:
    assert capital_forms("Washington D.C.") == ("Washington D.C.", "Washington")
    assert capital_forms("New Delhi") == ("New Delhi",)
    assert capital_forms(None) == ()


# -- tables ---------------------------------------------------------------------------------------

def _table_article(cell: str) -> tuple[Any, str]:
    head = "Visits by year.\n"
    table = ("| Meeting | Date | Location | Outcome |\n|---|---|---|---|\n"
             f"| Summit | May 26,2014 | {cell} | Joint statement on resuming dialogue |\n")
    text = head + table + "Marta Keller attended."
    art = article(text)
    rows = [(len(head) + i, len(head) + i + len(line)) for i, line in _lines(table)]
    art.tables = [Table(["Meeting", "Date", "Location", "Outcome"],
                        [["Summit", "May 26,2014", cell, "Joint statement on resuming dialogue"]],
                        len(head), len(head) + len(table) - 1, rows)]
    return art, text


def _lines(block: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in block.split("\n")[:-1]:
        out.append((pos, line))
        pos += len(line) + 1
    return out


@pytest.mark.parametrize("cell", ["Raiwind", "raiwind"])
def test_location_column_types_its_cells_and_common_words_are_not_names(context: Context, cell: str) -> None:
    from newsdesk.nlp.extract import analyse

    art, text = _table_article(cell)
    analyse([art], context)
    found = by_text(art.entities)
    assert found[cell].type == "GPE"
    assert "Joint" not in found and "Summit" not in {e.name for e in art.entities if e.type == "PERSON"}
    cells = table_cells(text, art.tables[0])
    assert [text[s:e] for s, e, h in cells if h == "location"] == [cell]


def test_junk_spans_are_dropped(nlp: Any) -> None:
    doc = nlp("As talks began, Valoria sent an envoy.\n| Joint statement on trade |")
    joint = next(t.i for t in doc if t.text == "Joint")
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, joint, joint + 1, "ORG")]
    assert find_candidates(doc, Gazetteer(nlp, fake_kb())) == [] or all(
        doc.text[c.start:c.end] not in ("As", "Joint") for c in find_candidates(doc, Gazetteer(nlp, fake_kb())))


def test_maker_and_model_make_one_product(context: Context) -> None:
    ents = run(context, "Singapore Airlines took delivery of the first Airbus A380 on Monday.")
    assert _entity_of(ents, "Airbus A380").type == "PRODUCT"
    assert "A380" not in by_text(ents)


# -- nominal mentions -----------------------------------------------------------------------------

def _nominals(ents: list[Entity]) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions if m.kind == "nominal"] for e in ents
            if any(m.kind == "nominal" for m in e.mentions)}


@pytest.mark.parametrize("office", ["the prime minister", "the Prime Minister", "the Valorian leader",
                                    "the valorian leader", "Valoria's prime minister"])
def test_office_noun_refers_to_the_one_holder(context: Context, office: str) -> None:
    text = f"Marta Keller arrived in Port Amsel. Diplomats said {office} would sign the deal."
    ents = run(context, text, published="2024-09-14")
    assert list(_nominals(ents)) == ["Marta Keller"]
    keller = _entity_of(ents, "Marta Keller")
    nominal = next(m for m in keller.mentions if m.kind == "nominal")
    assert nominal.text.casefold() in ("prime minister", "leader")


def test_office_noun_by_title_in_the_article(context: Context) -> None:
    text = "Chancellor Jon Hale arrived on Monday. Later the chancellor met reporters."
    ents = run(context, text, published=None)
    assert _nominals(ents) == {"Jon Hale": ["chancellor"]}


@pytest.mark.parametrize("text", [
    # two prime ministers named: ambiguous
    "Marta Keller met Prime Minister Jon Hale. Diplomats said the prime minister would sign.",
    # not the current holder, or not definite
    "Marta Keller arrived. The former prime minister stayed home, and a prime minister spoke.",
    # the office does not match the KB title
    "Marta Keller arrived. The chancellor stayed home.",
    # an unresolved speaker stays out of the entities
    "A Foreign Office spokesperson told reporters that the deal was close.",
])
def test_unresolvable_office_nouns_are_left_alone(context: Context, text: str) -> None:
    ents = run(context, text, published="2024-09-14")
    assert _nominals(ents) == {}
    assert not any("spokesperson" in m.text for e in ents for m in e.mentions)


def test_nominal_without_persons_is_a_no_op(nlp: Any) -> None:
    ents: list[Entity] = []
    add_nominal_mentions(nlp("The president spoke."), "The president spoke.", ents, lambda w: None)
    assert ents == []
