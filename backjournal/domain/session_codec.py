"""Plain-dict shapes of guided sessions (a day's optional "sessions" list), strictly validated.

Schema 2 adds them as an optional key of a day document: absent means none, so files written
before read unchanged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backjournal.domain.codec import ShapeError
from backjournal.domain.models import OUTCOMES, GuidedItem, GuidedSession

SESSION_ITEMS_MAX = (
    200  # far more than any routine; a bound on what a damaged file can make us hold
)


def _when(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise ShapeError(where, f"must be a date and time as text, got {type(value).__name__}")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ShapeError(where, f"{value!r} is not a valid date and time") from None
    if when.tzinfo is not None:
        raise ShapeError(where, "must be a local time without a time zone")
    return when


def session_to_dict(session: GuidedSession) -> dict[str, Any]:
    return {
        "start": session.start.isoformat(timespec="seconds"),
        "end": None if session.end is None else session.end.isoformat(timespec="seconds"),
        "items": [{"exercise": i.exercise, "outcome": i.outcome} for i in session.items],
        "pain_after": session.pain_after,
    }


def session_from_dict(doc: Any, where: str = "session") -> GuidedSession:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    start = _when(doc.get("start"), f"{where}.start")
    end = None if doc.get("end") is None else _when(doc.get("end"), f"{where}.end")
    if end is not None and end < start:
        raise ShapeError(f"{where}.end", f"{end} is before the start {start}")
    raw_items = doc.get("items", [])
    if not isinstance(raw_items, list) or len(raw_items) > SESSION_ITEMS_MAX:
        raise ShapeError(f"{where}.items", f"must be a list of at most {SESSION_ITEMS_MAX} items")
    items = []
    for n, raw in enumerate(raw_items):
        if not isinstance(raw, dict) or not isinstance(raw.get("exercise"), str):
            raise ShapeError(f"{where}.items[{n}]", "must be an object with an exercise id")
        if raw.get("outcome") not in OUTCOMES:
            raise ShapeError(f"{where}.items[{n}].outcome", f"must be one of {', '.join(OUTCOMES)}")
        items.append(GuidedItem(raw["exercise"], raw["outcome"]))
    pain = doc.get("pain_after")
    if pain is not None and (
        isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10
    ):
        raise ShapeError(
            f"{where}.pain_after", f"must be a whole number from 0 to 10, got {pain!r}"
        )
    return GuidedSession(start, end, tuple(items), pain)


def sessions_from_list(raw: Any, where: str) -> tuple[GuidedSession, ...]:
    """A day's sessions, in start order; two with the same start are refused."""
    if not isinstance(raw, list):
        raise ShapeError(where, "must be a list")
    sessions = sorted(
        (session_from_dict(doc, f"{where}[{n}]") for n, doc in enumerate(raw)),
        key=lambda s: s.start,
    )
    for before, after in zip(sessions, sessions[1:], strict=False):
        if before.start == after.start:
            raise ShapeError(where, f"two sessions start at {after.start}")
    return tuple(sessions)
