"""A small fabricated corpus of analysis objects (contract shape) for the briefing tests.

Everything here is invented for the tests: the people (Ann Lee, Bo Park), the outlets and the
events. Country codes are real so that the knowledge base can name them.
"""

from __future__ import annotations

from typing import Any

HOSTILE = "<script>alert('x')</script>"


class Builder:
    """Builds one analysis object; spans are found by searching the text for the phrases given."""

    def __init__(self, id: str, title: str, published: str, *, source: str | None = "Wire One",
                 url: str | None = None, reliability: float = 0.85) -> None:
        self.id, self.title = id, title
        self.meta = {"published": published, "source": source, "url": url or f"https://example.org/{id}"}
        self.parts: list[tuple[str, str, bool]] = [("title", title, False)]
        self.events: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.flags: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []
        self.reliability = reliability
        self._pending: list[tuple[str, Any]] = []

    def para(self, text: str, kind: str = "paragraph", boilerplate: bool = False) -> Builder:
        self.parts.append((kind, text, boilerplate))
        return self

    def person(self, name: str, country: str, mention: str) -> Builder:
        self._pending.append(("person", (name, country, mention)))
        return self

    def event(self, sentence: str, plover: str | None, code: str, modality: str = "asserted",
              source: str | None = None, target: str | None = None, date: str | None = None,
              goldstein: float = 3.0) -> Builder:
        self._pending.append(("event", (sentence, plover, code, modality, source, target, date, goldstein)))
        return self

    def claim(self, content: str, speaker: str, kind: str = "direct", cue: str = "said") -> Builder:
        self._pending.append(("claim", (content, speaker, kind, cue)))
        return self

    def flag(self, phrase: str, kind: str, severity: str, message: str, evidence: dict[str, Any]) -> Builder:
        self._pending.append(("flag", (phrase, kind, severity, message, evidence)))
        return self

    def build(self) -> dict[str, Any]:
        text, blocks = "", []
        for kind, part, bp in self.parts:
            if text:
                text += "\n\n"
            blocks.append({"kind": kind, "start": len(text), "end": len(text) + len(part), "boilerplate": bp})
            text += part

        def span(phrase: str) -> tuple[int, int]:
            i = text.index(phrase)
            return i, i + len(phrase)

        ents: dict[str, str] = {}
        for what, args in self._pending:
            if what == "person":
                name, country, mention = args
                eid = f"e{len(self.entities) + 1}"
                a, b = span(mention)
                self.entities.append({"id": eid, "name": name, "type": "PERSON", "kb_id": f"person:{name}",
                                      "country": country, "actor_code": country + "GOV", "roles": [],
                                      "mentions": [{"start": a, "end": b, "text": mention, "kind": "name"}]})
                ents[name] = eid
            elif what == "event":
                sentence, plover, code, modality, src, tgt, date, g = args
                a, b = span(sentence)
                self.events.append({
                    "code": code, "plover": plover, "quad_class": 1, "goldstein": g,
                    "source": {"text": src or "", "name": None, "code": src, "entity_id": None, "start": a,
                               "end": a + 1} if src else None,
                    "target": {"text": tgt or "", "name": None, "code": tgt, "entity_id": None, "start": a,
                               "end": a + 1} if tgt else None,
                    "date": date or self.meta["published"], "location": None, "modality": modality,
                    "start": a, "end": b, "trigger": "met", "confidence": 0.7})
            elif what == "claim":
                content, speaker, kind, cue = args
                a, b = span(content)
                sa, sb = span(speaker.split()[-1])
                self.claims.append({"kind": kind, "start": a, "end": b, "cue": cue,
                                    "speaker": {"name": speaker, "entity_id": ents.get(speaker), "start": sa,
                                                "end": sb}})
            else:
                phrase, kind, severity, message, evidence = args
                a, b = span(phrase)
                self.flags.append({"kind": kind, "severity": severity, "start": a, "end": b, "message": message,
                                   "evidence": evidence})
        return {"schema": "newsdesk.analysis/1",
                "article": {"id": self.id, "url": self.meta["url"], "source": self.meta["source"],
                            "title": self.title, "published": self.meta["published"], "author": None,
                            "language": "en", "text": text},
                "blocks": blocks, "tables": [], "faq": [], "keywords": [], "keyword_spans": [],
                "entities": self.entities, "timexes": [], "events": self.events, "claims": self.claims,
                "flags": self.flags, "scores": {"reliability": self.reliability},
                "provenance": {"input": f"fixtures/{self.id}", "format": "jsonl", "stages": ["structure"]}}


