"""Which days the diary shows for a search: every word must match; #tags match whole tags."""

from __future__ import annotations

from datetime import date

from backjournal.domain.diary_filter import DiaryFilter
from backjournal.domain.models import Day, Entry

D1, D2, D3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)
DAYS = [
    Day(D1, Entry(pain=3, notes="Long walk by the river", tags=("walk",))),
    Day(D2, Entry(pain=5, notes="Gardening, then sore", tags=("Gardening", "long-drive"))),
    Day(D3, Entry(pain=2, areas=("lower-back",))),
    Day(date(2026, 11, 4)),  # ticks only: never in the diary
]


def shown(f: DiaryFilter) -> list[date]:
    return [d.date for d in f.select(DAYS)]


def test_no_filter_shows_every_entry_newest_first():
    assert shown(DiaryFilter()) == [D3, D2, D1]


def test_every_word_must_match_in_notes_tags_or_areas_any_case():
    assert shown(DiaryFilter.from_text("LONG")) == [D2, D1]  # notes, and the tag long-drive
    assert shown(DiaryFilter.from_text("long river")) == [D1]
    assert shown(DiaryFilter.from_text("lower-back")) == [D3]
    assert shown(DiaryFilter.from_text("long nowhere")) == []


def test_a_hash_word_matches_a_whole_tag_only():
    assert shown(DiaryFilter.from_text("#gardening")) == [D2]
    assert shown(DiaryFilter.from_text("#garden")) == []
    assert shown(DiaryFilter.from_text("#river")) == []  # in the notes, not a tag


def test_the_date_range_includes_both_ends():
    assert shown(DiaryFilter(start=D2, end=D3)) == [D3, D2]
    assert shown(DiaryFilter.from_text("long", start=D2)) == [D2]
