"""Hand-made analysed articles for the corpus tests (no pipeline run)."""

from __future__ import annotations

from newsdesk.model import Actor, Article, Block, Claim, Entity, Event, Flag, Mention, Origin, Speaker, Timex


def analysed(id: str = "a1", *, title: str = "Leaders meet in Singapore", published: str = "2018-06-12",
             body: str = "Trump met Kim in Singapore on Tuesday. The talks were productive, Pompeo said.",
             modality: str = "asserted", source: str = "USAGOV", target: str = "PRKGOV") -> Article:
    text = f"{title}\n\n{body}\n\nTags: summit, nuclear, Kim"
    b0, b1 = len(title) + 2, len(title) + 2 + len(body)
    art = Article(id=id, text=text, origin=Origin("t.jsonl", "jsonl", 1), title=title, published=published)
    art.blocks = [Block("title", 0, len(title), level=1), Block("paragraph", b0, b1),
                  Block("keywords", b1 + 2, len(text), boilerplate=True)]
    k = text.index("Kim")
    art.entities = [Entity("e1", "Kim Jong Un", "PERSON", [Mention(k, k + 3, "Kim")], country="PRK",
                           actor_code="PRKGOV", roles=[{"role": "leader"}])]
    art.timexes = [Timex(0, 5, text[:5], "DATE", published)]
    s_end = text.index(".", b0) + 1
    art.events = [Event("040", Actor("Trump", b0, b0 + 5, "Donald Trump", source),
                        Actor("Kim", k, k + 3, "Kim Jong Un", target), modality, b0, s_end, plover="CONSULT",
                        quad_class=1, goldstein=1.0, date=published, location="Singapore", trigger="met")]
    p = text.find("Pompeo")
    art.claims = [Claim("indirect", s_end + 1, b1, cue="said", speaker=Speaker("Mike Pompeo", p, p + 6))] \
        if p >= 0 else []
    art.flags = [Flag("keyword_stuffing", "medium", b1 + 2, len(text), "keyword list",
                      evidence={"keywords": ["summit", "nuclear"]})]
    art.scores = {"reliability": 0.8}
    art.stages = ["structure", "entities", "time", "events", "claims", "checks", "score"]
    return art
