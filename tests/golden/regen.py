"""Rewrite the expected files of the structure golden cases from the current code.

    .venv/bin/python tests/golden/regen.py [NAME ...]

Not run by the tests. The expected files must be *right*, not merely what the code prints:
read the diff (``git diff tests/golden``) and check every changed line by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from structure_cases import analyse_file, expected_path, inputs, summarise


def main(names: list[str]) -> None:
    for src in inputs():
        if names and src.stem not in names:
            continue
        out = expected_path(src)
        out.write_text(json.dumps(summarise(analyse_file(src)), indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
