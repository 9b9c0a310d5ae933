"""The check-in's values as plain data: the fields, a stored entry's values, tags as typed.

Kept apart from the form's widgets so that Tonight's first frame can use them without importing
the widgets (see the Tonight screen's two-stage start).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from backjournal.domain.models import Entry, Journal

FIELDS = ("pain", "worst", "sleep", "mood", "areas", "tags", "notes", "rest", "red_flags")
SCORES = ("pain", "worst", "sleep", "mood")
_TAG_SPLIT = re.compile(r"[\s,]+")


def entry_values(entry: Entry | None) -> dict[str, Any]:
    """The form's values for a stored entry (or an empty form for a day with none)."""
    if entry is None:
        return {
            "pain": None,
            "worst": None,
            "sleep": None,
            "mood": None,
            "areas": (),
            "tags": (),
            "notes": "",
            "rest": False,
            "red_flags": (),
        }
    return {
        "pain": entry.pain,
        "worst": entry.worst,
        "sleep": entry.sleep,
        "mood": entry.mood,
        "areas": tuple(entry.areas),
        "tags": tuple(entry.tags),
        "notes": entry.notes,
        "rest": entry.rest,
        "red_flags": tuple(entry.red_flags),
    }


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed: words separated by spaces or commas, each once, '#' optional."""
    seen: list[str] = []
    for word in _TAG_SPLIT.split(text.strip()):
        word = word.lstrip("#")
        if word and word not in seen:
            seen.append(word)
    return tuple(seen)


SUGGEST_DAYS = 7  # how far back a new day's form looks for the areas of the last entry


def suggested_values(journal: Journal, day: date) -> dict[str, Any]:
    """What a day without an entry starts from: the areas of the last entry in the week before.

    Most nights hurt where the night before did; one key (x) clears them.
    """
    if journal.entry_on(day) is not None:
        return {}
    for back in range(1, SUGGEST_DAYS + 1):
        entry = journal.entry_on(day - timedelta(days=back))
        if entry is not None:
            return {"areas": tuple(entry.areas)} if entry.areas else {}
    return {}
