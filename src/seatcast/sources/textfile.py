"""Reading text files defensively: encoding errors and line numbers for every message."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from seatcast.errors import InputFileError

#: Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first: its little-endian
#: mark starts with UTF-16's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def wide_bom(raw: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``raw`` starts with a UTF-16 or UTF-32 byte-order mark."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return encoding, len(bom)
    return None


def decode_wide(path: str | Path, raw: bytes, encoding: str, skip: int) -> str:
    """UTF-16/UTF-32 text after its byte-order mark; an error naming the line of a bad unit."""
    try:
        return raw[skip:].decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[skip:skip + e.start].decode(encoding, errors="replace").count("\n") + 1
        name = encoding[:6].upper()
        raise InputFileError(path, line, f"not valid {name} text after its byte-order mark") from None


def read_text(path: str | Path) -> str:
    """The file's text as UTF-8 (a BOM is dropped), or as UTF-16 or UTF-32 when it starts with
    their byte-order mark; a clear error for any other encoding."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputFileError(p, None, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(p, None, "is a directory, not a file") from None
    except OSError as e:
        raise InputFileError(p, None, f"cannot be read ({e.strerror})") from None
    wide = wide_bom(raw)
    try:
        text = decode_wide(p, raw, *wide) if wide else raw.decode("utf-8-sig")
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
