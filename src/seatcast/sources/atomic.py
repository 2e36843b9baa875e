"""Writing an output file whole or not at all: a temporary name beside it, then a rename.

A command that writes a file (an emitted feed, a report, saved draws, built tables) and
fails halfway (a full disk, an interrupt, a bug) must leave the old file, or none, never a
truncated one that a later step would read as complete.  `atomic_write` writes to a
temporary file in the same folder (so the rename stays on one file system and is atomic),
flushes it to disk, and renames it over the target only when the block ends without an
error; otherwise the temporary file is removed.  An `OSError` becomes a one-line
`SeatcastError` naming the target, for the CLI's exit 2.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from seatcast.errors import SeatcastError


def atomic_write(path: str | Path, *, encoding: str = "utf-8"
                 ) -> contextlib.AbstractContextManager[IO[str]]:
    """``with atomic_write(path) as f: f.write(...)``: the file appears, complete, at the end
    of the block, or not at all (the old one stays).  Text, with ``\\n`` line ends."""
    return _atomic(Path(path), "w", encoding)  # type: ignore[return-value]


def atomic_write_bytes(path: str | Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """The same for binary output."""
    return _atomic(Path(path), "wb", "")  # type: ignore[return-value]


@contextlib.contextmanager
def _atomic(path: Path, mode: str, encoding: str) -> Iterator[IO[str] | IO[bytes]]:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise SeatcastError(f"cannot write {path}: {e.strerror or e}") from e
    try:
        if mode == "wb":
            f: IO[str] | IO[bytes] = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", encoding=encoding, newline="\n")
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except OSError as e:
        _discard(tmp)
        raise SeatcastError(f"cannot write {path}: {e.strerror or e}") from e
    except BaseException:
        _discard(tmp)
        raise


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """The whole text, or nothing (see `atomic_write`)."""
    with atomic_write(path, encoding=encoding) as f:
        f.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_write_bytes(path) as f:
        f.write(data)


def _keep_mode(path: Path, tmp: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual (umask) ones, not
    mkstemp's owner-only 0600."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
