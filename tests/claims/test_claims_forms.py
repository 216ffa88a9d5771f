"""Hand-written sentences, one per form of quote and attribution (docs/claims.md)."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.claims import extract_claims
from newsdesk.claims.nlp import get_doc
from newsdesk.model import Article, Claim
from newsdesk.pipeline import Pipeline

Analyze = Callable[[str], Article]


def _span(a: Article, c: Claim) -> str:
    return a.text[c.start : c.end]


def _speaker(a: Article, c: Claim) -> str | None:
    return None if c.speaker is None else a.text[c.speaker.start : c.speaker.end]


def _kinds(a: Article, kind: str) -> list[Claim]:
    return [c for c in a.claims if c.kind == kind]


def test_direct_attribution_after(analyze: Analyze) -> None:
    a = analyze('"We need another month to study the numbers," council chair Maria Lopez said after the meeting.')
    [c] = _kinds(a, "direct")
    assert _span(a, c) == '"We need another month to study the numbers,"'
    assert c.cue == "said"
    assert c.speaker is not None and "Lopez" in c.speaker.name


def test_direct_postposed_speaker(analyze: Analyze) -> None:
    a = analyze('Schools will stay closed. "Safety comes first," said superintendent Paul Greene.')
    [c] = _kinds(a, "direct")
    assert _span(a, c) == '"Safety comes first,"'
    assert _speaker(a, c) is not None and "Greene" in (_speaker(a, c) or "")


def test_direct_attribution_before(analyze: Analyze) -> None:
    a = analyze('The minister Ann Lee said: "We will not raise taxes this year."')
    [c] = _kinds(a, "direct")
    assert _span(a, c) == '"We will not raise taxes this year."'
    assert "Lee" in (_speaker(a, c) or "")


def test_split_quote_is_two_claims_with_one_speaker(analyze: Analyze) -> None:
    a = analyze('Talks resume on Monday. "We are ready," she said, "to talk."')
    direct = _kinds(a, "direct")
    assert [_span(a, c) for c in direct] == ['"We are ready,"', '"to talk."']
    assert {_speaker(a, c) for c in direct} == {"she"}
    assert {c.cue for c in direct} == {"said"}


def test_multi_paragraph_quote(analyze: Analyze) -> None:
    text = ('Mayor Tom Reyes spoke on Friday.\n\n"The bridge will open in May. We have checked every bolt.\n\n'
            '"Nobody will pay a toll in the first year," Reyes said.\n')
    a = analyze(text)
    [c] = _kinds(a, "direct")
    assert a.text[c.start] == '"' and _span(a, c).endswith('first year,"')
    assert "\n\n" in _span(a, c)
    assert c.speaker is not None and "Reyes" in c.speaker.name


def test_curly_quotes(analyze: Analyze) -> None:
    a = analyze("“We are not leaving,” the union leader Karen Holt told reporters.")
    [c] = _kinds(a, "direct")
    assert _span(a, c) == "“We are not leaving,”"
    assert c.cue == "told reporters"
    assert "Holt" in (_speaker(a, c) or "")


def test_guillemets_and_single_quotes(analyze: Analyze) -> None:
    a = analyze("«We will win this case,» lawyer Marc Dubois said. 'It is over,' Judge Ann Wu said.")
    assert [_span(a, c) for c in _kinds(a, "direct")] == ["«We will win this case,»", "'It is over,'"]


def test_scare_quotes_are_not_claims(analyze: Analyze) -> None:
    a = analyze('The company launched its "Total Confidence" programme and a "smart" fridge on Monday.')
    assert a.claims == []


def test_nested_quote_stays_inside(analyze: Analyze) -> None:
    a = analyze("\"He told me 'never again' and left,\" said witness Jo Park.")
    [c] = _kinds(a, "direct")
    assert _span(a, c) == "\"He told me 'never again' and left,\""


def test_according_to(analyze: Analyze) -> None:
    a = analyze("According to Reuters, the talks collapsed on Monday.")
    [c] = a.claims
    assert c.kind == "indirect" and _span(a, c) == "the talks collapsed on Monday"
    assert _speaker(a, c) == "Reuters" and c.cue == "According to"


def test_told_reporters_indirect(analyze: Analyze) -> None:
    a = analyze("Transport director Ken Ito told reporters that the budget gap was smaller than feared.")
    [c] = a.claims
    assert c.kind == "indirect" and _span(a, c) == "the budget gap was smaller than feared"
    assert c.cue == "told reporters" and "Ito" in (_speaker(a, c) or "")


def test_publisher_attribution(analyze: Analyze) -> None:
    a = analyze("The Associated Press reported that three ships had left the port.")
    [c] = a.claims
    assert c.kind == "indirect" and _span(a, c) == "three ships had left the port"
    assert "Associated Press" in (_speaker(a, c) or "")


def test_said_after_clause(analyze: Analyze) -> None:
    a = analyze("Schools across the district will stay closed on Friday, officials said.")
    [c] = a.claims
    assert c.kind == "indirect" and _speaker(a, c) == "officials"
    assert _span(a, c) == "Schools across the district will stay closed on Friday"


def test_mixed_with_its_quoted_part(analyze: Analyze) -> None:
    a = analyze("The minister said the talks were 'productive' but slow.")
    [m] = _kinds(a, "mixed")
    [d] = _kinds(a, "direct")
    assert _span(a, m) == "the talks were 'productive' but slow"
    assert _span(a, d) == "'productive'"
    assert d.speaker is not None and m.speaker is not None and d.speaker.name == m.speaker.name


def test_nominal_speaker_stays_a_mention(analyze: Analyze) -> None:
    a = analyze('"We have extended the invitation," a Foreign Office spokesperson said.')
    [c] = _kinds(a, "direct")
    assert c.speaker is not None
    assert c.speaker.name == "a Foreign Office spokesperson" and c.speaker.entity_id is None


def test_pronoun_speaker_resolved(analyze: Analyze) -> None:
    text = ("Fritz Henderson met the press in New York on Monday. "
            'He said that "the plan will work" and that the company would survive.')
    a = analyze(text)
    [d] = _kinds(a, "direct")
    assert _speaker(a, d) == "He"
    assert d.speaker is not None and d.speaker.name == "Fritz Henderson"
    person = next(e for e in a.entities if e.name == "Fritz Henderson")
    assert d.speaker.entity_id == person.id


def test_pronoun_ambiguous_stays_unresolved(analyze: Analyze) -> None:
    a = analyze("John Smith met Peter Brown in Paris. He said the deal was off.")
    [c] = a.claims
    assert c.speaker is not None and c.speaker.name == "He" and c.speaker.entity_id is None


def test_continued_quote_keeps_speaker(analyze: Analyze) -> None:
    a = analyze('"We are ready," said Anna Berg. "We will talk to anyone."')
    direct = _kinds(a, "direct")
    assert len(direct) == 2
    assert all(c.speaker is not None and "Berg" in c.speaker.name for c in direct)


def test_declined_to_predict_is_no_claim(analyze: Analyze) -> None:
    a = analyze("The chief executive declined to predict when the company would return to profit.")
    assert a.claims == []


def test_boilerplate_blocks_are_skipped(analyze: Analyze, pipeline: Pipeline) -> None:
    a = analyze('Officials said the road was closed.\n\n"We are ready to talk to anyone," said Ann Lee.\n')
    assert [c.kind for c in a.claims] == ["indirect", "direct"]
    for b in a.blocks:
        b.boilerplate = b.start > 0
    claims = extract_claims(a, get_doc(a, pipeline.context))
    assert [c.kind for c in claims] == ["indirect"]
