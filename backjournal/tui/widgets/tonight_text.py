"""The short texts at the top of Tonight: the day's title, the warning-sign banner, the plan summary."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from backjournal.domain.advisor import Advice
from backjournal.domain.models import Journal
from backjournal.domain.vocab import PHASE_LABELS, RED_FLAG_LABELS


def day_title(day: date, today: date, short: bool = False) -> Content:
    """'Tonight · Friday 20 November 2026', or how long ago a past day was."""
    long = f"{day:%a} {day.day} {day:%b %Y}" if short else f"{day:%A} {day.day} {day:%B %Y}"
    back = (today - day).days
    if back == 0:
        return Content.assemble(("Tonight", "bold $primary"), "  ·  ", (long, "bold"))
    ago = "yesterday" if back == 1 else f"{back} days ago"
    return Content.assemble((long, "bold $accent"), "  ·  ", (ago, "$foreground-muted"))


def red_flag_banner(flags: tuple[str, ...], saved: bool) -> Content:
    """What to do, at once, when a warning sign is ticked."""
    signs = "; ".join(RED_FLAG_LABELS.get(f, f) for f in flags)
    return Content.assemble(
        ("Please get medical help today. ", "bold"),
        f"You ticked: {signs}. Call your doctor or an urgent care service today. If you cannot "
        "control your bladder or bowel, or your legs are quickly getting weaker, call emergency "
        "services now. Exercises can wait until you have been checked."
        + ("" if saved else " Save (ctrl+s) to keep it in your journal."),
    )


def plan_summary(journal: Journal, day: date, advice: Advice) -> Content:
    """One line for narrow terminals, where the advisor and checklist sit below the form."""
    ticked = set(journal.ticks_on(day))
    wanted = {e for r in journal.routines if journal.routine_kind(r) in advice.allowed for e in r.exercises}
    phase = PHASE_LABELS.get(advice.phase, advice.phase)
    where = f"{phase}, day {advice.episode_day}" if advice.episode_day else phase
    parts = [Content.styled(where, "bold $primary"),
             Content(f"checklist {len(wanted & ticked)}/{len(wanted)} ticked")]
    if advice.warnings:
        count = len(advice.warnings)
        style = "bold $error" if advice.has("red_flag") else "$warning"
        parts.append(Content.styled(f"{count} warning{'s' if count != 1 else ''}", style))
    parts.append(Content.styled("c: go to it", "$foreground-muted"))
    return Content("  ·  ").join(parts)
