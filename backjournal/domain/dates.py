"""Parsing the dates users type, and the journal's notion of "today"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from backjournal.domain.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS_AGO = re.compile(r"^(\d{1,5})\s+days?\s+ago$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST = date(1900, 1, 1)  # nobody journals a back from before this; likely a typo
# The last year whose weeks and following days still fit in a date (9999-12-31 is the end).
LATEST = date(9998, 12, 31)


def check_in_range(day: date, field: str) -> date:
    """Refuse a date outside EARLIEST..LATEST, wherever it came from; the error names the field."""
    if day < EARLIEST:
        raise InputError(field, f"{day.isoformat()} is before {EARLIEST.year}; check the year")
    if day > LATEST:
        raise InputError(field, f"{day.isoformat()} is after {LATEST.year}; check the year")
    return day


def short_day(day: date, ref: date | None = None) -> str:
    """'25 Nov', with the year when it differs from `ref`'s: how messages name a day."""
    text = f"{day.day} {day:%b}"
    return text if ref is not None and day.year == ref.year else f"{text} {day.year}"


def day_list(days: list[date], ref: date | None = None) -> str:
    """'25 Nov', '25 Nov and 27 Nov', '24 Nov, 25 Nov and 27 Nov'."""
    names = [short_day(d, ref) for d in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def journal_today(now: datetime, day_starts_at: time = time(4, 0)) -> date:
    """The journal day at `now`: before `day_starts_at` it is still the previous night."""
    if now.time() < day_starts_at:
        return now.date() - timedelta(days=1)
    return now.date()


def _weekday_before(today: date, name: str) -> date:
    """The most recent `name` strictly before today."""
    back = (today.weekday() - WEEKDAYS.index(name)) % 7 or 7
    return today - timedelta(days=back)


def _weekday_name(word: str) -> str | None:
    matches = [w for w in WEEKDAYS if len(word) >= 3 and w.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def _parse(text: str, today: date, field: str) -> date:
    if _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InputError(field, f"{text!r} is not a real calendar date") from None
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    if match := _DAYS_AGO.match(text):
        return today - timedelta(days=int(match.group(1)))
    words = text.split()
    if len(words) == 2 and words[0] == "last" and (name := _weekday_name(words[1])):
        return _weekday_before(today, name)
    if len(words) == 1 and (name := _weekday_name(words[0])):
        return _weekday_before(today, name)
    return _parse_with_dateutil(text, today, field)


def _parse_with_dateutil(text: str, today: date, field: str) -> date:
    # Imported here: dateutil's parser is only needed for free-form user input.
    from dateutil import parser

    default = datetime.combine(today, time())
    try:
        readings = {
            parser.parse(text, default=default, dayfirst=dayfirst).date()
            for dayfirst in (False, True)
        }
    except (ValueError, OverflowError, parser.ParserError):
        raise InputError(
            field,
            f"could not read {text!r} as a date (try 2026-11-20, yesterday, 3 days ago, last monday)",
        ) from None
    if len(readings) > 1:
        options = " or ".join(sorted(d.isoformat() for d in readings))
        raise InputError(field, f"{text!r} is ambiguous ({options}); use YYYY-MM-DD")
    return readings.pop()


def parse_date(text: str, today: date, field: str = "date") -> date:
    """Read a user's date: ISO, today/yesterday, 'N days ago', '[last] weekday', or dateutil.

    Future dates are refused; the error names the field.
    """
    cleaned = " ".join(str(text).strip().lower().split())
    if not cleaned:
        raise InputError(field, "is empty; give a date like 2026-11-20 or yesterday")
    if len(cleaned) > 64:
        raise InputError(field, "is too long to be a date")
    try:
        day = _parse(cleaned, today, field)
    except OverflowError:
        raise InputError(field, f"{text!r} is too far back") from None
    check_in_range(day, field)
    if day > today:
        raise InputError(
            field, f"{day.isoformat()} is in the future; the journal only records past days"
        )
    return day
