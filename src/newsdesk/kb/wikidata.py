"""Refresh path: Wikidata SPARQL JSON results -> the package's tenure records.

Run a query such as the one in docs/kb.md on query.wikidata.org, save the JSON result
(``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``) and convert it offline::

    python -m newsdesk.kb.wikidata results.json src/newsdesk/kb/data/officeholders-wikidata.json.gz

The knowledge base loads every ``officeholders-*.json*`` beside the shipped file. Nothing here
touches the network. Expected variables (others are ignored): ``person``, ``personLabel``,
``position`` and/or ``positionLabel``, a country ISO 3166 alpha-3 (``iso3``, ``countryIso3``,
``country_iso3`` or ``country``), ``start`` and ``end`` (xsd:dateTime); optional ``role``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from ._text import fold
from .base import DATA_DIR, _read_json
from .officeholders import tenure_from_record
from .types import ROLES, Tenure

_ISO3_VARS = ("iso3", "countryIso3", "country_iso3", "countryISO3", "country")


def _value(binding: dict[str, Any], name: str) -> str:
    cell = binding.get(name)
    return str(cell.get("value", "")).strip() if isinstance(cell, dict) else ""


def _day(value: str) -> str:
    """``"+2021-12-08T00:00:00Z"`` -> ``"2021-12-08"``."""
    return value.lstrip("+")[:10] if value else ""


def _role(label: str, role_words: dict[str, str]) -> str | None:
    if label in ROLES:
        return label
    low = f" {fold(label)} "
    for phrase in sorted(role_words, key=len, reverse=True):
        if f" {fold(phrase)} " in low:
            return role_words[phrase]
    return None


def convert(data: dict[str, Any], role_words: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Tenure records (the format of ``officeholders.json.gz``) from a SPARQL JSON result."""
    if role_words is None:
        role_words = _read_json(DATA_DIR / "role_words.json")["roles"]
    records: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for b in data.get("results", {}).get("bindings", []):
        name = _value(b, "personLabel")
        start = _day(_value(b, "start"))
        iso3 = next((v for v in (_value(b, k) for k in _ISO3_VARS) if len(v) == 3 and v.isalpha()), "")
        position = _value(b, "positionLabel") or _value(b, "position")
        role = _role(_value(b, "role") or position, role_words)
        if not (name and start and iso3 and role):
            continue
        end = _day(_value(b, "end"))
        person = _value(b, "person")
        qid = person.rsplit("/", 1)[-1] if person else ""
        key = (qid or fold(name), iso3.upper(), role, start)
        if key in records:  # SPARQL repeats rows for each label/qualifier combination
            continue
        records[key] = {
            "name": name,
            "variants": [name],
            "role": role,
            "title": position,
            "iso3": iso3.upper(),
            "country": None,
            "gec": None,
            "principal": True,
            "start": start,
            "start_precision": "day",
            "end": end or None,
            "end_kind": "firm" if end else "open",
            "date_basis": "since",
            "source": f"Wikidata {qid}" if qid else "Wikidata",
            "source_text": f"{name}: {position} ({start} - {end or 'present'})",
        }
    return sorted(records.values(), key=lambda r: (r["iso3"], r["role"], r["start"], r["name"]))


def load_tenures(path: str | Path) -> list[Tenure]:
    """Read a saved SPARQL JSON result file as tenures."""
    return [tenure_from_record(r) for r in convert(json.loads(Path(path).read_text(encoding="utf-8")))]


def write_records(records: list[dict[str, Any]], out: str | Path) -> None:
    data = json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8")
    out = Path(out)
    if out.suffix == ".gz":
        with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
    else:
        out.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m newsdesk.kb.wikidata RESULTS.json OUT.json[.gz]", file=sys.stderr)
        return 2
    records = convert(json.loads(Path(args[0]).read_text(encoding="utf-8")))
    write_records(records, args[1])
    print(f"{len(records)} tenures written to {args[1]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
