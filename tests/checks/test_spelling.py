from __future__ import annotations

from .helpers import both, spans


def test_typos_are_flagged_with_a_suggestion() -> None:
    text = "Officials declined to comment on teh plan, and the two goverments said nothing more.\n"
    for flags in both("typo", text):
        assert spans(flags, text) == ["teh", "goverments"]
        assert flags[0].evidence["suggestion"] == "the"  # type: ignore[index]
        assert all(f.severity == "medium" for f in flags)


def test_no_typo_for_names_numbers_urls_british_spelling() -> None:
    text = ("Xandrova told Qwertzian reporters at www.examplenews.com/zzkq that the NATOQ colour "
            "organisation will realise the programme, weighing 3 kgz, at https://x.org/abcdefq today.\n")
    for flags in both("typo", text):
        assert flags == []


def test_typo_skips_keyword_lists_and_residue() -> None:
    text = "A Plain Headline For The Page\nThe council met on Monday.\nKeywords\n- teh goverments\n"
    for flags in both("typo", text):
        assert flags == []


def test_casing_of_damaged_names() -> None:
    text = ("Diplomats in new Delhi said the united States and pakistan would talk, "
            "and narendra Modi agreed.\n")
    for flags in both("casing", text):
        assert spans(flags, text) == ["new Delhi", "united States", "pakistan", "narendra Modi"]
        assert flags[2].evidence["name"] == "Pakistan"  # type: ignore[index]


def test_casing_leaves_ordinary_words() -> None:
    text = ("They ate turkey on fine china plates, a new Delhi government took office, and the United States "
            "of America and New Delhi were named correctly, as was the US.\n")
    for flags in both("casing", text):
        assert flags == []
