"""docs/cli.md from the commands' own help: `python -m seatcast.cli.docs > docs/cli.md`
(`make docs`); `tests/cli/test_docs.py` fails when the page drifts from the code."""

from __future__ import annotations

import sys
from typing import Any

import typer.main

WIDTH = 100


def _plain_help(command: Any, ctx: Any) -> str:
    """The command's help as plain text (Click's own formatter, not Rich's boxes)."""
    formatter = ctx.formatter_class(width=WIDTH, max_width=WIDTH)
    plain: Any = type(command).__mro__[1]  # the class below Typer's Rich formatter
    plain.format_help(command, ctx, formatter)
    return str(formatter.getvalue()).rstrip()


def _walk(command: Any, ctx: Any, path: list[str]) -> list[tuple[str, str]]:
    out = [(" ".join(path), _plain_help(command, ctx))]
    names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
    for name in names:
        sub = command.get_command(ctx, name)
        sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
        out += _walk(sub, sub_ctx, [*path, name])
    return out


def render() -> str:
    from seatcast.cli import app

    root = typer.main.get_command(app)
    ctx = root.make_context("seatcast", [], resilient_parsing=True)
    parts = ["# Command line reference", "",
             "Generated from the commands' own `--help` by `make docs` "
             "(`python -m seatcast.cli.docs > docs/cli.md`); a test fails when this page and "
             "the code disagree. Every command prints a table, or one JSON object with `--json`.",
             ""]
    for path, text in _walk(root, ctx, ["seatcast"]):
        parts += [f"## `{path}`", "", "```text", text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render())
