"""Saving a day edited from an older version: a three-way merge of its fields, and its conflicts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from backjournal.domain import entries
from backjournal.domain.models import Day, Entry

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged fields; a conflicted field holds `mine` until the user chooses."""

    values: dict[str, Any]
    conflicts: tuple[str, ...]


def merge(base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> Merged:
    """Each field as the side that changed it from `base`; both changed it differently: a conflict."""
    values: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in dict.fromkeys([*base, *mine, *theirs]):
        b, m, t = base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        if m == t or t == b:
            value = m
        elif m == b:
            value = t
        else:
            value = m
            conflicts.append(key)
        if value is not _MISSING:
            values[key] = value
    return Merged(values, tuple(conflicts))


def entry_fields(entry: Entry | None) -> dict[str, Any]:
    """An entry's fields as plain values; a day with no entry has no pain and empty fields."""
    if entry is None:
        return {f: getattr(Entry(pain=0), f) for f in entries.ENTRY_FIELDS} | {"pain": None}
    return {f: getattr(entry, f) for f in entries.ENTRY_FIELDS}


def both_notes(mine: str, theirs: str) -> str:
    """Both versions of a note kept: the one saved elsewhere first, then the user's."""
    if not theirs.strip() or mine.startswith(theirs):
        return mine
    if not mine.strip() or theirs.startswith(mine):
        return theirs
    return f"{theirs.rstrip()}\n\n{mine.lstrip()}"


class SaveConflict(Exception):
    """The day was changed elsewhere since it was loaded, in fields the user changed too."""

    def __init__(
        self, day: date, fields: tuple[str, ...], mine: dict[str, Any], theirs: dict[str, Any]
    ) -> None:
        super().__init__(f"{day}: {', '.join(fields)} changed elsewhere since it was loaded")
        self.day = day
        self.fields = fields
        self.mine = mine  # the user's values of the conflicting fields, as typed
        self.theirs = theirs  # every field of the entry as stored now


def changes_to_write(
    day: Day, changes: Mapping[str, Any], base: Mapping[str, Any]
) -> dict[str, Any]:
    """The fields to write over the stored `day`, given the user's `changes` made from `base`.

    `base` holds, for each changed field, its value when the user's edit began. A field changed
    since both here and elsewhere raises SaveConflict; one changed only elsewhere is not written.
    """
    clean = entries.clean_changes(changes)
    theirs = entry_fields(day.entry)
    start = {**theirs, **{f: base.get(f, theirs[f]) for f in clean}}
    merged = merge(start, {**start, **clean}, theirs)
    if merged.conflicts:
        mine = {f: changes[f] for f in merged.conflicts}
        raise SaveConflict(day.date, merged.conflicts, mine, theirs)
    return {f: v for f, v in merged.values.items() if v != theirs[f]}


def save_onto(day: Day, changes: Mapping[str, Any], base: Mapping[str, Any]) -> Day:
    """The stored `day` with the user's changes merged in (SaveConflict, or InputError, if not)."""
    writes = changes_to_write(day, changes, base)
    if not writes:
        return day
    return replace(day, entry=entries.merge_entry(day.entry, writes))  # ticks, sessions kept
