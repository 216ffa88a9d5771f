"""Rendering a :class:`~newsdesk.report.brief.Brief` as one self-contained HTML page or as Markdown.

HTML: Jinja2 with autoescaping, so every piece of article text is escaped; the stylesheet is
inline and the page declares its own Content-Security-Policy (``default-src 'none'``, the
stylesheet allowed by its sha256 hash), so no script, remote resource or inline style
attribute could run or load even if one slipped in. Markdown: every ``{{ expression }}`` is
escaped by the environment's ``finalize`` (Markdown punctuation and ``<``, ``>``, ``&``);
links go through :func:`md_url`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .brief import Brief

CSP_TEMPLATE = ("default-src 'none'; style-src '{style_hash}'; img-src data:; base-uri 'none'; "
                "form-action 'none'")


def _template_text(name: str) -> str:
    return resources.files("newsdesk.report").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _html_env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FunctionLoader(_template_text), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)


class MdSafe(str):
    """Text already fit for Markdown (a link target made by :func:`md_url`)."""

    __slots__ = ()


#: characters with a meaning inside a Markdown line (emphasis, code, links, tables, strikethrough)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
#: what would open a block (heading, list, quote, thematic break) at the start of a line
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([#+=-])")


def md_escape(value: Any) -> str:
    """Markdown-escape one value: HTML characters become entities, punctuation gets a backslash,
    line breaks become spaces (so text cannot open a heading, list, table row or HTML block)."""
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return str(value)
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_url(url: Any) -> MdSafe:
    """A link destination for Markdown: characters that could end or break it are percent-encoded."""
    return MdSafe(quote(str(url), safe=":/?#@!$&'*+,;=%-._~"))


@lru_cache(maxsize=1)
def _md_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template_text), autoescape=False,
                             undefined=jinja2.StrictUndefined, finalize=md_escape, keep_trailing_newline=True)
    env.filters["md_url"] = md_url
    env.filters["raw"] = MdSafe  # a macro's output: already escaped, piece by piece
    return env


def style_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")


def html(brief: Brief) -> str:
    """The briefing as one HTML page: inline CSS and SVG, no script, no remote resource."""
    from .chart import timeline_svg

    css = _template_text("brief.css")
    return _html_env().get_template("brief.html.j2").render(
        b=brief, css=Markup(css), csp=CSP_TEMPLATE.format(style_hash=style_hash(css)),
        chart=timeline_svg(brief.timeline, brief.window if brief.scope == "story" else (None, None)))


def markdown(brief: Brief) -> str:
    """The briefing as Markdown (the chart becomes a table of the same events)."""
    text = _md_env().get_template("brief.md.j2").render(b=brief)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
