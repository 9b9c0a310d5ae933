"""Tonight's checklist: tonight's session, one list with each exercise once; space ticks.

The list is `backjournal.domain.tonight`'s session: the routines due tonight and allowed in the
phase, their exercises merged in session order (warm-up, top down, cool-down), each labelled with
the routines it counts for. Above it, one line per routine with its own progress: space on that
line ticks the rest of the routine. Routines left out (not allowed yet, or their week is met)
follow, folded. Each day opens with the cursor on its first unticked exercise.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Offset, Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from backjournal.domain.advisor import Advice, earliest_for
from backjournal.domain.exercises import dose_text, ordered
from backjournal.domain.models import Journal, Routine
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.streaks import Streaks
from backjournal.domain.tonight import (
    NOT_ALLOWED,
    RoutineProgress,
    TonightSession,
    tonight_session,
)
from backjournal.domain.vocab import PHASE_LABELS, phase_needed_for
from backjournal.tui.plain import one_line
from backjournal.tui.widgets.phase_advisor import short_date

LABEL_MIN = 3  # a routine's label on an item: the shortest unique start of its id, this or more


def short_labels(ids: list[str]) -> dict[str, str]:
    """Short, distinct labels for routine ids: mobility 'mob', stretching 'stret', strengthening
    'stren'. An id that is a prefix of another keeps its whole self."""
    labels = {}
    for routine_id in ids:
        others = [o for o in ids if o != routine_id]
        size = LABEL_MIN
        while size < len(routine_id) and any(o.startswith(routine_id[:size]) for o in others):
            size += 1
        labels[routine_id] = routine_id[:size]
    return labels


def opens_text(journal: Journal, routine: Routine, advice: Advice, s: AdvisorSettings) -> str:
    """When a routine the phase does not allow yet becomes allowed, in plain words."""
    needed = phase_needed_for(journal.routine_kind(routine))
    name = PHASE_LABELS.get(needed or "", "a later phase").lower()
    if advice.has("red_flag"):
        return "opens once the warning signs have been checked"
    if advice.episode is not None and advice.phase_start is not None and needed:
        when = earliest_for(
            advice.episode, advice.phase, advice.phase_start, advice.date, needed, s
        )
        if when is not None:
            return f"opens {short_date(when, advice.date)} at the earliest"
    return f"opens with the {name} phase"


class Checklist(OptionList):
    """Posts Checklist.Toggled for an exercise; headers of folded routines fold and unfold."""

    DEFAULT_CSS = """
    Checklist {
        height: auto;
        max-height: 999;
        border: none;
        padding: 0;
        background: transparent;
        &:focus {
            border: none;
            background: transparent;
        }
        & > .option-list--option-highlighted {
            background: transparent;
        }
        &:focus > .option-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
        }
        & > .option-list--option-disabled {
            color: $foreground;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_tick", "Tick/untick", show=False),
        Binding("i", "how_to", "How to", show=False, tooltip="How to do the highlighted exercise"),
    ]

    class Toggled(Message):
        """The user wants this exercise ticked (if it is not) or unticked (if it is)."""

        def __init__(self, exercise_id: str, ticked: bool) -> None:
            super().__init__()
            self.exercise_id = exercise_id
            self.ticked = ticked

    class TickRoutine(Message):
        """The user wants the rest of this routine ticked (space on its line)."""

        def __init__(self, routine_id: str) -> None:
            super().__init__()
            self.routine_id = routine_id

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unfolded: set[str] = set()
        self._journal: Journal | None = None
        self._advice: Advice | None = None
        self._streaks: Streaks | None = None
        self._settings: AdvisorSettings | None = None
        self._session: TonightSession | None = None
        self._day: date | None = None
        self._advance_from: str | None = None  # an exercise just ticked: move on past it
        # Ticks asked for but not yet back from the journal: a space typed right behind one must
        # move on, not toggle the same exercise again.
        self._pending: set[str] = set()
        self._one_line = True
        self._short: dict[str, str] = {}

    @property
    def session(self) -> TonightSession | None:
        return self._session

    def show(
        self,
        journal: Journal,
        day: date,
        advice: Advice,
        settings: AdvisorSettings,
        streaks: Streaks | None = None,
    ) -> None:
        """Rebuild the list for a day; a new day starts folded, on its first unticked item."""
        new_day = day != self._day
        self._journal, self._advice, self._streaks = journal, advice, streaks
        self._settings, self._day = settings, day
        self._session = tonight_session(journal, day, advice.allowed)
        self._pending.clear()  # the journal shown now holds what was asked
        self._short = short_labels([r.id for r in journal.routines])
        if new_day:
            self.unfolded = set()
            self._advance_from = None
        self._rebuild(first_unticked=new_day)

    def _rebuild(self, first_unticked: bool = False) -> None:
        journal, session = self._journal, self._session
        if journal is None or session is None:
            return
        keep = self.highlighted_option.id if self.highlighted_option else None
        shown = [it.exercise_id for it in session.items]
        folded_ids = [
            e
            for out in session.left_out
            if out.routine.id in self.unfolded
            for e in out.routine.exercises
            if e not in shown
        ]
        every = [*shown, *folded_ids]
        names = [journal.exercises[e].name for e in every if e in journal.exercises]
        name_width = min(max((len(n) for n in names), default=10), 30) + 2
        doses = [dose_text(journal.exercises[e]) for e in every if e in journal.exercises]
        labels = max((len(self._labels(it.routines)) for it in session.items), default=0)
        # One line per item when every item fits; otherwise doses go underneath, for an even look.
        longest = 2 + name_width + max((len(d) for d in doses), default=0) + labels + 2
        self._one_line = longest <= (self.scrollable_content_region.width or 80)
        options: list[Option] = [
            Option(self._progress_line(p), id=f"routine:{p.routine.id}") for p in session.routines
        ]
        for item in session.items:
            options.append(
                Option(
                    self._item(item.exercise_id, name_width, self._labels(item.routines)),
                    id=f"ex:{item.exercise_id}",
                )
            )
        for out in session.left_out:
            folded = out.routine.id not in self.unfolded
            options.append(
                Option(
                    self._left_out_line(out.routine, out.reason, folded),
                    id=f"fold:{out.routine.id}",
                )
            )
            if folded:
                continue
            for exercise_id in ordered(out.routine.exercises, journal.exercises):
                if exercise_id not in shown:
                    options.append(
                        Option(self._item(exercise_id, name_width, ""), id=f"ex:{exercise_id}")
                    )
        if not journal.routines:
            options.append(
                Option(
                    Content.styled("No routines yet: make one on the Routines screen (r).", "dim"),
                    disabled=True,
                )
            )
        self.set_options(options)
        ids = [o.id for o in options]
        advance, self._advance_from = self._advance_from, None
        if advance is not None and advance not in shown:
            advance = None
        if first_unticked:
            self.action_first_unticked()
        elif advance is not None and session.items[shown.index(advance)].ticked:
            following = session.next_unticked(shown.index(advance))
            target = f"ex:{shown[following]}" if following is not None else keep
            self.highlighted = ids.index(target) if target in ids else self.highlighted
        elif keep in ids:
            self.highlighted = ids.index(keep)
        elif self.highlighted is None:
            self.action_first_unticked()

    def _labels(self, routines: tuple[str, ...]) -> str:
        return " ".join(self._short.get(r, r) for r in routines)

    def _progress_line(self, progress: RoutineProgress) -> Content:
        routine = progress.routine
        parts = [f"{progress.done} of {progress.total} done"]
        streak = self._streaks.routine(routine.id) if self._streaks else None
        if routine.times_per_week is None:
            parts.insert(0, "daily")
        elif streak is not None and streak.this_week is not None:
            target = routine.times_per_week
            parts.append(
                f"{streak.this_week} of {target} this week"
                if streak.this_week <= target
                else f"{streak.this_week} this week, target {target}"
            )
        else:
            parts.insert(0, f"{routine.times_per_week}× a week")
        if streak is not None and streak.current:
            parts.append(f"{streak.current}-{streak.unit} streak")
        return Content.assemble(
            (one_line(routine.name), "bold $success" if progress.complete else "bold $primary"),
            (f" {self._short.get(routine.id, routine.id)}", "$foreground-muted italic"),
            ("  " + " · ".join(parts), "$foreground-muted"),
        )

    def _left_out_line(self, routine: Routine, reason: str, folded: bool) -> Content:
        journal, advice, settings = self._journal, self._advice, self._settings
        assert journal is not None and advice is not None and settings is not None
        arrow = "▸ " if folded else "▾ "
        why = (
            opens_text(journal, routine, advice, settings)
            if reason == NOT_ALLOWED
            else "done enough this week"
        )
        return Content.assemble((arrow + one_line(routine.name), "bold dim"), ("  " + why, "dim"))

    def _item(self, exercise_id: str, name_width: int, labels: str) -> Content:
        journal, advice = self._journal, self._advice
        assert journal is not None and advice is not None
        exercise = journal.exercises.get(exercise_id)
        name = one_line(exercise.name if exercise else f"{exercise_id} (unknown exercise)")
        dose = dose_text(exercise) if exercise else ""
        tick = journal.ticks_on(advice.date).get(exercise_id)
        if tick is not None:
            mark = Content.styled("✓ ", "bold $success")
            note = Content.styled("  ticked early", "$warning") if tick.overridden else Content("")
        else:
            mark = Content.styled("○ ", "dim")
            not_yet = exercise is not None and exercise.kind not in advice.allowed
            note = Content.styled("  not yet", "$warning") if not_yet else Content("")
        tags = Content.styled(f"  {labels}", "$foreground-muted italic") if labels else Content("")
        if self._one_line:
            return Content.assemble(mark, name.ljust(name_width), (dose, "dim"), tags, note)
        # Too narrow for one line: the dose goes underneath, indented under the name.
        return Content.assemble(mark, name, note, "\n", " " * len(mark), (dose, "dim"), tags)

    def _activate(self, option: Option | None) -> None:
        if option is None or option.id is None:
            return
        kind, _, key = option.id.partition(":")
        if kind == "fold":
            self.unfolded ^= {key}
            self._rebuild()
        elif kind == "routine":
            progress = self._session.progress(key) if self._session else None
            if progress is not None and not progress.complete:
                self.post_message(self.TickRoutine(key))
        elif kind == "ex":
            if key in self._pending:
                return  # its tick is on its way
            ticked = (
                self._journal is not None
                and self._day is not None
                and (key in self._journal.ticks_on(self._day))
            )
            if not ticked:
                self._advance_from = key
                self._pending.add(key)
                self._move_past(key)
            self.post_message(self.Toggled(key, ticked))

    def _move_past(self, key: str) -> None:
        """The cursor to the next exercise still to do, at once (before the tick is stored)."""
        session = self._session
        shown = [it.exercise_id for it in session.items] if session is not None else []
        if session is None or key not in shown:
            return
        ids = [o.id for o in self.options]
        start = shown.index(key)
        for step in range(1, len(shown)):
            item = session.items[(start + step) % len(shown)]
            target = f"ex:{item.exercise_id}"
            if not item.ticked and item.exercise_id not in self._pending and target in ids:
                self.highlighted = ids.index(target)
                return

    def on_resize(self) -> None:
        self._rebuild()

    def scroll_to_region(self, region: Region, *args: Any, **kwargs: Any) -> Offset:
        # The list is as tall as its options and never scrolls itself: when it is asked to show
        # its highlighted line, the panes around it scroll instead.
        moved = super().scroll_to_region(region, *args, **kwargs)
        if self.has_focus:
            self._reveal(region)
        return moved

    def _reveal(self, region: Region) -> None:
        """Scroll each container around the list so that `region` (in the list) shows."""
        region = region.translate(self.virtual_region.offset)
        widget: Widget = self
        while isinstance(widget.parent, Widget) and widget.parent is not self.screen:
            container = widget.parent
            moved = container.scroll_to_region(region, animate=False, immediate=True)
            region = region.translate(-moved).translate(container.styles.border.spacing.top_left)
            region = region.translate(container.virtual_region.offset)
            widget = container

    def action_how_to(self) -> None:
        """The highlighted exercise's how-to, in a dialog (it was only on Routines before)."""
        from backjournal.tui.modals.how_to import HowToModal

        option = self.highlighted_option
        journal = self._journal
        if option is None or option.id is None or journal is None:
            return
        kind, _, key = option.id.partition(":")
        if kind == "ex" and key in journal.exercises:
            self.app.push_screen(HowToModal(journal.exercises[key]))

    def action_toggle_tick(self) -> None:
        self._activate(self.highlighted_option)

    def action_first_unticked(self) -> None:
        """The cursor to the first exercise still to do (or the first line when all are done)."""
        session = self._session
        index = session.first_unticked() if session is not None else None
        target = f"ex:{session.items[index].exercise_id}" if session and index is not None else None
        ids = [o.id for o in self.options]
        if target in ids:
            self.highlighted = ids.index(target)
        elif ids:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), 0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks do what space does.
        event.stop()
        self._activate(event.option)
