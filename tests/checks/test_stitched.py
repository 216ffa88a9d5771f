from __future__ import annotations

from .helpers import both, run, spans, structured

LEDE_A = ("The city council of Harborview voted on Tuesday to expand the bus network to the northern suburbs, "
          "adding four routes and thirty new stops by the end of the year, officials said.")
LEDE_A2 = ("Council members said the expansion of the bus routes would be paid from the transit levy and that "
           "fares for the new stops would stay the same for the first two years of service.")
LEDE_B = ("Marine biologists counting seabirds on the remote Gannet Islands found nesting puffin numbers "
          "doubled since the last survey, crediting a ban on trawling near the cliffs and warmer spring waters.")
LEDE_B2 = ("The researchers ringed hundreds of chicks and plan to return to the colonies next summer to track "
           "how many fledglings survive their first winter at sea.")

PUFFIN = "Puffin Numbers Double On Remote Gannet Islands After Trawling Ban Takes Effect"
STITCHED = f"""Harborview Council Approves Northern Bus Routes Expansion Plan
{LEDE_A}
Funding The Expansion
{LEDE_A2}
What does this mean for commuters in other towns?
Puffin Numbers Double On Remote Gannet Islands After Trawling Ban Takes Effect
{LEDE_B}
{LEDE_B2}
"""

NORMAL = f"""Harborview Council Approves Northern Bus Routes Expansion Plan
{LEDE_A}
Funding The Expansion
{LEDE_A2}
What Riders Say
Riders at the central station welcomed the decision, and several said the northern routes were long overdue
for a town whose bus network had not changed in a decade.
"""


def test_stitched_after_orphan_question() -> None:
    for flags in both("stitched", STITCHED):
        assert spans(flags, STITCHED) == [PUFFIN]
        ev = flags[0].evidence
        assert isinstance(ev, dict) and "orphan_question" in ev["markers"]
        assert flags[0].severity == "high"  # a second marker: long headline and topic shift
        assert "topic_shift" in ev["markers"]


def test_title_repeated_as_heading() -> None:
    text = STITCHED.replace("Puffin Numbers Double On Remote Gannet Islands After Trawling Ban Takes Effect",
                            "Harborview Council Approves Northern Bus Routes Expansion Plan").replace(
                                "What does this mean for commuters in other towns?\n", "")
    flags = run("stitched", structured(text))
    assert flags and "title_repeated" in flags[0].evidence["markers"]  # type: ignore[index]


def test_no_stitch_in_a_normal_article() -> None:
    for flags in both("stitched", NORMAL):
        assert flags == []


def test_duplicate_passage_points_at_the_repeat() -> None:
    text = f"{LEDE_A}\n{LEDE_B}\n{LEDE_A}\n"
    for flags in both("duplicate_passage", text):
        assert len(flags) == 1
        f = flags[0]
        assert f.start == text.rindex(LEDE_A)
        assert f.evidence["first_start"] == 0  # type: ignore[index]


def test_near_duplicate_and_no_duplicate() -> None:
    text = f"{LEDE_A}\n{LEDE_B}\n{LEDE_A.replace('thirty', '30')}\n"
    assert len(run("duplicate_passage", structured(text))) == 1
    assert run("duplicate_passage", structured(f"{LEDE_A}\n{LEDE_B}\n{LEDE_A2}\n")) == []
