"""Compiled caches: data built from the package's text dictionaries once, then loaded as a pickle.

Start-up counts when newsdesk runs as many short processes (one per file, per cron tick, per
worker): parsing JSON dictionaries, folding tens of thousands of names or tokenising the
gazetteer at every start costs more than the analysis of a short article. A resource that is a
pure function of package files is built once and kept in the user's cache directory::

    table = cached("cameo", [path_of_the_json], lambda: build_from(path_of_the_json))

The cache key covers the newsdesk version, the size and modification time of every module of
the package (the code that builds and defines the cached objects), the Python version, the
resource's ``version`` argument and the size and modification time of every source file, so a
changed dictionary, changed code, a package upgrade or a new Python rebuilds it. Anything
wrong with a cache file (unreadable, truncated, another format) means "build it again", never
an error; writes go to a temporary file renamed into place, so concurrent processes never read
half a file.

Where: ``$NEWSDESK_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsdesk``, else ``~/.cache/newsdesk``.
``NEWSDESK_CACHE=0`` turns caching off (everything is built in memory at every start). Only
plain data is cached (dicts, lists, tuples, strings, dataclasses of the package), never code
from outside the package; the directory is created with mode 0700.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: bump when the layout of cached objects changes in a way the version string does not capture
FORMAT = 1
#: versions of one resource kept side by side
KEEP = 4


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is turned off."""
    if os.environ.get("NEWSDESK_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    base = os.environ.get("NEWSDESK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsdesk"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Size and mtime of every module of the package: any change to the code that builds a
    cached object (or to the classes it pickles) makes every cache entry stale."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _key(name: str, sources: Iterable[Path], version: str) -> str:
    from . import __version__

    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{code_fingerprint()}|{sys.version_info[:3]}|{name}|{version}".encode())
    for src in sources:
        try:
            st = src.stat()
            h.update(f"|{src}|{st.st_size}|{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"|{src}|missing".encode())
    return h.hexdigest()[:24]


def cached(name: str, sources: Iterable[Path], build: Callable[[], T], *, version: str = "") -> T:
    """``build()``'s result, from the cache when the sources are unchanged."""
    directory = cache_dir()
    if directory is None:
        return build()
    sources = list(sources)
    path = directory / f"{name}-{_key(name, sources, version)}.pickle"
    try:
        with path.open("rb") as fh, _no_gc():
            value: T = pickle.load(fh)
        return value
    except Exception:
        pass
    value = build()
    _store(directory, path, name, value)
    return value


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a pickle of many small containers is loaded (it
    would otherwise run over and over as they are created: about half of the load time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _store(directory: Path, path: Path, name: str, value: object) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        # keep the few most recent versions of a resource (two KBs in use, an upgrade), drop the rest
        versions = sorted(directory.glob(f"{name}-*.pickle"), key=_mtime, reverse=True)
        for old in versions[KEEP - 1 :]:
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:
        pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
