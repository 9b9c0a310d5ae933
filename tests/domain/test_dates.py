"""Reading users' dates against a fixed today, and the journal's 04:00 day boundary."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backjournal.domain.dates import journal_today, parse_date
from backjournal.domain.errors import InputError

TODAY = date(2026, 11, 21)  # a Saturday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 11, 20)),
        ("3 days ago", date(2026, 11, 18)),
        ("1 day ago", date(2026, 11, 20)),
        ("0 days ago", TODAY),
        ("friday", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 14)),  # the most recent such day before today
        ("last saturday", date(2026, 11, 14)),
        ("last monday", date(2026, 11, 16)),
        ("mon", date(2026, 11, 16)),
        ("Nov 1 2026", date(2026, 11, 1)),
        ("1 November", date(2026, 11, 1)),
        ("13/02/2026", date(2026, 2, 13)),
        # Issue 10: the relative forms jrnl users type.
        ("2 weeks ago", date(2026, 11, 7)),
        ("a week ago", date(2026, 11, 14)),
        ("one week ago", date(2026, 11, 14)),
        ("last week", date(2026, 11, 14)),
        ("a day ago", date(2026, 11, 20)),
        ("two days ago", date(2026, 11, 19)),
        ("a month ago", date(2026, 10, 21)),
        ("last month", date(2026, 10, 21)),
        ("a year ago", date(2025, 11, 21)),
        ("tonight", TODAY),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text,problem",
    [
        ("2026-11-22", "future"),
        ("tomorrow", "is in the future"),
        ("Tomorrow", "is in the future"),
        ("next week", "is in the future"),
        ("in 2 days", "is in the future"),
        ("next monday", "is in the future"),
        ("3 days from now", "is in the future"),
        ("25 November", "future"),
        ("01/02/2026", "ambiguous"),
        ("2026-13-45", "not a real calendar date"),
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 100, "too long"),
        ("1850-01-01", "before 1900"),
        ("99999 days ago", "before 1900"),
    ],
)
def test_refused_forms_name_the_field(text, problem):
    with pytest.raises(InputError) as error:
        parse_date(text, TODAY, field="from")
    assert error.value.field == "from"
    assert problem in error.value.problem


@pytest.mark.journal_day
@pytest.mark.parametrize(
    "clock,expected",
    [
        (time(0, 0), date(2026, 11, 20)),
        (time(3, 59, 59), date(2026, 11, 20)),
        (time(4, 0), date(2026, 11, 21)),
        (time(23, 59), date(2026, 11, 21)),
    ],
)
def test_the_night_lasts_until_four(clock, expected):
    assert journal_today(datetime.combine(TODAY, clock)) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 7))
def test_weekday_names_are_within_the_last_week(today, weekday_index):
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[
        weekday_index % 7
    ]
    day = parse_date(f"last {name}", today)
    assert day.weekday() == weekday_index % 7
    assert today - timedelta(days=7) <= day < today


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)))
def test_iso_round_trip_for_any_past_day(today):
    assert parse_date(today.isoformat(), today) == today


def test_a_month_back_from_the_31st_is_the_end_of_the_shorter_month():
    assert parse_date("a month ago", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse_date("a year ago", date(2028, 2, 29)) == date(2027, 2, 28)
