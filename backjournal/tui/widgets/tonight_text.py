"""The short texts at the top of Tonight: the day's title, the warning-sign banner, the plan summary."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from backjournal.domain.advisor import Advice
from backjournal.domain.dates import day_list
from backjournal.domain.models import Journal
from backjournal.domain.red_flags import holding_flags
from backjournal.domain.tonight import tonight_session
from backjournal.domain.vocab import MAINTENANCE, PHASE_LABELS, RED_FLAG_LABELS


def day_title(day: date, today: date, short: bool = False) -> Content:
    """'Tonight · Friday 20 November 2026', or how long ago a past day was."""
    long = f"{day:%a} {day.day} {day:%b %Y}" if short else f"{day:%A} {day.day} {day:%B %Y}"
    back = (today - day).days
    if back == 0:
        return Content.assemble(("Tonight", "bold $primary"), "  ·  ", (long, "bold"))
    ago = "yesterday" if back == 1 else f"{back} days ago"
    return Content.assemble((long, "bold $accent"), "  ·  ", (ago, "$foreground-muted"))


def red_flag_banner(
    flags: tuple[str, ...], saved: bool, day: date | None = None, today: date | None = None
) -> Content:
    """What to do, at once, when a warning sign is ticked. A past day's banner names its day:
    "today" would be wrong there."""
    signs = "; ".join(RED_FLAG_LABELS.get(f, f) for f in flags)
    unsaved = "" if saved else " Save (ctrl+s) to keep it in your journal."
    if day is not None and today is not None and day != today:
        return Content.assemble(
            ("Please get medical help about these signs. ", "bold"),
            f"On {day:%a} {day.day} {day:%b} you ticked: {signs}. If you have not been seen "
            "about them yet, call your doctor or an urgent care service. Exercises can wait "
            f"until you have been checked.{unsaved}",
        )
    return Content.assemble(
        ("Please get medical help today. ", "bold"),
        f"You ticked: {signs}. Call your doctor or an urgent care service today. If you cannot "
        "control your bladder or bowel, or your legs are quickly getting weaker, call emergency "
        f"services now. Exercises can wait until you have been checked.{unsaved}",
    )


def held_banner(advice: Advice, journal: Journal, window_days: int) -> Content | None:
    """For a day whose own entry has no red flags while earlier ones still hold: short, since the
    advisor panel below gives the advisor's full message; it names the days, never "today"."""
    if not advice.has("red_flag"):
        return None
    held = holding_flags(journal.entry_on, advice.date, window_days, journal.clearances)
    when = day_list([d for d, _ in held], advice.date) if held else "this week"
    return Content.assemble(
        (f"Warning signs logged on {when}. ", "bold"),
        "Please see a doctor about them soon; your phase waits until you have been seen "
        "(the advisor panel says more).",
    )


def plan_summary(journal: Journal, day: date, advice: Advice, width: int = 78) -> Content:
    """One line: the phase and the day of the episode, the checklist count, any warnings.

    The first frame shows it at every width; in two columns the advisor panel replaces it. What
    does not fit in `width` goes: "of this episode" first, then the hint, never the numbers.
    """
    session = tonight_session(journal, day, advice.allowed)  # what the checklist shows
    phase = PHASE_LABELS.get(advice.phase, advice.phase)
    count = f"{session.done}/{session.total}"
    warnings = None
    if advice.warnings:
        n = len(advice.warnings)
        style = "bold $error" if advice.has("red_flag") else "$warning"
        warnings = Content.styled(f"{n} warning{'s' if n != 1 else ''}", style)
    read = "w: read it" if len(advice.warnings) == 1 else "w: read them"
    hint = Content.styled(read if advice.warnings else "c: go to it", "$foreground-muted")
    for long_day, long_count, with_hint in (
        (True, True, True),
        (False, True, True),
        (False, True, False),
        (False, False, False),
    ):
        if advice.phase != MAINTENANCE and advice.episode_day is not None:
            day_n = f"{phase}, day {advice.episode_day}" + (" of this episode" if long_day else "")
            where = Content.styled(day_n, "bold $primary")
        else:
            where = Content.styled(phase, "bold $primary")
            if long_day:
                where += Content.styled(", no episode open", "$foreground-muted")
        parts = [where, Content(f"checklist {count} ticked" if long_count else f"{count} ticked")]
        parts += [warnings] if warnings is not None else []
        parts += [hint] if with_hint else []
        line = Content("  ·  ").join(parts)
        if line.cell_length <= width:
            break
    return line
