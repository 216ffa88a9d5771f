"""Varied short articles made from the bundled examples, and a light stage that fills every table.

For volume tests: the default pipeline (spaCy) is slow, so ``synth_parts`` adds entities, events,
claims, flags and scores by simple rules over the text (countries named in a sentence make an
event, "not" negates it, "said" makes a claim). ``python -m tests.corpus.synth OUT.jsonl N`` writes
a corpus of N articles.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from newsdesk.corpus.ask import sentence_spans
from newsdesk.model import Actor, Article, Claim, Entity, Event, Flag, Mention, Speaker, Timex
from newsdesk.pipeline import Context
from newsdesk.registry import stages

ROOT = Path(__file__).resolve().parents[2]
STAGES = ["structure", "synth_parts"]

ACTORS = {"United States": "USA", "Washington": "USAGOV", "North Korea": "PRK", "Pyongyang": "PRKGOV",
          "South Korea": "KOR", "Seoul": "KORGOV", "Japan": "JPN", "China": "CHN", "Beijing": "CHNGOV",
          "Russia": "RUS", "Singapore": "SGP"}
_ACTOR_RE = re.compile("|".join(sorted(map(re.escape, ACTORS), key=len, reverse=True)))
_TEMPLATES = [
    "{a} and {b} held talks in {place} on {day}, officials said.",
    "{a} did not meet {b} in {place} on {day}, a spokesman said.",
    "Officials from {a} met counterparts from {b} in {place} on {day}.",
    "{a} said it would not send a delegation to {b} before {day}.",
    "{a} accused {b} of delaying the talks, according to state media.",
]
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PLACES = ["Singapore", "Hanoi", "Panmunjom", "Geneva", "Beijing"]


def sentence_pool() -> list[str]:
    """Body sentences of the bundled examples (plain text and wire briefs)."""
    texts = []
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            texts.extend(json.loads(line).get("text") or "" for line in path.read_text(encoding="utf-8").splitlines()
                         if line.strip())
    pool = []
    for text in texts:
        for para in text.split("\n\n"):
            if re.search(r"[#|<>*\[\]]", para):
                continue
            for s, e in sentence_spans(para, 0, len(para)):
                sent = " ".join(para[s:e].split())
                if 8 <= len(sent.split()) <= 45 and sent[-1] in ".!?\"":
                    pool.append(sent)
    return sorted(set(pool))


def records(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pool = sentence_pool()
    names = sorted(ACTORS)
    out = []
    for i in range(n):
        a, b = rng.sample(names, 2)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        published = f"2018-{month:02d}-{day:02d}"
        lead = rng.choice(_TEMPLATES).format(a=a, b=b, place=rng.choice(_PLACES), day=f"{published}")
        body = [lead, *rng.sample(pool, rng.randint(2, 4))]
        paras = [" ".join(body[:2]), " ".join(body[2:])]
        if i % 9 == 0:
            paras.append("Tags: summit, talks, nuclear, summit talks")
        title = f"{a} and {b}: {rng.choice(['talks', 'summit', 'statement', 'dispute'])} ({i})"
        out.append({"id": f"syn-{i:05d}", "title": title, "published": published,
                    "text": title + "\n\n" + "\n\n".join(paras)})
    return out


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records(n, seed):
            fh.write(json.dumps(rec) + "\n")
    return path


def synth_parts(article: Article, context: Context) -> Article:
    text = article.text
    ents: dict[str, Entity] = {}
    for m in _ACTOR_RE.finditer(text):
        ent = ents.setdefault(m[0], Entity(f"e{len(ents) + 1}", m[0], "GPE", actor_code=ACTORS[m[0]],
                                           country=ACTORS[m[0]][:3]))
        ent.mentions.append(Mention(m.start(), m.end(), m[0]))
    article.entities = list(ents.values())
    article.timexes = [Timex(m.start(), m.end(), m[0], "DATE", m[0]) for m in _ISO_DATE.finditer(text)]
    for block in article.blocks:
        if text[block.start:block.end].startswith("Tags:"):
            article.flags.append(Flag("keyword_stuffing", "low", block.start, block.end, "a keyword list",
                                      evidence={"words": text[block.start + 6:block.end].split(", ")}))
            continue
        if block.kind != "paragraph" or block.boilerplate:
            continue
        for s, e in sentence_spans(text, block.start, block.end):
            sentence = text[s:e]
            found = [(m.start() + s, m.end() + s, m[0]) for m in _ACTOR_RE.finditer(sentence)]
            parties = list({name: (a, b, name) for a, b, name in found}.values())
            if len(parties) >= 2:
                (a0, a1, an), (b0, b1, bn) = parties[:2]
                negated = re.search(r"\b(not|never)\b|n't", sentence) is not None
                code = "040" if re.search(r"\b(met|meet|talks)\b", sentence) else "010"
                article.events.append(Event(code, Actor(an, a0, a1, an, ACTORS[an]), Actor(bn, b0, b1, bn, ACTORS[bn]),
                                            "negated" if negated else "asserted", s, e,
                                            plover="CONSULT" if code == "040" else None,
                                            quad_class=1, goldstein=1.0, date=article.published,
                                            location=next((p for p in _PLACES if p in sentence), None),
                                            trigger="met" if code == "040" else "said"))
            said = sentence.find(" said")
            if said > 0:
                speaker = parties[0] if parties else None
                article.claims.append(Claim("indirect", s, e, cue="said", speaker=Speaker(
                    speaker[2], speaker[0], speaker[1]) if speaker else None))
    article.scores = {"reliability": round(1.0 - 0.1 * len(article.flags), 3)}
    return article


def register() -> None:
    if "synth_parts" not in stages:
        stages.add("synth_parts", synth_parts, requires=("text", "blocks"),
                   provides=("entities", "timexes", "events", "claims", "flags", "scores"))


if __name__ == "__main__":  # pragma: no cover
    write_jsonl(Path(sys.argv[1]), int(sys.argv[2]))
