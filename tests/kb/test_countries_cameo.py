"""Countries (demonyms, capitals, codes), the GEC map, CAMEO actors/agents and organisations."""

from __future__ import annotations

import csv

import pytest

from newsdesk.kb import KnowledgeBase, compose

from .conftest import SHARED

#: GEC codes in the CSV that are not countries (documented in tools/kb/gec_overrides.tsv)
NON_COUNTRIES = {"ee", "ax", "dx"}


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("British", "GBR"), ("Pakistani", "PAK"), ("London", "GBR"), ("Beijing", "CHN"),
        ("Japanese", "JPN"), ("Tokyo", "JPN"), ("South Korean", "KOR"), ("Seoul", "KOR"),
        ("north korea", "PRK"), ("Britain", "GBR"), ("U.K.", "GBR"), ("Germany", "DEU"),
        ("the United States", "USA"), ("American", "USA"), ("Islamabad", "PAK"), ("Kosovo", "XKX"),
        ("PAK", "PAK"), ("Côte d'Ivoire", "CIV"),
    ],
)
def test_country_lookup(kb: KnowledgeBase, text: str, iso3: str) -> None:
    c = kb.country(text)
    assert c is not None and c.iso3 == iso3, text


def test_country_record(kb: KnowledgeBase) -> None:
    c = kb.country("Pakistan")
    assert c is not None
    assert (c.iso3, c.iso2, c.cameo, c.capital, c.gec) == ("PAK", "PK", "PAK", "Islamabad", ("pk",))
    assert "Pakistani" in c.demonyms
    assert kb.country("Narnia") is None


@pytest.mark.parametrize(("gec", "iso3"), [("ks", "KOR"), ("kn", "PRK"), ("ja", "JPN"), ("us", "USA"),
                                           ("uk", "GBR"), ("gm", "DEU"), ("rs", "RUS"), ("ch", "CHN")])
def test_gec_examples(kb: KnowledgeBase, gec: str, iso3: str) -> None:
    assert kb.iso3_for_gec(gec) == iso3


def test_every_gec_in_the_csv_maps() -> None:
    path = SHARED / "officeholders" / "factbook_officeholders_history.csv"
    if not path.exists():
        pytest.skip("../shared not beside the project")
    from newsdesk import kb as kbmod

    base = kbmod.load()
    with open(path, encoding="utf-8") as fh:
        gecs = {r["gec"] for r in csv.DictReader(fh)}
    unmapped = {g for g in gecs if not base.iso3_for_gec(g)}
    assert unmapped == NON_COUNTRIES
    # and each mapped ISO3 is a country record of the knowledge base
    assert all(base.countries.by_iso3.get(base.iso3_for_gec(g) or "") for g in gecs - NON_COUNTRIES)


def test_actor_codes(kb: KnowledgeBase) -> None:
    assert kb.actor_code_for("Britain") == "GBR"
    assert kb.actor_code_for("United Nations") == "IGOUNO"
    assert kb.actor_code_for("the UN") == "IGOUNO"
    assert kb.actor_code_for("NATO") == "IGOWSTNAT"
    assert kb.actor_code_for("Bundestag") == "DEUGOVLEG"
    assert kb.actor_code_for("no such actor phrase") is None


def test_actor_date_restrictions_are_kept(kb: KnowledgeBase) -> None:
    # GUSTAV_HEINEMANN_: [DEUELI 19170101-690701] [DEUGOV 690701-740630] [DEUELI 740630-760707]
    assert kb.actor_code_for("Gustav Heinemann", "1965-01-01") == "DEUELI"
    assert kb.actor_code_for("Gustav Heinemann", "1972-01-01") == "DEUGOV"
    entries = kb.cameo.actor_entries("gustav heinemann")
    assert entries and len(entries[0].restrictions) == 3


def test_sitting_heads_get_gov(kb: KnowledgeBase) -> None:
    assert kb.actor_code_for("Narendra Modi", "2020-01-01") == "INDGOV"
    assert kb.actor_code_for("Sanae Takaichi", "2025-12-01") == "JPNGOV"  # not in the 2014 Phoenix data
    assert kb.actor_code_for("Angela Merkel", "2019-01-01") == "DEUGOV"
    assert kb.actor_code_for("Angela Merkel", "2023-01-01") == "DEUELI"  # Phoenix left her open-ended


def test_agents_and_compose(kb: KnowledgeBase) -> None:
    assert kb.agent_suffix("minister") == "GOV"
    assert kb.agent_suffix("troops") == "MIL"
    assert kb.agent_suffix("activists") == "OPP"
    assert kb.agent_suffix("no such noun") is None
    assert compose("USA", "GOV") == "USAGOV"
    assert compose("USA", "~MIL") == "USAMIL"
    assert compose("USA", "NGO~") == "NGOUSA"
    assert kb.compose_code("Pakistani", "GOV") == "PAKGOV"
    assert kb.compose_code("USA", kb.agent_suffix("soldiers")) == "USAMIL"


@pytest.mark.parametrize(
    ("text", "cameo"),
    [("UN", "IGOUNO"), ("ASEAN", "IGOSEAASN"), ("NATO", "IGOWSTNAT"), ("European Union", "IGOEUREEC"),
     ("SCO", "IGOCAS"), ("G7", "IGOGOS"), ("African Union", "IGOAFRAFU"), ("WHO", "IGOUNOHLHWHO"),
     ("IMF", "IGOBUSIMF"), ("World Bank", "IGOUNODEVWBK"), ("OPEC", "IGOOPC")],
)
def test_organisations(kb: KnowledgeBase, text: str, cameo: str) -> None:
    org = kb.organisation(text)
    assert org is not None and org.cameo == cameo


def test_organisations_without_phoenix_code_and_lowercase_words(kb: KnowledgeBase) -> None:
    for key in ("APEC", "G20"):
        org = kb.organisation(key)
        assert org is not None and org.cameo is None
    assert kb.organisation("who") is None
