"""One handler per command: parse arguments, call the service, print the result."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Callable

from backjournal.cli import output
from backjournal.cli.context import Context
from backjournal.cli.output import print_json
from backjournal.cli.report_commands import cmd_insights, cmd_psfs
from backjournal.domain import codec
from backjournal.domain.errors import InputError
from backjournal.domain.text import visible


def cmd_log(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    day = service.parse_date(args.date)
    given = {
        "pain": args.pain,
        "worst": args.worst,
        "sleep": args.sleep,
        "mood": args.mood,
        "notes": args.note,
        "areas": args.area,
        "tags": args.tag,
        "red_flags": args.red_flag,
        "rest": args.rest,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise InputError("log", "nothing to record: give at least --pain (0-10)")
    entry = service.log(day, changes, append_note=args.append)
    print(f"Saved {day}: pain {output.pain_text(entry.pain)}.")
    for warning in service.advise(day).warnings:
        if warning.code in ("red_flag", "pain_rising", "flare_suspected"):
            print(f"! {warning.title}: {warning.message}")
    return 0


def cmd_show(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    record = ctx.service.day(day)
    data = {
        "date": day.isoformat(),
        "entry": codec.entry_to_dict(record.entry) if record.entry else None,
        "ticks": [codec.tick_to_dict(t) for t in record.ticks.values()],
        "sessions": codec.day_to_dict(record).get("sessions", []),
    }
    if args.json:
        print_json(data)
    else:
        print(output.day_text(record, ctx.service.library().exercises))
    return 0


def cmd_untick(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    from backjournal.domain.entries import find_exercise

    exercise = find_exercise(ctx.service.library(), args.exercise)
    if ctx.service.untick(day, exercise.id):
        print(f"Removed the tick for {exercise.id} on {day}.")
    else:
        print(f"{exercise.id} was not ticked on {day}; nothing changed.")
    return 0


def cmd_episode(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    if args.episode_command == "list":
        journal = service.journal()
        rows = output.episode_rows(journal, service.settings.advisor, service.today())
        if args.json:
            print_json(rows)
        else:
            print(output.episodes_text(rows))
        return 0
    day = service.parse_date(args.date)
    if args.episode_command == "start":
        episode = service.start_episode(day)
        print(f"Episode started on {episode.start}. Day 1: gentle mobility only.")
    else:
        episode = service.end_episode(day)
        assert episode.end is not None
        span = output.episode_span(episode.start.isoformat(), episode.end.isoformat())
        print(f"Episode closed: {span}.")
    return 0


def cmd_advise(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    advice = ctx.service.advise(day, args.exercise)
    if args.json:
        print_json(advice.to_dict())
    else:
        print(output.advice_text(advice))
    return 0


def cmd_streaks(args: Namespace, ctx: Context) -> int:
    day = ctx.service.parse_date(args.date)
    result = ctx.service.streaks(day)
    if args.json:
        print_json(result.to_dict())
    else:
        print(output.streaks_text(result))
    return 0


def cmd_exercises(args: Namespace, ctx: Context) -> int:
    exercises = list(ctx.service.library().exercises.values())
    if args.json:
        print_json([codec.exercise_to_dict(e) for e in exercises])
    else:
        print(output.exercises_text(exercises))
    return 0


def cmd_routines(args: Namespace, ctx: Context) -> int:
    journal = ctx.service.library()
    if args.json:
        print_json(
            [
                {**codec.routine_to_dict(r), "kind": journal.routine_kind(r)}
                for r in journal.routines
            ]
        )
    else:
        print(output.routines_text(journal))
    return 0


def cmd_export(args: Namespace, ctx: Context) -> int:
    service = ctx.service
    # `is not None`: an empty --from= is an error, not "no --from"
    start = service.parse_date(args.start, "from") if args.start is not None else None
    end = service.parse_date(args.end, "to") if args.end is not None else None
    if args.format != "html" and (args.open or args.all_notes):
        raise InputError("format", "--open and --all-notes go with --format html")
    if args.open and args.out is None:
        raise InputError("open", "needs --out FILE: the report is written there, then opened")
    if args.out is not None:
        out = service.export_to_file(
            args.format, args.out, start, end, force=args.force, all_notes=args.all_notes
        )
        print(f"Wrote {visible(str(out))} (readable by you only).")
        if args.open:
            import webbrowser

            if not webbrowser.open(out.resolve().as_uri()):
                print(f"No web browser could be started; open {visible(str(out))} yourself.")
    else:
        text = service.export(args.format, start, end, all_notes=args.all_notes)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_import(args: Namespace, ctx: Context) -> int:
    try:
        count = ctx.service.import_file(args.file)
    except InputError as error:
        if args.file.lower().endswith(".csv") and "JSON" in error.problem:
            hint = "; import reads the JSON export (`backjournal export`), not CSV"
            raise InputError(error.field, error.problem + hint) from None
        raise
    print(f"Imported {count} days from {args.file}.")
    return 0


def cmd_locate(args: Namespace, ctx: Context) -> int:
    paths = ctx.paths
    print(f"data: {paths.data_dir}")
    # Before the first write there are no files yet: show where the journal will be.
    for file in ctx.service.store.journal_files() or [paths.data_dir / "journal-meta.json"]:
        print(f"journal: {file}")
    print(f"config: {paths.config_file}")
    from backjournal.service import shipped_themes_dir

    print(f"themes: {shipped_themes_dir()}")
    print(f"user-themes: {paths.user_themes_dir}")
    return 0


from backjournal.cli.commands_night import cmd_demo, cmd_red_flags, cmd_tick  # noqa: E402
from backjournal.cli.commands_recovery import cmd_backups, cmd_check, cmd_restore  # noqa: E402
from backjournal.cli.commands_session import cmd_session  # noqa: E402

COMMANDS: dict[str, Callable[[Namespace, Context], int]] = {
    "psfs": cmd_psfs,
    "insights": cmd_insights,
    "log": cmd_log,
    "show": cmd_show,
    "tick": cmd_tick,
    "untick": cmd_untick,
    "episode": cmd_episode,
    "advise": cmd_advise,
    "streaks": cmd_streaks,
    "exercises": cmd_exercises,
    "routines": cmd_routines,
    "export": cmd_export,
    "import": cmd_import,
    "demo": cmd_demo,
    "check": cmd_check,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "locate": cmd_locate,
    "red-flags": cmd_red_flags,
    "session": cmd_session,
}


def run_command(args: Namespace, ctx: Context) -> int:
    return COMMANDS[args.command](args, ctx)
