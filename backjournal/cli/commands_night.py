"""Handlers for the nightly flow: red-flag clearances, ticking several exercises, the demo."""

from __future__ import annotations

import json
from argparse import Namespace
from typing import Any

from backjournal.cli.context import Context
from backjournal.domain.dates import short_day
from backjournal.domain.vocab import RED_FLAG_LABELS


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


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
            print(f"Note: {clearance.note}")
        return 0
    flagged, clearances = service.red_flags()
    if args.json:
        _print_json(
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
        print(f"  {c.date}  {c.note or '(no note)'}")
    return 0
