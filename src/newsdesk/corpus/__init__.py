"""Across articles: one event from many reports (:mod:`.merge`), timelines (:mod:`.timeline`) and
questions answered with cited sentences (:mod:`.ask`). All of it reads the store; see docs/corpus.md."""

from __future__ import annotations

from .ask import Answer, ask
from .merge import merge_events, summary_status
from .timeline import render_chart, timeline_records

__all__ = ["Answer", "ask", "merge_events", "render_chart", "summary_status", "timeline_records"]
