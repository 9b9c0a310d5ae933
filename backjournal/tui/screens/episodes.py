"""Episodes: every flare with its phase history, and starting or ending one."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from backjournal.domain import advisor
from backjournal.domain.models import Episode, Journal
from backjournal.domain.vocab import PHASE_LABELS
from backjournal.service import JOURNAL_ERRORS, JournalService
from backjournal.tui.modals.date_action import DateActionModal
from backjournal.tui.screens.base import JournalScreen
from backjournal.tui.widgets.screen_footer import ScreenFooter

TIMINGS_NOTE = (
    "The phase timings are the program's defaults from its source material, "
    "not medical advice; follow your physiotherapist."
)


def episode_label(episode: Episode, today: date) -> str:
    """One line for the list: 'since 1 Nov 2026 (day 20)' or '10 Sep – 22 Oct 2026, 42 days'."""
    if episode.end is None:
        return f"since {_d(episode.start)} (day {advisor.episode_day(episode, today)})"
    days = (episode.end - episode.start).days
    first = (
        f"{episode.start.day} {episode.start:%b}"
        if episode.start.year == episode.end.year
        else _d(episode.start)
    )
    return f"{first} – {_d(episode.end)}, {days} days"


def _d(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class PhaseHistory(Static):
    """The highlighted episode's phase changes; step-backs stand out."""

    DEFAULT_CSS = """
    PhaseHistory > .history--date {
        color: $foreground-muted;
    }
    PhaseHistory > .history--back {
        color: $warning;
        text-style: bold;
    }
    PhaseHistory > .history--muted {
        color: $foreground-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"history--date", "history--back", "history--muted"}

    def show_episode(
        self, episode: Episode, changes: list[advisor.PhaseChange], outlook: str, today: date
    ) -> None:
        style = self.get_component_rich_style
        muted = style("history--muted")
        text = Text(episode_label(episode, today) + "\n", style="bold")
        for change in changes:
            label = PHASE_LABELS.get(change.phase, change.phase)
            text.append(f"\n{change.day.isoformat()}  ", style("history--date"))
            day = advisor.episode_day(episode, change.day)
            if change.reason == advisor.STEPPED_BACK:
                text.append(f"↓ back to {label}", style("history--back"))
            else:
                text.append(label, "bold")
            detail = (
                change.detail.split(": ", 1)[-1]
                if change.detail.startswith("day ")
                else change.detail
            )
            text.append(f"\n  day {day}: {detail}", muted)
        if episode.end is not None:
            text.append(f"\n{episode.end.isoformat()}  ", style("history--date"))
            text.append("Episode ended", "bold")
        if outlook:
            text.append("\n\n" + outlook)
        steps = sum(1 for c in changes if c.reason == advisor.STEPPED_BACK)
        if steps:
            text.append(f"\n\nStepped back {steps} time{'s' if steps > 1 else ''} when pain rose.")
        text.append("\n\n" + TIMINGS_NOTE, muted)
        self.update(text)


class EpisodesScreen(JournalScreen):
    """The list of episodes on the left, the highlighted one's phase history on the right."""

    DEFAULT_CSS = """
    #episodes-body {
        height: 1fr;
    }
    #episodes-left {
        width: 2fr;
    }
    #episodes-list {
        height: 1fr;
    }
    #episodes-buttons {
        height: auto;
    }
    #episodes-buttons Button {
        margin-right: 1;
        min-width: 10;
        width: auto;
    }
    #episodes-detail {
        width: 3fr;
        border: round $panel-lighten-2;
        border-title-color: $foreground-muted;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "start_episode",
            "Start episode",
            tooltip="Start an episode (asks for the day it began)",
        ),
        Binding(
            "c", "end_episode", "End episode", tooltip="End the open episode (asks for the day)"
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            show=False,
            tooltip="Reload the journal, to see changes written elsewhere",
        ),
    ]

    def __init__(self, service: JournalService) -> None:
        super().__init__(service)
        self.journal: Journal | None = None
        self.episodes: list[Episode] = []

    def compose(self) -> ComposeResult:
        yield Static("Episodes", id="episodes-title", classes="screen-title")
        with Horizontal(id="episodes-body"):
            with Vertical(id="episodes-left"):
                yield OptionList(id="episodes-list")
                with Horizontal(id="episodes-buttons"):
                    yield Button("Start", id="episodes-start", variant="primary")
                    yield Button("End", id="episodes-end")
            with VerticalScroll(id="episodes-detail"):
                yield PhaseHistory("", id="episodes-history")
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#episodes-list", OptionList).border_title = "Episodes"
        self.query_one("#episodes-detail").border_title = "Phase history"
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_history())
        self.query_one("#episodes-list", OptionList).focus()

    def reload(self) -> None:
        """Reload the episodes, keeping the highlighted one."""
        service = self.service
        try:
            self.journal = service.journal()
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        today = service.today()
        listing = self.query_one("#episodes-list", OptionList)
        before = listing.highlighted_option.id if listing.highlighted_option else None
        self.episodes = list(reversed(self.journal.episodes))  # newest first
        listing.set_options(
            Option(episode_label(e, today), id=e.start.isoformat()) for e in self.episodes
        )
        ids = [e.start.isoformat() for e in self.episodes]
        if self.episodes:
            listing.highlighted = ids.index(before) if before in ids else 0
        open_now = self.journal.open_episode() is not None
        self.query_one("#episodes-start", Button).disabled = open_now
        self.query_one("#episodes-end", Button).disabled = not open_now
        self._show_history()

    @on(OptionList.OptionHighlighted, "#episodes-list")
    def _highlighted(self) -> None:
        self._show_history()

    def _selected(self) -> Episode | None:
        listing = self.query_one("#episodes-list", OptionList)
        if listing.highlighted is None or not self.episodes:
            return None
        return self.episodes[listing.highlighted]

    def _show_history(self) -> None:
        if self.journal is None:
            return
        episode = self._selected()
        if episode is None:
            self.query_one(PhaseHistory).update(self._no_episode_text())
            return
        self._history(episode)

    def _no_episode_text(self) -> Text:
        text = Text("No episodes yet.\n\n", style="bold")
        text.append(
            "An episode is a flare of back pain. Start one (n) on the day it began, and the "
            "advisor guides you back up: gentle mobility first, then stretching, then "
            "strengthening, as your pain settles.\n\n"
        )
        text.append(TIMINGS_NOTE, style="italic")
        return text

    def _history(self, episode: Episode) -> None:
        service = self.service
        today = service.today()
        assert self.journal is not None
        changes = advisor.episode_phase_summary(
            self.journal, episode, service.settings.advisor, today
        )
        outlook = self._outlook(today) if episode.end is None and episode.start <= today else ""
        self.query_one(PhaseHistory).show_episode(episode, changes, outlook, today)

    def _outlook(self, today: date) -> str:
        advice = self.service.advise(today, journal=self.journal)
        phase = PHASE_LABELS.get(advice.phase, advice.phase)
        line = f"Today is day {advice.episode_day}, in {phase.lower()}"
        if advice.phase_start:
            line += f" since {advice.phase_start.isoformat()}"
        line += "."
        if advice.next_phase and advice.next_earliest:
            line += (
                f" {PHASE_LABELS[advice.next_phase]} can begin on "
                f"{advice.next_earliest.isoformat()} at the earliest, once pain has settled."
            )
        return line

    # -- starting and ending -------------------------------------------------------------
    @on(Button.Pressed, "#episodes-start")
    def action_start_episode(self) -> None:
        service = self.service
        if self.journal and self.journal.open_episode():
            self.notify("An episode is already open. End it first (c).", severity="warning")
            return
        self._ask_date(
            DateActionModal(
                "Start an episode",
                "On which day did this flare begin? The advisor starts you on gentle mobility from "
                "that day.",
                "Start episode",
                lambda text: service.parse_date(text),
                service.start_episode,
            )
        )

    @on(Button.Pressed, "#episodes-end")
    def action_end_episode(self) -> None:
        service = self.service
        current = self.journal.open_episode() if self.journal else None
        if current is None:
            self.notify("No episode is open.", severity="warning")
            return
        self._ask_date(
            DateActionModal(
                "End the episode",
                f"The episode began on {current.start.isoformat()}. It ends on the day you give "
                f"(that day is the first one back to normal).",
                "End episode",
                lambda text: service.parse_date(text),
                service.end_episode,
            )
        )

    @work
    async def _ask_date(self, dialog: DateActionModal) -> None:
        """Show the dialog; once it wrote something, every screen reloads (this one too)."""
        if await self.app.push_screen_wait(dialog) is not None:
            self.announce_change()
