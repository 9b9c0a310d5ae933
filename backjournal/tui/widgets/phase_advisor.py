"""The phase advisor: the phase, the episode day, a three-phase timeline, and the warnings in kind words."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from backjournal.domain.advisor import Advice
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.text import visible
from backjournal.domain.vocab import MAINTENANCE, PHASE_LABELS, RECOVERY_PHASES

# A gentle heading for each warning; the advisor's message follows it.
WARNING_TITLES: dict[str, str] = {
    "red_flag": "Please get medical advice",
    "pain_rising": "Your pain is up",
    "flare_suspected": "Could this be a flare?",
    "not_settled": "Not quite settled yet",
    "strengthening_overdone": "Plenty of strengthening this week",
    "stretch_first": "Warm up or stretch first",
    "too_soon": "Not yet",
}
URGENT = frozenset({"red_flag"})
CAUTION = frozenset({"pain_rising", "flare_suspected", "strengthening_overdone"})

DISCLAIMER = "Timings are the program's defaults from its source material, not medical advice; follow your physiotherapist."


def short_date(day: date, today: date | None = None) -> str:
    """'Mon 30 Nov', with the year only when it is not this year."""
    text = f"{day:%a} {day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def fit_label(prefix: str, day: date, width: int) -> str:
    """'since Wed 4 Nov', shortened (no weekday, then no prefix) rather than cut mid-word."""
    for text in (
        f"{prefix} {short_date(day)}",
        f"{prefix} {day.day} {day:%b}",
        f"{day.day} {day:%b}",
    ):
        if len(text) <= width:
            return text
    return f"{day.day} {day:%b}"[:width]


def phase_starts(advice: Advice) -> dict[str, date]:
    """When each phase of the open episode (last) began, up to the advised day."""
    starts: dict[str, date] = {}
    for change in advice.history:
        starts[change.phase] = change.day
    return starts


class PhaseTimeline(Widget):
    """Mobility -> stretching -> strengthening, with today marked and the next phase's earliest date."""

    DEFAULT_CSS = """
    PhaseTimeline {
        height: 3;
        margin: 1 0;
    }
    """

    advice: reactive[Advice | None] = reactive(None)
    settings: reactive[AdvisorSettings] = reactive(AdvisorSettings)

    def show(self, advice: Advice, settings: AdvisorSettings) -> None:
        self.advice, self.settings = advice, settings  # reactive: redrawn on the next refresh

    def _marker_fraction(self, advice: Advice) -> float:
        """How far along the current phase today is, against its shortest length by the time rules."""
        if advice.phase_start is None:
            return 0.0
        days_in = (advice.date - advice.phase_start).days + 1
        shortest = {
            "mobility": self.settings.stretching_from_day - 1,
            "stretching": self.settings.min_stretching_days,
        }.get(advice.phase, 14)
        return min(0.9, days_in / max(shortest, 1))

    def render(self) -> Content:
        advice = self.advice
        if advice is None or advice.phase not in RECOVERY_PHASES:
            return Content("")
        width = max(self.size.width, 30)
        seg = (width - 2) // 3
        labels = (
            ("Mobility", "Stretching", "Strengthening")
            if seg >= 13
            else ("Mobility", "Stretch", "Strength")
        )
        current = RECOVERY_PHASES.index(advice.phase)
        starts = phase_starts(advice)
        rows: list[list[Content]] = [[], [], []]
        for index, phase in enumerate(RECOVERY_PHASES):
            if index < current:
                style, bar = "$success", Content.styled("━" * seg, "$success")
                when = short_date(starts[phase]) if phase in starts else ""
            elif index == current:
                style = "bold $primary"
                at = min(seg - 1, int(seg * self._marker_fraction(advice)))
                bar = Content.assemble(
                    ("━" * at, "$primary"),
                    ("●", "bold $accent"),
                    ("━" * (seg - at - 1), "$primary 40%"),
                )
                when = fit_label("since", advice.phase_start, seg) if advice.phase_start else ""
            else:
                style, bar = "$foreground-muted", Content.styled("┄" * seg, "$foreground-muted")
                when = ""
                if index == current + 1 and advice.next_earliest and advice.next_phase == phase:
                    when = fit_label("from", advice.next_earliest, seg)
            rows[0].append(Content.styled(labels[index][:seg].ljust(seg), style))
            rows[1].append(bar)
            rows[2].append(
                Content.styled(
                    when[:seg].ljust(seg),
                    "bold" if when.startswith("from") else "$foreground-muted",
                )
            )
        return Content("\n").join(Content(" ").join(row) for row in rows)


