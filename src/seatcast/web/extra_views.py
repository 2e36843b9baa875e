"""Pages built on the forecast, what-if and live modules (wired as they land)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI


def register(app: FastAPI, page: Callable[..., Any], store: Path | None) -> None:
    return None
