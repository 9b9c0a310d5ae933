"""Inline SVG charts for the clinician report: daily pain with episode phases, and PSFS over time.

Each chart is plain SVG text with a <title> and a <desc>; it reads in greyscale because every
series differs in line style or marker shape, and phases in fill pattern, not only in hue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from backjournal.domain.models import Journal, PsfsActivity, PsfsRating
from backjournal.domain.vocab import MOBILITY, PHASE_LABELS, STRENGTHENING, STRETCHING

WIDTH, HEIGHT = 720, 210
LEFT, RIGHT, TOP, BOTTOM = 30, 712, 30, 186  # the plot area inside the viewBox
INK, GREY, LIGHT = "#111", "#666", "#bbb"
# Fill patterns for the phases: hatched one way, dotted, hatched the other way.
PHASE_PATTERNS = (MOBILITY, STRETCHING, STRENGTHENING)
# Line styles for PSFS activities: dash arrays and marker shapes, so lines differ in greyscale.
DASHES = ("6 3", "2 3", "10 3 2 3", "1 2", "8 2 2 2 2 2")
MARKERS = ("square", "triangle", "diamond", "cross", "circle-open")


def text(value: str) -> str:
    """User or app text made safe for HTML and SVG: escaped, control characters replaced."""
    clean = "".join(c if c in "\n\t" or c.isprintable() or c == " " else "\ufffd" for c in value)
    return escape(clean, quote=True)


@dataclass(frozen=True, slots=True)
class Frame:
    """Maps days and 0-10 scores to the plot area."""

    start: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.start).days + 1

    def x(self, day: date) -> float:
        span = max(self.days - 1, 1)
        return round(LEFT + (RIGHT - LEFT) * (day - self.start).days / span, 1)

    def y(self, score: float) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * score / 10, 1)

    def day_width(self) -> float:
        return (RIGHT - LEFT) / max(self.days - 1, 1)


def open_svg(uid: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg id="{uid}" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{text(title)}</title>',
        f'<desc id="{uid}-d">{text(desc)}</desc>',
    ]


def _axes(frame: Frame) -> list[str]:
    """Score gridlines 0-10 and date ticks on Mondays (or month starts for long periods)."""
    out = []
    for score in range(0, 11, 2):
        y = frame.y(score)
        out.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{LIGHT}" stroke-width="0.6"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 3.5}" class="tick" text-anchor="end">{score}</text>'
        )
    ticks = _date_ticks(frame)
    for day in ticks:
        x = frame.x(day)
        out.append(f'<line x1="{x}" y1="{BOTTOM}" x2="{x}" y2="{BOTTOM + 4}" stroke="{GREY}"/>')
        out.append(
            f'<text x="{x}" y="{BOTTOM + 15}" class="tick" text-anchor="middle">'
            f"{day.day} {day.strftime('%b')}</text>"
        )
    out.append(
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{GREY}" stroke-width="0.8"/>'
    )
    return out


def _date_ticks(frame: Frame) -> list[date]:
    if frame.days <= 120:
        step = 7 if frame.days <= 70 else 14
        first = frame.start + timedelta(days=(7 - frame.start.weekday()) % 7)
        return [first + timedelta(days=n) for n in range(0, (frame.last - first).days + 1, step)]
    months = []
    day = frame.start.replace(day=1)
    while day <= frame.last:
        if day >= frame.start:
            months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    keep = max(1, len(months) // 12)  # at most about 12 labels
    return months[::keep]


def _pattern_defs(uid: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{uid}-p-{MOBILITY}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="2"/></pattern>'
        f'<pattern id="{uid}-p-{STRETCHING}" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#f7f7f7"/>'
        '<circle cx="3" cy="3" r="1.1" fill="#a0a0a0"/></pattern>'
        f'<pattern id="{uid}-p-{STRENGTHENING}" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-45)"><rect width="8" height="8" fill="#fbfbfb"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#c4c4c4" stroke-width="1"/></pattern>'
        "</defs>"
    )


def _runs(points: Sequence[tuple[date, float | None]]) -> list[list[tuple[date, float]]]:
    """Consecutive days with a value, split where a day is missing."""
    runs: list[list[tuple[date, float]]] = []
    previous: date | None = None
    for day, value in points:
        if value is None:
            previous = None
            continue
        if previous is None or (day - previous).days != 1:
            runs.append([])
        runs[-1].append((day, value))
        previous = day
    return runs


def _polyline(frame: Frame, run: Sequence[tuple[date, float]], style: str) -> str:
    coords = " ".join(f"{frame.x(d)},{frame.y(v)}" for d, v in run)
    if len(run) == 1:
        x, y = frame.x(run[0][0]), frame.y(run[0][1])
        return f'<circle cx="{x}" cy="{y}" r="1.8" fill="{INK}"/>'
    return f'<polyline points="{coords}" fill="none" {style}/>'


def _legend(items: Sequence[tuple[str, str]], y: float = 12) -> list[str]:
    """Legend entries (swatch svg, label) laid out left to right above the plot."""
    out, x = [], float(LEFT)
    for swatch, label in items:
        out.append(f'<g transform="translate({x},{y})">{swatch}</g>')
        out.append(f'<text x="{x + 22}" y="{y + 4}" class="legend">{text(label)}</text>')
        x += 34 + 6.3 * len(label)  # roughly the text's width at 10.5px
    return out


def seven_day_means(frame: Frame, pains: Mapping[date, int]) -> list[tuple[date, float | None]]:
    """The mean pain of the entries in the 7 days ending on each day (None with fewer than 4)."""
    out: list[tuple[date, float | None]] = []
    for n in range(frame.days):
        day = frame.start + timedelta(days=n)
        window = [pains[d] for k in range(7) if (d := day - timedelta(days=k)) in pains]
        out.append((day, sum(window) / len(window) if len(window) >= 4 else None))
    return out


def pain_chart(journal: Journal, frame: Frame, phases: Mapping[int, str], uid: str = "pain") -> str:
    """Daily pain (dots), worst pain (dashed), the 7-day mean (thick line) over shaded phases."""
    pains = {d: e.pain for d in _days(frame) if (e := journal.entry_on(d)) is not None}
    worst = {
        d: max(e.pain, e.worst)
        for d in _days(frame)
        if (e := journal.entry_on(d)) is not None and e.worst is not None
    }
    out = open_svg(
        uid,
        f"Daily pain, 0 to 10, {frame.start} to {frame.last}",
        "Dots: pain each evening. Dashed line: worst pain of the day. Thick line: mean of the "
        "last 7 days. Shaded bands: episode phases (diagonal hatching: gentle mobility; dots: "
        "stretching; light hatching: strengthening). The table below gives the same figures by week.",
    )
    out.append(_pattern_defs(uid))
    half = frame.day_width() / 2
    for ordinal_run in _phase_runs(frame, phases):
        phase, first, last = ordinal_run
        x0, x1 = max(LEFT, frame.x(first) - half), min(RIGHT, frame.x(last) + half)
        out.append(
            f'<rect x="{x0}" y="{TOP}" width="{round(x1 - x0, 1)}" height="{BOTTOM - TOP}" '
            f'fill="url(#{uid}-p-{phase})" stroke="#999" stroke-width="0.4">'
            f"<title>{text(PHASE_LABELS[phase])}: {first} to {last}</title></rect>"
        )
    out += _axes(frame)
    for run in _runs([(d, worst.get(d)) for d in _days(frame)]):
        out.append(
            _polyline(frame, run, f'stroke="{GREY}" stroke-width="1.1" stroke-dasharray="4 3"')
        )
    for day, pain in pains.items():
        out.append(f'<circle cx="{frame.x(day)}" cy="{frame.y(pain)}" r="1.9" fill="{INK}"/>')
    for run in _runs(seven_day_means(frame, pains)):
        out.append(
            _polyline(frame, run, f'stroke="{INK}" stroke-width="2.6" stroke-linejoin="round"')
        )
    if not pains:
        out.append(
            f'<text x="{(LEFT + RIGHT) / 2}" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" '
            'class="legend">No entries in this period</text>'
        )
    out += _legend(
        [
            (f'<circle cx="8" cy="0" r="2.2" fill="{INK}"/>', "pain"),
            (
                f'<line x1="0" y1="0" x2="18" y2="0" stroke="{INK}" stroke-width="2.6"/>',
                "7-day mean",
            ),
            (
                f'<line x1="0" y1="0" x2="18" y2="0" stroke="{GREY}" stroke-width="1.1" stroke-dasharray="4 3"/>',
                "worst",
            ),
            *[
                (
                    f'<rect x="0" y="-5" width="18" height="10" fill="url(#{uid}-p-{p})" stroke="#999" stroke-width="0.4"/>',
                    PHASE_LABELS[p].lower(),
                )
                for p in PHASE_PATTERNS
            ],
        ]
    )
    out.append("</svg>")
    return "\n".join(out)


def _days(frame: Frame) -> list[date]:
    return [frame.start + timedelta(days=n) for n in range(frame.days)]


def _phase_runs(frame: Frame, phases: Mapping[int, str]) -> list[tuple[str, date, date]]:
    """(phase, first day, last day) for each run of one phase inside the frame."""
    runs: list[tuple[str, date, date]] = []
    for day in _days(frame):
        phase = phases.get(day.toordinal())
        if phase not in PHASE_PATTERNS:
            continue
        if runs and runs[-1][0] == phase and runs[-1][2] == day - timedelta(days=1):
            runs[-1] = (phase, runs[-1][1], day)
        else:
            runs.append((phase, day, day))
    return runs


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "square":
        return f'<rect x="{x - 2.6}" y="{y - 2.6}" width="5.2" height="5.2" fill="{GREY}"/>'
    if kind == "triangle":
        return (
            f'<path d="M{x},{y - 3.4} L{x + 3.2},{y + 2.4} L{x - 3.2},{y + 2.4} Z" fill="{GREY}"/>'
        )
    if kind == "diamond":
        return (
            f'<path d="M{x},{y - 3.4} L{x + 3},{y} L{x},{y + 3.4} L{x - 3},{y} Z" fill="{GREY}"/>'
        )
    if kind == "cross":
        return (
            f'<path d="M{x - 3},{y - 3} L{x + 3},{y + 3} M{x - 3},{y + 3} L{x + 3},{y - 3}" '
            f'stroke="{GREY}" stroke-width="1.4"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="2.8" fill="#fff" stroke="{GREY}" stroke-width="1.3"/>'


def _end_labels(ends: list[tuple[float, float, str]]) -> list[str]:
    """Each activity's number at the end of its line, nudged apart so none hides another."""
    out: list[str] = []
    placed: list[tuple[float, float]] = []
    for x, y, label in sorted(ends, key=lambda e: e[1]):
        while any(abs(x - px) < 14 and abs(y - py) < 10 for px, py in placed):
            y += 10
        placed.append((x, y))
        anchor, dx = ("end", -6) if x > RIGHT - 12 else ("start", 5)
        out.append(
            f'<text x="{x + dx}" y="{y + 3.5}" class="label" text-anchor="{anchor}">{text(label)}</text>'
        )
    return out


