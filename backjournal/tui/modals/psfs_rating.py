"""The weekly function score (PSFS): one 0-10 score per activity, typed as in the check-in.

With fewer than 3 active activities it first asks for their names (up to 5).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from backjournal.domain import psfs as psfs_rules
from backjournal.domain.models import PsfsActivity
from backjournal.service import JOURNAL_ERRORS, InputError, JournalService
from backjournal.tui.screens.base import journal_app
from backjournal.tui.widgets.key_clock import REAL_KEY_CLOCK, KeyClock
from backjournal.tui.widgets.score_bar import ScoreBar

SCALE_HINT = "0 = can't do it at all, 10 = as well as before your back trouble"


class PsfsRatingModal(ModalScreen[bool]):
    """Dismisses True once a rating (or new activities) was saved through the service."""

    DEFAULT_CSS = """
    PsfsRatingModal .dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        overflow-y: auto;  /* five activities at 80x24: the focused one scrolls into view */
    }
    PsfsRatingModal .psfs-name {
        color: $foreground;
    }
    PsfsRatingModal Input, PsfsRatingModal ScoreBar {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(
        self, service: JournalService, day: date, key_clock: KeyClock = REAL_KEY_CLOCK
    ) -> None:
        super().__init__(classes="bj-dialog")
        self.service = service
        self.day = day
        self.key_clock = key_clock  # tests give a FakeKeyClock
        self.activities: list[PsfsActivity] = []
        self.naming = False  # True: too few activities, the dialog asks for names first
        self.added = False

    def compose(self) -> ComposeResult:
        psfs = self.service.psfs()
        self.activities = psfs_rules.active(psfs)
        self.naming = len(self.activities) < psfs_rules.ACTIVE_MIN
        with Vertical(classes="dialog", id="psfs-dialog"):
            yield Label("Weekly function score", classes="dialog-title")
            if self.naming:
                yield from self._compose_names()
            else:
                yield from self._compose_scores(psfs_rules.last_rating(psfs, self.day))
            yield Static("", classes="dialog-error", id="psfs-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="psfs-cancel")
                yield Button(
                    "Save names ^s" if self.naming else "Save ^s", variant="primary", id="psfs-save"
                )

    def _compose_scores(self, last: object) -> ComposeResult:
        yield Static(
            f"{self.day:%A} {self.day.day} {self.day:%B}. How well can you do each one now? "
            f"{SCALE_HINT}. Type a digit for each; 1 then 0 is 10.",
            classes="dialog-body",
        )
        previous = getattr(last, "scores", {})
        for activity in self.activities:
            before = previous.get(activity.id)
            note = f"   (last time {before})" if before is not None else ""
            yield Label(f"{activity.name}{note}", classes="psfs-name")
            bar = ScoreBar(
                "  score", higher_is_better=True, required=True, id=f"psfs-{activity.id}"
            )
            bar.clock = self.key_clock
            bar.move_on = self._move_on
            yield bar

    def _compose_names(self) -> ComposeResult:
        have = len(self.activities)
        yield Static(
            "Name 3 to 5 everyday things your back makes hard, in your own words (for example "
            "'putting on socks' or 'sitting an hour at my desk'). Each week you give each one a "
            f"number: {SCALE_HINT}. You can also add them with "
            '`backjournal psfs add "ACTIVITY"`.',
            classes="dialog-body",
            markup=False,
        )
        for activity in self.activities:
            yield Label(f"{activity.id}. {activity.name}", classes="psfs-name")
        for n in range(psfs_rules.ACTIVE_MAX - have):
            yield Input(
                placeholder=f"activity {have + n + 1}"
                + ("" if have + n < psfs_rules.ACTIVE_MIN else " (optional)"),
                max_length=psfs_rules.NAME_MAX,
                compact=True,
                id=f"psfs-new-{n}",
                classes="psfs-new",
            )

    def on_mount(self) -> None:
        first = self.query(".psfs-new" if self.naming else ScoreBar).first()
        first.focus()

    def _move_on(self, bar: ScoreBar, carry: int | None) -> None:
        """A score typed in full: on to the next activity, then to Save (at once: see move_on)."""
        bars = list(self.query(ScoreBar))
        index = bars.index(bar) + 1
        if index < len(bars):
            self.set_focus(bars[index])
            if carry is not None:
                bars[index].action_set_score(carry)
        else:
            self.set_focus(self.query_one("#psfs-save", Button))

    @on(Input.Submitted)
    def _next_name(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#psfs-save")
    async def action_save(self) -> None:
        if self.naming:
            if self._save_names():
                await self.recompose()  # now with a score per activity
                self.on_mount()
        else:
            self._save_scores()

    @on(Button.Pressed, "#psfs-cancel")
    def action_cancel(self) -> None:
        self.dismiss(self.added)

    def _error(self, text: str) -> None:
        self.query_one("#psfs-error", Static).update(text)

    def _save_scores(self) -> None:
        bars = [self.query_one(f"#psfs-{a.id}", ScoreBar) for a in self.activities]
        missing = [
            a.name for a, bar in zip(self.activities, bars, strict=True) if bar.value is None
        ]
        if missing:
            self._error(f"Give a score to: {', '.join(missing)}.")
            bars[[b.value for b in bars].index(None)].focus()
            return
        try:
            rating = self.service.psfs_rate(self.day, [bar.value for bar in bars])
        except JOURNAL_ERRORS as error:
            self._report(error)
            return
        self.notify(
            f"Saved: average {rating.mean:.1f} for {self.day:%A} {self.day.day} {self.day:%B}.",
            title="Function score",
        )
        self.dismiss(True)

    def _save_names(self) -> bool:
        """Add the names typed; True once all were written."""
        names = [i.value for i in self.query(".psfs-new").results(Input) if i.value.strip()]
        total = len(self.activities) + len(names)
        if total < psfs_rules.ACTIVE_MIN:
            self._error(f"Name at least {psfs_rules.ACTIVE_MIN - len(self.activities)} more.")
            return False
        try:  # each name checked before any is written: all or nothing
            psfs = self.service.psfs()
            for name in names:
                psfs = psfs_rules.add_activity(psfs, name)
        except InputError as error:
            self._error(str(error))
            return False
        try:
            for name in names:
                self.service.psfs_add(name)
        except JOURNAL_ERRORS as error:
            self._report(error)
            return False
        self.added = True
        return True

    def _report(self, error: Exception) -> None:
        if isinstance(error, InputError):
            self._error(str(error))
        else:
            self.dismiss(False)
            journal_app(self).report_error(error)
