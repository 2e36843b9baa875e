"""docs/cli.md from the commands' own help: `python -m seatcast.cli.docs > docs/cli.md`
(`make docs`); `tests/cli/test_docs.py` fails when the page drifts from the code."""

from __future__ import annotations

import sys

import click

WIDTH = 100


def _plain_help(command: click.Command, ctx: click.Context) -> str:
    """The command's help as plain text, at a fixed width (not the terminal's)."""
    formatter = ctx.formatter_class(width=WIDTH, max_width=WIDTH)
    command.format_help(ctx, formatter)
    return formatter.getvalue().rstrip()


def _walk(command: click.Command, ctx: click.Context, path: list[str]) -> list[tuple[str, str]]:
    out = [(" ".join(path), _plain_help(command, ctx))]
    names = command.list_commands(ctx) if isinstance(command, click.Group) else []
    for name in names:
        assert isinstance(command, click.Group)
        sub = command.get_command(ctx, name)
        assert sub is not None, name
        sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
        out += _walk(sub, sub_ctx, [*path, name])
    return out


def render() -> str:
    from seatcast.cli import app

    root = app
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
