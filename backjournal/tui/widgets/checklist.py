"""Today's checklist: routines grouped in order, each item with its dose; space ticks and unticks."""

from __future__ import annotations

from dataclasses import dataclass
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
from backjournal.domain.vocab import PHASE_LABELS, phase_needed_for
from backjournal.tui.plain import one_line
from backjournal.tui.widgets.phase_advisor import short_date


@dataclass(frozen=True)
class RoutineView:
    """One routine as the checklist shows it."""

    routine: Routine
    allowed: bool
    opens: str  # when a folded routine opens, in words


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
    ]

    class Toggled(Message):
        """The user wants this exercise ticked (if it is not) or unticked (if it is)."""

        def __init__(self, exercise_id: str, ticked: bool) -> None:
            super().__init__()
            self.exercise_id = exercise_id
            self.ticked = ticked

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unfolded: set[str] = set()
        self._ticked: set[str] = set()
        self._views: list[RoutineView] = []
        self._journal: Journal | None = None
        self._advice: Advice | None = None
        self._streaks: Streaks | None = None
        self._one_line = True

    def show(
        self,
        journal: Journal,
        day: date,
        advice: Advice,
        settings: AdvisorSettings,
        streaks: Streaks | None = None,
    ) -> None:
        """Rebuild the list for a day, keeping the highlighted item where it was."""
        self._journal, self._advice, self._streaks = journal, advice, streaks
        self._ticked = set(journal.ticks_on(day))
        self._views = [
            RoutineView(
                r,
                journal.routine_kind(r) in advice.allowed,
                ""
                if journal.routine_kind(r) in advice.allowed
                else opens_text(journal, r, advice, settings),
            )
            for r in journal.routines
        ]
        self._rebuild()

    def _rebuild(self) -> None:
        journal = self._journal
        if journal is None:
            return
        keep = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        names = [
            journal.exercises[e].name
            for v in self._views
            for e in v.routine.exercises
            if e in journal.exercises
        ]
        name_width = min(max((len(n) for n in names), default=10), 30) + 2
        doses = [
            dose_text(journal.exercises[e])
            for v in self._views
            for e in v.routine.exercises
            if e in journal.exercises
        ]
        # One line per item when every item fits; otherwise every dose goes underneath, for an even look.
        longest = 2 + name_width + max((len(d) for d in doses), default=0)
        self._one_line = longest <= (self.scrollable_content_region.width or 80)
        for view in self._views:
            routine = view.routine
            folded = not view.allowed and routine.id not in self.unfolded
            options.append(
                Option(
                    self._header(view, folded), id=f"routine:{routine.id}", disabled=view.allowed
                )
            )
            if folded:
                continue
            for exercise_id in ordered(routine.exercises, journal.exercises):
                options.append(
                    Option(
                        self._item(exercise_id, view.allowed, name_width),
                        id=f"ex:{routine.id}:{exercise_id}",
                    )
                )
        if not self._views:
            options.append(
                Option(
                    Content.styled("No routines yet: make one on the Routines screen (r).", "dim"),
                    disabled=True,
                )
            )
        self.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif self.highlighted is None:
            self.action_first()

    def _header(self, view: RoutineView, folded: bool) -> Content:
        routine = view.routine
        if not view.allowed:
            arrow = "▸ " if folded else "▾ "
            return Content.assemble(
                (arrow + one_line(routine.name), "bold dim"), ("  " + view.opens, "dim")
            )
        done = sum(1 for e in routine.exercises if e in self._ticked)
        parts = [f"{done} of {len(routine.exercises)} done"]
        streak = (
            next((s for s in self._streaks.routines if s.id == routine.id), None)
            if self._streaks
            else None
        )
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
        complete = done == len(routine.exercises) and done > 0
        return Content.assemble(
            (one_line(routine.name), "bold $success" if complete else "bold $primary"),
            ("  " + " · ".join(parts), "$foreground-muted"),
        )

    def _item(self, exercise_id: str, allowed: bool, name_width: int) -> Content:
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
        if self._one_line:
            return Content.assemble(mark, name.ljust(name_width), (dose, "dim"), note)
        # Too narrow for one line: the dose goes underneath, indented under the name.
        return Content.assemble(mark, name, note, "\n", " " * len(mark), (dose, "dim"))

    def _activate(self, option: Option | None) -> None:
        if option is None or option.id is None:
            return
        if option.id.startswith("routine:"):
            routine_id = option.id.removeprefix("routine:")
            self.unfolded ^= {routine_id}
            self._rebuild()
        elif option.id.startswith("ex:"):
            exercise_id = option.id.split(":", 2)[2]
            self.post_message(self.Toggled(exercise_id, exercise_id in self._ticked))

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

    def action_toggle_tick(self) -> None:
        self._activate(self.highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks do what space does.
        event.stop()
        self._activate(event.option)
