"""`backjournal session --plan`: the night's guided session plan, as text or JSON."""

from __future__ import annotations

from argparse import Namespace

from backjournal.cli.context import Context
from backjournal.cli.output import print_json
from backjournal.domain.errors import InputError
from backjournal.domain.exercises import dose_text
from backjournal.domain.session_plan import SessionPlan


def cmd_session(args: Namespace, ctx: Context) -> int:
    if not args.plan:
        raise InputError(
            "session", "give --plan to print the plan; the session itself plays in the app"
        )
    service = ctx.service
    day = service.parse_date(args.date)
    plan = service.session_plan(day, dropped=args.drop or [], add_back=args.add_back or [])
    if args.json:
        print_json(plan.to_dict())
    else:
        print(plan_text(plan))
    return 0


def plan_text(plan: SessionPlan) -> str:
    """The plan as a numbered list with doses, sides and the total."""
    if not plan.items:
        lines = [f"Nothing to play on {plan.day}: no routine is due and allowed that day."]
    else:
        lines = [f"Guided session for {plan.day}: about {plan.minutes} min"]
    for n, item in enumerate(plan.items, 1):
        sides = f"  sides: {' '.join(item.sides)}" if item.sides else ""
        lines.append(
            f"{n:>3}. {item.exercise.name} ({item.kind}): {dose_text(item.exercise)}{sides}"
        )
    for out in plan.left_out:
        lines.append(f"  left out: {out.exercise.name} ({out.exercise.id}): {out.text}")
    if any(o.reason == "hurt" for o in plan.left_out):
        lines.append("  To play one that hurt anyway: --add-back EXERCISE")
    return "\n".join(lines)
