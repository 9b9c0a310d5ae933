"""`check` and `repair`: what is wrong with the journal's files, and moving unreadable ones aside."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import DIR_MODE, FILE_MODE, fsync_dir, stale_temps
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE, is_journal_file, year_of
from backjournal.storage.schema import (
    check_ticks,
    decode_journal,
    decode_meta,
    decode_year,
    known_exercises,
    newer_problem,
    read_version,
)
from backjournal.storage.tinyfile import duplicate_key, parse_tables, read_bytes

if TYPE_CHECKING:
    from backjournal.storage.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _duplicate_key(raw: bytes) -> str | None:
    """A key repeated inside one JSON object (parse_tables refuses such a file)."""
    return duplicate_key(raw)


def analyse(store: Store) -> tuple[dict[Path, str], str | None, bool]:
    """Files that make the journal unusable (path -> problem), a whole-journal problem, and whether it is too new."""
    problems: dict[Path, str] = {}
    parsed: dict[str, Any] = {}
    for path in store.journal_files():
        try:
            parsed[path.name] = parse_tables(path, read_bytes(path))
        except JournalUnusable as error:
            problems[path] = error.problem
    meta_path = store.meta_path
    try:
        version = read_version(parsed.get(META_FILE), meta_path)
    except JournalUnusable as error:
        problems[meta_path] = error.problem
        parsed.pop(META_FILE, None)
        version = SCHEMA_VERSION  # the years are read as the current schema once meta is set aside
    if version > SCHEMA_VERSION:
        return (
            problems,
            f"{meta_path}: {newer_problem(version)}; upgrade backjournal to use it",
            True,
        )
    if version < SCHEMA_VERSION:
        try:
            decode_journal(parsed, store.data_dir)
        except JournalUnusable as error:
            return (
                problems,
                f"{error.path}: {error.problem} (schema {version}, to be migrated)",
                False,
            )
        return problems, None, False
    # Ticks are checked against the exercises in journal-meta.json; when that file is missing or
    # damaged (itself reported), the custom exercises are unknown, and no year file is blamed for it.
    known: frozenset[str] | None = None
    if META_FILE in parsed:
        try:
            known = known_exercises(decode_meta(parsed[META_FILE], meta_path))
        except JournalUnusable as error:
            problems[meta_path] = error.problem
    for name, tables in parsed.items():
        year = year_of(name)
        if year is None:
            continue
        path = store.data_dir / name
        try:
            days, _ = decode_year(tables, year, path)
            if known is not None:
                check_ticks(days, known, path)
        except JournalUnusable as error:
            problems[path] = error.problem
    return problems, None, False


def check_report(store: Store) -> tuple[list[str], list[str]]:
    """(problems, notes), one line each naming the file; changes nothing.

    Problems make the journal unusable or unsafe (exit 4). Notes are harmless: a temp file left by an
    interrupted write, which the next write removes."""
    data_dir = store.data_dir
    if not data_dir.exists():
        return [], []
    if not data_dir.is_dir():
        return [f"{data_dir}: is not a folder"], []
    out: list[str] = []
    notes: list[str] = []
    for folder in (data_dir, store.backups_dir):
        if folder.is_dir() and _mode(folder) != DIR_MODE:
            out.append(
                f"{folder}: folder mode is {_mode(folder):04o}, should be 0700 (private health data); run chmod 700 {folder}"
            )
    files = store.journal_files()
    for path in files:
        try:
            mode = _mode(path)
        except OSError as error:
            out.append(f"{path}: cannot be read ({error.strerror or error})")
            continue
        if mode != FILE_MODE:
            out.append(
                f"{path}: file mode is {mode:04o}, should be 0600 (private health data); run chmod 600 {path}"
            )
    for path in stale_temps(data_dir) + stale_temps(store.backups_dir):
        notes.append(
            f"{path}: a temp file left by an interrupted write; harmless, the next write removes it"
        )
    if files and not store.meta_path.exists():
        out.append(
            f"{store.meta_path}: missing; episodes, custom exercises and routines are not in the journal"
        )
    problems, whole, _ = analyse(store)
    out += [f"{path}: {problem}" for path, problem in problems.items()]
    if whole:
        out.append(whole)
    return out, notes


def check(store: Store) -> list[str]:
    """Every problem and note found, one line each naming the file; changes nothing."""
    problems, notes = check_report(store)
    return problems + notes


def newest_good(store: Store) -> tuple[Path, date, str, int] | None:
    """The newest backup that reads cleanly: (folder, day, kind, diary entries)."""
    for key, folder in backup_files.backup_dirs(store.backups_dir):
        files = [path for path in sorted(folder.iterdir()) if is_journal_file(path.name)]
        if not files:
            continue
        try:
            days, _ = decode_journal(
                {path.name: parse_tables(path, read_bytes(path)) for path in files}, folder
            )
        except JournalUnusable:
            continue
        return folder, key[0], key[2], sum(1 for day in days.values() if day.entry is not None)
    return None


def newest_good_backup(store: Store) -> str:
    found = newest_good(store)
    if found is None:
        return f"no good backup found in {store.backups_dir}"
    folder, day, kind, entries = found
    return (
        f"newest good backup: {folder} ({day}, {kind}, {entries} diary {'entry' if entries == 1 else 'entries'}); "
        f"to bring back the journal as it was then, run: backjournal restore {folder.name}"
    )


def repair_locked(store: Store) -> list[str]:
    """Move unusable files aside as <name>.corrupt-<time> and fix modes; call under the write lock."""
    lines: list[str] = []
    problems, whole, newer = analyse(store)
    stamp = store.clock().strftime("%Y%m%d-%H%M%S")
    for path, problem in problems.items():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        try:
            os.rename(path, aside)
        except OSError as error:
            lines.append(
                f"could not move {path} aside ({error.strerror or error}); it is unchanged"
            )
            continue
        lines.append(f"moved {path} aside to {aside.name} ({problem}); nothing was deleted")
    if problems:
        fsync_dir(store.data_dir)
    if whole:
        what = (
            "it is not damaged, only newer"
            if newer
            else "no single file is to blame, so nothing was moved"
        )
        lines.append(f"{whole}; left as it is: {what}")
    for path in store.journal_files():
        if not path.is_symlink() and _mode(path) != FILE_MODE:  # never chmod a link's target
            os.chmod(path, FILE_MODE)
            lines.append(f"set {path} to mode 0600 (private health data)")
    for folder in (store.data_dir, store.backups_dir):
        if folder.is_dir() and not folder.is_symlink() and _mode(folder) != DIR_MODE:
            os.chmod(folder, DIR_MODE)
            lines.append(f"set the folder {folder} to mode 0700 (private health data)")
    if problems or (whole and not newer):
        lines.append(newest_good_backup(store))
    return lines
