"""`check` and `repair`: what is wrong with the journal's files, setting unreadable ones aside, and
bringing journal-meta.json back from a backup."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import DIR_MODE, FILE_MODE, stale_temps
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE, year_of
from backjournal.storage.schema import (
    check_ticks,
    decode_journal,
    decode_meta,
    decode_year,
    known_exercises,
    newer_problem,
    read_version,
)
from backjournal.storage.tinyfile import SYMLINK_PROBLEM, is_symlink, parse_tables, read_bytes
from backjournal.storage.verify import JournalProblem, file_problem, read_meta

if TYPE_CHECKING:
    from backjournal.storage.store import Store


@dataclass
class Analysis:
    """What is wrong with the journal's files."""

    problems: dict[Path, str] = field(default_factory=dict)  # file -> problem
    unparsed: set[Path] = field(default_factory=set)  # files that cannot be read or parsed at all
    whole: str | None = None  # a problem of the journal as a whole (a failing migration)
    newer: bool = False  # written by a newer backjournal


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def analyse(store: Store) -> Analysis:
    """Every journal file that makes the journal unusable, and why; changes nothing."""
    found = Analysis()
    parsed: dict[str, Any] = {}
    files = store.journal_files()
    for path in files:
        try:
            parsed[path.name] = parse_tables(path, read_bytes(path))
        except JournalUnusable as error:
            found.problems[path] = error.problem
            found.unparsed.add(path)
    meta_path = store.meta_path
    if meta_path not in files and files:
        found.problems[meta_path] = (
            "is missing, but there are year files: the episodes, custom exercises and routines "
            "are unknown"
        )
    try:
        version = read_version(parsed.get(META_FILE), meta_path)
    except JournalUnusable as error:
        found.problems[meta_path] = error.problem
        parsed.pop(META_FILE, None)
        version = SCHEMA_VERSION  # the years are read as the current schema once meta is set aside
    if version > SCHEMA_VERSION:
        found.whole = f"{meta_path}: {newer_problem(version)}; upgrade backjournal to use it"
        found.newer = True
        return found
    if version < SCHEMA_VERSION:
        try:
            decode_journal(parsed, store.data_dir)
        except JournalUnusable as error:
            found.whole = f"{error.path}: {error.problem} (schema {version}, to be migrated)"
        return found
    # Ticks are checked against the exercises in journal-meta.json; when that file is missing or
    # damaged (itself reported), the custom exercises are unknown, and no year file is blamed for it.
    known: frozenset[str] | None = None
    if META_FILE in parsed:
        try:
            known = known_exercises(decode_meta(parsed[META_FILE], meta_path))
        except JournalUnusable as error:
            found.problems[meta_path] = error.problem
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
            found.problems[path] = error.problem
    return found


def _own_children(store: Store) -> list[str]:
    """The lock file and backups/ must be the journal's own: never links out of the data folder."""
    out = []
    for path, kind in ((store.lock_path, stat.S_ISREG), (store.backups_dir, stat.S_ISDIR)):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(st.st_mode):
            out.append(f"{path}: {SYMLINK_PROBLEM}; move the link out of the data folder")
        elif not kind(st.st_mode):
            out.append(f"{path}: is not a {'folder' if kind is stat.S_ISDIR else 'regular file'}")
        elif kind is stat.S_ISREG and st.st_nlink > 1:
            out.append(f"{path}: has other names (hard links); move it out of the data folder")
    return out


def _foreign_backups(store: Store) -> list[str]:
    """Entries of backups/ named like a backup that are not real folders: never read or deleted,
    but one under the name of today's backup stops today's writes, so check names them."""
    try:
        if is_symlink(store.backups_dir):
            return []  # reported as a link; never listed through
        with os.scandir(store.backups_dir) as entries:
            found = [Path(e.path) for e in entries if not e.is_dir(follow_symlinks=False)]
    except OSError:
        return []  # missing (no backup yet), or backups/ itself is reported
    return [
        f"{path}: named like a backup but not a folder; backjournal never reads or deletes it, "
        "move it out of the backups folder"
        for path in sorted(found)
        if backup_files.parse_name(path.name) is not None
    ]


def check_report(store: Store) -> tuple[list[str], list[str]]:
    """(problems, notes), one line each naming the file; changes nothing.

    Problems make the journal unusable or unsafe (exit 4). Notes are harmless: a temp file left by an
    interrupted write, which the next write removes."""
    try:
        return _check_report(store)
    except JournalUnusable as error:
        return [f"{error.path}: {error.problem}"], []
    except OSError as error:
        return [
            f"{error.filename or store.data_dir}: cannot be read ({error.strerror or error})"
        ], []


