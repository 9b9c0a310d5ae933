"""The codec's building blocks: ShapeError and the strict readers of a stored date, number or word list."""

from __future__ import annotations

from datetime import date
from typing import Any

from backjournal.domain.dates import EARLIEST, LATEST


class ShapeError(ValueError):
    """Stored data does not have the expected shape; `where` says which record."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def read_date(value: Any, where: str) -> date:
    """A stored ISO date within the journal's years; ShapeError naming `where` otherwise."""
    if not isinstance(value, str):
        raise ShapeError(where, f"date must be a string, got {type(value).__name__}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ShapeError(where, f"{value[:40]!r} is not a valid date") from None
    if not EARLIEST <= day <= LATEST:
        # Later arithmetic (weeks, "the day after") overflows near year 1 and year 9999.
        raise ShapeError(where, f"{day} is outside {EARLIEST.year} to {LATEST.year}")
    return day


def read_int(value: Any, where: str, lo: int, hi: int) -> int | None:
    return None if value is None else read_whole(value, where, lo, hi)


def read_whole(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ShapeError(where, f"must be a whole number from {lo} to {hi}, got {value!r}")
    return value


def read_words(value: Any, where: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ShapeError(where, "must be a list of strings")
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise ShapeError(where, f"unknown value {bad[0]!r}")
    return tuple(value)
