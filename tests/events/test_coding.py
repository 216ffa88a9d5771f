"""Hand-written sentences: codes, actors, compound and passive actors, modality."""

from __future__ import annotations

import re

import pytest

from newsdesk.events.lexicon import codebook, cues


def _one(events, plover=None):  # type: ignore[no-untyped-def]
    assert events, "no event coded"
    if plover is not None:
        events = [e for e in events if e.plover == plover]
        assert events, f"no {plover} event"
    return events[0]


def _dyads(events):  # type: ignore[no-untyped-def]
    return {((e.source.code if e.source else None), (e.target.code if e.target else None)) for e in events}


def test_turned_down_is_a_rejection_by_the_subject(code):  # type: ignore[no-untyped-def]
    e = _one(code("Israel turned down Egypt's proposal."), "REJECT")
    assert e.code.startswith("12") and e.source.code == "ISR" and e.target.code == "EGY"
    assert e.modality == "asserted"


def test_invitation_is_by_the_inviter(code):  # type: ignore[no-untyped-def]
    e = _one(code("France invited Russia to visit Paris."))
    assert e.source.code == "FRA" and e.target.code == "RUS"
    assert e.modality == "asserted"


def test_passive_invitation_swaps_subject_and_agent(code):  # type: ignore[no-untyped-def]
    e = _one(code("The Russian ambassador was invited by France."))
    assert e.source.code == "FRA" and e.target.code == "RUSGOV"


def test_could_meet_is_hypothetical(code):  # type: ignore[no-untyped-def]
    e = _one(code("The two ministers could meet next month."), "CONSULT")
    assert e.modality == "hypothetical"


def test_did_not_meet_is_negated(code):  # type: ignore[no-untyped-def]
    e = _one(code("The Egyptian foreign minister did not meet his Israeli counterpart."), "CONSULT")
    assert e.modality == "negated"
    assert e.source.code == "EGYGOV" and e.target.code == "ISR"


def test_declined_to_comment_is_never_asserted(code):  # type: ignore[no-untyped-def]
    assert all(e.modality != "asserted" for e in code("The Indian spokesperson declined to comment."))


def test_no_signs_of_talks_is_not_asserted(code):  # type: ignore[no-untyped-def]
    text = "Officials said there were no signs of talks between Russia and Ukraine."
    assert all(e.modality != "asserted" or e.plover is None for e in code(text))


def test_reportedly_is_reported(code):  # type: ignore[no-untyped-def]
    e = _one(code("Russian troops reportedly attacked Ukrainian positions."), "ASSAULT")
    assert e.modality == "reported"
    assert e.source.code == "RUSMIL" and e.target.code == "UKR"


def test_according_to_is_reported(code):  # type: ignore[no-untyped-def]
    e = _one(code("Pakistan formally invited the Indian leader last month, according to officials."))
    assert e.modality == "reported" and e.source.code == "PAK" and e.target.code.startswith("IND")


def test_will_host_next_week_is_planned(code):  # type: ignore[no-untyped-def]
    e = _one(code("France will host a summit with Germany next week."))
    assert e.modality == "planned" and e.source.code == "FRA"


def test_exploring_the_possibility_is_hypothetical(code):  # type: ignore[no-untyped-def]
    events = code("The Israeli foreign minister is exploring the possibility of visiting Egypt.")
    assert events and all(e.modality == "hypothetical" for e in events)


def test_compound_subject_gives_both_directions(code):  # type: ignore[no-untyped-def]
    events = code("Jordan and Britain have agreed to undertake joint military exercises this month.")
    assert {e.plover for e in events} == {"AGREE"}
    assert {("JOR", "GBR"), ("GBR", "JOR")} <= _dyads(events)


def test_compound_modifiers(code):  # type: ignore[no-untyped-def]
    text = "Senior Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate."
    events = code(text)
    assert {e.plover for e in events} == {"AGREE"}
    assert ("HUN", "ROU") in _dyads(events) or ("HUNGOV", "ROUGOV") in _dyads(events)


def test_talks_between_two_countries(code):  # type: ignore[no-untyped-def]
    events = code("Talks between Israel and Egypt were held in Cairo on Monday.")
    assert {("ISR", "EGY"), ("EGY", "ISR")} <= _dyads(events)
    assert events[0].location == "Cairo"


def test_threatened_to_shell_is_a_threat_of_force(code):  # type: ignore[no-untyped-def]
    e = _one(code("Iran threatened to shell Iraqi towns today."))
    assert e.plover == "THREATEN" and e.code == "138"


def test_will_not_accept_is_an_asserted_rejection(code):  # type: ignore[no-untyped-def]
    e = _one(code("Syria says it will not accept any more refugees."))
    assert e.plover == "REJECT" and e.modality != "negated"


def test_codes_are_strings_with_leading_zeros_and_lookups_agree(code):  # type: ignore[no-untyped-def]
    e = _one(code("France invited Russia to visit Paris."))
    assert isinstance(e.code, str) and re.fullmatch(r"\d{2,4}", e.code) and e.code.startswith("0")
    book = codebook()
    assert e.plover == book.plover(e.code)
    assert e.quad_class == book.quad_class(e.code) == 1
    assert e.goldstein == book.goldstein_of(e.code)
    assert 0 < (e.confidence or 0) <= 1 and e.trigger


def test_one_main_event_per_sentence(code):  # type: ignore[no-untyped-def]
    events = code("Egyptian police opened fire on demonstrators, killing one person and arresting 12.")
    assert len({e.plover for e in events}) == 1


@pytest.mark.parametrize("key", ["negated", "hypothetical", "planned", "reported", "historical"])
def test_cue_lists_are_data(key: str) -> None:
    assert cues()[key]
