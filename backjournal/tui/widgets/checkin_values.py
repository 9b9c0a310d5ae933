"""The check-in's values as plain data: the fields, a stored entry's values, tags as typed.

Kept apart from the form's widgets so that Tonight's first frame can use them without importing
the widgets (see the Tonight screen's two-stage start).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from backjournal.domain.models import Entry, Journal
from backjournal.domain.text import visible
from backjournal.domain.vocab import AREAS, RED_FLAGS

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


def as_shown(values: dict[str, Any]) -> dict[str, Any]:
    """The values as the form shows them and reads them back (what it can't show is normalised).

    A stored value the form can't represent exactly (a tag with a space, areas out of order, a
    note with CRLF or a control character, an unknown warning sign) must not count as an edit:
    the form is compared with this, never with the stored values themselves. Text comes out
    escaped: nothing from the journal reaches the terminal raw through the form.
    """
    notes = visible(str(values["notes"]).replace("\r\n", "\n"))
    tags = " ".join(visible(str(tag), newlines=False) for tag in values["tags"])
    return {
        **{name: values[name] for name in SCORES},
        "areas": tuple(a for a in AREAS if a in values["areas"]),
        "tags": parse_tags(tags),
        "notes": _as_text_area_keeps(notes),
        "rest": bool(values["rest"]),
        "red_flags": tuple(f for f in RED_FLAGS if f in values["red_flags"]),
    }


# The line ends a TextArea's document splits on (str.splitlines), the first one found joining them.
_LINE_ENDS = ("\r\n", "\n", "\r")


def _as_text_area_keeps(text: str) -> str:
    """The text a TextArea gives back after load_text(text) (its document re-joins the lines).

    Written out rather than imported: the text area's module is not loaded for the first frame.
    The Pilot tests of looking-writes-nothing check the two agree.
    """
    newline = next((end for end in _LINE_ENDS if end in text), "\n")
    lines = text.splitlines()
    if not text or text.endswith(_LINE_ENDS):
        lines.append("")
    return newline.join(lines)


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
