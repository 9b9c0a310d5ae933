"""The Patient-Specific Functional Scale (PSFS): activities, weekly ratings, change against the MIC.

The user names 3 to 5 activities their back makes hard and rates each from 0 (cannot do it at
all) to 10 (as well as before the back trouble). The score is the mean of one rating's scores.
A change of 2 points in the mean, or 3 in one activity, is the minimal important change (MIC)
reported for the scale: changes are shown against it, never judged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from backjournal.domain.entries import score
from backjournal.domain.errors import InputError
from backjournal.domain.models import Psfs, PsfsActivity, PsfsRating

ACTIVE_MIN, ACTIVE_MAX = 3, 5
SCORE_MIN, SCORE_MAX = 0, 10
NAME_MAX = 80
DUE_AFTER_DAYS = 7
MIC_MEAN = 2.0
MIC_ACTIVITY = 3

HOW_TO = (
    "Your weekly function score. Name 3 to 5 everyday things your back makes hard, in your own "
    "words (for example 'putting on socks' or 'sitting an hour at my desk'). Once a week, give "
    "each one a number: 0 means you cannot do it at all, 10 means you do it as well as before "
    "your back trouble. Your score is the average. A shift of 2 points in the average, or 3 in "
    "one activity, is about the smallest change the people who made the scale found to matter; "
    "smaller moves are often day-to-day wobble. Take the numbers to your physiotherapist."
)


def bad_character(text: str) -> str | None:
    """The first control or unencodable character in text (as a repr), or None when it is clean."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs"):  # C0, DEL, C1; lone surrogates
            return repr(char)
    return None


def check_name(value: Any, field: str = "name") -> str:
    """An activity's name: trimmed, 1 to NAME_MAX characters, no control characters."""
    if not isinstance(value, str):
        raise InputError(field, "must be text")
    bad = bad_character(value)
    if bad is not None:
        raise InputError(field, f"contains the control character {bad}; use plain text")
    name = " ".join(value.split())
    if not name:
        raise InputError(field, "is empty; name something your back makes hard")
    if len(name) > NAME_MAX:
        raise InputError(field, f"is {len(name)} characters; keep it to {NAME_MAX}")
    return name


def active(psfs: Psfs) -> list[PsfsActivity]:
    """The activities rated each week, in the order they were added."""
    return [a for a in psfs.activities if not a.retired]


def find(psfs: Psfs, activity_id: str) -> PsfsActivity:
    for activity in psfs.activities:
        if activity.id == activity_id:
            return activity
    known = ", ".join(a.id for a in psfs.activities) or "none yet"
    raise InputError(
        "id", f"no activity {activity_id!r} (ids: {known}); `backjournal psfs` lists them"
    )


def _check_unique(psfs: Psfs, name: str, skip: str | None = None) -> None:
    for other in active(psfs):
        if other.id != skip and other.name.casefold() == name.casefold():
            raise InputError("name", f"{name!r} is already activity {other.id}")


def add_activity(psfs: Psfs, name: Any) -> Psfs:
    """A new active activity; at most ACTIVE_MAX are active at once."""
    clean = check_name(name)
    if len(active(psfs)) >= ACTIVE_MAX:
        raise InputError(
            "activity", f"{ACTIVE_MAX} activities are active already; retire one first"
        )
    _check_unique(psfs, clean)
    next_id = max((int(a.id) for a in psfs.activities), default=0) + 1
    return replace(psfs, activities=(*psfs.activities, PsfsActivity(str(next_id), clean)))


def rename_activity(psfs: Psfs, activity_id: str, name: Any) -> Psfs:
    """A new name for an activity; its ratings stay with it."""
    target = find(psfs, activity_id)
    clean = check_name(name)
    if not target.retired:
        _check_unique(psfs, clean, skip=target.id)
    renamed = replace(target, name=clean)
    return replace(psfs, activities=tuple(renamed if a is target else a for a in psfs.activities))


def retire_activity(psfs: Psfs, activity_id: str) -> Psfs:
    """Stop rating an activity; it keeps its history and its id is never reused."""
    target = find(psfs, activity_id)
    if target.retired:
        raise InputError("id", f"activity {activity_id} ({target.name}) is already retired")
    retired = replace(target, retired=True)
    return replace(psfs, activities=tuple(retired if a is target else a for a in psfs.activities))


def rate(psfs: Psfs, day: date, values: Sequence[Any]) -> Psfs:
    """Record one score per active activity, in order; a second rating on a day replaces the first."""
    current = active(psfs)
    if len(current) < ACTIVE_MIN:
        raise InputError(
            "psfs",
            f"{len(current)} active {'activity' if len(current) == 1 else 'activities'}; "
            f'add at least {ACTIVE_MIN} first with `backjournal psfs add "ACTIVITY"`',
        )
    if len(values) != len(current):
        names = ", ".join(f"{a.id} {a.name}" for a in current)
        raise InputError(
            "scores",
            f"give {len(current)} scores, one per active activity in this order: {names}",
        )
    scores = {
        a.id: score(value, f"score for {a.id}", SCORE_MIN, SCORE_MAX)
        for a, value in zip(current, values, strict=True)
    }
    ratings = [r for r in psfs.ratings if r.date != day]
    ratings.append(PsfsRating(day, scores))
    return replace(psfs, ratings=tuple(sorted(ratings, key=lambda r: r.date)))


def last_rating(psfs: Psfs, today: date | None = None) -> PsfsRating | None:
    """The latest rating (on or before today, when given)."""
    found = [r for r in psfs.ratings if today is None or r.date <= today]
    return found[-1] if found else None


