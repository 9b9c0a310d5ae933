"""Parsing the dates users type, and the journal's notion of "today"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from backjournal.domain.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNT = r"(\d{1,5}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNIT = r"(day|week|month|year)s?"
_AGO = re.compile(rf"^{_COUNT}\s+{_UNIT}\s+ago$")
_FROM_NOW = re.compile(rf"^(?:in\s+{_COUNT}\s+{_UNIT}|{_COUNT}\s+{_UNIT}\s+from\s+now)$")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS.update(seven=7, eight=8, nine=9, ten=10)
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


def _count(word: str) -> int:
    return _NUMBERS[word] if word in _NUMBERS else int(word)


def _shift(today: date, count: int, unit: str) -> date:
    """`today` moved by `count` units (negative: back); months and years keep the day if they can."""
    if unit in ("day", "week"):
        return today + timedelta(days=count * (7 if unit == "week" else 1))
    months = today.year * 12 + today.month - 1 + count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    if not 1 <= year <= 9999:
        raise OverflowError
    for day in range(today.day, 27, -1):  # 31 Mar minus a month is 28 (or 29) Feb
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, min(today.day, 28))


def _relative(text: str, today: date) -> date | None:
    """Days said relative to today: 'tomorrow', '2 weeks ago', 'a week ago', 'last week',
    'next week', 'in 3 days'. Future ones are returned too; the caller refuses them by name."""
    if text in ("tomorrow", "tonight"):
        return today + timedelta(days=1 if text == "tomorrow" else 0)
    if match := _AGO.match(text):
        return _shift(today, -_count(match.group(1)), match.group(2))
    if match := _FROM_NOW.match(text):
        count, unit = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        return _shift(today, _count(count), unit)
    words = text.split()
    if len(words) == 2 and words[0] in ("last", "next") and words[1] in ("week", "month", "year"):
        return _shift(today, -1 if words[0] == "last" else 1, words[1])
    if len(words) == 2 and words[0] == "next" and (name := _weekday_name(words[1])):
        ahead = (WEEKDAYS.index(name) - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return None


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
    if (relative := _relative(text, today)) is not None:
        return relative
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
            f"could not read {text!r} as a date "
            "(try 2026-11-20, yesterday, 3 days ago, 2 weeks ago, last monday)",
        ) from None
    if len(readings) > 1:
        options = " or ".join(sorted(d.isoformat() for d in readings))
        raise InputError(field, f"{text!r} is ambiguous ({options}); use YYYY-MM-DD")
    return readings.pop()


def parse_date(text: str, today: date, field: str = "date") -> date:
    """Read a user's date: ISO, today/yesterday, 'N days/weeks ago', 'last week', '[last] weekday',
    or dateutil.

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
