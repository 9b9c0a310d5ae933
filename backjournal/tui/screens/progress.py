"""Progress: streaks, a year of days as a heatmap, the pain trend and weekly adherence."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from backjournal.domain.models import Journal
from backjournal.domain.streaks import Streaks
from backjournal.domain.vocab import PAIN_BANDS
from backjournal.service import JOURNAL_ERRORS, JournalService
from backjournal.tui.plain import one_line
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.calendar_heatmap import CalendarHeatmap
from backjournal.tui.widgets.pain_trend import PainTrend
from backjournal.tui.widgets.progress_data import ProgressData, compute_progress
from backjournal.tui.widgets.psfs_trend import InsightsPanel, PsfsTrend
from backjournal.tui.widgets.screen_footer import ScreenFooter
from backjournal.tui.widgets.weekly_adherence import WeeklyAdherence

SPANS = (30, 90, 365)
# The domain's one pain scale, as the heatmap's legend: "pain 0-3", "4-6", "7-10".
PAIN_LEGEND = (
    ("no entry", "empty"),
    *(
        (f"pain {lo}-{hi}" if band == PAIN_BANDS[0][0] else f"{lo}-{hi}", band)
        for band, lo, hi in PAIN_BANDS
    ),
)
ADHERENCE_LEGEND = (
    ("nothing", "none"),
    ("some", "some"),
    ("all routines", "all"),
    ("paused", "paused"),
)


class StreakPanel(Static):
    """The journal's and each routine's streak, with paused routines said to be paused."""

    DEFAULT_CSS = """
    StreakPanel > .streaks--done {
        color: $success;
    }
    StreakPanel > .streaks--paused {
        color: $primary;
    }
    StreakPanel > .streaks--muted {
        color: $foreground-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"streaks--done", "streaks--paused", "streaks--muted"}

    def show(self, streaks: Streaks, journal: Journal) -> None:
        style = self.get_component_rich_style
        muted = style("streaks--muted")
        names = {r.id: one_line(r.name) for r in journal.routines}
        width = max([len("Nightly journal"), *(len(n) for n in names.values())]) + 2
        text = Text()
        current, best = streaks.journal.current, streaks.journal.best
        text.append("Nightly journal".ljust(width))
        text.append(_count(current, "night").ljust(20))
        text.append(f"best {best}\n" if best else "\n", muted)
        for routine in streaks.routines:
            unit = routine.unit
            text.append(names.get(routine.id, routine.id)[: width - 2].ljust(width))
            text.append(_count(routine.current, unit).ljust(20))
            text.append((f"best {routine.best}" if routine.best else "").ljust(10), muted)
            if routine.today == "paused":
                text.append("paused today (rest day or phase)", style("streaks--paused"))
            elif routine.today == "done":
                text.append("done today", style("streaks--done"))
            elif unit == "week" and routine.target is not None:
                text.append(f"{routine.this_week} of {routine.target} this week", muted)
            else:
                text.append("not yet today", muted)
            text.append("\n")
        text.rstrip()
        self.update(text)


def _count(n: int, unit: str) -> str:
    if n == 0:
        return f"no {unit}s yet" if unit != "night" else "none yet"
    return f"{n} {unit}{'s' if n != 1 else ''} in a row"


