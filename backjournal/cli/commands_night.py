"""Handlers for the nightly flow: red-flag clearances, ticking several exercises, the demo."""

from __future__ import annotations

from argparse import Namespace

from backjournal.cli.context import Context
from backjournal.cli.output import print_json
from backjournal.domain.dates import short_day
from backjournal.domain.errors import InputError
from backjournal.domain.text import visible
from backjournal.domain.vocab import RED_FLAG_LABELS


def cmd_red_flags(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    if args.red_flags_command == "clear":
        day = service.parse_date(args.date)
        clearance, released = service.clear_red_flags(day, args.note or "")
        logged = ", ".join(short_day(d, day) for d in released)
        print(
            f"Recorded: on {short_day(day, day)} you were seen about the warning signs logged on "
            f"{logged}. From {short_day(day, day)} on they no longer hold your phase."
        )
        if clearance.note:
            print(f"Note: {visible(clearance.note)}")
        return 0
    flagged, clearances = service.red_flags()
    if args.json:
        print_json(
            {
                "flagged_days": [
                    {
                        "date": f.date.isoformat(),
                        "red_flags": list(f.flags),
                        "cleared_on": f.cleared_on.isoformat() if f.cleared_on else None,
                    }
                    for f in flagged
                ],
                "clearances": [{"date": c.date.isoformat(), "note": c.note} for c in clearances],
            }
        )
        return 0
    if not flagged and not clearances:
        print("No warning signs logged.")
        return 0
    print("Warning signs logged:")
    for f in flagged:
        names = "; ".join(RED_FLAG_LABELS.get(x, x) for x in f.flags)
        state = f"cleared {f.cleared_on}" if f.cleared_on else "not cleared"
        print(f"  {f.date}  {names}  ({state})")
    print("Clearances:" if clearances else "No clearances yet: `backjournal red-flags clear`.")
    for c in clearances:
        print(f"  {c.date}  {visible(c.note) if c.note else '(no note)'}")
    return 0


def cmd_tick(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    day = service.parse_date(args.date)
    dose = {"sets": args.sets, "reps": args.reps, "hold_s": args.hold, "side": args.side}
    if any(v is not None for v in dose.values()):
        if len(args.exercise) != 1 or args.routine is not None:
            raise InputError(
                "tick", "--sets, --reps, --hold and --side go with one exercise at a time"
            )
        from backjournal.domain.entries import find_exercise

        exercise = find_exercise(service.library(), args.exercise[0])
        outcome = service.tick(day, exercise.id, anyway=args.anyway, **dose)
        note = " (advisor overridden)" if outcome.tick.overridden else ""
        print(f"Ticked {exercise.name} on {day}{note}.")
        warnings = outcome.advice.warnings
    else:
        batch = service.tick_many(day, list(args.exercise), args.routine, anyway=args.anyway)
        library = service.library().exercises
        names = [library[t.exercise].name for t in batch.ticks]
        if names:
            overridden = [library[t.exercise].name for t in batch.ticks if t.overridden]
            print(f"Ticked {len(names)} on {day}: {', '.join(names)}.")
            if overridden:
                print(f"Ticked against the advisor (recorded): {', '.join(overridden)}.")
        already = [library[e].name for e in batch.already]
        if already:
            print(f"Already ticked, left as they were: {', '.join(already)}.")
        warnings = batch.warnings
    for warning in warnings:
        print(f"! {warning.title}: {warning.message}")
    return 0


def cmd_demo(args: Namespace, ctx: Context) -> int:
    from backjournal.domain.entries import score

    folder = ctx.paths.data_dir
    if args.clear:
        if not args.yes:
            try:
                answer = input(
                    f"Remove the demo journal in {folder}? It is backed up first. [y/N] "
                )
            except EOFError:
                print("\nNothing changed.")
                return 2
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing changed.")
                return 2
        saved = ctx.service.clear_demo()
        if saved is None:
            print(f"The journal in {folder} is already empty; nothing to remove.")
        else:
            print(f"Removed the demo journal from {folder} (a copy is in {saved}).")
        return 0
    days = score(args.days, "days", 1, 36_500)
    seed = score(args.seed, "seed", 0, 2**31)
    count = ctx.service.demo(days, seed)
    print(f"Wrote {count} demo days into {folder}.")
    print(
        "To try the demo without touching your own journal, give it a folder of its own: "
        "backjournal --data-dir /tmp/bj-demo demo, then open it with "
        "backjournal --data-dir /tmp/bj-demo. `backjournal demo --clear` removes demo data."
    )
    return 0
