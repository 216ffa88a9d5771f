"""Convert ../shared/data (and the pinned ``countryinfo`` package's data) into src/newsdesk/kb/data/.

Run from the repository root:  .venv/bin/python tools/kb/build.py [--shared ../shared]

Outputs (deterministic, so a re-run on the same inputs changes nothing):
  countries.json.gz     countries: names, demonyms, capital, ISO codes, CAMEO code, GEC codes
  gec.tsv               Factbook GEC -> ISO 3166 alpha-3, with how each was resolved
  officeholders.json.gz heads of state/government and ambassadors, merged and with certainty
  cameo.json.gz         Phoenix actor phrases -> codes (date restrictions kept) and agent nouns
  igos.json             international organisations with CAMEO codes
  meta.json             coverage dates and certainty parameters
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from officeholders import build_tenures  # noqa: E402
from phoenix import ActorBlock, norm_phrase, parse_actors, parse_agents  # noqa: E402

ROOT = HERE.parent.parent
OUT = ROOT / "src" / "newsdesk" / "kb" / "data"
ACTOR_FILES = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]
DEMONYM_SUFFIXES = ("an", "ian", "ese", "ish", "i", "ic", "ot", "ean", "ene", "ite")


def _write_json_gz(path: Path, obj: Any) -> None:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_countryinfo() -> list[dict[str, Any]]:
    import countryinfo

    base = Path(countryinfo.__file__).parent / "data"
    seen: dict[str, dict[str, Any]] = {}
    for path in sorted(base.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if info.get("name") and iso3 and iso3 not in seen:
            seen[iso3] = info
    return [seen[k] for k in sorted(seen)]


def fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("_", " ").lower().split())


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _is_demonym(phrase: str, names: list[str]) -> bool:
    """A Phoenix synonym that reads as an adjective of one of the country's names ("pakistani")."""
    words = phrase.split()
    if len(words) != 1 or not phrase.replace(" ", "").replace("-", "").isalpha():
        return False
    last = words[-1]
    short_ch = last.endswith("ch") and len(last) <= 6  # French, Dutch, Czech
    if phrase in names or not (last.endswith(DEMONYM_SUFFIXES) or short_ch):
        return False
    if any(_distance(phrase, n) <= 3 for n in names):  # a misspelt name, not an adjective
        return False
    return any(len(n.split()[-1]) >= 4 and last[:4] == n.split()[-1][:4] for n in names)


def _country_code(b: ActorBlock) -> str | None:
    if b.default:
        return b.default if len(b.default) == 3 else None
    open_ended = [r.code for r in b.restrictions if r.end is None and len(r.code) == 3]
    return open_ended[-1] if open_ended else None