def next_due(psfs: Psfs, today: date) -> date | None:
    """The day the next rating is due: today when none was ever given; None with too few activities."""
    if len(active(psfs)) < ACTIVE_MIN:
        return None
    last = last_rating(psfs, today)
    return today if last is None else last.date + timedelta(days=DUE_AFTER_DAYS)


def is_due(psfs: Psfs, today: date) -> bool:
    """A rating is due: enough activities, and none yet or 7 days or more since the last."""
    due = next_due(psfs, today)
    return due is not None and due <= today


@dataclass(frozen=True, slots=True)
class ActivityChange:
    """One activity's score in the first and the last rating that both scored it."""

    id: str
    name: str
    first: int
    last: int

    @property
    def change(self) -> int:
        return self.last - self.first

    @property
    def reaches_mic(self) -> bool:
        return abs(self.change) >= MIC_ACTIVITY


@dataclass(frozen=True, slots=True)
class PsfsChange:
    """The change from the first to the last rating of a period, over the activities both scored."""

    first: PsfsRating
    last: PsfsRating
    first_mean: float
    last_mean: float
    activities: tuple[ActivityChange, ...]

    @property
    def change(self) -> float:
        return round(self.last_mean - self.first_mean, 2)

    @property
    def reaches_mic(self) -> bool:
        return abs(self.change) >= MIC_MEAN


def ratings_between(psfs: Psfs, start: date | None, end: date | None) -> list[PsfsRating]:
    return [
        r
        for r in psfs.ratings
        if (start is None or r.date >= start) and (end is None or r.date <= end)
    ]


def change_between(
    psfs: Psfs, start: date | None = None, end: date | None = None
) -> PsfsChange | None:
    """The change over a period; None with fewer than two ratings or no activity rated in both."""
    ratings = ratings_between(psfs, start, end)
    if len(ratings) < 2:
        return None
    first, last = ratings[0], ratings[-1]
    common = [i for i in first.scores if i in last.scores]
    if not common:
        return None
    names = {a.id: a.name for a in psfs.activities}
    return PsfsChange(
        first=first,
        last=last,
        first_mean=sum(first.scores[i] for i in common) / len(common),
        last_mean=sum(last.scores[i] for i in common) / len(common),
        activities=tuple(
            ActivityChange(i, names.get(i, i), first.scores[i], last.scores[i]) for i in common
        ),
    )


def signed(value: float) -> str:
    """+2.4, -3, 0: a change with its sign (whole numbers stay whole)."""
    text = f"{value:+d}" if isinstance(value, int) else f"{value:+.1f}"
    return "0" if text in ("+0", "-0", "+0.0", "-0.0") else text


def mic_words(size: float, mic: float) -> str:
    """Where a change stands against the MIC, in words that judge nothing."""
    kind = "at least" if abs(size) >= mic else "smaller than"
    return f"{kind} the {mic:g}-point change the scale counts as meaningful"


def change_lines(
    change: PsfsChange,
    quote: Callable[[str], str] = str,
    when: Callable[[date], str] = date.isoformat,
) -> list[str]:
    """The change in plain words: the mean first, then each activity (names passed through quote)."""
    lines = [
        f"Average {change.first_mean:.1f} on {when(change.first.date)}, {change.last_mean:.1f} on "
        f"{when(change.last.date)}: {signed(change.change)} points, "
        f"{mic_words(change.change, MIC_MEAN)}."
    ]
    for a in change.activities:
        lines.append(
            f"{quote(a.name)}: {a.first} to {a.last} ({signed(a.change)}, "
            f"{mic_words(a.change, MIC_ACTIVITY)} for one activity)"
        )
    return lines


def _md(text: str) -> str:
    """User text made inert in Markdown: marks Markdown or HTML could read are backslash-escaped."""
    out = "".join("\\" + c if c in "\\`*_[]<>#|&!~" else c for c in text)
    return "\\" + out if out[:1] in ("-", "+") else out


def markdown_lines(psfs: Psfs, start: date | None, end: date | None) -> list[str]:
    """The PSFS section of the Markdown summary: each rating of the period, then the change."""
    lines = ["## Function (PSFS)", ""]
    ratings = ratings_between(psfs, start, end)
    if not psfs.activities:
        return [*lines, "No activities named yet.", ""]
    lines.append(
        "Each activity is rated 0 (cannot do it) to 10 (as before the back trouble); "
        f"the minimal important change is {MIC_MEAN:g} points in the average, "
        f"{MIC_ACTIVITY} in one activity."
    )
    lines.append("")
    names = {a.id: a.name + (" (retired)" if a.retired else "") for a in psfs.activities}
    if not ratings:
        listed = "; ".join(_md(names[a.id]) for a in psfs.activities)
        return [*lines, f"Activities: {listed}.", "", "No ratings in this period.", ""]
    shown = [a.id for a in psfs.activities if any(a.id in r.scores for r in ratings)]
    lines.append("| Date | " + " | ".join(_md(names[i]) for i in shown) + " | Average |")
    lines.append("|---" * (len(shown) + 2) + "|")
    for r in ratings:
        cells = [str(r.scores[i]) if i in r.scores else "-" for i in shown]
        lines.append(f"| {r.date} | " + " | ".join(cells) + f" | {r.mean:.1f} |")
    lines.append("")
    change = change_between(psfs, start, end)
    if change is not None:
        lines += [f"- {line}" for line in change_lines(change, _md)]
        lines.append("")
    return lines
