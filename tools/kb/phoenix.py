"""Parsers for the PETRARCH/Phoenix actor and agent dictionaries (format: README.dictionaries.rst).

Used only by ``tools/kb/build.py`` at build time; the package reads the converted JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE_RE = re.compile(r"\[([^\]\[]*)\]")
_DATE_RANGE_RE = re.compile(r"^(\d{6}|\d{8})-(\d{6}|\d{8})$")
#: six-digit years at or below this are 20yy, above are 19yy (PETRARCH's reading)
_CENTURY_PIVOT = 30


@dataclass
class Restriction:
    code: str
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, inclusive


@dataclass
class ActorBlock:
    phrases: list[str]
    default: str | None
    restrictions: list[Restriction] = field(default_factory=list)
    source: str = ""
    line: int = 0


def norm_phrase(raw: str) -> str:
    """``UNITED_KINGDOM_`` -> ``united kingdom`` (lower case, single spaces)."""
    return " ".join(raw.replace("_", " ").split()).lower()


def parse_date(text: str) -> str:
    """``yymmdd`` or ``yyyymmdd`` -> ISO date; ValueError when it is not a calendar date."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(text)
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= _CENTURY_PIVOT else 1900 + yy
        iso = f"{year:04d}-{text[2:4]}-{text[4:6]}"
    else:
        iso = f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return date.fromisoformat(iso).isoformat()


def parse_code(body: str) -> Restriction | None:
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return Restriction(code)
    spec = parts[1]
    try:
        if spec.startswith("<"):
            return Restriction(code, None, parse_date(spec[1:]))
        if spec.startswith(">"):
            return Restriction(code, parse_date(spec[1:]), None)
        m = _DATE_RANGE_RE.match(spec)
        if m:
            return Restriction(code, parse_date(m.group(1)), parse_date(m.group(2)))
    except ValueError:
        return None
    return None


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        pos = line.find(mark)
        if pos >= 0:
            line = line[:pos]
    return line.rstrip()


def parse_actors(path: Path) -> list[ActorBlock]:
    """Read an actor dictionary into blocks of phrases sharing codes."""
    blocks: list[ActorBlock] = []
    current: ActorBlock | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        codes = [parse_code(m) for m in _CODE_RE.findall(line)]
        text = _CODE_RE.sub(" ", line)
        if line[0] in " \t" and not text.strip():
            # date-restriction line of the current block
            if current is None:
                continue
            _add_codes(current, codes)
            continue
        if line.startswith("+"):
            if current is None:
                continue
            phrase = norm_phrase(text[1:])
            if phrase:
                current.phrases.append(phrase)
            _add_codes(current, codes)
            continue
        phrase = norm_phrase(text)
        if not phrase:
            continue
        current = ActorBlock([phrase], None, source=path.name, line=lineno)
        blocks.append(current)
        _add_codes(current, codes)
    return blocks


def _add_codes(block: ActorBlock, codes: list[Restriction | None]) -> None:
    for c in codes:
        if c is None:
            continue
        if c.start is None and c.end is None:
            block.default = c.code
        else:
            block.restrictions.append(c)


@dataclass
class Agent:
    noun: str
    code: str
    position: str  # "suffix" (~GOV) or "prefix" (NGO~)


_AGENT_RE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]+)[\]}]")


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("s"):
        return word
    return word + "s"


def parse_agents(path: Path) -> list[Agent]:
    """Read the agents dictionary; expands ``!SUBST!`` markers and regular or given plurals."""
    subst: dict[str, list[str]] = {}
    out: list[Agent] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("!") and "=" in line and "[" not in line:
            name, _, values = line.partition("=")
            subst[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        m = _AGENT_RE.match(line)
        if not m:
            continue
        code = m.group("code").strip()
        if "~" not in code:
            continue
        position = "suffix" if code.startswith("~") else "prefix"
        code = code.strip("~")
        phrases = [m.group("phrase")]
        for marker, subs in subst.items():
            phrases = [p.replace(marker, v) for p in phrases for v in (subs if marker in p else [""])]
        plural_spec = m.group("plural")
        for p in phrases:
            noun = norm_phrase(p)
            if not noun:
                continue
            out.append(Agent(noun, code, position))
            if plural_spec is None:
                words = noun.split()
                out.append(Agent(" ".join([*words[:-1], _plural(words[-1])]), code, position))
            else:
                for pl in plural_spec.split():
                    if norm_phrase(pl):
                        out.append(Agent(norm_phrase(pl), code, position))
    return out