def build_countries(blocks: list[ActorBlock],
                    extra: list[tuple[str, str]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Countries from countryinfo (ISO, name, capital, demonym) + Phoenix (names, adjectives, code).

    ``extra`` lists (iso3, name) pairs the GEC overrides need that countryinfo lacks (Kosovo).
    """
    by_code: dict[str, list[ActorBlock]] = {}
    for b in blocks:
        code = _country_code(b) if b.source == "Phoenix.Countries.actors.txt" else None
        if code:
            by_code.setdefault(code, []).append(b)
    phrase_code: dict[str, str] = {}
    for code, bs in by_code.items():
        for b in bs:
            for p in b.phrases:
                phrase_code.setdefault(p, code)
    infos = load_countryinfo()
    known = {i["ISO"]["alpha3"] for i in infos}
    infos += [{"name": name, "ISO": {"alpha3": iso3}} for iso3, name in extra if iso3 not in known]
    out = []
    for info in infos:
        iso3 = info["ISO"]["alpha3"]
        names = [info["name"], *[a for a in info.get("altSpellings") or [] if len(a) > 3]]
        folded = [fold(n) for n in names]
        cameo = iso3 if iso3 in by_code else next((phrase_code[n] for n in folded if n in phrase_code), None)
        pblocks = by_code.get(cameo or "", [])
        main = [b for b in pblocks if set(b.phrases) & set(folded)] or pblocks[:1]
        primary = [b.phrases[0] for b in main]
        demonyms = [d.strip() for d in (info.get("demonym") or "").replace("/", ",").split(",") if d.strip()]
        for b in main:
            for p in b.phrases:
                if _is_demonym(p, folded) and fold(p) not in {fold(d) for d in demonyms}:
                    demonyms.append(p.title())
        own = [p.title() for p in primary] if cameo == iso3 else []
        alt = sorted({*names[1:], *own} - {info["name"]})
        out.append({
            "iso3": iso3,
            "iso2": info["ISO"].get("alpha2"),
            "name": info["name"],
            "alt_names": alt,
            "demonyms": demonyms,
            "capital": _first(info.get("capital")),
            "cameo": cameo,
            "gec": [],
        })
    return out, phrase_code


def _first(value: Any) -> str | None:
    """countryinfo has a few list values (Vatican City's capital); keep the first string."""
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


def _name_keys(name: str) -> list[str]:
    """Spellings to try for a country name: as is, without 'The', parenthesised parts split off."""
    base = fold(name)
    keys = [base, base.removeprefix("the "), base.removeprefix("republic of ")]
    if "(" in base:
        head, _, rest = base.partition("(")
        keys += [head.strip(), rest.rstrip(")").strip()]
    return [k for k in dict.fromkeys(keys) if k]


def read_overrides() -> dict[str, tuple[str, str, str]]:
    overrides: dict[str, tuple[str, str, str]] = {}
    with open(HERE / "gec_overrides.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            overrides[r["gec"]] = (r["iso3"], r["name"], r["note"])
    return overrides


def build_gec(rows: list[dict[str, str]], countries: list[dict[str, Any]],
              phrase_code: dict[str, str]) -> list[list[str]]:
    """GEC -> ISO3 from the CSV's country names; the overrides table only where names cannot resolve."""
    overrides = read_overrides()
    name_index: dict[str, str] = {}
    cameo_to_iso = {c["cameo"]: c["iso3"] for c in countries if c["cameo"]}
    for field in ("name", "alt_names"):
        for c in countries:
            for n in [c[field]] if field == "name" else c[field]:
                for key in _name_keys(n):
                    name_index.setdefault(key, c["iso3"])
    gec_names: dict[str, str] = {}
    for r in rows:
        gec_names.setdefault(r["gec"], r["country"])
    table = []
    for gec in sorted(gec_names):
        name = gec_names[gec]
        if gec in overrides:
            iso3, _, note = overrides[gec]
            table.append([gec, name, iso3, "override", note])
            continue
        iso3 = ""
        for key in _name_keys(name):
            iso3 = name_index.get(key) or cameo_to_iso.get(phrase_code.get(key, ""), "")
            if iso3:
                break
        table.append([gec, name, iso3, "name" if iso3 else "unresolved", ""])
    return table


def build_cameo(blocks: list[ActorBlock], agents_path: Path) -> dict[str, Any]:
    actors = []
    for b in blocks:
        if not b.default and not b.restrictions:
            continue
        restr = [[r.code, r.start or "", r.end or ""] for r in b.restrictions]
        for p in b.phrases:
            actors.append([p, b.default or "", restr, f"{b.source}:{b.line}"])
    agents: dict[str, list[str]] = {}
    for a in parse_agents(agents_path):
        agents.setdefault(a.noun, [a.code, a.position])
    return {"actors": actors, "agents": [[k, *v] for k, v in sorted(agents.items())]}


def build_igos(blocks: list[ActorBlock]) -> list[dict[str, Any]]:
    index: dict[str, str] = {}
    for b in blocks:
        if b.source == "Phoenix.International.actors.txt" and b.default:
            for p in b.phrases:
                index.setdefault(p, b.default)
    out = []
    with open(HERE / "igos.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            phrase = norm_phrase(r["phoenix_phrase"] or "")
            code = index.get(phrase) if phrase else None
            if phrase and code is None:
                raise SystemExit(f"igos.tsv: {r['key']}: phrase {phrase!r} not in Phoenix.International")
            out.append({
                "key": r["key"],
                "name": r["name"],
                "aliases": [a for a in r["aliases"].split("|") if a],
                "cameo": code,
            })
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="path of the shared/ folder")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    shared = Path(args.shared) / "data"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    params = json.loads((HERE / "params.json").read_text(encoding="utf-8"))

    blocks: list[ActorBlock] = []
    for name in ACTOR_FILES:
        blocks.extend(parse_actors(shared / "cameo" / name))
    extra = [(iso3, name) for iso3, name, _ in read_overrides().values() if iso3 != "-"]
    countries, phrase_code = build_countries(blocks, extra)

    with open(shared / "officeholders" / "factbook_officeholders_history.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gec = build_gec(rows, countries, phrase_code)
    gec_iso = {g[0]: g[2] for g in gec if g[2] and g[2] != "-"}
    by_iso = {c["iso3"]: c for c in countries}
    for g, iso in sorted(gec_iso.items()):
        if iso in by_iso:
            by_iso[iso]["gec"].append(g)
    prefixes = [ln.strip() for ln in (HERE / "title_prefixes.txt").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")]
    tenures = build_tenures(rows, gec_iso, params, prefixes)

    _write_json_gz(out / "countries.json.gz", countries)
    with open(out / "gec.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["gec", "factbook_name", "iso3", "method", "note"])
        w.writerows(gec)
    _write_json_gz(out / "officeholders.json.gz", tenures)
    _write_json_gz(out / "cameo.json.gz", build_cameo(blocks, shared / "cameo" / "Phoenix.agents.txt"))
    _write_json(out / "igos.json", build_igos(blocks))
    _write_json(out / "meta.json", {k: v for k, v in params.items()})
    unresolved = [g for g in gec if g[3] == "unresolved"]
    print(f"countries={len(countries)} gec={len(gec)} unresolved={unresolved} tenures={len(tenures)}")
    return 1 if unresolved else 0


if __name__ == "__main__":
    raise SystemExit(main())
