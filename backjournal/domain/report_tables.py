"""The clinician report's tables and lists: pain and PSFS by column, adherence, overrides, notes.

Tables run sideways (one column per week, or per month over long periods) so that a few
months fit on a page; wide ones are split into blocks of at most COLUMNS columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from backjournal.domain.models import Entry, Journal, PsfsActivity, PsfsRating, Routine
from backjournal.domain.report_charts import text
from backjournal.domain.routine_status import DONE, PAUSED, day_status, routine_done_on, week_status
from backjournal.domain.settings import AdvisorSettings

COLUMNS = 14
MONTHLY_AFTER_WEEKS = 26  # beyond this many weeks, columns are months
NOTES_SHOWN = 8
NOTE_CHARS = 240
NOTES_BUDGET = 1400

Span = tuple[date, date]


def weeks_of(start: date, last: date) -> list[Span]:
    """The report's columns: Monday-to-Sunday weeks clipped to the period, or months when long."""
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= last:
        weeks.append((max(monday, start), min(monday + timedelta(days=6), last)))
        monday += timedelta(days=7)
    if len(weeks) <= MONTHLY_AFTER_WEEKS:
        return weeks
    months = []
    first = start
    while first <= last:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months.append((first, min(following - timedelta(days=1), last)))
        first = following
    return months


def _monthly(spans: Sequence[Span]) -> bool:
    return any((b - a).days > 6 for a, b in spans)


def _label(span: Span, monthly: bool) -> str:
    first = span[0]
    return first.strftime("%b %Y") if monthly else f"{first.day} {first.strftime('%b')}"


def _days(span: Span) -> list[date]:
    return [span[0] + timedelta(days=n) for n in range((span[1] - span[0]).days + 1)]


def _table(head: str, labels: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]]) -> str:
    """A sideways table split into blocks of COLUMNS columns; cells are already escaped."""
    blocks = []
    for i in range(0, max(len(labels), 1), COLUMNS):
        cols = labels[i : i + COLUMNS]
        out = ["<table>", f'<tr><th class="name" scope="col">{head}</th>']
        out += [f'<th scope="col">{c}</th>' for c in cols]
        out.append("</tr>")
        for name, cells in rows:
            out.append(f'<tr><th class="name" scope="row">{name}</th>')
            out += [f"<td>{c}</td>" for c in cells[i : i + COLUMNS]]
            out.append("</tr>")
        out.append("</table>")
        blocks.append("".join(out))
    return "\n".join(blocks)


def pain_table(journal: Journal, spans: Sequence[Span]) -> str:
    monthly = _monthly(spans)
    nights, means, worst = [], [], []
    for span in spans:
        found = [e for d in _days(span) if (e := journal.entry_on(d)) is not None]
        nights.append(f"{len(found)}/{len(_days(span))}")
        means.append(f"{sum(e.pain for e in found) / len(found):.1f}" if found else "-")
        worst.append(str(max(max(e.pain, e.worst or 0) for e in found)) if found else "-")
    head = "Month" if monthly else "Week of"
    return _table(
        head,
        [_label(s, monthly) for s in spans],
        [("Nights logged", nights), ("Average pain", means), ("Worst pain", worst)],
    )


def psfs_table(activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating]) -> str:
    if not ratings:
        return "<p>No ratings in this period.</p>"
    rows: list[tuple[str, Sequence[str]]] = []
    for activity in activities:
        if not any(activity.id in r.scores for r in ratings):
            continue
        retired = " (retired)" if activity.retired else ""
        cells = [str(r.scores[activity.id]) if activity.id in r.scores else "-" for r in ratings]
        rows.append((f"{text(activity.id)}. {text(activity.name)}{retired}", cells))
    rows.append(("<b>Average</b>", [f"<b>{r.mean:.1f}</b>" for r in ratings]))
    labels = [f"{r.date.day} {r.date.strftime('%b')}" for r in ratings]
    return _table("Rated on", labels, rows)


def _target(routine: Routine) -> str:
    if routine.times_per_week is None:
        return "daily"
    return f"{routine.times_per_week}\u00d7 a week"


def _daily_cell(journal: Journal, routine: Routine, span: Span, s: AdvisorSettings) -> str:
    statuses = [day_status(journal, routine, d, s) for d in _days(span)]
    expected = sum(1 for st in statuses if st != PAUSED)
    done = statuses.count(DONE)
    return "off" if expected == 0 and not done else f"{done}/{expected}"


def _weekly_cell(
    journal: Journal, routine: Routine, span: Span, s: AdvisorSettings, today: date, monthly: bool
) -> str:
    done = sum(1 for d in _days(span) if routine_done_on(journal, routine, d))
    if monthly:
        return str(done)
    if week_status(journal, routine, span[0], s, today) == PAUSED and not done:
        return "off"
    return f"{done}/{routine.times_per_week}"


