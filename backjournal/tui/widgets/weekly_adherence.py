"""A small table: one row per routine, one cell per week, saying how much of the target was done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

NAME_WIDTH = 16
CELL_WIDTH = 7


@dataclass(frozen=True, slots=True)
class WeekCell:
    """One routine's week: the text shown ("5/7") and its level (met, part, missed, paused, running)."""

    text: str
    level: str


class WeeklyAdherence(Widget):
    """Draws a header of week labels and a row of WeekCells per routine."""

    DEFAULT_CSS = """
    WeeklyAdherence {
        height: auto;
    }
    WeeklyAdherence > .adherence--label {
        color: $foreground-muted;
    }
    WeeklyAdherence > .adherence--met {
        color: $success;
    }
    WeeklyAdherence > .adherence--part {
        color: $warning;
    }
    WeeklyAdherence > .adherence--missed {
        color: $error;
    }
    WeeklyAdherence > .adherence--paused {
        color: $secondary;
    }
    WeeklyAdherence > .adherence--running {
        color: $primary;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "adherence--label",
        "adherence--met",
        "adherence--part",
        "adherence--missed",
        "adherence--paused",
        "adherence--running",
    }

    weeks: reactive[Sequence[str]] = reactive((), always_update=True)
    rows: reactive[Sequence[tuple[str, Sequence[WeekCell]]]] = reactive((), layout=True)

    def show(self, weeks: Sequence[str], rows: Sequence[tuple[str, Sequence[WeekCell]]]) -> None:
        """Week labels oldest first, and (routine name, cells) rows."""
        self.weeks, self.rows = weeks, rows  # reactive: one redraw (and new height) follows

    @staticmethod
    def weeks_that_fit(width: int) -> int:
        return max(1, (width - NAME_WIDTH) // CELL_WIDTH)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + max(1, len(self.rows)) + 1

    def render(self) -> Text:
        style = self.get_component_rich_style
        label = style("adherence--label")
        if not self.rows:
            return Text("No routines yet: add one on the Routines screen (r).", style=label)
        fit = self.weeks_that_fit(self.size.width)
        header = Text("week of".ljust(NAME_WIDTH), style=label)
        for week in self.weeks[-fit:]:
            header.append(week.rjust(CELL_WIDTH - 1).ljust(CELL_WIDTH), label)
        lines = [header]
        for name, cells in self.rows:
            line = Text(_fit(name, NAME_WIDTH - 1).ljust(NAME_WIDTH))
            for cell in cells[-fit:]:
                line.append(cell.text.rjust(CELL_WIDTH - 1), style(f"adherence--{cell.level}"))
                line.append(" ")
            lines.append(line)
        legend = Text("done/due: ", style=label)
        for level, words in (
            ("met", "met"),
            ("part", "part"),
            ("missed", "missed"),
            ("paused", "paused (rest or phase)"),
            ("running", "this week"),
        ):
            legend.append("■ ", style(f"adherence--{level}"))
            legend.append(words + "  ", label)
        lines.append(legend)
        return Text("\n").join(lines)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
