"""Pipe tables in scraped text: ``| a | b |`` rows, with or without a ``|---|`` rule line.

Cells are stripped of surrounding spaces but otherwise kept as written (``March 3,2021`` stays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Unit

_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$|^\s*:?={2,}:?\s*$")
_DIGIT = re.compile(r"\d")


def split_cells(row: str) -> list[tuple[int, int]]:
    """Cell spans (relative to ``row``) of one pipe row; outer pipes optional, ``\\|`` is not a separator."""
    s, e = 0, len(row)
    while s < e and row[s].isspace():
        s += 1
    while e > s and row[e - 1].isspace():
        e -= 1
    if s < e and row[s] == "|":
        s += 1
    if e > s and row[e - 1] == "|" and (e - 2 < s or row[e - 2] != "\\"):
        e -= 1
    spans: list[tuple[int, int]] = []
    cs = s
    i = s
    while i <= e:
        if i == e or (row[i] == "|" and (i == 0 or row[i - 1] != "\\")):
            a, b = cs, i
            while a < b and row[a].isspace():
                a += 1
            while b > a and row[b - 1].isspace():
                b -= 1
            spans.append((a, b))
            cs = i + 1
        i += 1
    return spans


def pipe_cells(u: Unit) -> int:
    """Number of cells if the unit reads as a pipe row (0 if not)."""
    if u.masked.count("|") < 2:
        return 0
    return len(split_cells(u.masked))


def is_rule_row(u: Unit) -> bool:
    cells = split_cells(u.masked)
    return bool(cells) and "|" in u.masked and all(_RULE_CELL.match(u.masked[a:b] or "--") for a, b in cells)


@dataclass(slots=True)
class TableRun:
    units: list[Unit]
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_spans: list[tuple[int, int]] = field(default_factory=list)


def _cells_text(u: Unit, text: str) -> list[str]:
    if u.had_residue:
        return [" ".join(u.masked[a:b].split()) for a, b in split_cells(u.masked)]
    return [text[u.start + a:u.start + b] for a, b in split_cells(u.masked)]


def _looks_header(first: list[str], rest: list[list[str]]) -> bool:
    if not first or not all(c.strip() for c in first):
        return False
    if any(_DIGIT.search(c) or len(c.split()) > 5 or c.rstrip().endswith((".", ",", ";")) for c in first):
        return False
    if not rest:
        return False
    if any(_DIGIT.search(c) for r in rest for c in r):
        return True
    head_len = sum(len(c) for c in first) / len(first)
    body = [c for r in rest for c in r if c]
    return bool(body) and head_len < sum(len(c) for c in body) / len(body)


def find_tables(units: list[Unit], text: str) -> list[TableRun]:
    """Runs of pipe rows: two rows or more, or one row and a rule; leading-pipe rows, or rows of equal width."""
    runs: list[TableRun] = []
    i = 0
    n = len(units)
    while i < n:
        if units[i].kind is not None or pipe_cells(units[i]) < 2:
            i += 1
            continue
        width = pipe_cells(units[i])
        strict = units[i].masked.strip().startswith("|")
        j = i + 1
        while j < n and units[j].kind is None and not units[j].blank_before:
            w = pipe_cells(units[j])
            if w < 2 and not is_rule_row(units[j]):
                break
            if not strict and w != width and not is_rule_row(units[j]):
                break
            j += 1
        run = units[i:j]
        rules = [u for u in run if is_rule_row(u)]
        data = [u for u in run if not is_rule_row(u)]
        if not data or (len(data) < 2 and not rules) or (len(run) == len(rules)):
            i = j if j > i + 1 else i + 1
            continue
        cells = [_cells_text(u, text) for u in data]
        t = TableRun(run)
        has_rule_after_first = len(run) > 1 and is_rule_row(run[1]) and not is_rule_row(run[0])
        if has_rule_after_first or _looks_header(cells[0], cells[1:]):
            t.header, t.rows = cells[0], cells[1:]
        else:
            t.rows = cells
        t.row_spans = [(u.start, u.end) for u in data]
        runs.append(t)
        i = j
    return runs
