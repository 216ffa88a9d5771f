"""Office holders on dates across transitions. Every expectation was checked against
../shared/data/officeholders/factbook_officeholders_history.csv (line numbers in comments)."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.kb import KnowledgeBase


def names(kb: KnowledgeBase, country: str, role: str, on: str) -> list[tuple[str, str]]:
    return [(t.name, t.certainty) for t in kb.holders(country, role, on)]


@pytest.mark.parametrize(
    ("country", "role", "on", "expected"),
    [
        # Japan (CSV lines 1829-1833): Kishida 2021-10-04..2024-10-01, Ishiba from 2024-10-01 (end not
        # followed: upper bound 2025-10-07, "vacant" snapshot), Takaichi since 2025-10-21
        ("JPN", "head_of_government", "2024-06-01", [("Fumio Kishida", "firm")]),
        ("JPN", "head_of_government", "2024-12-01", [("Shigeru Ishiba", "firm")]),
        ("JPN", "head_of_government", "2025-10-15", [("Shigeru Ishiba", "uncertain")]),
        ("JPN", "head_of_government", "2025-11-15", [("Sanae Takaichi", "low")]),  # < 30 days after start
        ("JPN", "head_of_government", "2025-12-31", [("Sanae Takaichi", "firm")]),
        # United States, head of state: Trump to 2021-01-20, Biden to 2025-01-20, Trump since
        ("USA", "head_of_state", "2020-06-01", [("Donald J. Trump", "firm")]),
        ("USA", "head_of_state", "2021-01-25", [("Joseph R. Biden Jr.", "low")]),
        ("USA", "head_of_state", "2021-06-01", [("Joseph R. Biden Jr.", "firm")]),
        ("USA", "head_of_state", "2025-06-01", [("Donald J. Trump", "firm")]),
        # Germany: Merkel to 2021-12-08, Scholz to 2025-05-06, Merz since
        ("Germany", "head_of_government", "2021-06-01", [("Angela Merkel", "firm")]),
        ("DEU", "head_of_government", "2021-12-07", [("Angela Merkel", "low")]),
        ("DEU", "head_of_government", "2021-12-08", [("Olaf Scholz", "low")]),
        ("DEU", "head_of_government", "2023-01-01", [("Olaf Scholz", "firm")]),
        ("DEU", "head_of_government", "2025-08-01", [("Friedrich Merz", "firm")]),
        # Pakistan: the CSV dates Shehbaz Sharif's second term from 2024-03-03 (three rows merged)
        ("PAK", "head_of_government", "2024-06-01", [("Muhammad Shehbaz Sharif", "firm")]),
        ("PAK", "head_of_government", "2020-01-01", [("Imran Khan", "firm")]),
        # India: Modi since 2014-05-26
        ("IND", "head_of_government", "2020-01-01", [("Narendra Modi", "firm")]),
        ("IND", "head_of_government", "2014-06-01", [("Narendra Modi", "low")]),
        # United Kingdom: Starmer since 2024-07-05
        ("GBR", "head_of_government", "2025-01-01", [("Keir Starmer", "firm")]),
        ("GBR", "head_of_government", "2016-10-01", [("Theresa May", "firm")]),
    ],
)
def test_holders_on_dates(kb: KnowledgeBase, country: str, role: str, on: str, expected: list[tuple[str, str]]) -> None:
    assert names(kb, country, role, on) == expected


def test_uk_2022_is_uncertain_because_the_csv_never_lists_johnson_truss_or_sunak(kb: KnowledgeBase) -> None:
    # Theresa May's row (line 3993) has end_gap=1: last listed 2020-11-23 after the 2018-2019 snapshot hole,
    # next holder in the data is Starmer (2024-07-05). The data cannot say who was PM in 2022.
    for on in ("2019-08-01", "2022-07-01", "2022-10-01", "2023-06-01"):
        holders = kb.holders("GBR", "head_of_government", on)
        assert [h.certainty for h in holders] == ["uncertain"], on
    assert kb.tenures_of("Boris Johnson") == []
    assert kb.tenures_of("Rishi Sunak") == []


def test_south_korea_dec_2024_to_jun_2025_is_uncertain(kb: KnowledgeBase) -> None:
    # Yoon Suk Yeol (line 3426): end_gap=1, last listed 2025-04-03; Lee Jae-myung since 2025-06-04
    assert names(kb, "KOR", "head_of_state", "2024-06-01")[0] == ("Yoon Suk Yeol", "firm")
    for on in ("2024-12-20", "2025-01-15", "2025-04-20", "2025-06-01"):
        holders = kb.holders("KOR", "head_of_state", on)
        assert holders and all(h.certainty == "uncertain" for h in holders if h.name == "Yoon Suk Yeol"), on
        assert not any(h.certainty in ("firm", "low") and h.name == "Yoon Suk Yeol" for h in holders)
    assert kb.role_on("Yoon Suk Yeol", "2025-01-15").certainty == "uncertain"
    assert names(kb, "KOR", "head_of_state", "2025-08-01") == [("Lee Jae-myung", "firm")]
    yoon = next(t for t in kb.tenures_of("Yoon Suk Yeol") if t.role == "head_of_state")
    assert yoon.end is None and not yoon.end_certain and yoon.end_kind == "gap"
    assert yoon.uncertain_from is not None and yoon.uncertain_from <= date(2024, 12, 14)
    assert yoon.uncertain_to == date(2025, 6, 4)


def test_after_coverage_is_unknown_not_nobody(kb: KnowledgeBase) -> None:
    assert kb.coverage_end == date(2026, 1, 21)
    holders = kb.holders("JPN", "head_of_government", "2026-03-01")
    assert [(h.name, h.certainty) for h in holders] == [("Sanae Takaichi", "unknown")]
    status = kb.role_on("Sanae Takaichi", "2026-06-01")
    assert (status.status, status.certainty) == ("unknown", "unknown")
    assert kb.role_on("Angela Merkel", "2026-06-01").status == "unknown"


def test_ambassadors_are_low_certainty_credential_dates(kb: KnowledgeBase) -> None:
    # Philip S. Goldberg, US ambassador to South Korea since 2022-07-29 (credentials)
    holders = kb.holders("KOR", "us_ambassador_to", "2023-06-01")
    assert [h.name for h in holders] == ["Philip S. Goldberg"]
    assert holders[0].certainty == "low" and holders[0].date_basis == "credentials"
    assert kb.role_on("Philip S. Goldberg", "2023-06-01").certainty == "low"


@pytest.mark.parametrize("query", ["Merkel", "angela merkel", "ANGELA MERKEL", "Angela  Merkel"])
def test_tenures_of_is_tolerant(kb: KnowledgeBase, query: str) -> None:
    tenures = kb.tenures_of(query)
    assert [(t.name, t.country, t.start.isoformat(), t.end.isoformat() if t.end else None) for t in tenures] == [
        ("Angela Merkel", "DEU", "2005-11-22", "2021-12-08")
    ]


def test_tenures_of_diacritics_and_partial_names(kb: KnowledgeBase) -> None:
    assert {t.country for t in kb.tenures_of("Erdoğan")} == {"TUR"}
    shehbaz = kb.tenures_of("Shehbaz Sharif")
    assert [t.start.isoformat() for t in shehbaz] == ["2022-04-11", "2024-03-03"]
    merged = shehbaz[1]
    assert len(merged.source_rows) == 3 and "Shahbaz Sharif" in merged.variants
    assert [t.name for t in kb.tenures_of("Joe Biden") if t.country == "USA" and t.role == "head_of_state"] == [
        "Joseph R. Biden", "Joseph R. Biden Jr."]


def test_ambiguous_surname_returns_all_candidates(kb: KnowledgeBase) -> None:
    found = {t.name for t in kb.tenures_of("Sharif")}
    assert {"Mohammad Nawaz Sharif", "Shehbaz Sharif", "Muhammad Shehbaz Sharif"} <= found


def test_duplicate_spans_are_merged(kb: KnowledgeBase) -> None:
    # David O'Sullivan, EU ambassador to the US: two rows re-dated 2014-11-18 / 2014-11-19
    rows = [t for t in kb.tenures_of("David O'Sullivan") if t.role == "ambassador_to_us"]
    assert len(rows) == 1 and rows[0].start == date(2014, 11, 18)
    # no person holds the same office twice at once anywhere in the data
    for t in kb.offices.tenures:
        same = [o for o in kb.offices.tenures if o is not t and o.name == t.name and o.role == t.role
                and o.gec == t.gec and o.start == t.start]
        assert not same, t


def test_role_on(kb: KnowledgeBase) -> None:
    s = kb.role_on("Angela Merkel", "2020-01-01")
    assert (s.status, s.certainty) == ("in_office", "firm")
    assert s.tenure is not None and s.tenure.title == "Chancellor" and s.since == date(2005, 11, 22)
    s = kb.role_on("Angela Merkel", "2021-12-20")
    assert (s.status, s.certainty) == ("not_in_office", "low")
    assert [h.name for h in s.held_by] == ["Olaf Scholz"] and s.since == date(2021, 12, 8)
    s = kb.role_on("Angela Merkel", "2023-06-01")
    assert (s.status, s.certainty) == ("not_in_office", "firm")
    s = kb.role_on("Donald Trump", "2023-01-01", country="USA")
    assert s.status == "not_in_office" and [h.name for h in s.held_by] == ["Joseph R. Biden Jr."]
    assert kb.role_on("Nobody Atall", "2023-01-01").status == "unknown"


def test_tenures_carry_their_source(kb: KnowledgeBase) -> None:
    t = kb.holders("IND", "head_of_government", "2020-01-01")[0]
    assert t.start == date(2014, 5, 26) and t.end is None and t.end_kind == "open"
    assert "MODI" in t.source_text and t.source_rows and "CSV lines" in t.source
