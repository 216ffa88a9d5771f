"""Convert the shared CAMEO / PLOVER / GDELT reference data into ``src/newsdesk/events/data/``.

Run from the project root (stdlib only)::

    python3 tools/events/convert.py [--shared ../shared]

It writes

- ``cameo_verbs.json``: the PETRARCH-2 verb dictionary ``CAMEO.2.0.txt`` (MIT) parsed into
  synsets, verb blocks (verbs with their particles and codes) and patterns;
- ``plover_categories.json``: an unchanged copy (CC BY-SA 4.0) with the CAMEO -> PLOVER mapping;
- ``gdelt_lookups.json``: Goldstein scores and labels per CAMEO event code, the GDELT quad class
  per CAMEO root (from the GDELT 2.0 event codebook), all codes as strings;
- ``gdelt2_export_columns.txt``: the 61 GDELT 2.0 export column names, in order;
- the licence files and a ``SOURCES`` line per file.

The package never reads ``../shared`` at run time; only this script does.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "newsdesk" / "events" / "data"

#: GDELT 2.0 event codebook: QuadClass 1 verbal cooperation (roots 01-05), 2 material
#: cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
QUAD_BY_ROOT = {f"{r:02d}": (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4) for r in range(1, 21)}

CODE_RE = re.compile(r"\[([0-9:\- ]*)\]")


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        if mark in line:
            line = line.split(mark, 1)[0]
    return line.strip()


def _norm(word: str) -> str:
    return word.replace("_", " ").strip().lower()


def _parse_code(text: str) -> dict[str, Any] | None:
    """``[042:043]`` -> code 042 with reverse 043; ``[:173]`` -> reverse only; ``[---]`` -> null."""
    text = text.strip()
    if not text:
        return None
    fwd, _, rev = text.partition(":")
    fwd, rev = fwd.strip(), rev.strip()
    return {"code": fwd if fwd and fwd != "---" else None, "reverse": rev if rev and rev != "---" else None}


def _term(token: str) -> list[str]:
    """One pattern word: alternatives split on ``/``; ``&SYN`` kept as a synset reference."""
    token = token.strip("{}()")
    alts = []
    for alt in token.split("/"):
        alt = alt.strip()
        if not alt or alt in {"$", "+", "%", "^", "*"}:
            continue
        alts.append(alt if alt.startswith("&") else _norm(alt))
    return alts


def _groups(text: str) -> list[dict[str, Any]]:
    """Split one side of a pattern into noun phrases ``{A B}``, words and prep phrases ``(P N)``."""
    out: list[dict[str, Any]] = []
    i = 0
    toks = text.replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ").split()
    while i < len(toks):
        tok = toks[i]
        if tok == "(":
            j = toks.index(")", i) if ")" in toks[i:] else len(toks)
            inner = toks[i + 1:j]
            prep = _term(inner[0]) if inner else []
            rest = " ".join(inner[1:])
            terms = [t for g in _groups(rest) for t in g.get("terms", [])] if rest else []
            out.append({"prep": prep, "terms": terms, "target": "+" in inner[1:]})
            i = j + 1
        elif tok == "{":
            j = toks.index("}", i) if "}" in toks[i:] else len(toks)
            words = [w for t in toks[i + 1:j] for w in [_term(t)] if w]
            if words:
                out.append({"terms": [words[-1]], "mods": words[:-1]})
            i = j + 1
        else:
            alts = _term(tok)
            if alts:
                out.append({"terms": [alts]})
            i += 1
    return out


def parse_verbs(path: Path) -> dict[str, Any]:
    synsets: dict[str, list[str]] = {}
    blocks: list[dict[str, Any]] = []
    current_syn: str | None = None
    block: dict[str, Any] | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.rstrip()
        if not line.strip():
            current_syn = None
            continue
        if line.startswith("#") or line.startswith("~"):
            continue
        if line.startswith("&") and block is None:
            current_syn = _strip_comment(line).rstrip("_")
            synsets[current_syn] = []
            continue
        if line.startswith("+") and current_syn is not None and block is None:
            synsets[current_syn].append(_norm(_strip_comment(line)[1:].rstrip("_")))
            continue
        if line.startswith("---"):
            m = CODE_RE.search(line)
            name = line.strip("- ").split("[")[0].strip()
            block = {"name": name, "code": (_parse_code(m.group(1)) if m else None), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            body = line[1:]
            m = CODE_RE.search(body)
            if not m:
                continue
            comment = body[m.end():].strip().lstrip("#").strip()
            pat = body[:m.start()]
            pre, star, post = pat.partition("*")
            if not star:
                continue
            code = _parse_code(m.group(1))
            if code is None:
                continue
            pre_groups = _groups(pre)
            post_groups = _groups(post)
            block["patterns"].append({
                "pre": [g for g in pre_groups if "prep" not in g],
                "post": [g for g in post_groups if "prep" not in g],
                "preps": [g for g in pre_groups + post_groups if "prep" in g],
                "code": code["code"], "reverse": code["reverse"],
                "verb": _norm(comment.split()[0]) if comment else None,
            })
            continue
        # a verb line: VERB, +MULTI_WORD, PRE_+VERB, with optional {forms} and [code]
        text = _strip_comment(line)
        m = CODE_RE.search(text)
        code = _parse_code(m.group(1)) if m else None
        text = re.sub(r"\{[^}]*\}", " ", CODE_RE.sub(" ", text)).strip()
        if not text:
            continue
        phrase = text.split()[0]
        words = phrase.split("_")
        idx = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
        words = [w.lstrip("+") for w in words]
        block["verbs"].append({
            "lemma": words[idx].lower(), "before": [w.lower() for w in words[:idx]],
            "after": [w.lower() for w in words[idx + 1:]],
            "code": code["code"] if code else None, "reverse": code["reverse"] if code else None,
            "has_code": code is not None,
        })
    return {"synsets": synsets, "blocks": blocks}


def read_tsv(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {k: v for k, _, v in (r.partition("\t") for r in rows if r.strip())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    data = Path(args.shared) / "data"
    OUT.mkdir(parents=True, exist_ok=True)

    verbs = parse_verbs(data / "cameo" / "CAMEO.2.0.txt")
    verbs["source"] = ("CAMEO.2.0.txt, petrarch2/data/dictionaries/ in github.com/openeventdata/petrarch2, "
                       "commit 676801cd9cb2924bbbad09f86d15c9323e7097bf")
    verbs["license"] = "MIT, Copyright (c) 2014/2015 Open Event Data Alliance (LICENSE-petrarch2)"
    (OUT / "cameo_verbs.json").write_text(json.dumps(verbs, separators=(",", ":")) + "\n", encoding="utf-8")

    shutil.copyfile(data / "plover_categories.json", OUT / "plover_categories.json")
    shutil.copyfile(data / "cameo" / "LICENSE", OUT / "LICENSE-petrarch2")

    lookups = data / "gdelt" / "lookups"
    gold = {k: float(v) for k, v in read_tsv(lookups / "CAMEO.goldsteinscale.txt").items()}
    labels = read_tsv(lookups / "CAMEO.eventcodes.txt")
    gdelt = {
        "source": "GDELT CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt as mirrored in github.com/moxious/gdelt "
                  "commit 44a29095a50287d62a965fc0a94e8b9bd08274ea; quad classes from the GDELT 2.0 event codebook",
        "license": "GDELT: free and open; cite The GDELT Project (gdeltproject.org)",
        "goldstein": gold, "labels": labels, "quad_class_by_root": QUAD_BY_ROOT,
        "actor_types": read_tsv(lookups / "CAMEO.type.txt"),
    }
    (OUT / "gdelt_lookups.json").write_text(json.dumps(gdelt, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    shutil.copyfile(data / "gdelt" / "gdelt2_export_columns.txt", OUT / "gdelt2_export_columns.txt")

    (OUT / "LICENSE-plover").write_text(
        "plover_categories.json is an adaptation of the PLOVER manual (Draft 0.8) and CAMEO2PLOVER-2021.txt,\n"
        "(c) Open Event Data Alliance and the PLOVER authors, licensed under the Creative Commons\n"
        "Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,\n"
        "https://creativecommons.org/licenses/by-sa/4.0/). This copy is shared under the same licence.\n",
        encoding="utf-8")
    (OUT / "NOTICE-gdelt").write_text(
        "gdelt_lookups.json (Goldstein scores, event labels, actor types) and gdelt2_export_columns.txt come\n"
        "from The GDELT Project (https://www.gdeltproject.org/): \"The entire GDELT database is 100% free and\n"
        "open\"; cite The GDELT Project when using them.\n", encoding="utf-8")
    (OUT / "SOURCES").write_text("\n".join([
        "# file | source | licence (written by tools/events/convert.py; cues.json is written by hand)",
        "cameo_verbs.json | CAMEO.2.0.txt, github.com/openeventdata/petrarch2 commit "
        "676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/ | MIT (LICENSE-petrarch2)",
        "plover_categories.json | PLOVER_MANUAL.tex + CAMEO2PLOVER-2021.txt, github.com/openeventdata/PLOVER commit "
        "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f (unchanged copy of ../shared/data/plover_categories.json) "
        "| CC BY-SA 4.0 (LICENSE-plover)",
        "gdelt_lookups.json | CAMEO.goldsteinscale.txt, CAMEO.eventcodes.txt, CAMEO.type.txt, github.com/moxious/gdelt "
        "commit 44a29095a50287d62a965fc0a94e8b9bd08274ea; quad classes from the GDELT 2.0 event codebook "
        "| GDELT terms (NOTICE-gdelt)",
        "gdelt2_export_columns.txt | GDELT 2.0 event codebook column list (../shared/data/gdelt) | GDELT terms "
        "(NOTICE-gdelt)",
        "cues.json | written for newsdesk: modality cues, combination rules, event nouns, table columns, "
        "phrasal-verb additions | MIT (newsdesk)",
        "",
    ]), encoding="utf-8")

    n_pat = sum(len(b["patterns"]) for b in verbs["blocks"])
    print(f"{len(verbs['blocks'])} verb blocks, {n_pat} patterns, {len(verbs['synsets'])} synsets, "
          f"{len(gold)} Goldstein codes -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