class PhaseAdvisor(Vertical):
    """Shows one day's Advice; offers to start an episode when there is none."""

    DEFAULT_CSS = """
    PhaseAdvisor {
        height: auto;
    }
    #advisor-heading, #advisor-warnings {
        height: auto;
    }
    #advisor-warnings {
        margin-bottom: 1;
    }
    #start-episode {
        margin-bottom: 1;
    }
    #advisor-disclaimer {
        color: $text-muted;
        height: auto;
        margin-bottom: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="advisor-heading")
        yield PhaseTimeline(id="advisor-timeline")
        yield Static(id="advisor-warnings")
        yield Button("Start an episode (n)", id="start-episode", compact=True)
        yield Static(DISCLAIMER, id="advisor-disclaimer")

    def show(self, advice: Advice, settings: AdvisorSettings, today: date) -> None:
        in_episode = advice.phase != MAINTENANCE
        heading = Content.styled(PHASE_LABELS.get(advice.phase, advice.phase), "bold $primary")
        if in_episode and advice.episode_day is not None:
            heading += Content.styled(f"  ·  day {advice.episode_day} of this episode", "bold")
        else:
            heading += Content.styled("  ·  no episode open", "$foreground-muted")
        self.query_one("#advisor-heading", Static).update(heading)

        timeline = self.query_one(PhaseTimeline)
        timeline.display = in_episode
        if in_episode:
            timeline.show(advice, settings)

        self.query_one("#advisor-warnings", Static).update(self._warnings(advice, in_episode))
        button = self.query_one("#start-episode", Button)
        flare = advice.has("flare_suspected")
        button.display = not in_episode and advice.date == today
        button.label = "Start an episode today (n)" if flare else "Start an episode (n)"
        button.variant = "warning" if flare else "default"

    def _warnings(self, advice: Advice, in_episode: bool) -> Content:
        lines: list[Content] = []
        for warning in advice.warnings:
            style = (
                "$error"
                if warning.code in URGENT
                else "$warning"
                if warning.code in CAUTION
                else "$accent"
            )
            title = WARNING_TITLES.get(warning.code, warning.title)  # the advisor's own, else
            lines.append(
                Content.assemble(
                    ("▲ " if warning.code in URGENT else "• ", style),
                    (title, f"bold {style}"),
                    ": ",
                    visible(warning.message),
                )
            )
        last = advice.history[-1] if advice.history else None
        if (
            in_episode
            and last is not None
            and last.reason == "stepped back"
            and last.day != advice.date
        ):
            # A step back today is already explained by the pain-rising warning.
            lines.append(
                Content.styled(
                    f"Stepped back to {PHASE_LABELS[last.phase].lower()} on "
                    f"{short_date(last.day)} ({last.detail}).",
                    "$foreground-muted",
                )
            )
        if not in_episode and not advice.has("flare_suspected"):
            lines.append(
                Content(
                    "All of your routines are open. If your back flares up, start an episode: the advisor "
                    "then paces you from gentle mobility to stretching to strengthening."
                )
            )
        if in_episode and not advice.warnings:
            if advice.next_phase and advice.next_earliest:
                lines.append(
                    Content(
                        f"No warnings tonight. {PHASE_LABELS[advice.next_phase]} can begin from "
                        f"{short_date(advice.next_earliest)} if your pain stays settled."
                    )
                )
            else:
                lines.append(Content("No warnings tonight. Keep going at a pace that feels right."))
        return Content("\n").join(lines)
