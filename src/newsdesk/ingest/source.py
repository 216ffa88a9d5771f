"""Safe byte-level reading shared by the readers: size limits, gzip bombs, binary data, encodings.

Nothing here loads more than the configured limit into memory: files are read in chunks
and gzip streams are decompressed incrementally, stopping as soon as the limit is passed.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Byte limits for one run (configurable from the CLI: ``--max-bytes``)."""

    #: largest document (decompressed) newsdesk will read, in bytes
    max_document_bytes: int = 20 * MiB
    #: largest JSONL line, in bytes
    max_record_bytes: int = 20 * MiB
    #: largest decompressed size of a whole ``.jsonl.gz`` corpus (streamed, never held)
    max_corpus_bytes: int = 64 * 1024 * MiB


CHUNK = 64 * 1024


def is_gzip(path: str) -> bool:
    return path.lower().endswith(".gz")


def open_binary(path: str) -> BinaryIO:
    """Open a file for reading bytes, turning OS errors into :class:`InputError`."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("unreadable", "is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            # a FIFO, socket or device would block or never end: refuse instead of hanging
            raise InputError("unreadable", "not a regular file (pipe, socket or device)", path)
        fh: BinaryIO = open(path, "rb")  # noqa: SIM115 - returned to the caller
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("not_found", "no such file", path) from None
    except PermissionError:
        raise InputError("unreadable", "permission denied", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink_loop", "symbolic link loop", path) from None
        raise InputError("unreadable", f"cannot open: {exc.strerror or exc}", path) from None
    if is_gzip(path):
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


def read_limited(path: str, limit: int) -> bytes:
    """All bytes of ``path`` (decompressed if ``.gz``), or an error once ``limit`` is passed."""
    buf = io.BytesIO()
    with open_binary(path) as fh:
        try:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                buf.write(chunk)
                if buf.tell() > limit:
                    what = "decompresses to" if is_gzip(path) else "is"
                    raise InputError("too_large", f"{what} more than {limit} bytes (limit; see --max-bytes)",
                                     path)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError("corrupt", f"cannot read: {exc}", path) from None
    return buf.getvalue()


def iter_lines(path: str, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` for each line of a (possibly gzipped) file, streaming.

    A line longer than ``max_line`` yields ``(n, None)`` and is skipped without being held.
    """
    with open_binary(path) as fh:
        n = 0
        try:
            while True:
                line = fh.readline(max_line + 1)
                if not line:
                    return
                n += 1
                if len(line) > max_line and not line.endswith(b"\n"):
                    # drain the rest of this over-long line in bounded chunks
                    while True:
                        rest = fh.readline(CHUNK)
                        if not rest or rest.endswith(b"\n"):
                            break
                    yield n, None
                    continue
                yield n, line
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError("corrupt", f"cannot read after line {n}: {exc}", path, n + 1) from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NUL bytes, many control bytes)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode document bytes to text: BOM, then UTF-8, then detection. Returns ``(text, encoding)``.

    Raises :class:`InputError` for empty or binary data.
    """
    if not data.strip():
        raise InputError("empty", "is empty" if not data else "contains only whitespace", source)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise InputError("binary", "looks like binary data, not text (NUL or control bytes)", source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = data.decode("utf-8", errors=_FALLBACK)
    if _has_utf8_multibyte(data):
        # mixed encodings: valid UTF-8 runs kept, each stray byte read as cp1252
        return mixed, "utf-8+cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * MiB]).best()
    enc = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return mixed, "utf-8+cp1252"


FALLBACK_ERRORS = _FALLBACK = "newsdesk-cp1252"
_UTF8_MB = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_multibyte(data: bytes) -> bool:
    return _UTF8_MB.search(data) is not None


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK, _cp1252_fallback)