def psfs_chart(
    activities: Sequence[PsfsActivity],
    ratings: Sequence[PsfsRating],
    frame: Frame,
    mic: float,
    uid: str = "psfs",
) -> str:
    """The mean (thick line, dots), each activity (its own dash and marker), and the MIC band."""
    out = open_svg(
        uid,
        f"Function score (PSFS), 0 to 10, {frame.start} to {frame.last}",
        "Thick line with dots: the average of the activities rated that week. Thin lines with "
        "their own dash and marker: each activity. Grey band: the first rating's average plus "
        f"or minus {mic:g} points, the minimal important change. The table below gives every rating.",
    )
    out += _axes(frame)
    if ratings:
        base = ratings[0].mean
        low, high = max(0.0, base - mic), min(10.0, base + mic)
        out.append(
            f'<rect x="{LEFT}" y="{frame.y(high)}" width="{RIGHT - LEFT}" '
            f'height="{round(frame.y(low) - frame.y(high), 1)}" fill="#e6e6e6" stroke="#888" '
            'stroke-width="0.6" stroke-dasharray="2 2"/>'
        )
    ends: list[tuple[float, float, str]] = []
    for i, activity in enumerate(activities):
        points = [(r.date, r.scores[activity.id]) for r in ratings if activity.id in r.scores]
        if not points:
            continue
        dash, marker = DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)]
        if len(points) > 1:
            coords = " ".join(f"{frame.x(d)},{frame.y(v)}" for d, v in points)
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="{GREY}" stroke-width="1.2" '
                f'stroke-dasharray="{dash}"><title>{text(activity.name)}</title></polyline>'
            )
        out += [_marker(marker, frame.x(d), frame.y(v)) for d, v in points]
        ends.append((frame.x(points[-1][0]), frame.y(points[-1][1]), activity.id))
    out += _end_labels(ends)
    if ratings:
        coords = " ".join(f"{frame.x(r.date)},{frame.y(r.mean)}" for r in ratings)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{INK}" stroke-width="2.6" stroke-linejoin="round"/>'
        )
        out += [
            f'<circle cx="{frame.x(r.date)}" cy="{frame.y(r.mean)}" r="3" fill="{INK}"/>'
            for r in ratings
        ]
    else:
        out.append(
            f'<text x="{(LEFT + RIGHT) / 2}" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" '
            'class="legend">No ratings in this period</text>'
        )
    legend = [
        (
            f'<line x1="0" y1="0" x2="18" y2="0" stroke="{INK}" stroke-width="2.6"/>'
            f'<circle cx="9" cy="0" r="3" fill="{INK}"/>',
            "average",
        ),
        (
            f'<line x1="0" y1="0" x2="18" y2="0" stroke="{GREY}" stroke-width="1.2" '
            f'stroke-dasharray="{DASHES[0]}"/>' + _marker(MARKERS[0], 9, 0),
            "one activity, numbered as in the table",
        ),
        (
            '<rect x="0" y="-5" width="18" height="10" fill="#e6e6e6" stroke="#888" '
            'stroke-width="0.6" stroke-dasharray="2 2"/>',
            f"first average \u00b1 {mic:g} (minimal important change)",
        ),
    ]
    out += _legend(legend)
    out.append("</svg>")
    return "\n".join(out)
