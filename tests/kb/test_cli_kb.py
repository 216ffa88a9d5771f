"""`newsdesk kb who|person|country` through click's test runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsdesk.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_who_prime_minister_of_japan() -> None:
    code, out = run("kb", "who", "Prime Minister of Japan", "--on", "2024-06-01")
    assert code == 0, out
    assert "Fumio Kishida" in out and "2021-10-04" in out and "certainty: firm" in out and "CSV lines" in out


def test_who_role_words_and_json() -> None:
    code, out = run("kb", "who", "chancellor of Germany", "--on", "2023-01-01", "--format", "json")
    assert code == 0, out
    ans = json.loads(out)
    assert ans["country"] == "DEU" and ans["role"] == "head_of_government"
    assert [h["name"] for h in ans["holders"]] == ["Olaf Scholz"]
    code, out = run("kb", "who", "President of South Korea", "--on", "2025-01-15", "--format", "json")
    ans = json.loads(out)
    assert [(h["name"], h["certainty"]) for h in ans["holders"]] == [("Yoon Suk Yeol", "uncertain")]
    code, out = run("kb", "who", "head of state of the United States", "--on", "2021-06-01")
    assert code == 0 and "Joseph R. Biden Jr." in out


def test_who_after_coverage_says_unknown() -> None:
    code, out = run("kb", "who", "Prime Minister of Japan", "--on", "2026-06-01")
    assert code == 0 and "unknown" in out and "2026-01-21" in out


def test_who_errors_are_one_line() -> None:
    code, out = run("kb", "who", "Prime Minister of Narnia")
    assert code == 1 and "error:" in out
    code, out = run("kb", "who", "Prime Minister of Japan", "--on", "June 2024")
    assert code == 2


def test_person() -> None:
    code, out = run("kb", "person", "Angela Merkel")
    assert code == 0 and "Chancellor" in out and "2005-11-22 to 2021-12-08" in out
    code, out = run("kb", "person", "Sharif", "--format", "json")
    assert code == 0 and len(json.loads(out)["tenures"]) >= 3
    code, out = run("kb", "person", "Nobody Atall")
    assert code == 1


def test_country() -> None:
    code, out = run("kb", "country", "Pakistan", "--on", "2025-06-01")
    assert code == 0, out
    for part in ("PAK", "Islamabad", "Pakistani", "Asif Ali Zardari", "Muhammad Shehbaz Sharif"):
        assert part in out
    code, out = run("kb", "country", "British", "--format", "json")
    assert code == 0 and json.loads(out)["iso3"] == "GBR"
