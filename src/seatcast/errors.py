"""Errors that carry their reason, for a one-line message at the edge (CLI, web)."""

from __future__ import annotations

from pathlib import Path


class SeatcastError(Exception):
    """Base class: the message is meant for the user, on one line."""


class InputFileError(SeatcastError):
    """A file that cannot be read as what it claims to be, with the file and line at fault."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class UnknownElectionError(SeatcastError):
    pass


class NotFoundError(SeatcastError):
    pass
