"""Financial names, products and non-names (units, time zones) in sentences written for the tests."""

from __future__ import annotations

from newsdesk.pipeline import Context

from .conftest import by_text, run


def test_stock_indices_are_one_product_each(context: Context) -> None:
    text = (
        "The Dow Jones Industrial Average fell 120 points on Tuesday. Later the Dow recovered, "
        "while the FTSE index in London and Tokyo's Nikkei 225 closed higher."
    )
    f = by_text(run(context, text))
    dow = f["Dow Jones Industrial Average"]
    assert dow.type == "PRODUCT" and dow.kb_id == "index:DJIA"
    assert f["Dow"] is dow  # a short form joins the full name
    assert "The Dow Jones Industrial Average" not in f  # spans stay without determiners
    assert f["FTSE index"].kb_id == "index:FTSE"
    assert f["Nikkei 225"].type == "PRODUCT"


def test_ambiguous_short_form_needs_market_evidence(context: Context) -> None:
    f = by_text(run(context, "Engineers at Dow said the new plant in Delcourt will open in May."))
    assert "Dow" not in f or f["Dow"].kb_id != "index:DJIA"


def test_currencies_as_names_not_amounts(context: Context) -> None:
    text = "The yen rose against the U.S. dollar. The ticket cost 40 dollars and the dollar amount was small."
    ents = run(context, text)
    f = by_text(ents)
    assert f["yen"].kb_id == "currency:JPY"
    assert f["U.S. dollar"].kb_id == "currency:USD"
    dollar_mentions = [m for e in ents for m in e.mentions if m.text == "dollar"]
    assert not dollar_mentions  # "the dollar amount": a modifier, not the currency


def test_units_and_time_zones_are_not_names(context: Context) -> None:
    text = "The Korvex player comes in a 30GB edition and a 2 GB edition. Trading stopped at 16:08 UTC."
    f = by_text(run(context, text))
    assert "GB" not in f
    assert "UTC" not in f


def test_camel_case_brand_with_model_designator(context: Context) -> None:
    f = by_text(run(context, "Velox unveils zPhone 7 and zOS 3 at its conference."))
    assert f["zPhone 7"].type == "PRODUCT"
    assert f["zOS 3"].type == "PRODUCT"


def test_model_designator_names_the_product_alone(context: Context) -> None:
    text = (
        "Airbus showed the Airbus K740 in Toulouse. The K740 seats 300, and Norland Air ordered 12 K740s. "
        "Boeing also sold the Boeing 909, and the 909 flies in May, while 909 people watched."
    )
    ents = run(context, text)
    f = by_text(ents)
    assert f["K740"].type == "PRODUCT" and f["K740s"].type == "PRODUCT"
    assert f["909"].type == "PRODUCT"
    plain = [m for e in ents for m in e.mentions if m.text == "909" and text[m.end : m.end + 7] == " people"]
    assert not plain


def test_kind_nouns_and_appositives_make_products(context: Context) -> None:
    text = (
        "Users of the web browser Quillfox and the messaging client Harlow praised Corvane, "
        "the new version of the Velox OS X operating system."
    )
    f = by_text(run(context, text))
    assert f["Quillfox"].type == "PRODUCT"
    assert f["Harlow"].type == "PRODUCT"
    assert f["Corvane"].type == "PRODUCT"
