"""Handlers for the weekly function score (psfs), insights and the HTML report."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from backjournal.cli.context import Context
from backjournal.cli.output import print_json
from backjournal.domain import psfs as rules
from backjournal.domain.models import Psfs
from backjournal.domain.psfs_codec import activity_to_dict, rating_to_dict


def psfs_json(psfs: Psfs, due: bool) -> dict[str, Any]:
    return {
        "activities": [activity_to_dict(a) for a in psfs.activities],
        "ratings": [rating_to_dict(r, with_mean=True) for r in psfs.ratings],
        "due": due,
    }


def _safe(text: str) -> str:
    """Stored text shown on a terminal: control characters as escapes, never raw."""
    return "".join(repr(c)[1:-1] if rules.bad_character(c) else c for c in text)


def psfs_text(psfs: Psfs, today: Any) -> str:
    if not psfs.activities:
        return (
            rules.HOW_TO
            + '\n\nStart with `backjournal psfs add "putting on socks"` (3 to 5 of them), '
            "then `backjournal psfs rate N N N`."
        )
    lines = ["Activities (0 = cannot do it, 10 = as before your back trouble):"]
    for a in psfs.activities:
        lines.append(f"  {a.id:>3}  {_safe(a.name)}" + ("  (retired)" if a.retired else ""))
    recent = psfs.ratings[-6:]
    if recent:
        lines.append("Latest ratings:")
        for r in recent:
            scores = "  ".join(f"{i}:{n}" for i, n in r.scores.items())
            lines.append(f"  {r.date}  average {r.mean:.1f}   ({scores})")
    change = rules.change_between(psfs)
    if change is not None:
        lines.append("Change since your first rating:")
        lines += [f"  {line}" for line in rules.change_lines(change, _safe)]
    active = rules.active(psfs)
    due = rules.next_due(psfs, today)
    if len(active) < rules.ACTIVE_MIN:
        lines.append(
            f"Add {rules.ACTIVE_MIN - len(active)} more to start rating "
            f"({rules.ACTIVE_MIN} to {rules.ACTIVE_MAX} activities)."
        )
    elif due is not None and due <= today:
        order = ", ".join(a.id for a in active)
        lines.append(
            f"A rating is due: `backjournal psfs rate` with {len(active)} scores "
            f"(activities {order}, in that order)."
        )
    elif due is not None:
        lines.append(f"Next rating due on {due}.")
    return "\n".join(lines)


def cmd_psfs(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    action = args.psfs_command
    if action is None:
        psfs, today = service.psfs(), service.today()
        if args.json:
            print_json(psfs_json(psfs, rules.is_due(psfs, today)))
        else:
            print(psfs_text(psfs, today))
        return 0
    if action == "add":
        activity = service.psfs_add(args.name)
        count = len(rules.active(service.psfs()))
        print(f"Added activity {activity.id}: {_safe(activity.name)} ({count} active).")
    elif action == "rename":
        activity = service.psfs_rename(args.id, args.name)
        print(f"Activity {activity.id} is now called {_safe(activity.name)}.")
    elif action == "retire":
        activity = service.psfs_retire(args.id)
        print(f"Retired activity {activity.id} ({_safe(activity.name)}); its ratings are kept.")
    else:
        day = service.parse_date(args.date)
        rating = service.psfs_rate(day, args.scores)
        print(f"Rated {day}: average {rating.mean:.1f} out of 10.")
        change = rules.change_between(service.psfs(), None, day)
        if change is not None:
            print(rules.change_lines(change, _safe)[0])
    return 0


def cmd_insights(args: Namespace, ctx: Context) -> int:
    from backjournal.domain import insights

    service = ctx.service
    day = service.parse_date(args.date)
    result = insights.find_insights(service.journal(), day)
    if args.json:
        print_json(result.to_dict())
    else:
        print("\n".join(insights.insight_lines(result)))
    return 0