def _check_report(store: Store) -> tuple[list[str], list[str]]:
    data_dir = store.data_dir
    try:
        os.stat(
            data_dir
        )  # the data folder may be a link (the user's choice); what it names must do
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [f"{data_dir}: cannot be used ({error.strerror or error})"], []
    if not data_dir.is_dir():
        return [f"{data_dir}: is not a folder"], []
    out = _own_children(store) + _foreign_backups(store)
    notes: list[str] = []
    for folder in (data_dir, store.backups_dir):
        if folder.is_dir() and not is_symlink(folder) and _mode(folder) != DIR_MODE:
            out.append(
                f"{folder}: folder mode is {_mode(folder):04o}, should be 0700 (private health data); run chmod 700 {folder}"
            )
    for path in store.journal_files():
        if is_symlink(path):
            continue  # reported by analyse, as it is refused when read
        mode = _mode(path)
        if mode != FILE_MODE:
            out.append(
                f"{path}: file mode is {mode:04o}, should be 0600 (private health data); run chmod 600 {path}"
            )
    for path in stale_temps(data_dir) + stale_temps(store.backups_dir):
        notes.append(
            f"{path}: a temp file left by an interrupted write; harmless, the next write removes it"
        )
    found = analyse(store)
    out += [f"{path}: {problem}" for path, problem in found.problems.items()]
    if found.whole:
        out.append(found.whole)
    return out, notes


def check(store: Store) -> list[str]:
    """Every problem and note found, one line each naming the file; changes nothing."""
    problems, notes = check_report(store)
    return problems + notes


def journal_problems(store: Store) -> list[JournalProblem]:
    """The problems every command reports: damaged, missing or foreign journal files. Reads through
    the store, so files it has already validated cost a stat; changes nothing but that cache."""
    try:
        return _journal_problems(store)
    except JournalUnusable as error:
        return [JournalProblem(error.path, error.problem)]
    except OSError as error:
        where = Path(error.filename) if error.filename else store.data_dir
        return [JournalProblem(where, f"cannot be read ({error.strerror or error})")]


def _journal_problems(store: Store) -> list[JournalProblem]:
    try:
        if not stat.S_ISDIR(os.stat(store.data_dir).st_mode):
            return [JournalProblem(store.data_dir, "is not a folder")]
    except FileNotFoundError:
        return []  # no journal yet
    found: dict[Path, str] = {}
    for line in _own_children(store):
        where, _, what = line.partition(": ")
        found[Path(where)] = what
    try:
        store.load_meta()
        meta_ok = True
    except JournalUnusable as error:
        found.setdefault(error.path, error.problem)
        meta_ok = False
    twin = sound_twin(store) if meta_ok else {}
    for year, path in sorted(store.year_files().items()):
        if meta_ok:
            try:
                if not store.is_validated(path) and same_bytes(path, twin.get(path.name)):
                    continue  # byte for byte a copy in a sound backup, beside the same meta
                store.views([year])
            except JournalUnusable as error:
                found.setdefault(error.path, error.problem)
        else:
            try:
                raw = read_bytes(path)
            except JournalUnusable as error:
                found.setdefault(path, error.problem)
                continue
            if (problem := file_problem(path, raw)) is not None:
                found.setdefault(path, problem)
    return [JournalProblem(path, problem) for path, problem in found.items()]


def sound_twin(store: Store) -> dict[str, Path]:
    """The files of the newest sound backup, when the journal's meta file knows every exercise its
    meta file knew (exercises are only ever added): a year file byte for byte the same as its copy
    there then reads and decodes, every tick naming a known exercise. {} when there is none."""
    folder = backup_files.newest_sound(store.backups_dir, store.day_starts_at)
    if folder is None:
        return {}
    try:
        files = backup_files.backup_files(folder)
        then, now = read_bytes(files[META_FILE]), read_bytes(store.meta_path)
    except (OSError, KeyError, JournalUnusable):
        return {}
    if then is None or now is None:
        return {}
    if then != now:
        old, new = read_meta(files[META_FILE], then), read_meta(store.meta_path, now)
        if old is None or new is None or not known_exercises(old) <= known_exercises(new):
            return {}
    return files


def same_bytes(path: Path, copy: Path | None) -> bool:
    if copy is None:
        return False
    try:
        return read_bytes(path) == read_bytes(copy)
    except JournalUnusable:
        return False


def newest_good(store: Store) -> tuple[Path, date, str, int] | None:
    """The newest backup that reads cleanly as a whole journal: (folder, day, kind, diary entries)."""
    try:
        folders = backup_files.backup_dirs(store.backups_dir, store.day_starts_at)
    except JournalUnusable:
        return None
    for key, folder in folders:
        try:
            files = backup_files.backup_files(folder)
            if not files:
                continue
            days, _ = decode_journal(
                {name: parse_tables(path, read_bytes(path)) for name, path in files.items()},
                folder,
            )
        except (JournalUnusable, OSError):
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
