"""Factbook office-holder rows -> the package's tenure records (build time only).

What this does to the CSV rows, and nothing more:
- strips title words the parser left at the front of a name (title_prefixes.txt);
- merges re-dated duplicate rows of the same person in the same office (same country and role,
  starting within ``merge_tolerance_days`` of each other or overlapping);
- turns each span's end into one of: ``open`` (listed at the last snapshot), ``firm`` (the
  successor's start), ``gap`` (end_gap: the transition was not followed) or ``unattested`` (no
  successor found); the last two carry an explicit uncertain interval, never a guessed end.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

AMBASSADOR_ROLES = {"ambassador_to_us", "us_ambassador_to"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace(".", " ").replace(",", " ").split())


def _iso(value: str) -> tuple[str, str]:
    """('2011-04', ...) -> ('2011-04-01', 'month'); '' -> ('', '')."""
    value = value.strip()
    if not value:
        return "", ""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", "year"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01", "month"
    return value, "day"


def _d(value: str) -> date:
    return date.fromisoformat(value)


def clean_name(name: str, prefixes: list[str]) -> tuple[str, str]:
    """Strip a leading title; returns (name, stripped title or '')."""
    low = name.lower()
    for p in prefixes:
        if low.startswith(p.lower() + " ") and len(name) > len(p) + 2:
            return name[len(p) + 1:].strip(), p
    return name, ""


def _tokens(name: str) -> list[str]:
    return [t for t in fold(name).replace("-", " ").split() if len(t) > 1]


def same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    fa = {fold(v) for v in a["variants"]}
    fb = {fold(v) for v in b["variants"]}
    if fa & fb:
        return True
    ta, tb = _tokens(a["name"]), _tokens(b["name"])
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    return ta[0] == tb[0] or set(ta) <= set(tb) or set(tb) <= set(ta) or a["start"] == b["start"]


def _snapshot_holes(rows: list[dict[str, str]], coverage_end: str, hole_days: int) -> list[tuple[str, str]]:
    dates = sorted({r[k] for r in rows for k in ("first_seen", "last_seen", "end_upper_bound")
                    if r[k] and r[k] <= coverage_end})
    return [(a, b) for a, b in pairwise(dates) if (_d(b) - _d(a)).days > hole_days]


def _row_record(i: int, r: dict[str, str], gec_iso: dict[str, str], prefixes: list[str]) -> dict[str, Any]:
    name, stripped = clean_name(r["name"], prefixes)
    variants = [clean_name(v.strip(), prefixes)[0] for v in r["name_variants"].split("|") if v.strip()]
    start, precision = _iso(r["start"])
    end_inferred, _ = _iso(r["end_inferred"])
    return {
        "iso3": gec_iso.get(r["gec"]),
        "gec": r["gec"],
        "country": r["country"] if r["country"] not in ("", "none") else None,
        "role": r["role"],
        "principal": r["is_principal"] == "1",
        "title": r["title"] or stripped,
        "name": name,
        "variants": list(dict.fromkeys([name, *variants])),
        "start": start,
        "start_raw": r["start_raw"],
        "start_precision": precision,
        "end_inferred": end_inferred,
        "upper_bound": r["end_upper_bound"],
        "current": r["status_at_last_snapshot"] == "current",
        "first_seen": r["first_seen"],
        "last_seen": r["last_seen"],
        "source_text": r["source_text"],
        "source_rows": [i + 2],  # line in the CSV (header is line 1)
    }


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    latest = other if other["last_seen"] >= into["last_seen"] else into
    starts = sorted({into["start"], other["start"], *into.get("start_alternatives", [])})
    max_start = max(into["start"], other["start"])
    ends = [e for e in (into["end_inferred"], other["end_inferred"]) if e and e > max_start]
    into.update({
        "name": latest["name"],
        "title": latest["title"] or into["title"] or other["title"],
        "principal": into["principal"] or other["principal"],
        "variants": list(dict.fromkeys([latest["name"], *into["variants"], *other["variants"]])),
        "start": starts[0],
        "start_raw": into["start_raw"] if into["start"] <= other["start"] else other["start_raw"],
        "start_alternatives": starts[1:],
        "end_inferred": max(ends) if ends else "",
        "upper_bound": "" if (into["current"] or other["current"]) else max(into["upper_bound"], other["upper_bound"]),
        "current": into["current"] or other["current"],
        "first_seen": min(into["first_seen"], other["first_seen"]),
        "last_seen": max(into["last_seen"], other["last_seen"]),
        "source_text": latest["source_text"],
        "source_rows": sorted(into["source_rows"] + other["source_rows"]),
    })


def _end_bound(rec: dict[str, Any], coverage_end: str) -> str:
    return str(rec["end_inferred"] or rec["upper_bound"] or rec["last_seen"] or coverage_end)


def build_tenures(rows: list[dict[str, str]], gec_iso: dict[str, str], params: dict[str, Any],
                  prefixes: list[str]) -> list[dict[str, Any]]:
    coverage_end = params["coverage_end"]
    tol = params["merge_tolerance_days"]
    lag = timedelta(days=params["gap_lag_days"])
    holes = _snapshot_holes(rows, coverage_end, params["snapshot_hole_days"])
    prefixes = sorted(prefixes, key=len, reverse=True)

    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    order = sorted(enumerate(rows), key=lambda ir: (ir[1]["gec"], ir[1]["role"], _iso(ir[1]["start"])[0],
                                                     ir[1]["first_seen"], ir[0]))
    for i, r in order:
        rec = _row_record(i, r, gec_iso, prefixes)
        if not rec["start"]:
            continue
        group = groups.setdefault((r["gec"], r["role"]), [])
        for prev in reversed(group):
            close = abs((_d(rec["start"]) - _d(prev["start"])).days) <= tol
            if same_person(prev, rec) and (close or rec["start"] <= _end_bound(prev, coverage_end)):
                _merge(prev, rec)
                break
        else:
            group.append(rec)

    out: list[dict[str, Any]] = []
    for (_, role), recs in sorted(groups.items()):
        for rec in recs:
            _finish(rec, recs, role, coverage_end, lag, holes)
            out.append(rec)
    return out


def _successors(rec: dict[str, Any], group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Principal holders of the same office who were first listed once this one was no longer listed."""
    if not rec["principal"]:
        return []
    return [o for o in group if o is not rec and o["principal"] and o["first_seen"] >= rec["last_seen"]]


