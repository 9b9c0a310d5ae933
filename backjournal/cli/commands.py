"""One handler per command: parse arguments, call the service, print the result."""

from __future__ import annotations

import json
import sys
from argparse import Namespace
from pathlib import Path
from typing import Any, Callable

from backjournal.cli import output
from backjournal.cli.context import Context
from backjournal.domain import codec
from backjournal.domain.errors import InputError


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_log(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    day = service.parse_date(args.date)
    given = {
        "pain": args.pain, "worst": args.worst, "sleep": args.sleep, "mood": args.mood,
        "notes": args.note, "areas": args.area, "tags": args.tag, "red_flags": args.red_flag, "rest": args.rest,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise InputError("log", "nothing to record: give at least --pain (0-10)")
    entry = service.log(day, changes)
    print(f"Saved {day}: pain {entry.pain}/10.")
    for warning in service.advise(day).warnings:
        if warning.code in ("red_flag", "pain_rising", "flare_suspected"):
            print(f"! {warning.message}")
    return 0


def cmd_show(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    record = ctx.service.day(day)
    data = {
        "date": day.isoformat(),
        "entry": codec.entry_to_dict(record.entry) if record.entry else None,
        "ticks": [codec.tick_to_dict(t) for t in record.ticks.values()],
    }
    if args.json:
        _print_json(data)
    else:
        print(output.day_text(record, ctx.service.journal().exercises))
    return 0


def cmd_tick(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    outcome = ctx.service.tick(day, args.exercise, sets=args.sets, reps=args.reps, hold_s=args.hold,
                               side=args.side, anyway=args.anyway)
    note = " (advisor overridden)" if outcome.tick.overridden else ""
    print(f"Ticked {args.exercise} on {day}{note}.")
    for warning in outcome.advice.warnings:
        print(f"! {warning.message}")
    return 0


def cmd_untick(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    from backjournal.domain.entries import find_exercise

    find_exercise(ctx.service.journal(), args.exercise)
    if ctx.service.untick(day, args.exercise):
        print(f"Removed the tick for {args.exercise} on {day}.")
    else:
        print(f"{args.exercise} was not ticked on {day}; nothing changed.")
    return 0


def cmd_episode(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    if args.episode_command == "list":
        journal = service.journal()
        rows = output.episode_rows(journal, service.settings.advisor, service.today())
        if args.json:
            _print_json(rows)
        else:
            print(output.episodes_text(rows))
        return 0
    day = service.parse_date(args.date)
    if args.episode_command == "start":
        episode = service.start_episode(day)
        print(f"Episode started on {episode.start}. Day 1: gentle mobility only.")
    else:
        episode = service.end_episode(day)
        print(f"Episode from {episode.start} closed; {episode.end} is its first day after.")
    return 0


def cmd_advise(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    advice = ctx.service.advise(day, args.exercise)
    if args.json:
        _print_json(advice.to_dict())
    else:
        print(output.advice_text(advice))
    return 0


def cmd_streaks(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    result = ctx.service.streaks(day)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(output.streaks_text(result))
    return 0


def cmd_exercises(args: Namespace, ctx: Context) -> int:
    exercises = list(ctx.service.journal().exercises.values())
    if args.json:
        _print_json([codec.exercise_to_dict(e) for e in exercises])
    else:
        print(output.exercises_text(exercises))
    return 0


def cmd_routines(args: Namespace, ctx: Context) -> int:
    journal = ctx.service.journal()
    if args.json:
        _print_json([{**codec.routine_to_dict(r), "kind": journal.routine_kind(r)} for r in journal.routines])
    else:
        print(output.routines_text(journal))
    return 0


def cmd_export(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    start = service.parse_date(args.start, "from") if args.start else None
    end = service.parse_date(args.end, "to") if args.end else None
    text = service.export(args.format, start, end)
    if args.out:
        out = Path(args.out)
        if out.is_dir():
            raise InputError("out", f"{out} is a folder; give a file name")
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise InputError("out", f"cannot write {out}: {error.strerror}") from None
        print(f"Wrote {out}.")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_import(args: Namespace, ctx: Context) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError("file", f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}") from None
    count = ctx.service.import_text(text)
    print(f"Imported {count} days.")
    return 0


def cmd_demo(args: Namespace, ctx: Context) -> int:
    from backjournal.domain.entries import score

    days = score(args.days, "days", 1, 36_500)
    seed = score(args.seed, "seed", 0, 2**31)
    count = ctx.service.demo(days, seed)
    print(f"Wrote {count} demo days into {ctx.paths.data_dir}.")
    return 0


def cmd_check(args: Namespace, ctx: Context) -> int:
    store = ctx.service.store
    if args.repair:
        for line in store.repair():
            print(line)
        return 0
    problems = store.check()
    if not problems:
        print(f"The journal in {ctx.paths.data_dir} is fine.")
        return 0
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 4


def cmd_backups(args: Namespace, ctx: Context) -> int:
    backups = ctx.service.store.backups()
    if not backups:
        print("No backups yet: one is taken before the first change of each day.")
    for b in backups:
        print(f"{b.day}  {b.size:>10,} bytes  {b.entries:>6} entries  {b.path}")
    return 0


def cmd_restore(args: Namespace, ctx: Context) -> int:
    from datetime import date

    try:
        day = date.fromisoformat(args.day)
    except ValueError:
        raise InputError("date", f"{args.day!r} is not a backup date (YYYY-MM-DD; see `backjournal backups`)") from None
    if day not in {b.day for b in ctx.service.store.backups()}:
        raise InputError("date", f"there is no backup from {day}; see `backjournal backups`")
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("yes", "restoring replaces the journal; confirm with --yes when not at a terminal")
        answer = input(f"Replace the journal with the backup from {day}? The current one is backed up first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 0
    saved = ctx.service.store.restore(day)
    print(f"Restored the backup from {day}. The journal as it was is saved in {saved}.")
    return 0


def cmd_locate(args: Namespace, ctx: Context) -> int:
    paths = ctx.paths
    print(f"data: {paths.data_dir}")
    # Before the first write there are no files yet: show where the journal will be.
    for file in ctx.service.store.journal_files() or [paths.data_dir / "journal-meta.json"]:
        print(f"journal: {file}")
    print(f"config: {paths.config_file}")
    from backjournal.storage.shipped_themes import shipped_themes_dir

    print(f"themes: {shipped_themes_dir()}")
    print(f"user-themes: {paths.user_themes_dir}")
    return 0


COMMANDS: dict[str, Callable[[Namespace, Context], int]] = {
    "log": cmd_log, "show": cmd_show, "tick": cmd_tick, "untick": cmd_untick, "episode": cmd_episode,
    "advise": cmd_advise, "streaks": cmd_streaks, "exercises": cmd_exercises, "routines": cmd_routines,
    "export": cmd_export, "import": cmd_import, "demo": cmd_demo, "check": cmd_check,
    "backups": cmd_backups, "restore": cmd_restore, "locate": cmd_locate,
}


def run_command(args: Namespace, ctx: Context) -> int:
    return COMMANDS[args.command](args, ctx)
