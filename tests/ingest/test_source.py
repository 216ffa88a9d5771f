"""Byte-level reading: limits, encodings, binary detection."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.errors import InputError
from newsdesk.ingest.source import decode, iter_lines, looks_binary, read_limited


def test_decode_utf8_exact() -> None:
    assert decode("Zürich — «ok»\r\n".encode(), "f") == ("Zürich — «ok»\r\n", "utf-8")


def test_decode_bom() -> None:
    text, enc = decode("\ufeffHello".encode("utf-8"), "f")
    assert text == "Hello" and enc == "utf-8-sig"


def test_decode_legacy_encoding() -> None:
    text, _ = decode("Ministère des Affaires étrangères, déclaration à la presse.".encode("cp1252"), "f")
    assert "Ministère" in text and "étrangères" in text


def test_decode_empty_and_binary() -> None:
    with pytest.raises(InputError) as e1:
        decode(b"", "f")
    assert e1.value.kind == "empty"
    with pytest.raises(InputError) as e2:
        decode(b"\x00\x01\x02\x03" * 100, "f")
    assert e2.value.kind == "binary"


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_decode_roundtrips_any_utf8_text(s: str) -> None:
    data = s.encode("utf-8")
    if looks_binary(data):
        return
    text, _ = decode(data, "f")
    assert text == s.removeprefix("\ufeff") or text == s


@given(st.binary(max_size=2000))
def test_decode_never_crashes(data: bytes) -> None:
    try:
        text, _ = decode(data, "f")
    except InputError as exc:
        assert exc.kind in {"empty", "binary"}
    else:
        assert isinstance(text, str)


def test_read_limited_stops_at_limit(tmp_path: Path) -> None:
    p = tmp_path / "x.txt.gz"
    with gzip.open(p, "wb") as fh:
        fh.write(b"a" * 5_000_000)
    with pytest.raises(InputError) as exc:
        read_limited(str(p), 1_000_000)
    assert exc.value.kind == "too_large"
    assert read_limited(str(p), 10_000_000) == b"a" * 5_000_000


def test_iter_lines_skips_overlong(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_bytes(b"short\n" + b"x" * 10_000 + b"\nlast\n")
    assert list(iter_lines(str(p), 100)) == [(1, b"short\n"), (2, None), (3, b"last\n")]


@pytest.mark.parametrize(("raw", "expected"), [
    ("2013-03-22", "2013-03-22"),
    ("2013-03-22T10:00:00Z", "2013-03-22T10:00:00+00:00"),
    ("13-02-2009", "2009-02-13"),
    ("03-02-2009", None),  # day-first and month-first both valid: left to the article's own date
    ("February 3, 2009", "2009-02-03"),
    ("Tue, 03 Feb 2009 10:20:00 GMT", "2009-02-03T10:20:00+00:00"),
    ("", None),
])
def test_published_is_normalised(raw: str, expected: str | None) -> None:
    from newsdesk.ingest.jsonl import normalise_published

    assert normalise_published(raw) == expected
