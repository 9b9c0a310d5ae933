"""Which diary days a search shows: words or #tags that must all match, and a date range."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from backjournal.domain.models import Day


@dataclass(frozen=True, slots=True)
class DiaryFilter:
    """What the diary shows: words (or #tags) that must all match, and a date range."""

    words: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_text(
        cls, text: str, start: date | None = None, end: date | None = None
    ) -> DiaryFilter:
        """The filter for what the user typed: words split on spaces, any case."""
        return cls(tuple(w.lower() for w in text.split()), start, end)

    def matches(self, day: Day) -> bool:
        """The day has an entry, inside the range, whose notes, tags or areas hold every word."""
        if day.entry is None:
            return False
        if (self.start and day.date < self.start) or (self.end and day.date > self.end):
            return False
        entry = day.entry
        haystack = " ".join([entry.notes, *entry.tags, *entry.areas]).lower()
        tags = {t.lower() for t in entry.tags}
        for word in self.words:
            if word.startswith("#"):
                if word[1:] not in tags:
                    return False
            elif word not in haystack:
                return False
        return True

    def select(self, days: Iterable[Day]) -> list[Day]:
        """The matching days, newest first."""
        return sorted((d for d in days if self.matches(d)), key=lambda d: d.date, reverse=True)