def _finish(rec: dict[str, Any], group: list[dict[str, Any]], role: str, coverage_end: str,
            lag: timedelta, holes: list[tuple[str, str]]) -> None:
    end_inferred, upper = rec.pop("end_inferred"), rec.pop("upper_bound")
    current = rec.pop("current")
    rec["date_basis"] = "credentials" if role in AMBASSADOR_ROLES else "since"
    rec["end"] = None
    rec["uncertain_from"] = None
    rec["uncertain_to"] = None
    rec["end_upper_bound"] = upper or None
    if current:
        rec["end_kind"] = "open"
        return
    gap = bool(end_inferred and upper and end_inferred > upper)
    if end_inferred and not gap:
        rec["end_kind"] = "firm"
        rec["end"] = end_inferred
        return
    if gap:
        rec["end_kind"] = "gap"
        frm = _d(rec["last_seen"]) - lag
        crossed = [before for before, after in holes if rec["first_seen"] < after <= rec["last_seen"]]
        if crossed:  # listed again after a stretch without snapshots: only the listing before it counts
            frm = min(frm, _d(crossed[-1]))
        frm_s = max(frm.isoformat(), rec["start"])
        to = max(end_inferred, upper)
        later = sorted(o["start"] for o in _successors(rec, group) if o["start"] > frm_s)
        if later:
            to = min(to, later[0])
        rec["uncertain_from"], rec["uncertain_to"] = frm_s, max(to, frm_s)
        return
    rec["end_kind"] = "unattested"
    frm_s = max(rec["last_seen"] or rec["start"], rec["start"])
    frm_s = min([frm_s, *(o["start"] for o in _successors(rec, group) if o["start"] > rec["start"])])
    rec["uncertain_from"] = frm_s
    rec["uncertain_to"] = max(upper or coverage_end, rec["uncertain_from"])
