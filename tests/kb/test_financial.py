"""The KB's financial names: stock-market indices and ISO 4217 currencies."""

from __future__ import annotations

import re

from newsdesk.kb.financial import load_financial


def test_indices_have_unique_keys_and_names() -> None:
    fin = load_financial()
    keys = [i.key for i in fin.indices]
    assert len(keys) == len(set(keys))
    assert all(i.names for i in fin.indices)
    owners: dict[str, set[str]] = {}
    for i in fin.indices:
        for n in (*i.names, *i.ambiguous):
            owners.setdefault(n.casefold(), set()).add(i.key)
    assert all(len(keys) == 1 for keys in owners.values()), "one form names one index"


def test_currencies_are_iso_4217_codes() -> None:
    fin = load_financial()
    codes = [c.code for c in fin.currencies]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert {"USD", "EUR", "JPY", "GBP"} <= set(codes)
    assert all(b.islower() for c in fin.currencies for b in c.bare)
