"""The guided session: tonight's plan, then each exercise with its countdown, ticked as it ends.

Three views in one screen: the plan (drop items, add back one that hurt, see the total), the
player (name, how-to, caution, dose, cue, side, a large countdown and a bar), and the summary.
The timing is the domain's SessionEngine on the app's monotonic clock seam (`app.monotonic`),
polled ten times a second: it works out where the session is from the clock's readings, so a
slow frame never shortens or stretches a hold, and a test drives it with a fake clock.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from backjournal.domain.exercises import dose_text
from backjournal.domain.session_engine import (
    BLOCK_ENDED,
    FINISHED,
    ITEM_ENDED,
    STRENGTHENING_DROPPED,
    Event,
    ItemResult,
    SessionEngine,
)
from backjournal.domain.session_plan import HURT, SessionPlan
from backjournal.service import JOURNAL_ERRORS, JournalService, SessionHandle
from backjournal.tui.modals.pain_now import PainNowModal
from backjournal.tui.screens.session_leave import SessionLeaving
from backjournal.tui.widgets.screen_footer import ScreenFooter
from backjournal.tui.widgets.session_countdown import SessionCountdown
from backjournal.tui.widgets.session_text import (
    left_out_line,
    plan_line,
    plan_total,
    summary_text,
)

SCREEN_KEYS = {
    "t": "tonight",
    "d": "diary",
    "p": "progress",
    "r": "routines",
    "e": "episodes",
    "s": "settings",
}
POLL_S = 0.1
FLASH_S = 0.6


class SessionScreen(SessionLeaving):
    """Plays tonight's guided session; pushed over Tonight (key g) or from the palette."""

    DEFAULT_CSS = """
    #session-views {
        height: 1fr;
    }
    #session-plan, #session-play, #session-summary {
        height: 1fr;
        padding: 0 1;
    }
    .session-title {
        text-style: bold;
        color: $accent;
        width: 100%;
    }
    .session-keys {
        color: $foreground-muted;
        height: auto;
    }
    #plan-items {
        height: 1fr;
        min-height: 4;
    }
    #plan-notes, #play-note {
        color: $warning;
        height: auto;
    }
    #play-dose {
        height: auto;
    }
    #play-text {
        height: 1fr;
    }
    #play-caution {
        color: $foreground-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "begin", "Start", tooltip="Start the session with the exercises kept"),
        Binding("space", "space", "Pause", tooltip="Pause or resume; counts a rep by hand"),
        Binding("n,right", "next", "Next", key_display="n/→", tooltip="Skip to the next exercise"),
        Binding("left", "previous", "Back", key_display="←", tooltip="Back to the last exercise"),
        Binding("h", "hurts", "This hurts", tooltip="Stop now and note the pain"),
        Binding("escape", "leave", "Leave", tooltip="Leave the session (asks what to keep)"),
        Binding("enter", "close", "Back to Tonight"),
        # The app's screen keys: while a session plays they ask first, as escape does.
        *(Binding(key, f"switch('{mode}')", show=False) for key, mode in SCREEN_KEYS.items()),
    ]
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("space", "on the plan: drop or keep the highlighted exercise"),
    ]

    def __init__(self, service: JournalService) -> None:
        super().__init__(service, id="session")
        self.day = service.today()
        self.dropped: set[str] = set()
        self.add_back: set[str] = set()
        self.plan: SessionPlan | None = None
        self.engine: SessionEngine | None = None
        self.handle: SessionHandle | None = None
        self.view_name = "plan"
        self._timer: Timer | None = None
        self._asking = False  # a dialog is open: the poll does not open another

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="session-plan", id="session-views"):
            with Vertical(id="session-plan"):
                yield Label("", id="plan-title", classes="session-title")
                yield Static("", id="plan-total")
                yield SelectionList[str](id="plan-items")
                yield Static("", id="plan-notes")
                yield Static(
                    "space drops or keeps the highlighted exercise · g starts",
                    classes="session-keys",
                )
            with Vertical(id="session-play"):
                yield Label("", id="play-title", classes="session-title")
                yield Static("", id="play-dose")
                yield SessionCountdown(id="play-countdown")
                yield Static("", id="play-note")
                with VerticalScroll(id="play-text"):
                    yield Static("", id="play-howto")
                    yield Static("", id="play-caution")
            with Vertical(id="session-summary"):
                yield Label("Session done", classes="session-title")
                yield Static("", id="summary-text")
        yield ScreenFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_plan(first=True)

    def reload(self) -> None:
        """Nothing to re-read while playing: the session writes its own ticks."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        playing = ("space", "next", "previous", "hurts")
        if action in playing:
            return self.view_name == "play"
        if action == "begin":
            return self.view_name == "plan"
        if action == "close":
            return self.view_name == "summary"
        return True

    # -- the plan --------------------------------------------------------------------------
    def _show_plan(self, first: bool = False) -> None:
        try:
            plan = self.service.session_plan(
                self.day, dropped=sorted(self.dropped), add_back=sorted(self.add_back)
            )
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.plan = plan
        self.query_one("#plan-title", Label).update(
            f"Tonight's guided session · {plan.day:%a %d %b}"
        )
        self.query_one("#plan-total", Static).update(plan_total(plan))
        notes = [left_out_line(o) for o in plan.left_out if o.reason != "dropped"]
        self.query_one("#plan-notes", Static).update("\n".join(notes))
        if first:
            options = self.query_one("#plan-items", SelectionList)
            rows = [Selection(plan_line(i), i.exercise.id, True) for i in plan.items]
            rows += [
                Selection(f"{left_out_line(o)} (select to add it back)", o.exercise.id, False)
                for o in plan.left_out
                if o.reason == HURT
            ]
            options.add_options(rows)
            if rows:
                options.highlighted = 0
            options.focus()

    @on(SelectionList.SelectedChanged, "#plan-items")
    def _kept_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        if self.view_name != "plan" or self.plan is None:
            return
        chosen = set(event.selection_list.selected)
        hurt = {o.exercise.id for o in self.plan.left_out if o.reason == HURT} | self.add_back
        every = {i.exercise.id for i in self.plan.items} | self.dropped | hurt
        self.add_back = {e for e in hurt if e in chosen}
        self.dropped = {e for e in every - hurt if e not in chosen}
        self._show_plan()

    def action_begin(self) -> None:
        plan = self.plan
        if plan is None or not plan.items:
            self.notify("Nothing to play: keep at least one exercise.", severity="warning")
            return
        try:
            self.handle = self.service.start_session(plan)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
            return
        self.engine = SessionEngine(
            plan, self.journal_app.monotonic, tempo=self.service.settings.session.tempo
        )
        self.view_name = "play"
        self.query_one(ContentSwitcher).current = "session-play"
        # The plan's list keeps no focus to come back to after a dialog: keys go to the player.
        self.query_one("#plan-items", SelectionList).disabled = True
        self.set_focus(None)
        self._handle(self.engine.start())
        self._timer = self.set_interval(POLL_S, self.poll)
        self.refresh_bindings()

    # -- playing ---------------------------------------------------------------------------
    def poll(self) -> None:
        """Act on what ended by now and redraw (the interval calls it; tests call it too)."""
        if self.engine is None or self.view_name != "play":
            return
        self._handle(self.engine.update())

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == BLOCK_ENDED:
                self._alert()
            elif event.kind == ITEM_ENDED and event.result is not None:
                self._record(event.result)
            elif event.kind == STRENGTHENING_DROPPED:
                self.query_one("#play-note", Static).update(event.message)
                self.notify(event.message, title="Strengthening left out", timeout=8)
            elif event.kind == FINISHED:
                self._ask_final_pain()
        self._draw()

    def _record(self, result: ItemResult) -> None:
        assert self.handle is not None
        try:
            self.service.record_session_item(self.handle, result)
        except JOURNAL_ERRORS as error:
            self.report_error(error)

    def _alert(self) -> None:
        if self.service.settings.session.alert == "flash":
            countdown = self.query_one(SessionCountdown)
            countdown.add_class("flash")
            self.set_timer(FLASH_S, lambda: countdown.remove_class("flash"))
        else:
            self.app.bell()

    def _draw(self) -> None:
        engine = self.engine
        if engine is None or self.view_name != "play":
            return
        view = engine.view()
        item = view.item
        if item is None:
            return
        total = len(engine.items)
        self.query_one("#play-title", Label).update(
            f"{view.index + 1} of {total} · {item.exercise.name} ({item.kind})"
        )
        self.query_one("#play-dose", Static).update(f"{dose_text(item.exercise)}\n{item.cue}")
        self.query_one(SessionCountdown).show(view, not engine.by_hand(view.step))
        self.query_one("#play-howto", Static).update(item.exercise.how_to)
        self.query_one("#play-caution", Static).update(f"Caution: {item.exercise.caution}")

    def action_space(self) -> None:
        if self.engine is not None:
            self._handle(self.engine.space())

    def action_next(self) -> None:
        if self.engine is not None:
            self._handle(self.engine.next())

    def action_previous(self) -> None:
        if self.engine is not None:
            self._handle(self.engine.previous())

    def action_hurts(self) -> None:
        if self.engine is None or self._asking or self.engine.hurts() is None:
            return
        self._draw()
        self._asking = True

        def given(pain: int | None) -> None:
            self._asking = False
            assert self.engine is not None
            self._handle(self.engine.give_pain(pain))

        self.app.push_screen(
            PainNowModal(
                "Stopped: that hurt",
                "Good call to stop. How much does it hurt right now, from 0 (none) to 10 "
                "(worst)? It is saved with the exercise.",
            ),
            given,
        )

    def _ask_final_pain(self) -> None:
        if self._asking:
            return
        self._asking = True
        self.app.push_screen(
            PainNowModal(
                "All done: well done",
                "How is your pain now, from 0 (none) to 10 (worst)? It fills tonight's entry "
                "if you have not written one yet.",
            ),
            self._finish,
        )

    def _finish(self, pain: int | None) -> None:
        self._asking = False
        engine, handle = self.engine, self.handle
        assert engine is not None and handle is not None
        results = engine.finish()
        try:
            self.service.finish_session(handle, pain, skipped=results)
        except JOURNAL_ERRORS as error:
            self.report_error(error)
        self._stop_timer()
        minutes = ((engine.ended_at or 0.0) - (engine.started_at or 0.0)) / 60
        names = {i.exercise.id: i.exercise.name for i in engine.items}
        self.query_one("#summary-text", Static).update(summary_text(results, minutes, pain, names))
        self.view_name = "summary"
        self.query_one(ContentSwitcher).current = "session-summary"
        self.journal_app.journal_changed(self)
        self.refresh_bindings()
