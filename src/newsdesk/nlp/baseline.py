"""The plain spaCy baseline for ``ner-meantime``: raw ``en_core_web_sm`` entities, no newsdesk logic.

Reads JSON Lines articles (``{"id", "text"}``) and prints one analysis object per line whose
entities are spaCy's ``doc.ents`` as they come (one entity per span, no grouping, no span
trimming, non-name types dropped). It exists to measure what the ``entities`` stage adds::

    python3 ../shared/eval/evaluate.py ner-meantime --cmd ".venv/bin/python -m newsdesk.nlp.baseline"
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .model import NAME_LABELS, load_nlp


def main(argv: list[str]) -> int:
    nlp = load_nlp()
    for path in argv:
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        texts = [str(r.get("text") or "") for r in records]
        for rec, doc in zip(records, nlp.pipe(texts, batch_size=16), strict=True):
            ents: list[dict[str, Any]] = []
            for i, ent in enumerate(e for e in doc.ents if e.label_ in NAME_LABELS):
                ents.append({"id": f"e{i + 1}", "name": ent.text, "type": ent.label_, "mentions": [
                    {"start": ent.start_char, "end": ent.end_char, "text": ent.text, "kind": "name"}]})
            out = {"schema": "newsdesk.analysis/1", "article": {"id": rec["id"], "text": rec.get("text") or ""},
                   "entities": ents}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