def analyses() -> list[tuple[dict[str, Any], str]]:
    """(analysis, story id) pairs: a summit story (s1), an earlier summit (s0), a cup final (s2)."""
    a = (Builder("lee-park-geneva", "Lee and Park hold summit in Geneva", "2020-01-10")
         .para("Ann Lee and Bo Park met in Geneva on Friday for a summit on fishing rights and border crossings.")
         .para("The two leaders agreed to set up a joint commission on fishing quotas within a month.")
         .para("“We will meet again in March, and we will bring answers,” Lee told reporters after the talks.")
         .para("The two leaders will meet again in Seoul in March to sign the final agreement.")
         .para("Park rejected calls to cut the quotas before the commission reports back to both sides.")
         .para("Subscribe to our newsletter for summit updates about Lee and Park every single day.",
               kind="boilerplate", boilerplate=True)
         .person("Ann Lee", "USA", "Ann Lee").person("Bo Park", "KOR", "Bo Park")
         .event("Ann Lee and Bo Park met in Geneva on Friday", "CONSULT", "040", "asserted", "USAGOV", "KORGOV",
                "2020-01-10")
         .event("The two leaders agreed to set up a joint commission", "AGREE", "030", "asserted", "USA", "KOR")
         .event("The two leaders will meet again in Seoul in March", "CONSULT", "036", "planned", "USA", "KOR",
                "2020-03")
         .event("Park rejected calls to cut the quotas", "REJECT", "120", "asserted", "KORGOV", "USA",
                goldstein=-4.0)
         .claim("“We will meet again in March, and we will bring answers,”", "Ann Lee")
         .build())
    b = (Builder("hostile-copy", f"{HOSTILE} Lee and Park summit copy", "2020-01-11", source=f"Bad {HOSTILE} Site",
                 url="javascript:alert(1)", reliability=0.3)
         .para("President Lee met Park at the summit <img src=x onerror=alert(1)> to talk about fishing rights "
               "in Geneva.")
         .para("Officials said the summit in Geneva produced a joint commission on fishing quotas for both.")
         .flag("President Lee", "anachronism", "high", f"'President Lee' was not in office {HOSTILE}",
               {"name": "Ann Lee", "note": HOSTILE})
         .flag("fishing", "typo", "low", "a harmless low flag", {"suggestion": "fishing"})
         .build())
    a2 = (Builder("geneva-reaction", "Fishing groups welcome Geneva summit", "2020-01-10", source="Wire Four",
                  reliability=0.8)
          .para("Fishing groups in both countries welcomed the summit between Lee and Park in Geneva on Friday.")
          .build())
    c = (Builder("lee-park-oslo", "Lee and Park meet in Oslo", "2019-06-02", source="Wire Two")
         .para("Ann Lee and Bo Park met in Oslo on Saturday, their first summit, and talked for two hours.")
         .person("Ann Lee", "USA", "Ann Lee").person("Bo Park", "KOR", "Bo Park")
         .event("Ann Lee and Bo Park met in Oslo on Saturday", "CONSULT", "040", "asserted", "USA", "KOR",
                "2019-06-01")
         .build())
    d = (Builder("oslo-recap", "Recap: the Oslo summit", "2019-06-03", source="Wire Three")
         .para("Lee and Park met in Oslo at the weekend for their first summit, officials in both capitals said.")
         .event("Lee and Park met in Oslo at the weekend", "CONSULT", "040", "asserted", "USA", "KOR", "2019-06-01")
         .build())
    e = (Builder("cup-final", "Rovers win the cup final", "2020-01-12", source="Sports Desk")
         .para("Rovers beat United 2-1 in the cup final on Sunday in front of a full stadium of fans.")
         .build())
    return [(a, "s1"), (b, "s1"), (a2, "s1"), (c, "s0"), (d, "s0"), (e, "s2")]
