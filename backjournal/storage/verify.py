"""Whether one journal file verifies (reads, parses and decodes), and the problems a journal has."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backjournal.domain.models import JournalMeta
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE, year_of
from backjournal.storage.schema import decode_meta, decode_year, meta_version, unknown_tick
from backjournal.storage.tinyfile import parse_tables, read_bytes

REPAIR_HINT = "run `backjournal check --repair`"


@dataclass(frozen=True)
class JournalProblem:
    """One file of the journal that is damaged, missing or not the journal's own; plain data for any UI."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}; {REPAIR_HINT}"


def file_problem(path: Path, raw: bytes | None) -> str | None:
    """Why these bytes of a journal file (meta or year, by its name) do not verify; None when they do.

    Each file is judged alone: a tick naming a custom exercise is a matter between two files, and
    never makes a file that reads and decodes count as damaged."""
    try:
        tables = parse_tables(path, raw)
        if path.name == META_FILE:
            meta_version(tables, path)
            decode_meta(tables, path)
        elif (year := year_of(path.name)) is not None:
            decode_year(tables, year, path)
    except JournalUnusable as error:
        return error.problem
    return None


def read_meta(path: Path, raw: bytes) -> JournalMeta | None:
    """The meta these bytes hold, None when they do not verify (or are of another schema)."""
    try:
        tables = parse_tables(path, raw)
        meta_version(tables, path)
        return decode_meta(tables, path)
    except JournalUnusable:
        return None


def year_problem(path: Path, raw: bytes, known: frozenset[str] | None) -> tuple[str | None, bool]:
    """(why a year file does not verify by itself, or None; whether every tick names an exercise
    in `known` (False when `known` is None: the journal's exercises are not known))."""
    try:
        year = year_of(path.name)
        assert year is not None
        days, _ = decode_year(parse_tables(path, raw), year, path)
    except JournalUnusable as error:
        return error.problem, False
    return None, known is not None and unknown_tick(days, known) is None


def stored_file_problem(path: Path) -> str | None:
    """file_problem() of a file on disk (never following a symlink)."""
    try:
        raw = read_bytes(path)
    except JournalUnusable as error:
        return error.problem
    if raw is None:
        return "is missing"
    return file_problem(path, raw)
