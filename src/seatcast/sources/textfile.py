"""Reading text files defensively: encoding errors and line numbers for every message."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from seatcast.errors import InputFileError


def read_text(path: str | Path) -> str:
    """The file's text as UTF-8 (a BOM is dropped); a clear error for any other encoding."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputFileError(p, None, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(p, None, "is a directory, not a file") from None
    except OSError as e:
        raise InputFileError(p, None, f"cannot be read ({e.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputFileError(
            p, line, f"not UTF-8 text (byte 0x{raw[e.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputFileError(p, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte)")
    return text


def numbered_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for each record; line numbers count physical lines from 1."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for fields in reader:
        yield start, fields
        start = reader.line_num + 1


def parse_count(path: str | Path, line: int, what: str, text: str) -> int:
    """A non-negative whole number, allowing thousands separators; else an InputFileError."""
    s = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not s:
        raise InputFileError(path, line, f"{what} is empty")
    try:
        value = int(s)
    except ValueError:
        raise InputFileError(path, line, f"{what} {text.strip()!r} is not a whole number") from None
    if value < 0:
        raise InputFileError(path, line, f"{what} is negative ({value})")
    return value


def find_columns(
    path: str | Path, line: int, header: list[str], wanted: dict[str, str]
) -> dict[str, int]:
    """Map each wanted key to the index of the header cell that starts with its prefix."""
    cells = [h.strip().lstrip("\ufeff").casefold() for h in header]
    out: dict[str, int] = {}
    for key, prefix in wanted.items():
        pf = prefix.casefold()
        idx = next((i for i, c in enumerate(cells) if c.startswith(pf)), None)
        if idx is None:
            raise InputFileError(path, line, f"missing column {prefix!r} in the header")
        out[key] = idx
    return out
