"""The web dashboard and JSON API (``newsdesk serve``): see ``docs/web.md``."""

from __future__ import annotations

from .app import CSP, create_app, safe_url, serve

__all__ = ["CSP", "create_app", "safe_url", "serve"]
