"""A year of days as a grid of coloured squares: one column per week, one row per weekday."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

# The levels a day can have; each is a component class styled in app.tcss with theme colours.
LEVELS: tuple[str, ...] = ("empty", "low", "mid", "high", "paused", "none", "some", "all")
WEEKDAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
LABEL_WIDTH = 3  # "Mo " in front of each row
WEEKS = 53


class CalendarHeatmap(Widget):
    """Draws levels per day for the 53 weeks ending on `end`; the screen decides the levels."""

    DEFAULT_CSS = """
    CalendarHeatmap {
        height: auto;
    }
    CalendarHeatmap > .heatmap--label {
        color: $foreground-muted;
    }
    CalendarHeatmap > .heatmap--today {
        text-style: bold;
    }
    CalendarHeatmap > .heatmap--empty {
        color: $text-disabled;
    }
    CalendarHeatmap > .heatmap--low {
        color: $success;
    }
    CalendarHeatmap > .heatmap--mid {
        color: $warning;
    }
    CalendarHeatmap > .heatmap--high {
        color: $error;
    }
    CalendarHeatmap > .heatmap--none {
        color: $foreground-muted;
    }
    CalendarHeatmap > .heatmap--some {
        color: $primary;
    }
    CalendarHeatmap > .heatmap--all {
        color: $success;
    }
    CalendarHeatmap > .heatmap--paused {
        color: $secondary;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--label",
        "heatmap--today",
        *(f"heatmap--{level}" for level in LEVELS),
    }

    end: reactive[date | None] = reactive(None, always_update=True)
    cells: reactive[Mapping[date, str]] = reactive(dict, always_update=True)
    legend: reactive[Sequence[tuple[str, str]]] = reactive((), always_update=True)
    week_start: reactive[int] = reactive(0)
    since: reactive[date | None] = reactive(None)

    def show(
        self,
        end: date,
        cells: Mapping[date, str],
        legend: Sequence[tuple[str, str]],
        week_start: int = 0,
        since: date | None = None,
    ) -> None:
        """Set what to draw: each day's level name, the legend's (label, level) pairs, and the
        day the journal began (days before it are left blank rather than shown as missed)."""
        self.end, self.cells, self.legend, self.week_start = end, cells, legend, week_start
        self.since = since  # each is reactive: the widget redraws once, on the next refresh

    def first_day(self) -> date:
        """The first day drawn: the start of the week 52 weeks before the end's week."""
        assert self.end is not None
        back = (self.end.weekday() - self.week_start) % 7
        return self.end - timedelta(days=back + 7 * (WEEKS - 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 9  # month names, seven weekdays, legend

    def _cell_width(self) -> int:
        # Squares with a gap read better; fall back to packed squares on narrow terminals.
        return 2 if self.size.width >= LABEL_WIDTH + 2 * WEEKS else 1

    def render(self) -> Text:
        if self.end is None:
            return Text("")
        style = self.get_component_rich_style
        label_style = style("heatmap--label")
        cell_width = self._cell_width()
        first = self.first_day()
        lines = [self._month_line(first, cell_width, label_style)]
        for row in range(7):
            line = Text(
                WEEKDAY_LABELS[(self.week_start + row) % 7].ljust(LABEL_WIDTH), style=label_style
            )
            for week in range(WEEKS):
                day = first + timedelta(days=7 * week + row)
                if day > self.end:
                    break
                level = self.cells.get(day, "empty")
                glyph = " " if self.since is None or day < self.since else _glyph(level)
                cell_style = style(f"heatmap--{level}")
                if day == self.end:
                    # Today stands out; an empty square says the night is not logged yet.
                    glyph = "□" if level == "empty" else glyph
                    cell_style = cell_style + style("heatmap--today", partial=True)
                line.append(glyph, cell_style)
                if cell_width == 2:
                    line.append(" ")
            lines.append(line)
        lines.append(self._legend_line(label_style))
        return Text("\n").join(lines)

    def _month_line(self, first: date, cell_width: int, label_style) -> Text:
        """Month names above the week in which each month begins, where they fit."""
        chars = [" "] * (LABEL_WIDTH + WEEKS * cell_width + 4)
        free_from = 0
        for week in range(WEEKS):
            start = first + timedelta(days=7 * week)
            days = [start + timedelta(days=i) for i in range(7)]
            firsts = [d for d in days if d.day == 1]
            if week == 0 and not firsts and (first + timedelta(days=21)).month == first.month:
                firsts = [start]  # name the first column's month unless another begins soon
            if not firsts:
                continue
            col = LABEL_WIDTH + week * cell_width
            name = firsts[0].strftime("%b")
            if col >= free_from:
                chars[col : col + len(name)] = name
                free_from = col + len(name) + 1
        return Text("".join(chars).rstrip(), style=label_style)

    def _legend_line(self, label_style) -> Text:
        line = Text(" " * LABEL_WIDTH)
        for i, (label, level) in enumerate(self.legend):
            if i:
                line.append("  ")
            line.append(_glyph(level), self.get_component_rich_style(f"heatmap--{level}"))
            line.append(f" {label}", label_style)
        return line


def _glyph(level: str) -> str:
    return "·" if level == "empty" else "▪" if level == "paused" else "■"
