"""Reading text files defensively: encoding errors and line numbers for every message."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from seatcast.errors import InputFileError

#: The encodings a reader may name.  UTF-8 is the default and the only one a user's file is
#: read in: a file that is not valid UTF-8 is refused, never guessed at.  Windows-1252 is
#: for the official files known to be in it (Elections Canada's 2011 tables and earlier);
#: a reader names it explicitly for those files, and only for those.
ENCODINGS = ("utf-8", "cp1252")
#: Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first: its little-endian
#: mark starts with UTF-16's).  A UTF-8 reader takes a file that starts with one.
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


def read_text(path: str | Path, *, encoding: str = "utf-8") -> str:
    """The file's text (a UTF-8 BOM is dropped; a UTF-16 or UTF-32 file with its byte-order
    mark is read too); a clear error for anything else.

    ``encoding="cp1252"`` reads a file known to be Windows-1252 (no fallback: the caller
    says so).  Such a file that is valid UTF-8 with non-ASCII text is refused, since reading
    it as Windows-1252 would garble every accent (``LibÃ©ral``): the file has been re-saved
    and its reader must be told.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported encoding {encoding!r} (one of {', '.join(ENCODINGS)})")
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputFileError(p, None, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(p, None, "is a directory, not a file") from None
    except OSError as e:
        raise InputFileError(p, None, f"cannot be read ({e.strerror})") from None
    wide = wide_bom(raw) if encoding == "utf-8" else None
    if wide:
        text = decode_wide(p, raw, *wide)
    elif encoding == "cp1252":
        text = _cp1252(p, raw)
    else:
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


def _cp1252(p: Path, raw: bytes) -> str:
    if not raw.isascii():
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        else:
            raise InputFileError(p, None, "is UTF-8 text, not Windows-1252 as this official file "
                                 "was published: its reader must be told the encoding")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputFileError(p, line, f"not Windows-1252 text (byte 0x{raw[e.start]:02x} is "
                             "undefined in it)") from None


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
    path: str | Path, line: int, header: list[str], wanted: Mapping[str, str | tuple[str, ...]]
) -> dict[str, int]:
    """Map each wanted key to the index of the header cell that starts with its prefix (or
    with the first of its alternative prefixes that the header has, e.g. a column renamed
    from one year's file to the next)."""
    cells = [h.strip().lstrip("\ufeff").casefold() for h in header]
    out: dict[str, int] = {}
    for key, prefixes in wanted.items():
        alts = (prefixes,) if isinstance(prefixes, str) else prefixes
        idx = next((i for pf in alts for i, c in enumerate(cells) if c.startswith(pf.casefold())),
                   None)
        if idx is None:
            raise InputFileError(path, line, f"missing column {' or '.join(map(repr, alts))} "
                                 "in the header")
        out[key] = idx
    return out


def parse_json(text: str, name: str | Path) -> object:
    """A JSON document, or one line naming the file, the line and the problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputFileError(name, e.lineno, f"not valid JSON ({e.msg})") from None
    except RecursionError:
        raise InputFileError(name, None, "not usable JSON (nested too deeply)") from None


def json_list(text: str, name: str | Path, what: str | None = None) -> list[Any]:
    """A JSON document that must be a list (``what``: of what, for the message)."""
    data = parse_json(text, name)
    if not isinstance(data, list):
        raise InputFileError(name, 1, "expected a JSON list" + (f" of {what}" if what else ""))
    return data

