"""Progress's function panels: the weekly PSFS average as bars, and what goes with better days."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from backjournal.domain import insights as insight_rules
from backjournal.domain import psfs as psfs_rules
from backjournal.domain.models import Psfs
from backjournal.tui.widgets.score_bar import score_bar

SHOWN_RATINGS = 12  # the last twelve weeks, as the weekly exercise table


def psfs_lines(psfs: Psfs, today: date) -> Content:
    """One line per rating (date, a bar of the mean, the mean), then the change against the MIC."""
    ratings = [r for r in psfs.ratings if r.date <= today][-SHOWN_RATINGS:]
    if not ratings:
        if len(psfs_rules.active(psfs)) < psfs_rules.ACTIVE_MIN:
            return Content.styled(
                "No activities named yet: press a on Tonight, or use `backjournal psfs add`.",
                "$foreground-muted",
            )
        return Content.styled("Not rated yet: press a on Tonight.", "$foreground-muted")
    rows = [
        Content.assemble(
            f"{r.date.day:>2} {r.date:%b %Y}  ",
            score_bar(round(r.mean), higher_is_better=True),
            (f"  {r.mean:4.1f}", "bold"),
        )
        for r in ratings
    ]
    change = psfs_rules.change_between(psfs, ratings[0].date, ratings[-1].date)
    if change is not None:
        # The mean's line only: the domain's words, against the 2-point change; never a verdict.
        line = psfs_rules.change_lines(change, when=lambda d: f"{d.day} {d:%b}")[0]
        if len(change.activities) < max(len(change.first.scores), len(change.last.scores)):
            n = len(change.activities)
            line += f" (over the {n} {'activity' if n == 1 else 'activities'} rated both times)"
        rows.append(Content.styled(line, "$foreground-muted"))
    else:
        rows.append(
            Content.styled(
                "One rating so far: the change shows from the second.", "$foreground-muted"
            )
        )
    return Content("\n").join(rows)


def insights_lines(result: insight_rules.Insights) -> Content:
    """Each factor's sentence (user tags stay plain text), then the caveat."""
    if not result.factors:
        body = [
            Content(
                f"Nothing to show yet: no factor has {insight_rules.MIN_DAYS} or more days on "
                f"each side ({result.pairs} usable pairs of days)."
            )
        ]
    else:
        body = [Content("• " + insight_rules.sentence(f)) for f in result.factors]
    if result.left_out:
        body.append(
            Content(f"({result.left_out} pairs of days early in a flare-up were left out.)")
        )
    body.append(Content.styled(insight_rules.CAVEAT, "$foreground-muted"))
    return Content("\n").join(body)


class PsfsTrend(Static):
    """The weekly function score, next to the pain chart."""

    DEFAULT_CSS = """
    PsfsTrend {
        height: auto;
    }
    """

    def show(self, psfs: Psfs, today: date) -> None:
        self.update(psfs_lines(psfs, today))


class InsightsPanel(Static):
    """Associations between a day and the next day's pain (never causes)."""

    DEFAULT_CSS = """
    InsightsPanel {
        height: auto;
    }
    """

    def show(self, result: insight_rules.Insights) -> None:
        self.update(insights_lines(result))
