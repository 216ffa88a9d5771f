"""newsdesk.kb: the knowledge base, shipped as data in the package, loaded once, queried by date.

>>> from newsdesk import kb
>>> base = kb.load()
>>> [t.name for t in base.holders("JPN", "head_of_government", "2024-06-01")]
['Fumio Kishida']
>>> base.compose_code("Pakistani", "GOV")
'PAKGOV'

See docs/kb.md for the sources, licences and the certainty model.
"""

from __future__ import annotations

from .base import DATA_DIR, KnowledgeBase, load
from .cameo import compose
from .types import CERTAINTIES, ROLES, Country, Organisation, RoleStatus, Tenure

__all__ = [
    "CERTAINTIES",
    "DATA_DIR",
    "ROLES",
    "Country",
    "KnowledgeBase",
    "Organisation",
    "RoleStatus",
    "Tenure",
    "compose",
    "load",
]