class ProgressScreen(JournalScreen):
    """Computed from one journal snapshot per refresh; switching views only redraws."""

    DEFAULT_CSS = """
    #progress-body {
        padding: 0 1;
    }
    .progress-heading {
        margin-top: 1;
        color: $accent;
        text-style: bold;
    }
    #progress-streaks {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "toggle_map",
            "Map: pain/exercise",
            tooltip="Switch the calendar between pain and exercise days",
        ),
        Binding(
            "c",
            "cycle_span",
            "Chart: 30/90/365 days",
            tooltip="Switch the pain chart between 30, 90 and 365 days",
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the journal, to see changes written elsewhere",
        ),
    ]

    map_mode: reactive[str] = reactive("pain", init=False)
    """What the calendar shows: pain, or exercise days."""
    span: reactive[int] = reactive(90, init=False)
    """The days the pain chart covers."""

    def __init__(self, service: JournalService) -> None:
        super().__init__(service)
        self.data: ProgressData | None = None
        self.journal: Journal | None = None
        self.streaks: Streaks | None = None
        self._span_chosen = False  # the user switched the chart's span with c

    def compose(self) -> ComposeResult:
        yield Static("Progress", id="progress-title", classes="screen-title")
        with VerticalScroll(id="progress-body"):
            yield Static("Streaks", classes="progress-heading")
            yield StreakPanel("", id="progress-streaks")
            yield Static("", id="progress-map-heading", classes="progress-heading")
            yield CalendarHeatmap(id="progress-heatmap")
            yield Static("", id="progress-trend-heading", classes="progress-heading")
            yield PainTrend(id="progress-trend")
            yield Static(
                "Function (weekly PSFS average: 0 can't do it, 10 as before)",
                classes="progress-heading",
            )
            yield PsfsTrend(id="progress-psfs")
            yield Static("Weekly exercise, last 12 weeks", classes="progress-heading")
            yield WeeklyAdherence(id="progress-adherence")
            yield Static(
                "What goes with better days (associations, not causes)",
                classes="progress-heading",
            )
            yield InsightsPanel(id="progress-insights")
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())
        self.query_one("#progress-body").focus()

    def reload(self) -> None:
        """Load the journal once and compute everything the screen shows (off the UI thread)."""
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        service = self.service
        try:
            journal = service.journal()
            today = service.today()
            data = compute_progress(journal, today, service.settings.advisor)
            streaks = service.streaks(today, journal=journal)
        except JOURNAL_ERRORS as error:
            self.app.call_from_thread(self.report_error, error)
            return
        if not get_current_worker().is_cancelled:  # a newer load took over
            self.app.call_from_thread(self._show, journal, data, streaks)

    def _show(self, journal: Journal, data: ProgressData, streaks: Streaks) -> None:
        self.journal, self.data, self.streaks = journal, data, streaks
        if not self._span_chosen:
            # A young journal's chart covers the last 30 days, not 13 days squeezed into 90.
            young = data.since is None or (data.today - data.since).days < SPANS[0]
            self.set_reactive(ProgressScreen.span, SPANS[0] if young else SPANS[1])
        self._draw()

    def _draw(self) -> None:
        if self.data is None or self.journal is None:
            return
        data = self.data
        if self.streaks is not None:
            self.query_one(StreakPanel).show(self.streaks, self.journal)
        week_start = self.service.settings.week_start
        heatmap = self.query_one(CalendarHeatmap)
        if self.map_mode == "pain":
            heatmap.show(data.today, data.pain_cells, PAIN_LEGEND, week_start, data.since)
            heading = "Pain, last 12 months   (m: exercise days)"
        else:
            heatmap.show(data.today, data.adherence_cells, ADHERENCE_LEGEND, week_start, data.since)
            heading = "Exercise days, last 12 months   (m: pain)"
        if data.since is None:
            heading = "Last 12 months: nothing logged yet; the calendar fills in night by night"
        self.query_one("#progress-map-heading", Static).update(heading)
        self.query_one(PainTrend).show(data.today, self.span, data.pains, self.journal.episodes)
        self.query_one("#progress-trend-heading", Static).update(
            f"Pain, last {self.span} days, episodes marked ┣━   (c: 30 / 90 / 365 days)"
        )
        self.query_one(WeeklyAdherence).show(data.week_labels, data.adherence_rows)
        self.query_one(PsfsTrend).show(self.journal.psfs, data.today)
        self.query_one(InsightsPanel).show(data.insights)

    def watch_map_mode(self) -> None:
        self._draw()

    def watch_span(self) -> None:
        self._draw()

    def action_toggle_map(self) -> None:
        self.map_mode = "exercise" if self.map_mode == "pain" else "pain"

    def action_cycle_span(self) -> None:
        self._span_chosen = True
        self.span = SPANS[(SPANS.index(self.span) + 1) % len(SPANS)]
