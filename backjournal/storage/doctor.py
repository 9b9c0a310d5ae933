"""`check` and `repair`: what is wrong with the journal's files, and moving unreadable ones aside."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backjournal.domain.codec import SCHEMA_VERSION
from backjournal.storage import backups as backup_files
from backjournal.storage.atomic import DIR_MODE, FILE_MODE, fsync_dir, stale_temps
from backjournal.storage.errors import JournalUnusable
from backjournal.storage.paths import META_FILE, is_journal_file, year_of
from backjournal.storage.schema import decode_journal, decode_meta, decode_year, newer_problem, read_version
from backjournal.storage.tinyfile import parse_tables, read_bytes

if TYPE_CHECKING:
    from backjournal.storage.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _duplicate_key(raw: bytes) -> str | None:
    """A key repeated inside one JSON object: orjson keeps the last silently, hiding the first."""
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if not found and len(set(keys)) != len(keys):
            found.append(next(key for key in keys if keys.count(key) > 1))
        return dict(pairs)

    try:
        json.loads(raw, object_pairs_hook=hook)
    except ValueError:
        return None  # reported as unreadable already
    return found[0] if found else None


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
        return problems, f"{meta_path}: {newer_problem(version)}", True
    if version < SCHEMA_VERSION:
        try:
            decode_journal(parsed, store.data_dir)
        except JournalUnusable as error:
            return problems, f"{error.path}: {error.problem} (schema {version}, to be migrated)", False
        return problems, None, False
    for name, tables in parsed.items():
        path = store.data_dir / name
        try:
            year = year_of(name)
            if year is None:
                decode_meta(tables, path)
            else:
                decode_year(tables, year, path)
        except JournalUnusable as error:
            problems[path] = error.problem
    return problems, None, False


def check(store: Store) -> list[str]:
    """Every problem found, one line each naming the file; changes nothing."""
    data_dir = store.data_dir
    if not data_dir.exists():
        return []
    if not data_dir.is_dir():
        return [f"{data_dir}: is not a folder"]
    out: list[str] = []
    for folder in (data_dir, store.backups_dir):
        if folder.is_dir() and _mode(folder) != DIR_MODE:
            out.append(f"{folder}: folder mode is {_mode(folder):04o}, should be 0700 (private health data); run chmod 700 {folder}")
    files = store.journal_files()
    for path in files:
        if _mode(path) != FILE_MODE:
            out.append(f"{path}: file mode is {_mode(path):04o}, should be 0600 (private health data); run chmod 600 {path}")
    for path in stale_temps(data_dir) + stale_temps(store.backups_dir):
        out.append(f"{path}: stale temp file left by an interrupted write; the next write removes it")
    if files and not store.meta_path.exists():
        out.append(f"{store.meta_path}: missing; episodes, custom exercises and routines are not in the journal")
    problems, whole, _ = analyse(store)
    out += [f"{path}: {problem}" for path, problem in problems.items()]
    if whole:
        out.append(whole)
    for path in files:
        if path not in problems:
            key = _duplicate_key(read_bytes(path) or b"")
            if key is not None:
                out.append(f"{path}: the key {key!r} appears twice in one object; only the last one is read")
    return out


def newest_good_backup(store: Store) -> str:
    for key, folder in backup_files.backup_dirs(store.backups_dir):
        files = [path for path in sorted(folder.iterdir()) if is_journal_file(path.name)]
        if not files:
            continue
        try:
            days, _ = decode_journal({path.name: parse_tables(path, read_bytes(path)) for path in files}, folder)
        except JournalUnusable:
            continue
        entries = sum(1 for day in days.values() if day.entry is not None)
        return (
            f"newest good backup: {folder} ({key[0]}, {key[2]}, {entries} diary {'entry' if entries == 1 else 'entries'}); "
            "restoring it brings back the journal as it was then"
        )
    return f"no good backup found in {store.backups_dir}"


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
            lines.append(f"could not move {path} aside ({error.strerror or error}); it is unchanged")
            continue
        lines.append(f"moved {path} aside to {aside.name} ({problem}); nothing was deleted")
    if problems:
        fsync_dir(store.data_dir)
    if whole:
        what = "upgrade backjournal instead" if newer else "no single file is to blame, so nothing was moved"
        lines.append(f"{whole}; left as it is: {what}")
    for path in store.journal_files():
        if _mode(path) != FILE_MODE:
            os.chmod(path, FILE_MODE)
            lines.append(f"set {path} to mode 0600 (private health data)")
    if problems or (whole and not newer):
        lines.append(newest_good_backup(store))
    return lines
