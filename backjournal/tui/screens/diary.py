"""The diary: every entry, newest first, with filters by words, tag and date range."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from backjournal.domain.diary_filter import DiaryFilter
from backjournal.domain.errors import InputError
from backjournal.domain.models import Day, Journal
from backjournal.service import JOURNAL_ERRORS, JournalService
from backjournal.tui.plain import one_line, plain
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.pain_trend import pain_level
from backjournal.tui.widgets.screen_footer import ScreenFooter

NOTES_MIN_WIDTH = 12
NOTES_TARGET = 30  # the notes column gets this much before other columns widen
ROW_CHUNK = 200
NEAR_END = 40  # rows from the end of what is loaded at which the next chunk is added


AREA_SHORT = {
    "upper-back": "upper back",
    "mid-back": "mid back",
    "lower-back": "low back",
    "buttock-left": "L buttock",
    "buttock-right": "R buttock",
    "leg-left": "L leg",
    "leg-right": "R leg",
}


def short_areas(areas: tuple[str, ...]) -> str:
    """Areas in few characters for a narrow column: 'low back, L leg'."""
    return ", ".join(AREA_SHORT.get(a, a) for a in areas)


class DiaryTable(DataTable):
    """The entries table; `enter` opens the highlighted day."""

    DEFAULT_CSS = """
    DiaryTable > .diary--low {
        color: $success;
    }
    DiaryTable > .diary--mid {
        color: $warning;
    }
    DiaryTable > .diary--high {
        color: $error;
    }
    DiaryTable > .diary--muted {
        color: $foreground-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open day"),
        Binding("x,delete", "screen.delete_entry", "Delete"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diary--low",
        "diary--mid",
        "diary--high",
        "diary--muted",
    }

    def near_end(self) -> bool:
        """The cursor or the scrolled view is close to the last loaded row."""
        bottom = max(self.cursor_row, int(self.scroll_y) + self.size.height)
        return self.row_count > 0 and bottom >= self.row_count - NEAR_END

    class Moved(Message):
        """The cursor or the view moved: more rows may be wanted."""

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new:
            self.post_message(self.Moved())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if old != new:
            self.post_message(self.Moved())


class DiaryScreen(JournalScreen):
    """All entries in a table; filter by words, #tag and dates; open or delete a day."""

    DEFAULT_CSS = """
    #diary-filters {
        height: 3;
    }
    #diary-words {
        width: 2fr;
    }
    #diary-from, #diary-to {
        width: 1fr;
    }
    #diary-table {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash", "focus_filter", "Filter", tooltip="Filter by words in the notes, or by #tag"
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear every filter"),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the journal, to see changes written elsewhere",
        ),
    ]
    # Keys of the table itself, for the Help screen.
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("enter", "Open the highlighted day on Tonight, to view or change it"),
        ("x, delete", "Delete the highlighted entry (asks first; its ticks stay)"),
        ("tab", "Move between the filters and the table; enter in a date box applies it"),
    ]

    def __init__(self, service: JournalService) -> None:
        super().__init__(service)
        self.filter = DiaryFilter()
        self.journal: Journal | None = None
        self.shown: list[date] = []
        self._date_format = "%Y-%m-%d"
        self._pending: list[Day] = []  # every row to show; the table holds the first ones
        self._signature: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static("Diary", id="diary-title", classes="screen-title")
        with Horizontal(id="diary-filters"):
            yield Input(placeholder="words or #tag", id="diary-words")
            yield Input(placeholder="from date", id="diary-from")
            yield Input(placeholder="to date", id="diary-to")
        yield Static("", id="diary-message")
        yield DiaryTable(id="diary-table", cursor_type="row", zebra_stripes=True)
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill_table())
        self.query_one(DiaryTable).focus()

    def on_resize(self) -> None:
        if self.journal is not None:
            self._fill_table()

    # -- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Reload the journal and redraw the table, keeping the filter and the highlighted day."""
        self._load_journal()

    @work(thread=True, exclusive=True, group="load")
    def _load_journal(self) -> None:
        """Read the whole journal off the UI thread; the table is filled on it."""
        try:
            journal = self.service.journal()
        except JOURNAL_ERRORS as error:
            self.app.call_from_thread(self.report_error, error)
            return
        if not get_current_worker().is_cancelled:  # a newer load took over
            self.app.call_from_thread(self._show_journal, journal)

    def _show_journal(self, journal: Journal) -> None:
        self.journal = journal
        self._fill_table()

    def _fill_table(self) -> None:
        if self.journal is None:
            return
        table = self.query_one(DiaryTable)
        days = self.filter.select(self.journal.days.values())
        # Days are frozen records: the same objects in the same order means nothing to redraw.
        signature = (table.size.width, self.app.theme, tuple(map(id, days)))
        if signature == self._signature:
            return
        self._signature = signature
        highlighted = self.highlighted_day()
        self.shown = [d.date for d in days]
        self._pending = days
        table.clear(columns=True)
        widths = self._column_widths(table.size.width)
        for key in ("date", "pain", "areas", "tags", "notes", "ticks"):
            table.add_column(key.capitalize(), width=widths[key], key=key)
        self._date_format = "%a %Y-%m-%d" if widths["date"] > 10 else "%Y-%m-%d"
        target = self.shown.index(highlighted) if highlighted in self.shown else 0
        self.load_rows(upto=target)
        if target:
            table.move_cursor(row=target, scroll=True)
        self._describe(self._entry_count(), len(days))

    @staticmethod
    def _column_widths(width: int) -> dict[str, int]:
        """Fixed columns first; room beyond a readable notes column widens areas, tags, then dates."""
        widths = {"date": 10, "pain": 8, "areas": 10, "tags": 10, "ticks": 5}
        padding = 2 * (len(widths) + 1) + 2  # a cell of padding either side, and the scrollbar
        spare = width - sum(widths.values()) - padding - NOTES_TARGET
        grow = max(0, min(8, spare // 2))
        widths["areas"] += grow
        widths["tags"] += grow
        if spare - 2 * grow >= 4:
            widths["date"] = 14  # room for the weekday
        widths["notes"] = max(NOTES_MIN_WIDTH, width - sum(widths.values()) - padding)
        return widths

    def load_rows(self, upto: int = 0) -> None:
        """Add the next rows to the table (at least through row `upto`).

        A ten-year diary has thousands of rows; the table gets them a chunk at a time, as the
        cursor or the scrolling comes near the end of what is loaded.
        """
        table = self.query_one(DiaryTable)
        start = table.row_count
        end = min(len(self._pending), max(start + ROW_CHUNK, upto + ROW_CHUNK))
        for day in self._pending[start:end]:
            table.add_row(*self._row(table, day), key=day.date.isoformat())

    def on_diary_table_moved(self) -> None:
        self.load_more_rows()

    def load_more_rows(self) -> None:
        table = self.query_one(DiaryTable)
        if table.row_count < len(self._pending) and table.near_end():
            self.load_rows()

    def _row(self, table: DiaryTable, day: Day) -> list[Text | str]:
        entry = day.entry
        assert entry is not None

        def style(name: str):
            # Partial: colour only, so the zebra stripes and the cursor show through.
            return table.get_component_rich_style(name, partial=True)

        bar = "█" * (entry.pain // 2) + ("▌" if entry.pain % 2 else "")
        pain = Text(f"{entry.pain:>2} ")
        pain.append(bar, style(f"diary--{pain_level(entry.pain)}"))
        first = entry.notes.strip().splitlines()[0] if entry.notes.strip() else ""
        if entry.rest:
            first = f"(rest day) {first}".strip()
        first = one_line(first)  # escaped, and a Text: never markup
        notes = Text(first)
        if entry.red_flags:  # a day with warning signs stands out in the list
            notes = Text.assemble(
                ("⚠ warning signs", style("diary--high")), "  " if first else "", first
            )
        ticks = Text(
            str(len(day.ticks)) if day.ticks else "·",
            justify="right",
            style="" if day.ticks else style("diary--muted"),
        )
        return [
            day.date.strftime(self._date_format),
            pain,
            short_areas(entry.areas),
            Text(one_line(" ".join(entry.tags))),
            notes,
            ticks,
        ]

    def _entry_count(self) -> int:
        return (
            sum(1 for d in self.journal.days.values() if d.entry is not None) if self.journal else 0
        )

    def highlighted_day(self) -> date | None:
        table = self.query_one(DiaryTable)
        if (
            not self.shown
            or table.cursor_row is None
            or not 0 <= table.cursor_row < len(self.shown)
        ):
            return None
        return self.shown[table.cursor_row]

    def _describe(self, total: int, shown: int) -> None:
        if total == 0:
            self._say("No entries yet. Tonight's check-in (t) starts the diary.")
            return
        parts = [f"{shown} of {total} days"]
        if self.filter.start or self.filter.end:
            start = self.filter.start.isoformat() if self.filter.start else "the start"
            end = self.filter.end.isoformat() if self.filter.end else "today"
            parts.append(f"from {start} to {end}")
        if self.filter.words:
            parts.append("matching " + " ".join(self.filter.words))
        hint = "  ·  enter opens a day" if shown else "  ·  nothing matches; esc clears the filter"
        self._say(", ".join(parts) + hint)

    def _say(self, message: str, error: bool = False) -> None:
        label = self.query_one("#diary-message", Static)
        label.update(plain(message))
        label.set_class(error, "error")

    # -- filters ------------------------------------------------------------------------
    @on(Input.Changed, "#diary-words")
    def _words_changed(self, event: Input.Changed) -> None:
        self.filter = DiaryFilter.from_text(event.value, self.filter.start, self.filter.end)
        self._fill_table()

    @on(Input.Submitted, "#diary-from, #diary-to")
    def _dates_submitted(self) -> None:
        self.apply_dates()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in ("diary-from", "diary-to"):
            self._say(
                "Dates like 2026-10-01, 30 days ago or last monday; enter applies, esc clears."
            )
        elif self.journal is not None and event.widget.id == "diary-table":
            self._describe(self._entry_count(), len(self.shown))

    @on(Input.Submitted, "#diary-words")
    def _words_submitted(self) -> None:
        self.query_one(DiaryTable).focus()

    def apply_dates(self) -> bool:
        """Read the from/to inputs; a date that can't be read is explained and changes nothing."""
        try:
            start = self._read_date("#diary-from", "from")
            end = self._read_date("#diary-to", "to")
        except InputError as error:
            self._say(f"The filter was not changed: {error.problem} ({error.field}).", error=True)
            return False
        if start and end and start > end:
            self._say(f"The filter was not changed: {start} is after {end}.", error=True)
            return False
        self.filter = DiaryFilter(self.filter.words, start, end)
        self._fill_table()
        self.query_one(DiaryTable).focus()
        return True

    def _read_date(self, selector: str, field: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return self.service.parse_date(text, field) if text else None

    def action_focus_filter(self) -> None:
        self.query_one("#diary-words", Input).focus()

    def action_clear_filter(self) -> None:
        for input_ in self.query(Input):
            input_.value = ""
        self.filter = DiaryFilter()
        self._fill_table()
        self.query_one(DiaryTable).focus()

    # -- opening and deleting ----------------------------------------------------------
    @on(DataTable.RowSelected, "#diary-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_day(date.fromisoformat(str(event.row_key.value)))

    def open_day(self, day: date) -> None:
        """View and edit a day on the Tonight screen, set to that day (it asks about unsaved edits)."""
        self.journal_app.open_day(day)

    @work
    async def action_delete_entry(self) -> None:
        day = self.highlighted_day()
        if day is None:
            return
        from backjournal.tui.modals.confirm import ConfirmModal

        body = (
            f"The check-in for {day:%A} {day.day} {day:%B %Y} will be removed from the diary. "
            "Exercises ticked that day stay."
        )
        dialog = ConfirmModal("Delete this entry?", body, "Delete", "Keep it", danger=True)
        if await self.app.push_screen_wait(dialog):
            self._delete(day)

    def _delete(self, day: date) -> None:
        try:
            self.service.delete_entry(day)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.announce_change()  # this screen reloads too
        self.notify(f"The entry for {day.day} {day:%B %Y} was deleted.")
