"""Plain-text rendering of days, advice, streaks and lists for the terminal."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from backjournal.domain import advisor
from backjournal.domain.exercises import dose_text, ordered
from backjournal.domain.models import OUTCOMES, Day, Exercise, Journal
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.text import json_safe
from backjournal.domain.vocab import (
    AREA_LABELS,
    PAIN_BAND_LABELS,
    PHASE_LABELS,
    RED_FLAG_LABELS,
    pain_band,
)

if TYPE_CHECKING:  # for the annotation only: `log` need not import the streak rules
    from backjournal.domain.streaks import Streaks

DISCLAIMER = (
    "These timings are the program's defaults, taken from its source material; they are not "
    "medical advice. Follow your physiotherapist."
)


def day_text(day: Day, library: Mapping[str, Exercise]) -> str:
    lines = [day.date.strftime("%A %d %B %Y")]
    entry = day.entry
    if entry is None:
        lines.append("  No entry yet.")
    else:
        lines.append(
            f"  Pain {pain_text(entry.pain)}"
            + (f", worst {pain_text(entry.worst)}" if entry.worst is not None else "")
        )
        if entry.areas:
            lines.append("  Where: " + ", ".join(AREA_LABELS[a] for a in entry.areas))
        if entry.sleep is not None or entry.mood is not None:
            lines.append(f"  Sleep {_score(entry.sleep)}, mood {_score(entry.mood)}")
        if entry.rest:
            lines.append("  Rest day")
        if entry.tags:
            lines.append("  Tags: " + " ".join(f"#{t}" for t in entry.tags))
        if entry.red_flags:
            lines.append("  RED FLAGS: " + "; ".join(RED_FLAG_LABELS[f] for f in entry.red_flags))
        if entry.notes:
            lines.extend("  | " + line for line in entry.notes.splitlines())
    if day.ticks:
        lines.append("  Exercises done:")
        for exercise_id in ordered(day.ticks, library):
            tick = day.ticks[exercise_id]
            name = library[exercise_id].name if exercise_id in library else exercise_id
            flag = "  (ticked against the advisor)" if tick.overridden else ""
            if tick.stopped:
                pain = f", pain {tick.pain_during}/10" if tick.pain_during is not None else ""
                flag += f"  (stopped: it hurt{pain})"
            lines.append(f"    [x] {name}{flag}")
    for session in day.sessions:
        length = f"{session.minutes:.0f} min" if session.minutes is not None else "not finished"
        counts = {o: sum(1 for i in session.items if i.outcome == o) for o in OUTCOMES}
        told = ", ".join(f"{n} {o}" for o, n in counts.items() if n) or "nothing recorded"
        pain = f", pain after {session.pain_after}/10" if session.pain_after is not None else ""
        lines.append(f"  Guided session at {session.start:%H:%M} ({length}): {told}{pain}")
    return "\n".join(lines)


def pain_text(value: int) -> str:
    """'4/10 (moderate)': the score and its band on the one pain scale."""
    return f"{value}/10 ({PAIN_BAND_LABELS[pain_band(value)]})"


def _score(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def advice_text(advice: advisor.Advice) -> str:
    lines = [f"{advice.date}: {PHASE_LABELS[advice.phase]}"]
    if advice.episode is not None:
        lines[0] += f", day {advice.episode_day} of the episode that began {advice.episode.start}"
    else:
        lines[0] += " (no episode open)"
    lines.append("  Allowed: " + ", ".join(advice.allowed))
    if advice.next_phase and advice.next_earliest:
        lines.append(
            f"  Next: {PHASE_LABELS[advice.next_phase]} from {advice.next_earliest} at the earliest"
        )
    for warning in advice.warnings:
        lines.append(f"  ! {warning.title}: {warning.message} [{warning.code}]")
    lines.append("  " + DISCLAIMER)
    return "\n".join(lines)


def streaks_text(streaks: Streaks) -> str:
    j = streaks.journal
    lines = [f"Streaks on {streaks.date}", f"  Journal: {j.current} nights (best {j.best})"]
    for r in streaks.routines:
        unit = "days" if r.unit == "day" else "weeks"
        lines.append(f"  {r.id}: {r.current} {unit} (best {r.best}); today {r.today}")
    return "\n".join(lines)


def exercises_text(exercises: list[Exercise]) -> str:
    lines = []
    for e in exercises:
        custom = "" if e.builtin else "  (yours)"
        lines.append(f"{e.id:<22} {e.kind:<14} {e.region:<11} {dose_text(e)}{custom}")
    return "\n".join(lines)


def routines_text(journal: Journal) -> str:
    lines = []
    for r in journal.routines:
        target = "daily" if r.times_per_week is None else f"{r.times_per_week} per week"
        lines.append(f"{r.id} - {r.name} ({journal.routine_kind(r)}, {target})")
        for exercise_id in ordered(r.exercises, journal.exercises):
            name = (
                journal.exercises[exercise_id].name
                if exercise_id in journal.exercises
                else exercise_id
            )
            lines.append(f"    {name}")
    return "\n".join(lines)


def episode_rows(journal: Journal, settings: AdvisorSettings, today: date) -> list[dict[str, Any]]:
    """Episodes with their phase history, as JSON-ready rows."""
    rows = []
    for episode in journal.episodes:
        history = advisor.episode_phase_summary(journal, episode, settings, today)
        rows.append(
            {
                "start": episode.start.isoformat(),
                "end": episode.end.isoformat() if episode.end else None,
                "last_day": (episode.end - timedelta(days=1)).isoformat() if episode.end else None,
                "open": episode.end is None,
                "phases": [
                    {"date": c.day.isoformat(), "phase": c.phase, "reason": c.reason}
                    for c in history
                ],
            }
        )
    return rows


def episode_span(start: str, end: str | None) -> str:
    """'2026-01-01 to 2026-01-20 (20 days; 2026-01-21 is the first day after it)'.

    An episode's stored end is the first day no longer in it; people read a range as inclusive,
    so the range shows the last day inside, and says which day the end was.
    """
    if end is None:
        return f"{start} to now (open)"
    first, after = date.fromisoformat(start), date.fromisoformat(end)
    last = after - timedelta(days=1)
    days = (after - first).days
    return f"{start} to {last} ({days} {'day' if days == 1 else 'days'}; {after} is the first day after it)"


def episodes_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No episodes yet. Start one on a bad day with `backjournal episode start`."
    lines = []
    for row in rows:
        lines.append(episode_span(row["start"], row["end"]))
        for change in row["phases"]:
            lines.append(
                f"    {change['date']}  {PHASE_LABELS[change['phase']]:<16} {change['reason']}"
            )
    return "\n".join(lines)


def print_json(data: Any) -> None:
    """JSON on stdout that still parses back exactly: DEL, C1 and bidi controls as \\u escapes."""
    print(json_safe(json.dumps(data, indent=2, ensure_ascii=False)))
