"""The example report in docs/factcheck.md is the command's real output, so the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from seatcast.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "factcheck.md"


def test_the_documented_report_is_what_the_command_prints(capsys, monkeypatch):
    monkeypatch.chdir(DOC.parents[1])  # the report names the article by its path from the repo root
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- report:(\S+) -->\n```text\n(.*?)```\n<!-- /report -->", text, re.DOTALL)
    assert blocks, "no report block in docs/factcheck.md"
    for name, documented in blocks:
        assert main(["check", f"tests/factcheck/articles/{name}"]) == 0
        assert capsys.readouterr().out == documented, f"docs/factcheck.md: report of {name} is out of date"