def adherence_table(
    journal: Journal, spans: Sequence[Span], s: AdvisorSettings, today: date
) -> str:
    """Days each routine was done per column, against what was expected of it."""
    if not journal.routines or not spans:
        return "<p>No routines.</p>"
    monthly = _monthly(spans)
    rows = []
    for routine in journal.routines:
        if routine.times_per_week is None:
            cells = [_daily_cell(journal, routine, span, s) for span in spans]
        else:
            cells = [_weekly_cell(journal, routine, span, s, today, monthly) for span in spans]
        rows.append((f"{text(routine.name)} ({_target(routine)})", cells))
    explain = (
        "Days each routine was done in full. Daily routines: done / days expected (rest days and "
        "days the phase did not allow it are not expected). Weekly routines: done / target; "
        "'off': not allowed in that week's phase."
    )
    if monthly:
        explain = "Days each routine was done in full, per month (daily routines: done / expected)."
    head = "Month" if monthly else "Week of"
    table = _table(head, [_label(sp, monthly) for sp in spans], rows)
    return f'<div class="keep"><p class="small">{explain}</p>\n{table}</div>'


def overrides_list(journal: Journal, start: date, last: date) -> list[str]:
    """Exercises ticked although the advisor said it was too soon."""
    found = []
    for n in range((last - start).days + 1):
        day = start + timedelta(days=n)
        for exercise_id, tick in journal.ticks_on(day).items():
            if tick.overridden:
                exercise = journal.exercises.get(exercise_id)
                found.append(
                    f"{day.day} {day.strftime('%b')}: {exercise.name if exercise else exercise_id}"
                )
    if not found:
        return ['<p class="small">No exercise was done against the advisor\'s timing.</p>']
    return [f"<p>Done against the advisor's timing ({len(found)}): {text('; '.join(found))}.</p>"]


def sessions_list(journal: Journal, start: date, last: date) -> list[str]:
    """Guided sessions (how many, minutes on average) and exercises stopped because they hurt."""
    days = [journal.days[d] for d in sorted(journal.days) if start <= d <= last]
    sessions = [s for day in days for s in day.sessions]
    timed = [s.minutes for s in sessions if s.minutes is not None]
    out = []
    if sessions:
        average = f", {sum(timed) / len(timed):.0f} min on average" if timed else ""
        plural = "" if len(sessions) == 1 else "s"
        out.append(f"<p>Guided sessions: {len(sessions)} session{plural}{average}.</p>")
    hurt = []
    for day in days:
        for tick in day.ticks.values():
            if tick.stopped:
                exercise = journal.exercises.get(tick.exercise)
                pain = f" (pain {tick.pain_during}/10)" if tick.pain_during is not None else ""
                name = exercise.name if exercise else tick.exercise
                hurt.append(f"{day.date.day} {day.date.strftime('%b')}: {name}{pain}")
    if hurt:
        out.append(f"<p>Stopped because it hurt ({len(hurt)}): {text('; '.join(hurt))}.</p>")
    return out


def _trim(note: str, limit: int) -> str:
    flat = " ".join(note.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def notes_section(
    entries: Sequence[tuple[date, Entry]], all_notes: bool, full: bool = False
) -> list[str]:
    """The most recent notes, shortened to fit; with `full`, every note in full on later pages."""
    noted = [(d, e.notes.strip()) for d, e in reversed(entries) if e.notes.strip()]
    if full:
        out = ['<section class="all-notes">', f"<h2>All notes ({len(noted)}), newest first</h2>"]
        for day, note in noted:
            out.append(
                f'<p class="note"><span class="note-date">{day.isoformat()}</span>{text(note)}</p>'
            )
        return [*out, "</section>"]
    out = ["<h2>Notes, newest first</h2>"]
    if not noted:
        return [*out, "<p>No notes in this period.</p>"]
    shown: list[tuple[date, str]] = []
    used = 0
    for day, note in noted[:NOTES_SHOWN]:
        short = _trim(note, NOTE_CHARS)
        if shown and used + len(short) > NOTES_BUDGET:
            break
        shown.append((day, short))
        used += len(short)
    out.append('<ul class="notes">')
    out += [
        f'<li><span class="note-date">{day.day} {day.strftime("%b")}</span>{text(note)}</li>'
        for day, note in shown
    ]
    out.append("</ul>")
    left = len(noted) - len(shown)
    trimmed = any(len(" ".join(n.split())) > NOTE_CHARS for _, n in noted[: len(shown)])
    if left or trimmed:
        more = f"{left} older {'note' if left == 1 else 'notes'} not shown" if left else ""
        cut = "long notes shortened" if trimmed else ""
        where = (
            "they follow in full after the summary"
            if all_notes
            else "`backjournal export --format html --all-notes` adds them all"
        )
        out.append(f'<p class="small">({"; ".join(x for x in (more, cut) if x)}: {where}.)</p>')
    return out
