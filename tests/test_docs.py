"""Every CLI command and option is documented (a command nobody can find does not exist)."""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, full + " "))
    return out


def _all_docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


def test_every_command_is_documented() -> None:
    docs = _all_docs()
    missing = [name for name, _ in _commands(main) if f"newsdesk {name}" not in docs]
    assert not missing, f"commands not in docs/*.md: {missing}"


def test_every_option_is_documented() -> None:
    docs = _all_docs()
    missing = []
    for name, cmd in _commands(main):
        for param in cmd.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt not in docs:
                        missing.append(f"{name} {opt}")
    assert not missing, f"options not in docs/*.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = (DOCS.parent / "README.md").read_text(encoding="utf-8").splitlines()[:15]
    assert any("make demo" in line for line in head) and any("make test" in line for line in head)
