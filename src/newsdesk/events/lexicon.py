"""The event-coding data, loaded once per process from ``newsdesk/events/data``.

- :class:`VerbDictionary`: the PETRARCH-2 CAMEO verb patterns (``cameo_verbs.json``, converted
  from ``CAMEO.2.0.txt`` by ``tools/events/convert.py``), indexed by verb lemma;
- :class:`Codebook`: CAMEO -> PLOVER (``plover_categories.json``), Goldstein scores and quad
  classes (``gdelt_lookups.json``);
- :func:`cues`: the modality cue lists and code-combination rules (``cues.json``, ours).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """A data file shipped in ``newsdesk/events/data``."""
    return Path(str(resources.files("newsdesk.events").joinpath("data", name)))


def read_json(name: str) -> Any:
    with data_path(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Group:
    """A noun group of a pattern: head alternatives plus modifier alternatives (all must occur)."""

    terms: tuple[tuple[str, ...], ...]
    mods: tuple[tuple[str, ...], ...] = ()
    prep: tuple[str, ...] = ()
    target: bool = False

    @property
    def size(self) -> int:
        return len(self.terms) + len(self.mods) + (1 if self.prep else 0)


@dataclass(frozen=True, slots=True)
class Pattern:
    pre: tuple[Group, ...]
    post: tuple[Group, ...]
    preps: tuple[Group, ...]
    code: str | None
    reverse: str | None
    verb: str | None

    @property
    def size(self) -> int:
        return sum(g.size for g in (*self.pre, *self.post, *self.preps))


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str | None
    reverse: str | None
    block: int


@dataclass(slots=True)
class Block:
    name: str
    code: str | None
    reverse: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def _group(d: dict[str, Any]) -> Group:
    return Group(terms=tuple(tuple(t) for t in d.get("terms", [])),
                 mods=tuple(tuple(t) for t in d.get("mods", [])),
                 prep=tuple(d.get("prep", [])), target=bool(d.get("target")))


class VerbDictionary:
    """Verb blocks and patterns; :meth:`entries` finds the dictionary verbs for a lemma."""

    def __init__(self, data: dict[str, Any], overrides: dict[str, str] | None = None) -> None:
        overrides = overrides or {}
        self.synsets: dict[str, frozenset[str]] = {
            "&" + k.lstrip("&"): frozenset(v) for k, v in data["synsets"].items()}
        self.blocks: list[Block] = []
        self.by_lemma: dict[str, list[Verb]] = {}
        #: block number -> its compiled pattern index (newsdesk.events.index), filled on demand
        self.compiled: dict[int, Any] = {}
        for i, b in enumerate(data["blocks"]):
            code = b.get("code") or {}
            block = Block(b["name"], overrides.get(b["name"], code.get("code")), code.get("reverse"))
            for v in b["verbs"]:
                has = v.get("has_code")
                verb = Verb(v["lemma"], tuple(v["before"]), tuple(v["after"]),
                            v["code"] if has else block.code, v["reverse"] if has else block.reverse, i)
                block.verbs.append(verb)
                self.by_lemma.setdefault(verb.lemma, []).append(verb)
            for p in b["patterns"]:
                block.patterns.append(Pattern(
                    pre=tuple(_group(g) for g in p["pre"]), post=tuple(_group(g) for g in p["post"]),
                    preps=tuple(_group(g) for g in p["preps"]), code=p["code"], reverse=p["reverse"],
                    verb=p.get("verb")))
            self.blocks.append(block)

    def add_verb(self, block_name: str, lemma: str, after: tuple[str, ...] = (), before: tuple[str, ...] = (),
                 code: str | None = None) -> None:
        """Add a verb (a phrasal verb the dictionary lacks) to a named block."""
        self.compiled.clear()
        i = next(k for k, b in enumerate(self.blocks) if b.name == block_name)
        verb = Verb(lemma, before, after, code or self.blocks[i].code, None, i)
        self.blocks[i].verbs.append(verb)
        self.by_lemma.setdefault(lemma, []).append(verb)

    def entries(self, lemma: str) -> list[Verb]:
        return self.by_lemma.get(lemma.lower(), [])

    def expand(self, alt: str) -> frozenset[str]:
        """A pattern word or ``&SYNSET`` as the set of phrases it stands for."""
        if alt.startswith("&"):
            return self.synsets.get(alt, frozenset())
        return frozenset((alt,))


class Codebook:
    """CAMEO event code -> PLOVER category, quad class, Goldstein score, label."""

    def __init__(self, plover: dict[str, Any], gdelt: dict[str, Any]) -> None:
        self.to_plover: dict[str, str | None] = {k: v["plover"] for k, v in plover["cameo_to_plover"].items()}
        self.entries: dict[str, dict[str, Any]] = dict(plover["cameo_to_plover"])
        self.root_plover: dict[str, str] = {k: str(v[0]) for k, v in plover["cameo_root_to_plover"].items() if v}
        self.goldstein: dict[str, float] = {k: float(v) for k, v in gdelt["goldstein"].items()}
        self.labels: dict[str, str] = dict(gdelt["labels"])
        self.quad_by_root: dict[str, int] = {k: int(v) for k, v in gdelt["quad_class_by_root"].items()}
        self.categories = {c["name"]: c for c in plover["categories"]}

    def plover(self, code: str) -> str | None:
        for key in (code, code[:3], code[:2]):
            if key in self.to_plover:
                return self.to_plover[key]
        return self.root_plover.get(code[:2])

    def plover_entry(self, code: str) -> dict[str, Any] | None:
        """The CAMEO->PLOVER row (plover, mode, context, cameo_label) of a code or its base code."""
        return self.entries.get(code) or self.entries.get(code[:3])

    def quad_class(self, code: str) -> int | None:
        return self.quad_by_root.get(code[:2])

    def goldstein_of(self, code: str) -> float | None:
        for key in (code, code[:3], code[:2]):
            if key in self.goldstein:
                return self.goldstein[key]
        return None

    def label(self, code: str) -> str | None:
        return self.labels.get(code) or self.labels.get(code[:3])


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The verb patterns with our additions (built once, then loaded from the compiled cache)."""
    from ..cache import cached

    return cached("events-verbs", [data_path("cameo_verbs.json"), data_path("cues.json")], _build_verb_dictionary)


def _build_verb_dictionary() -> VerbDictionary:
    over = {k: v for k, v in cues().get("block_code_overrides", {}).items() if k != "about"}
    vd = VerbDictionary(read_json("cameo_verbs.json"), over)
    for v in cues().get("verb_additions", {}).get("verbs", []):
        vd.add_verb(v["block"], v["lemma"], tuple(v.get("after", ())), tuple(v.get("before", ())), v.get("code"))
    from .index import compile_all

    vd.compiled = compile_all(vd)  # every block's pattern index, kept in the cache with the patterns
    return vd


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    return Codebook(read_json("plover_categories.json"), read_json("gdelt_lookups.json"))


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    data: dict[str, Any] = read_json("cues.json")
    return data


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    return tuple(line.strip() for line in read_text("gdelt2_export_columns.txt").splitlines() if line.strip())
