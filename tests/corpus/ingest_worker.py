"""``python tests/corpus/ingest_worker.py DB_URL CORPUS.jsonl``: ingest with the light pipeline (for kill tests).

Ingests article by article, one transaction each, as ``newsdesk ingest`` does; prints the summary line.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.corpus.synth import STAGES, register

from newsdesk.api import ingest


def main() -> None:
    register()
    summary = ingest([sys.argv[2]], db=sys.argv[1], stages=STAGES)
    print(summary.line(), flush=True)


if __name__ == "__main__":
    main()
