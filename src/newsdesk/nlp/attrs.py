"""A faster drop-in for the model's ``attribute_ruler`` (same rules, same results).

``en_core_web_sm`` maps its fine-grained tags to coarse POS, morphology and some lemmas with an
``AttributeRuler``: 179 one- or two-token ``Matcher`` patterns run over every token, each match
applied through a ``Span``. On this project's benchmark corpus that costs about 13% of the
whole spaCy parse. The patterns are all of one simple shape (token attributes compared for
equality, ``LOWER`` also against a list), so they can be indexed by tag and applied to a
column of token attributes in plain Python, then written back with one ``Doc.from_array``.

:func:`install` swaps the component in when every pattern has that shape and leaves the model
alone otherwise; the rules are read from the model's own ruler, never copied. The order of
precedence is the ruler's: rules apply in the order they were added, a later rule overriding
an earlier one on the same token and attribute. ``tests/nlp/test_attrs.py`` checks the results
equal the original component's on every token of a varied text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: token attributes a pattern may test (anything else: keep spaCy's component)
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
NAME = "attribute_ruler"
#: distinct token rows remembered (cleared when full, so a long run does not grow)
MEMO_SIZE = 50_000

#: one test on one token: (column, kind, values) with kind "in", "not_in" (string hashes) or
#: "regex" (a compiled pattern matched against the column's string)
_Test = tuple[int, str, Any]


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int
    specs: tuple[tuple[_Test, ...], ...]  # the tests of each token of the pattern
    index: int
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value)


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s rules by column lookups instead of the ``Matcher``."""

    def __init__(self, rules: list[_Rule], set_attrs: list[int], strings: Any) -> None:
        self.rules = rules
        self.set_attrs = set_attrs
        self.strings = strings
        # index each rule by one "in" test of its first token (TAG, else LOWER, else DEP);
        # rules without one are tried on every token
        self._index: list[dict[int, list[_Rule]]] = [defaultdict(list) for _ in _KEYS]
        self._always: list[_Rule] = []
        self._memo: dict[tuple[int, ...], tuple[tuple[_Rule, ...], tuple[_Rule, ...]]] = {}
        for rule in rules:
            tests = {col: values for col, kind, values in rule.specs[0] if kind == "in"}
            col = next((c for c in (0, 1, 2, 3) if c in tests), None)
            if col is None:
                self._always.append(rule)
            else:
                for v in tests[col]:
                    self._index[col][v].append(rule)

    @classmethod
    def from_ruler(cls, ruler: Any) -> FastAttributeRuler | None:
        """Build from a spaCy ``AttributeRuler``; None if a pattern uses an operator other than
        IN / NOT_IN / REGEX or an attribute other than TAG/LOWER/DEP/IS_SPACE (then the
        original component must stay)."""
        import re

        strings = ruler.vocab.strings
        rules: list[_Rule] = []
        set_attrs: set[int] = set()
        for order, (pats, attrs, index) in enumerate(zip(_patterns(ruler), ruler.attrs, ruler.indices, strict=True)):
            items = tuple((k, v) for k, v in attrs.items() if isinstance(k, int) and isinstance(v, int))
            if len(items) != len(attrs):
                return None
            for pattern in pats:
                specs: list[tuple[_Test, ...]] = []
                for tok in pattern:
                    tests: list[_Test] = []
                    for key, val in tok.items():
                        if key not in _KEYS:
                            return None
                        col = _KEYS.index(key)
                        if key == "IS_SPACE":
                            if not isinstance(val, bool):
                                return None
                            tests.append((col, "in", frozenset({int(val)})))
                        elif isinstance(val, str):
                            tests.append((col, "in", frozenset({strings.add(val)})))
                        elif isinstance(val, dict) and len(val) == 1:
                            op, arg = next(iter(val.items()))
                            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                                tests.append((col, op.lower(), frozenset(strings.add(v) for v in arg)))
                            elif op == "REGEX" and isinstance(arg, str):
                                tests.append((col, "regex", re.compile(arg)))
                            else:
                                return None
                        else:
                            return None
                    specs.append(tuple(tests))
                if not specs or not -len(specs) <= index < len(specs):
                    return None
                set_attrs.update(k for k, _ in items)
                rules.append(_Rule(order, tuple(specs), index % len(specs), items))
        return cls(rules, sorted(set_attrs), strings)

    def _token_ok(self, tests: tuple[_Test, ...], row: Sequence[int]) -> bool:
        for col, kind, values in tests:
            v = row[col]
            if kind == "in":
                if v not in values:
                    return False
            elif kind == "not_in":
                if v in values:
                    return False
            elif not values.search(self.strings[v]):
                return False
        return True

    def _first_token(self, row: tuple[int, int, int, int]) -> tuple[tuple[_Rule, ...], tuple[_Rule, ...]]:
        """The one-token rules that match a token with these attributes, and the longer rules
        whose first token matches (memoised: the same few thousand rows recur)."""
        got = self._memo.get(row)
        if got is None:
            single: list[_Rule] = []
            multi: list[_Rule] = []
            for group in (
                self._index[0].get(row[0], ()),
                self._index[1].get(row[1], ()),
                self._index[2].get(row[2], ()),
                self._index[3].get(row[3], ()),
                self._always,
            ):
                for rule in group:
                    if self._token_ok(rule.specs[0], row):
                        (single if len(rule.specs) == 1 else multi).append(rule)
            got = (tuple(single), tuple(multi))
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[row] = got
        return got

    def __call__(self, doc: Doc) -> Doc:
        import numpy

        n = len(doc)
        if n == 0:
            return doc
        cols = [tuple(r) for r in doc.to_array(list(_KEYS)).tolist()]
        found: dict[int, list[_Rule]] = {}
        first = self._first_token
        for i, row in enumerate(cols):
            single, multi = first(row)
            for rule in single:
                found.setdefault(i, []).append(rule)
            for rule in multi:
                k = len(rule.specs)
                if i + k <= n and all(self._token_ok(rule.specs[j], cols[i + j]) for j in range(1, k)):
                    found.setdefault(i + rule.index, []).append(rule)
        if not found:
            return doc
        attrs: Any = self.set_attrs
        values: Any = doc.to_array(attrs)
        if values.ndim == 1:
            values = values.reshape((len(doc), 1))
        col_of = {a: k for k, a in enumerate(attrs)}
        for i, rules in found.items():
            rules.sort(key=_order)  # the ruler's precedence: later rules win
            for rule in rules:
                for attr, value in rule.attrs:
                    values[i, col_of[attr]] = value
        array: Any = numpy.ascontiguousarray(values, dtype=numpy.uint64)
        doc.from_array(attrs, array)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


def _order(rule: _Rule) -> int:
    return rule.order


def _patterns(ruler: Any) -> list[list[list[dict[str, Any]]]]:
    """The ruler's patterns, one list per rule, in rule order."""
    return [p["patterns"] for p in ruler.patterns]


_FACTORY = "newsdesk_fast_attribute_ruler"
_PENDING: list[FastAttributeRuler] = []


def install(nlp: Language) -> bool:
    """Replace the model's ``attribute_ruler`` by :class:`FastAttributeRuler` in place.

    Returns False (and changes nothing) when the model has no such component or a pattern the
    fast path cannot express."""
    from spacy.language import Language

    if NAME not in nlp.pipe_names:
        return False
    fast = FastAttributeRuler.from_ruler(nlp.get_pipe(NAME))
    if fast is None:
        return False
    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, func=_make)
    _PENDING.append(fast)
    nlp.replace_pipe(NAME, _FACTORY)
    return True


def _make(nlp: Language, name: str) -> FastAttributeRuler:
    return _PENDING.pop()
