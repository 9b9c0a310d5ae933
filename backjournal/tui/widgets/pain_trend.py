"""A bar chart of nightly pain over a span of days, with episodes marked underneath."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from backjournal.domain.models import Episode
from backjournal.domain.vocab import pain_band

BLOCKS = " ▁▂▃▄▅▆▇█"
CHART_ROWS = 5
AXIS_WIDTH = 3  # "10 " in front of the chart
MAX_PAIN = 10


def pain_level(pain: float) -> str:
    """The colour level of a pain score: the domain's one scale (low 0-3, mid 4-6, high 7-10)."""
    return pain_band(pain)


def buckets(start: date, days: int, columns: int) -> list[tuple[date, date]]:
    """Split `days` days from `start` into at most `columns` consecutive (first, last) spans."""
    columns = max(1, min(columns, days))
    spans = []
    for i in range(columns):
        lo = i * days // columns
        hi = (i + 1) * days // columns - 1
        spans.append((start + timedelta(days=lo), start + timedelta(days=hi)))
    return spans


class PainTrend(Widget):
    """Draws the mean pain of each column's days as a bar, and episode days as a line below."""

    DEFAULT_CSS = """
    PainTrend {
        height: auto;
    }
    PainTrend > .trend--axis {
        color: $foreground-muted;
    }
    PainTrend > .trend--low {
        color: $success;
    }
    PainTrend > .trend--mid {
        color: $warning;
    }
    PainTrend > .trend--high {
        color: $error;
    }
    PainTrend > .trend--episode {
        color: $accent;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trend--axis",
        "trend--low",
        "trend--mid",
        "trend--high",
        "trend--episode",
    }

    end: reactive[date | None] = reactive(None, always_update=True)
    days: reactive[int] = reactive(30)
    pains: reactive[Mapping[date, int]] = reactive(dict, always_update=True)
    episodes: reactive[Sequence[Episode]] = reactive((), always_update=True)

    def show(
        self, end: date, days: int, pains: Mapping[date, int], episodes: Sequence[Episode]
    ) -> None:
        """Chart the `days` days ending on `end`."""
        self.end, self.days, self.pains, self.episodes = end, days, pains, episodes

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return CHART_ROWS + 2  # bars, episode line, date axis

    def _columns(self) -> list[tuple[date, date, int]]:
        """Each column's first day, last day and width in cells, filling the chart's width."""
        assert self.end is not None
        room = max(1, self.size.width - AXIS_WIDTH)
        start = self.end - timedelta(days=self.days - 1)
        if self.days >= room:
            return [(first, last, 1) for first, last in buckets(start, self.days, room)]
        # Fewer days than cells: each day gets one or two more cells than its share rounds to.
        return [
            (
                start + timedelta(days=i),
                start + timedelta(days=i),
                (i + 1) * room // self.days - i * room // self.days,
            )
            for i in range(self.days)
        ]

    def render(self) -> Text:
        if self.end is None:
            return Text("")
        style = self.get_component_rich_style
        axis = style("trend--axis")
        columns = self._columns()
        means: list[float | None] = []
        for first, last, _ in columns:
            values = [self.pains[d] for d in _each_day(first, last) if d in self.pains]
            means.append(sum(values) / len(values) if values else None)
        lines: list[Text] = []
        for row in range(CHART_ROWS):
            label = {0: "10", CHART_ROWS // 2: " 5"}.get(row, "  ")
            line = Text(label.ljust(AXIS_WIDTH), style=axis)
            floor = (CHART_ROWS - 1 - row) * 8  # eighths below this row
            for mean, (_, _, width) in zip(means, columns, strict=True):
                if mean is None:
                    line.append(" " * width)
                    continue
                # At least one eighth, so a night logged at 0 is still visible as logged.
                eighths = max(1, round(mean / MAX_PAIN * CHART_ROWS * 8))
                glyph = BLOCKS[min(8, max(0, eighths - floor))]
                line.append(glyph * width, style(f"trend--{pain_level(mean)}"))
            lines.append(line)
        if all(mean is None for mean in means):
            note = f"No pain logged in these {self.days} days."
            middle = CHART_ROWS // 2 - 1
            lines[middle] = Text(
                " " * AXIS_WIDTH + note.center(sum(w for *_, w in columns)).rstrip(), style=axis
            )
        lines.append(self._episode_line(columns))
        lines.append(self._date_axis(columns, axis))
        return Text("\n").join(lines)

    def _episode_line(self, columns: list[tuple[date, date, int]]) -> Text:
        line = Text(" " * AXIS_WIDTH)
        marker = self.get_component_rich_style("trend--episode")
        for first, last, width in columns:
            inside = any(_overlaps(e, first, last) for e in self.episodes)
            starts = any(first <= e.start <= last for e in self.episodes)
            glyph = "┣" if starts else "━" if inside else " "
            line.append(glyph + ("━" if inside else " ") * (width - 1), marker)
        return line

    def _date_axis(self, columns: list[tuple[date, date, int]], axis) -> Text:
        chart = sum(width for _, _, width in columns)
        left = _short(columns[0][0])
        right = _short(columns[-1][1])
        gap = max(1, chart - len(left) - len(right))
        return Text(" " * AXIS_WIDTH + left + " " * gap + right, style=axis)


def _each_day(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _overlaps(episode: Episode, first: date, last: date) -> bool:
    return episode.start <= last and (episode.end is None or episode.end > first)


def _short(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"
