"""`read_text`: UTF-8 with or without BOM, UTF-16/UTF-32 with a BOM, and one-line errors otherwise."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from seatcast.errors import InputFileError
from seatcast.sources.textfile import read_text

TEXT = "riding,name\n24073,Terrebonne\n10007,Terra Nova–Les Péninsules\n"


@pytest.mark.parametrize(("bom", "encoding"), [
    (b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_unicode_text_with_its_bom_is_read(tmp_path: Path, bom: bytes, encoding: str) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes(bom + TEXT.encode(encoding))
    assert read_text(p) == TEXT


def test_utf16_without_a_bom_is_still_binary(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("riding,name\n24073,Terrebonne\n".encode("utf-16-le"))  # no BOM: NUL bytes
    with pytest.raises(InputFileError, match=r":1: binary data \(NUL byte\)"):
        read_text(p)


def test_broken_utf16_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes(codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputFileError, match=r"t\.csv:3: not valid UTF-16 text after its byte-order mark"):
        read_text(p)


def test_latin1_is_still_refused_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("a\nTerra Nova–Les Péninsules\n".encode("cp1252"))
    with pytest.raises(InputFileError, match=r":2: not UTF-8 text"):
        read_text(p)


def test_json_readers_name_the_file_the_line_and_the_problem() -> None:
    from seatcast.sources.textfile import json_list, parse_json

    with pytest.raises(InputFileError, match=r"^x\.json:2: not valid JSON \(Expecting value\)$"):
        parse_json('[1,\n', "x.json")
    with pytest.raises(InputFileError, match=r"nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000, "x.json")
    with pytest.raises(InputFileError, match=r"^x\.json:1: expected a JSON list of events$"):
        json_list('{"a": 1}', "x.json", "events")
    assert json_list("[1, 2]", "x.json") == [1, 2]
