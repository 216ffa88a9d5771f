"""Reports for people: the text report of one analysis and the briefing of a stored story.

``render_report`` (:mod:`newsdesk.report.text`) is the default output of ``newsdesk analyze``
and ``newsdesk show``; :mod:`newsdesk.report.brief` writes ``newsdesk brief``;
:mod:`newsdesk.report.flags` lists flagged articles for ``newsdesk flags``.
"""

from __future__ import annotations

from .text import render_report

__all__ = ["render_report"]
