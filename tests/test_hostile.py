"""Hostile inputs through the CLI: each gets an error object naming the file or line, the run goes on,
exit status 1, never a traceback, never a hang."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main

GOOD = "Officials met in Geneva on Tuesday to discuss the ceasefire. Talks will resume next week.\n"


def run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["analyze", "--format", "jsonl", *args])
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    objs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, objs, result.stderr


def errors(objs: list[dict[str, object]]) -> list[dict[str, object]]:
    return [o["error"] for o in objs if "error" in o]  # type: ignore[misc]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def assert_one_failure(tmp: Path, good: Path, bad: Path, kind: str | None = None, *extra: str) -> dict[str, object]:
    code, objs, stderr = run(*extra, str(bad), str(good))
    assert code == 1
    assert len(objs) == 2, objs
    err = objs[0]["error"]
    assert isinstance(err, dict)
    assert err["source"] == str(bad)
    assert objs[0]["article"] == {"id": str(bad), "text": ""}
    if kind:
        assert err["kind"] == kind, err
    assert str(bad) in stderr
    assert objs[1]["article"]["text"] == GOOD  # type: ignore[index]
    return err


def test_empty_file(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert_one_failure(tmp_path, good, bad, "empty")


def test_whitespace_only(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "blank.md"
    bad.write_text(" \n\t\n")
    assert_one_failure(tmp_path, good, bad, "empty")


def test_binary_with_text_extension(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    assert_one_failure(tmp_path, good, bad, "binary")


def test_nul_bytes(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"Some text\x00with a NUL byte in it.\n")
    assert_one_failure(tmp_path, good, bad, "binary")


def test_binary_html(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "page.html"
    bad.write_bytes(os.urandom(5000))
    err = assert_one_failure(tmp_path, good, bad)
    assert err["kind"] in {"binary", "html", "no_content"}


def test_invalid_utf8_is_decoded_not_crashed(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Le président a déclaré à Genève que les négociations continueront.\n".encode("latin-1"))
    code, objs, _ = run(str(p))
    assert code == 0
    assert "président" in objs[0]["article"]["text"]  # type: ignore[index]


def test_mixed_encodings_keep_both(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes("São Paulo — first part in UTF-8.\n".encode() + "Second part: café in cp1252.\n".encode("cp1252"))
    code, objs, _ = run(str(p))
    assert code == 0
    text = objs[0]["article"]["text"]  # type: ignore[index]
    assert "São Paulo — first" in text and "café" in text


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "utf16.txt"
    p.write_bytes("Officials met in Geneva.\n".encode("utf-16"))
    code, objs, _ = run(str(p))
    assert code == 0
    assert objs[0]["article"]["text"] == "Officials met in Geneva.\n"  # type: ignore[index]


def test_huge_file_is_refused_by_limit(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "huge.txt"
    bad.write_text("word " * 400_000)  # 2 MB
    err = assert_one_failure(tmp_path, good, bad, "too_large", "--max-bytes", "1000000")
    assert "1000000" in str(err["message"])


def test_decompression_bomb(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "bomb.html.gz"
    with gzip.open(bad, "wb") as fh:
        for _ in range(100):
            fh.write(b"a" * 1_000_000)  # 100 MB of 'a', about 100 KB compressed
    assert_one_failure(tmp_path, good, bad, "too_large", "--max-bytes", "5000000")


def test_corrupt_gzip(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "corrupt.html.gz"
    bad.write_bytes(gzip.compress(b"<p>hello</p>" * 100)[:40])
    err = assert_one_failure(tmp_path, good, bad)
    assert err["kind"] in {"corrupt", "empty", "no_content"}


def test_deeply_nested_html(tmp_path: Path, good: Path) -> None:
    p = tmp_path / "deep.html"
    depth = 50_000
    p.write_text("<html><body>" + "<div>" * depth + "<p>" + "Deeply nested article text. " * 20 + "</p>"
                 + "</div>" * depth + "</body></html>")
    code, objs, _ = run(str(p), str(good))
    assert code == 0
    assert "Deeply nested article text." in objs[0]["article"]["text"]  # type: ignore[index]


def test_malformed_jsonl_lines_keep_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First article text."}),
        "{not json",
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "c", "text": "x", "html": "<p>y</p>"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": 42}),
        json.dumps({"id": "f", "text": "ok", "published": "not a date"}),
        "",
        json.dumps({"id": "g", "text": "Last article text."}),
    ]
    p.write_text("\n".join(lines) + "\n")
    code, objs, stderr = run(str(p))
    assert code == 1
    assert [o["article"]["id"] for o in objs] == [  # type: ignore[index]
        "a", str(p), str(p), "c", str(p), "e", "f", "g"]
    errs = errors(objs)
    assert [e["line"] for e in errs] == [2, 3, 4, 5, 6, 7]
    assert [e["kind"] for e in errs] == ["malformed_json", "missing_field", "missing_field", "bad_record",
                                         "bad_field", "bad_field"]
    assert f"{p}:2" in stderr
    assert objs[-1]["article"]["text"] == "Last article text."  # type: ignore[index]


def test_overlong_jsonl_line(tmp_path: Path) -> None:
    p = tmp_path / "long.jsonl.gz"
    with gzip.open(p, "wt") as fh:
        fh.write(json.dumps({"id": "big", "text": "x" * 3_000_000}) + "\n")
        fh.write(json.dumps({"id": "small", "text": "A short one."}) + "\n")
    code, objs, _ = run("--max-bytes", "1000000", str(p))
    assert code == 1
    assert objs[0]["error"]["kind"] == "too_large" and objs[0]["error"]["line"] == 1  # type: ignore[index]
    assert objs[1]["article"]["id"] == "small"  # type: ignore[index]


def test_jsonl_nul_in_text_is_kept_exactly(tmp_path: Path) -> None:
    p = tmp_path / "nul.jsonl"
    p.write_text(json.dumps({"id": "n", "text": "before\u0000after"}) + "\n")
    code, objs, _ = run(str(p))
    assert code == 0
    assert objs[0]["article"]["text"] == "before\u0000after"  # type: ignore[index]


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "enc.jsonl"
    p.write_bytes(b'{"id": "x", "text": "caf\xe9 society"}\n')
    code, objs, _ = run(str(p))
    assert code == 0
    assert objs[0]["article"]["text"] == "café society"  # type: ignore[index]


def test_missing_path(tmp_path: Path, good: Path) -> None:
    assert_one_failure(tmp_path, good, tmp_path / "nope.txt", "not_found")


def test_unsupported_extension(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "data.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert_one_failure(tmp_path, good, bad, "unsupported")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "secret.txt"
    bad.write_text("hidden")
    bad.chmod(0)
    assert_one_failure(tmp_path, good, bad, "unreadable")


def test_permission_error_is_reported(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    bad = tmp_path / "secret.txt"
    bad.write_text("hidden")
    real_open = builtins.open

    def fake_open(file: object, *a: object, **k: object) -> object:
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", fake_open)
    assert_one_failure(tmp_path, good, bad, "unreadable")


def test_fifo_does_not_hang(tmp_path: Path, good: Path) -> None:
    bad = tmp_path / "pipe.txt"
    os.mkfifo(bad)
    assert_one_failure(tmp_path, good, bad, "unreadable")


def test_symlink_loop_in_directory(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    code, objs, _ = run(str(root))
    assert code == 1
    texts = [o["article"]["text"] for o in objs if "error" not in o]  # type: ignore[index]
    assert texts == [GOOD]
    assert {e["kind"] for e in errors(objs)} == {"symlink_loop"}


def test_directory_recursion_in_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("First.\n")
    (root / "b" / "c.md").write_text("Second.\n")
    (root / "b" / "ignored.csv").write_text("x,y\n")
    (root / ".hidden.txt").write_text("hidden\n")
    code, objs, _ = run(str(root))
    assert code == 0
    assert [o["article"]["id"] for o in objs] == [str(root / "a.txt"), str(root / "b" / "c.md")]  # type: ignore[index]


def test_no_traceback_from_real_process(tmp_path: Path) -> None:
    """The installed console script: bad input gives clear lines and exit 1, no Python traceback."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    exe = Path(sys.executable).with_name("newsdesk")
    proc = subprocess.run([str(exe), "analyze", "--format", "jsonl", str(bad), str(tmp_path / "missing.html")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{bad}:1" in proc.stderr and "missing.html" in proc.stderr
    assert len(proc.stdout.splitlines()) == 2


def test_newsdeskignore(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".newsdeskignore").write_text("# not articles\nREADME.md\nsub/draft-*.txt\n")
    (root / "README.md").write_text("About this corpus.\n")
    (root / "a.txt").write_text(GOOD)
    (root / "sub" / "README.md").write_text("Nested readme.\n")
    (root / "sub" / "draft-1.txt").write_text("Draft.\n")
    (root / "sub" / "b.txt").write_text(GOOD)
    code, objs, _ = run(str(root))
    assert code == 0
    assert [o["article"]["id"] for o in objs] == [str(root / "a.txt"), str(root / "sub" / "b.txt")]  # type: ignore[index]
