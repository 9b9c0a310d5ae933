"""The clinician report: one self-contained HTML page (inline CSS and SVG, no script, no links out).

It prints on one or two A4 or Letter pages for a few months of journal: who and when, pain
with episode phases, function (PSFS), exercise adherence and overrides, red flags, the most
recent notes, and the disclaimer once. Every chart has a <title> and a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from backjournal.domain import psfs as psfs_rules
from backjournal.domain.advisor_phase import STEPPED_BACK, phase_history, phases_by_day
from backjournal.domain.models import Entry, Journal
from backjournal.domain.report_charts import Frame, pain_chart, psfs_chart, text
from backjournal.domain.report_tables import (
    adherence_table,
    notes_section,
    overrides_list,
    pain_table,
    psfs_table,
    sessions_list,
    weeks_of,
)
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import PHASE_LABELS, RED_FLAG_LABELS

DISCLAIMER = (
    "This report was made by backjournal, a private journal app, from what its user recorded. "
    "It is not a diagnosis. The phases and their timings are the app's defaults, drawn from its "
    "source material, not medical advice; the function score is shown against the change its "
    "authors found meaningful, not judged."
)

CSS = """
*{box-sizing:border-box}
html{background:#fff;color:#111}
body{font:10pt/1.35 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif;
 max-width:190mm;margin:0 auto;padding:8mm 4mm}
h1{font-size:15pt;margin:0 0 1mm}
h2{font-size:11pt;margin:4mm 0 1.5mm;padding-bottom:0.6mm;border-bottom:1.2px solid #111}
p{margin:0.8mm 0}
.meta{color:#333;margin-bottom:2mm}
.meta span{margin-right:5mm;white-space:nowrap}
figure{margin:1mm 0 2mm;break-inside:avoid}
figcaption{font-size:8.5pt;color:#333;margin:0.5mm 0}
svg.chart{width:100%;height:auto;display:block}
svg .tick{font-size:10px;fill:#333}
svg .legend{font-size:10.5px;fill:#111}
svg .label{font-size:10px;font-weight:bold;fill:#111}
table{border-collapse:collapse;font-size:8pt;margin:0.8mm 0;break-inside:avoid;width:100%;
 table-layout:fixed}
th,td{border:0.6px solid #999;padding:0.4mm 0.5mm;text-align:center;white-space:nowrap;
 overflow:hidden}
th{background:#eee;font-weight:600}
th.name{text-align:left;width:22%;white-space:normal;overflow-wrap:anywhere}
th[scope=col]{font-size:7pt;letter-spacing:-0.1px}
ul{margin:0.6mm 0;padding-left:5mm}
li{margin:0.3mm 0}
.small{font-size:8.5pt;color:#333}
.notes li{break-inside:avoid}
.note-date{font-weight:600;margin-right:1.5mm}
.flag{font-weight:600}
.keep{break-inside:avoid}
.disclaimer{margin-top:3mm;padding-top:1.5mm;border-top:0.6px solid #999;font-size:8pt;color:#333}
.all-notes{break-before:page}
.all-notes .note{white-space:pre-wrap;margin:0 0 1.5mm;break-inside:avoid}
@page{margin:11mm 12mm}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}}
@media screen and (max-width:680px){table{table-layout:auto;width:auto}th,td{white-space:nowrap}
 th.name{white-space:normal;min-width:28mm}figure,.keep{overflow-x:auto}}
"""


def _fmt(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _entries(journal: Journal, start: date, last: date) -> list[tuple[date, Entry]]:
    found = []
    for n in range((last - start).days + 1):
        day = start + timedelta(days=n)
        entry = journal.entry_on(day)
        if entry is not None:
            found.append((day, entry))
    return found


def _day_count(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _mean(values: Sequence[int]) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "-"


def _header(
    name: str, start: date, end: date, last: date, entries: list[tuple[date, Entry]], today: date
) -> list[str]:
    counted = max(0, (last - start).days + 1)
    span = (end - start).days + 1
    pains = [e.pain for _, e in entries]
    first_week = [e.pain for d, e in entries if d < start + timedelta(days=7)]
    last_week = [e.pain for d, e in entries if d > last - timedelta(days=7)]
    who = f" \u2014 {text(name)}" if name else ""
    return [
        f"<header><h1>Back pain journal{who}</h1>",
        '<p class="meta">'
        f"<span>Period: <b>{_fmt(start)} to {_fmt(end)}</b> ({_day_count(span)})</span> "
        f"<span>Days with an entry: <b>{len(entries)} of {counted}</b></span> "
        f"<span>Made on {_fmt(today)}</span></p>",
        f"<p>Average pain <b>{_mean(pains)}</b> out of 10 (first 7 days {_mean(first_week)}, "
        f"last 7 days {_mean(last_week)}). Pain is rated each evening from 0 (none) to 10 "
        "(worst imaginable).</p></header>",
    ]


def _episodes(journal: Journal, start: date, last: date, settings: AdvisorSettings) -> list[str]:
    shown = [e for e in journal.episodes if e.start <= last and (e.end is None or e.end > start)]
    if not shown:
        return ['<p class="small">No flare-up (episode) in this period.</p>']
    items = []
    for episode in shown:
        ends = "still open" if episode.end is None else f"over by {_fmt(episode.end)}"
        steps = []
        for change in phase_history(journal, episode, last, settings):
            back = "back to " if change.reason == STEPPED_BACK else ""
            steps.append(
                f"{change.day.day} {change.day.strftime('%b')}: {back}{PHASE_LABELS[change.phase].lower()}"
            )
        items.append(
            f"<li>Flare-up from {_fmt(episode.start)}, {ends}. Phases: {text('; '.join(steps))}.</li>"
        )
    return ['<ul class="small">', *items, "</ul>"]


def _red_flags(
    entries: list[tuple[date, Entry]], clearances: Sequence[tuple[date, str]]
) -> list[str]:
    out = ["<h2>Warning signs (red flags)</h2>"]
    flagged = [(d, e) for d, e in entries if e.red_flags]
    if not flagged and not clearances:
        return [*out, "<p>None reported in this period.</p>"]
    items: list[tuple[date, int, str]] = []
    for day, entry in flagged:
        labels = "; ".join(RED_FLAG_LABELS.get(f, f) for f in entry.red_flags)
        items.append((day, 0, f'<li><span class="flag">{_fmt(day)}</span>: {text(labels)}</li>'))
    for day, note in clearances:  # dated, among the flags they release
        said = f": {text(note)}" if note else ""
        items.append((day, 1, f"<li>{_fmt(day)}: cleared, seen by a clinician{said}</li>"))
    return [*out, "<ul>", *(line for _, _, line in sorted(items)), "</ul>"]


def build_report(
    journal: Journal,
    start: date,
    end: date,
    settings: AdvisorSettings,
    today: date,
    *,
    name: str = "",
    all_notes: bool = False,
    clearances: Sequence[tuple[date, str]] = (),
) -> str:
    """The whole report as one HTML document for start..end (days after today are not drawn)."""
    last = max(start, min(end, today))
    frame = Frame(start, last)
    entries = _entries(journal, start, last)
    weeks = weeks_of(start, last)
    phases = phases_by_day(journal, start, last, settings)
    psfs = journal.psfs
    ratings = psfs_rules.ratings_between(psfs, start, last)
    rated = [a for a in psfs.activities if any(a.id in r.scores for r in ratings)]
    body = _header(name, start, end, last, entries, today)
    body += [
        "<h2>Pain</h2>",
        "<figure>",
        pain_chart(journal, frame, phases, uid="pain-chart"),
        "<figcaption>Pain by week (the same figures as the chart):</figcaption>",
        pain_table(journal, weeks),
        "</figure>",
        *_episodes(journal, start, last, settings),
        "<h2>Function: weekly score (PSFS)</h2>",
    ]
    if psfs.activities:
        body += [
            '<p class="small">Each activity is one the user named as hard because of their back, '
            "rated 0 (cannot do it) to 10 (as before the back trouble). A change of "
            f"{psfs_rules.MIC_MEAN:g} points in the average, or {psfs_rules.MIC_ACTIVITY} in one "
            "activity, is the minimal important change reported for the scale.</p>",
            "<figure>",
            psfs_chart(rated, ratings, frame, psfs_rules.MIC_MEAN, uid="psfs-chart"),
            "<figcaption>Every rating in the period (the same figures as the chart):</figcaption>",
            psfs_table(psfs.activities, ratings),
            "</figure>",
        ]
        change = psfs_rules.change_between(psfs, start, last)
        if change is not None:
            body += [
                "<ul>",
                *[f"<li>{text(line)}</li>" for line in psfs_rules.change_lines(change, when=_fmt)],
                "</ul>",
            ]
    else:
        body.append("<p>No activities named yet.</p>")
    body += [
        "<h2>Exercise</h2>",
        adherence_table(journal, weeks, settings, today),
        *overrides_list(journal, start, last),
        *sessions_list(journal, start, last),
    ]
    body += _red_flags(entries, clearances)
    body += notes_section(entries, all_notes)
    body.append(f'<p class="disclaimer">{text(DISCLAIMER)}</p>')
    if all_notes:
        body += notes_section(entries, all_notes, full=True)
    title = f"Back pain journal {start} to {end}" + (f" \u2014 {name}" if name else "")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{text(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
