"""The Markdown export: a readable summary of a period for the user or their physiotherapist."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from backjournal.domain import hurt
from backjournal.domain.advisor_phase import STEPPED_BACK, phase_history
from backjournal.domain.export import check_range
from backjournal.domain.models import Clearance, Journal
from backjournal.domain.psfs import markdown_lines
from backjournal.domain.routine_status import DONE, MET, MISSED, PAUSED, day_status, week_status
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.text import markdown_text
from backjournal.domain.vocab import (
    PAIN_BAND_LABELS,
    PHASE_LABELS,
    RED_FLAG_LABELS,
    pain_band,
    pain_band_legend,
)


def _dates(start: date, end: date) -> Iterable[date]:
    for n in range((end - start).days + 1):
        yield start + timedelta(days=n)


def _weeks(start: date, end: date) -> list[date]:
    """The Mondays of the ISO weeks that overlap start..end."""
    monday = start - timedelta(days=start.weekday())
    return [monday + timedelta(weeks=n) for n in range((end - monday).days // 7 + 1)]


def _banded(values: list[int]) -> str:
    """The mean with its band on the one pain scale: '3.2 (low)'."""
    if not values:
        return "-"
    mean = sum(values) / len(values)
    return f"{mean:.1f} ({PAIN_BAND_LABELS[pain_band(mean)]})"


def _span(a: date, b: date) -> str:
    return f"{a.isoformat()} to {b.isoformat()}"


def export_markdown(
    journal: Journal, start: date, end: date, settings: AdvisorSettings, today: date
) -> str:
    """A one-minute summary for a physiotherapist: pain by week, episodes, adherence, red flags, notes."""
    check_range(start, end)
    last = min(end, today)  # nothing is recorded after today, so nothing after it is counted
    # Days before the journal began were not missed: counting starts at the later of the
    # period's start and the first day with anything recorded.
    began = min((d for d, day in journal.days.items() if not day.is_empty), default=None)
    counted_from = max(start, began) if began is not None else start
    counted = max(0, (last - counted_from).days + 1)
    entries = [(d, e) for d in _dates(start, last) if (e := journal.entry_on(d)) is not None]
    pains = [e.pain for _, e in entries]
    lines = [
        "# Back pain journal summary",
        "",
        f"**Period:** {_span(start, end)} ({(end - start).days + 1} days)",
        "",
    ]
    if counted_from > last:
        lines += [f"The journal began on {began}, after this period: nothing to count.", ""]
    elif counted_from > start:
        lines += [
            f"Counted from {counted_from}, the journal's first entry: the days before it are "
            "not counted as missed.",
            "",
        ]
    lines += [
        f"- Nights logged: {len(entries)} of {counted}",
        f"- Average pain: {_banded(pains)} out of 10"
        + (f" (lowest {min(pains)}, highest {max(pains)})" if pains else ""),
        f"- Rest days: {sum(1 for _, e in entries if e.rest)}",
        "",
        f"Pain is scored 0 (none) to 10 (worst imaginable); bands: {pain_band_legend()}.",
        "",
    ]
    lines += _weekly_pain(journal, start, end, today)
    lines += _episodes(journal, start, end, settings, today)
    lines += _adherence(journal, counted_from, last, settings, today, began)
    lines += markdown_lines(journal.psfs, start, end)
    lines += _red_flags(entries, [c for c in journal.clearances if start <= c.date <= last])
    lines += hurt.markdown_section(journal, start, last)
    lines += _notes(entries)
    return "\n".join(lines).rstrip("\n") + "\n"


def _weekly_pain(journal: Journal, start: date, end: date, today: date) -> list[str]:
    lines = [
        "## Pain by week",
        "",
        "| Week | Dates | Nights logged | Average pain | Worst pain |",
        "|---|---|---|---|---|",
    ]
    for monday in _weeks(start, end):
        first, last = max(monday, start), min(monday + timedelta(days=6), end, today)
        if last < first:
            continue
        found = [e for d in _dates(first, last) if (e := journal.entry_on(d)) is not None]
        worst = [max(e.pain, e.worst or 0) for e in found]
        year, week, _ = monday.isocalendar()
        lines.append(
            f"| {year}-W{week:02d} | {first} to {last} | {len(found)} of {(last - first).days + 1} "
            f"| {_banded([e.pain for e in found])} | {max(worst) if worst else '-'} |"
        )
    return [*lines, ""]


def _episodes(
    journal: Journal, start: date, end: date, settings: AdvisorSettings, today: date
) -> list[str]:
    lines = ["## Flare-ups (episodes)", ""]
    shown = [
        e
        for e in journal.episodes
        if e.start <= end and (e.end is None or e.end > start) and e.start <= today
    ]
    if not shown:
        return [*lines, "No episode overlaps this period.", ""]
    for episode in shown:
        if episode.end is None:
            last_day = today
            lines.append(
                f"- Started {episode.start}, still ongoing (day {(today - episode.start).days + 1} today)"
            )
        else:
            last_day = episode.end - timedelta(days=1)
            lines.append(
                f"- Started {episode.start}, over by {episode.end} ({(episode.end - episode.start).days} days)"
            )
        for change in phase_history(journal, episode, min(last_day, today), settings):
            label = PHASE_LABELS.get(change.phase, change.phase)
            back = "back to " if change.reason == STEPPED_BACK else ""
            why = f" ({change.detail})" if change.detail else ""
            lines.append(f"  - {change.day}: {back}{label}{why}")
    return [*lines, ""]


def _adherence(
    journal: Journal,
    start: date,
    last: date,
    settings: AdvisorSettings,
    today: date,
    began: date | None = None,
) -> list[str]:
    lines = ["## Exercise routines", ""]
    if last < start or not journal.routines:
        return [*lines, "Nothing to report for this period.", ""]
    lines.append(
        "A paused day or week is one the routine was not expected: a rest day, or too early in a flare-up."
    )
    lines.append("")
    for routine in journal.routines:
        if routine.times_per_week is None:
            status = Counter(day_status(journal, routine, d, settings) for d in _dates(start, last))
            total = (last - start).days + 1
            lines.append(
                f"- {markdown_text(routine.name)} (daily): done on {status[DONE]} of {total} days "
                f"({round(100 * status[DONE] / total)}%), {status[PAUSED]} paused"
            )
            continue
        # The week still running counts only once its target is met, as in the streaks; so does
        # a week that began before the counting did (its first days were not in the journal).
        weeks_status = [
            (monday, week_status(journal, routine, monday, settings, today))
            for monday in _weeks(start, last)
        ]
        status = Counter(
            state
            for monday, state in weeks_status
            if began is None or monday >= began or state == MET
        )
        weeks = status[MET] + status[MISSED] + status[PAUSED]
        lines.append(
            f"- {markdown_text(routine.name)} ({routine.times_per_week} times a week): target reached in "
            f"{status[MET]} of {weeks} weeks, {status[PAUSED]} paused"
        )
    return [*lines, ""]


def _red_flags(entries: list[tuple[date, Any]], clearances: list[Clearance]) -> list[str]:
    lines = ["## Warning signs reported", ""]
    flagged = [(d, e) for d, e in entries if e.red_flags]
    if not flagged and not clearances:
        return [*lines, "None reported in this period.", ""]
    rows: list[tuple[date, str]] = []
    for d, e in flagged:
        rows.append((d, markdown_text("; ".join(RED_FLAG_LABELS.get(f, f) for f in e.red_flags))))
    for c in clearances:
        note = markdown_text(" ".join(c.note.split()))
        rows.append((c.date, "cleared by a doctor" + (f" ({note})" if note else "")))
    lines += [f"- {d}: {text}" for d, text in sorted(rows, key=lambda row: row[0])]
    return [*lines, ""]


def _notes(entries: list[tuple[date, Any]]) -> list[str]:
    lines = ["## Notes", ""]
    noted = [(d, e.notes.strip()) for d, e in entries if e.notes.strip()]
    if not noted:
        return [*lines, "No notes in this period.", ""]
    for d, text in noted:
        # Escaped, so a note stays text: no heading, link, image or HTML of its own. Later lines
        # of a note are indented so they stay inside its list item.
        body = "\n  ".join(markdown_text(line.rstrip()) for line in text.splitlines())
        lines.append(f"- {d}: {body}")
    return [*lines, ""]
