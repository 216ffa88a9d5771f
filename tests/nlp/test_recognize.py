"""Span conventions, grouping, casing damage and linking with a fake knowledge base."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.model import Block, Entity
from newsdesk.nlp.extract import analyse
from newsdesk.nlp.kbview import Tenure
from newsdesk.nlp.repair import mask_boilerplate, repair_from_article
from newsdesk.pipeline import Context

from .conftest import article, by_text, fake_kb, run


def test_spans_leave_out_determiners_titles_and_possessives(context: Context) -> None:
    text = ("The talks in the United States were hosted by the US President Joe Biden. "
            "Acme Corporation's board met on Friday.")
    ents = run(context, text)
    found = by_text(ents)
    assert "United States" in found and "the United States" not in found
    assert "Joe Biden" in found and found["Joe Biden"].type == "PERSON"
    assert "Acme Corporation" in found
    assert not any(m.text.endswith("'s") for e in ents for m in e.mentions)


def test_surname_and_title_join_full_name(context: Context) -> None:
    text = ("Prime Minister Marta Keller arrived in Port Amsel on Monday. "
            "Keller said the talks went well, and later Prime Minister Keller met reporters.")
    ents = run(context, text)
    keller = [e for e in ents if e.type == "PERSON"]
    assert len(keller) == 1
    assert [m.text for m in keller[0].mentions] == ["Marta Keller", "Keller", "Keller"]
    assert keller[0].name == "Marta Keller"


def test_country_forms_resolve_to_one_entity(context: Context) -> None:
    text = ("The United Kingdom will send aid. British officials said London wanted a deal, "
            "and the UK expects talks soon.")
    ents = run(context, text)
    uk = by_text(ents)["United Kingdom"]
    assert uk.type == "GPE" and uk.kb_id == "country:GBR" and uk.country == "GBR" and uk.actor_code == "GBR"
    forms = {m.text: m.type for m in uk.mentions}
    assert forms == {"United Kingdom": None, "British": "NORP", "London": None, "UK": None}


def test_capital_as_place_is_not_the_government(context: Context) -> None:
    ents = run(context, "Diplomats met in London on Monday to discuss trade.")
    london = by_text(ents)["London"]
    assert london.kb_id is None and london.country == "GBR" and london.actor_code is None


def test_acronym_joins_its_definition(context: Context) -> None:
    text = "The Northern Fisheries Council (NFC) met on Tuesday. The NFC said quotas would fall."
    ents = run(context, text)
    nfc = by_text(ents)["Northern Fisheries Council"]
    assert [m.text for m in nfc.mentions] == ["Northern Fisheries Council", "NFC", "NFC"]


def test_linking_on_the_publication_date(context: Context) -> None:
    text = "Marta Keller met Olaf Brenner in Port Amsel."
    ents = by_text(run(context, text, published="2024-09-14"))
    keller, brenner = ents["Marta Keller"], ents["Olaf Brenner"]
    assert keller.actor_code == "VLRGOV" and keller.country == "VLR"
    assert keller.roles == [{"role": "head_of_government", "title": "Prime Minister", "country": "VLR",
                             "start": "2019-05-01", "end": None, "certainty": "firm", "source": "test data"}]
    assert brenner.roles == [] and brenner.actor_code == "VLR" and brenner.country == "VLR"
    early = by_text(run(context, text, published="2015-03-01"))
    assert early["Olaf Brenner"].actor_code == "VLRGOV" and early["Marta Keller"].roles == []


def test_no_date_means_no_roles(context: Context) -> None:
    ents = by_text(run(context, "Marta Keller spoke.", published=None))
    assert ents["Marta Keller"].roles == [] and ents["Marta Keller"].actor_code is None


def test_organisation_gets_igo_code(context: Context) -> None:
    ents = by_text(run(context, "The United Nations called for calm, and the UN sent observers."))
    un = ents["United Nations"]
    assert un.actor_code == "IGOUNO" and [m.text for m in un.mentions] == ["United Nations", "UN"]


def _summary(ents: list[Entity]) -> list[tuple[str, str, str | None, str | None, tuple[int, ...]]]:
    return [(e.type, e.name, e.kb_id, e.actor_code, tuple(m.start for m in e.mentions)) for e in ents]


def test_damaged_casing_gives_the_same_entities(context: Context) -> None:
    clean = ("Prime Minister Marta Keller said the United Kingdom and Valoria would talk. "
             "Keller will travel to Valoria, officials in Port Amsel said,adding that Britain agreed.")
    damaged = ("Prime Minister marta Keller said the united Kingdom and valoria would talk. "
               "Keller will travel to valoria, officials in port Amsel said,adding that Britain agreed.")
    assert len(clean) == len(damaged)
    assert _summary(run(context, damaged)) == _summary(run(context, clean))


def test_boilerplate_blocks_are_not_read(context: Context) -> None:
    body = "Marta Keller visited Port Amsel."
    toc = "Contents: Olaf Brenner, United Nations"
    text = f"{body}\n{toc}"
    blocks = [Block("paragraph", 0, len(body)), Block("toc", len(body) + 1, len(text), boilerplate=True)]
    names = {e.name for e in run(context, text, blocks=blocks)}
    assert "Marta Keller" in names
    assert not names & {"Olaf Brenner", "United Nations"}


def test_mask_and_repair_keep_length() -> None:
    text = "A narendra Modi visit. Narendra Modi spoke.\nTOC line"
    masked = mask_boilerplate(text, [Block("paragraph", 0, 43), Block("toc", 44, 52, boilerplate=True)])
    assert len(masked) == len(text) and masked.endswith("\n" + " " * 8)
    assert repair_from_article(text).startswith("A Narendra Modi visit.")


def test_the_doc_is_cached_for_later_stages(context: Context) -> None:
    from newsdesk.nlp.model import cached_doc

    art = article("Marta Keller spoke in Port Amsel.")
    analyse([art], context)
    doc = cached_doc(context, art.id)
    assert doc is not None and len(doc.text) == len(art.text)


def test_static_kb_tenure_dates() -> None:
    t = Tenure("A B", "person:A_B", "head_of_state", "President", "VLR", "2020-01-01", "2022-01-01")
    assert t.held_on("2021-06-01") and not t.held_on("2022-01-01") and not t.held_on("2019-12-31")
    assert fake_kb().tenures_of("marta keller")[0].country == "VLR"


_words = st.sampled_from(["Marta", "Keller", "valoria", "Valoria", "the", "UK", "British", "said,that", "(", ")",
                          "London", "talks", "'s", "Port", "Amsel", "\n", ".", "United", "Kingdom", "NFC", "é"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_words, min_size=1, max_size=30).map(" ".join))
def test_mentions_index_the_unchanged_text(context: Context, text: str) -> None:
    art = article(text)
    analyse([art], context)
    assert art.text == text
    ids = [e.id for e in art.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    for e in art.entities:
        assert e.type in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
                          "LAW", "LANGUAGE"}
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
