"""Words for the guided session screen: step titles, the plan list, the summary. No Textual."""

from __future__ import annotations

import math

from backjournal.domain.exercises import dose_text
from backjournal.domain.models import DONE, SKIPPED, STOPPED
from backjournal.domain.session_engine import ItemResult, View
from backjournal.domain.session_plan import (
    HOLD,
    READY,
    REPS,
    REST,
    SETTLE,
    TIMED,
    LeftOutItem,
    PlanItem,
    SessionPlan,
)

STEP_WORDS = {
    READY: "Get ready",
    SETTLE: "Settle",
    REST: "Rest",
    HOLD: "Hold",
    REPS: "Repetitions",
    TIMED: "Keep going",
}


def clock_text(seconds: float) -> str:
    """Whole seconds left, rounded up: "28", or "1:05" from a minute."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def side_word(side: str | None) -> str:
    return f"{side.upper()} side" if side else ""


def step_title(view: View, tempo: bool) -> str:
    """'Hold · LEFT side · set 1 of 2', 'Settle · next: RIGHT side', 'Repetitions · 4 of 10'."""
    step, item = view.step, view.item
    if step is None or item is None:
        return ""
    parts = [STEP_WORDS.get(step.kind, step.kind)]
    if step.is_work:
        if step.side:
            parts.append(side_word(step.side))
        if item.sets > 1:
            parts.append(f"set {step.set_no} of {item.sets}")
        if step.kind == REPS:
            parts.append(f"{view.count} of {step.reps}" + ("" if tempo else " (space counts one)"))
    elif view.next_side:
        parts.append(f"next: {side_word(view.next_side)}")
    if view.paused:
        parts.append("PAUSED (space resumes)")
    return " · ".join(parts)


def big_number(view: View, tempo: bool) -> str:
    """What the large digits show: seconds left, or reps counted when counting by hand."""
    step = view.step
    if step is None:
        return "0"
    if step.kind == REPS and not tempo:
        return f"{view.count}/{step.reps}"
    return clock_text(view.remaining)


def duration_text(seconds: float) -> str:
    """'35 s', '1 min 5 s', '5 min'."""
    whole = math.ceil(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def plan_line(item: PlanItem) -> str:
    sides = ", sides alternate" if item.sides else ""
    return (
        f"{item.exercise.name} · {duration_text(item.seconds)}: {dose_text(item.exercise)}{sides}"
    )


def left_out_line(out: LeftOutItem) -> str:
    return f"{out.exercise.name}: {out.text}"


def plan_total(plan: SessionPlan) -> str:
    count = len(plan.items)
    if not count:
        return "Nothing to play tonight: every exercise is left out or already met for the week."
    return f"{count} exercise{'' if count == 1 else 's'}, about {plan.minutes} min in all."


def summary_text(
    results: list[ItemResult], minutes: float, pain: int | None, names: dict[str, str]
) -> str:
    """Done, skipped and stopped counts, the minutes, the pain now, and what hurt."""
    counts = {o: sum(1 for r in results if r.outcome == o) for o in (DONE, SKIPPED, STOPPED)}
    lines = [
        f"Done: {counts[DONE]}   Skipped: {counts[SKIPPED]}   Stopped: {counts[STOPPED]}",
        f"Time: {minutes:.0f} min",
    ]
    if pain is not None:
        lines.append(f"Pain now: {pain}/10")
    stopped = [r for r in results if r.outcome == STOPPED]
    for r in stopped:
        during = f" (pain {r.pain}/10)" if r.pain is not None else ""
        lines.append(f"Stopped because it hurt: {names.get(r.exercise, r.exercise)}{during}")
    return "\n".join(lines)
