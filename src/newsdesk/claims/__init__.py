"""Claims: who said what. Direct quotes, reported speech and their speakers.

The ``claims`` stage (:mod:`newsdesk.stages.claims`) calls :func:`extract_claims`. The parts:

- :mod:`.cues` the cue words and limits, loaded from ``data/claims_cues.json``;
- :mod:`.quotes` quotation spans found in the raw text (no parser);
- :mod:`.frames` attribution frames (cue, speaker, content) from the dependency parse;
- :mod:`.speakers` speaker phrases resolved to entities, pronouns to antecedents;
- :mod:`.assemble` quotes and frames joined into :class:`~newsdesk.model.Claim` objects.

Conventions are in ``docs/claims.md``.
"""

from __future__ import annotations

from .assemble import extract_claims

__all__ = ["extract_claims"]
