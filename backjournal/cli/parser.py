"""The command line's grammar: global options and one subparser per command."""

from __future__ import annotations

import argparse
from typing import Any

from backjournal import __version__

EPILOG = "Exit codes: 0 ok, 2 bad input, 3 refused by the advisor, 4 journal unusable."


# argparse's parsing grows with the square of the options given (30,000 took 20 s), so counts are
# checked on the raw words first. A real command line is far shorter than this.
WORDS_MAX = 1000


def check_repeats(words: list[str]) -> None:
    """Refuse, before argparse reads them, more repeats of an option than the domain keeps."""
    from backjournal.domain.entries import CHOICES_MAX, TAGS_MAX, check_count
    from backjournal.domain.errors import InputError

    for option, field, most in (
        ("--tag", "tag", TAGS_MAX),
        ("--area", "area", CHOICES_MAX),
        ("--red-flag", "red-flag", CHOICES_MAX),
    ):
        check_count(sum(1 for w in words if w == option or w.startswith(option + "=")), most, field)
    if len(words) > WORDS_MAX:
        raise InputError(
            "arguments", f"{len(words):,} given; a command takes at most {WORDS_MAX:,}"
        )


class _Append(argparse.Action):
    """argparse's "append", linear: the stock one copies the whole list on every repeat."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        items = getattr(namespace, self.dest, None)
        if items is None:
            items = []
            setattr(namespace, self.dest, items)
        items.append(values)


def _date(p: argparse.ArgumentParser, what: str = "the day") -> None:
    p.add_argument(
        "--date",
        metavar="D",
        help=f"{what}: 2026-11-20, today, yesterday, '3 days ago', 'last monday' (default: tonight)",
    )


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _psfs_parser(sub: Any) -> None:
    psfs = sub.add_parser(
        "psfs",
        help="your weekly function score: list, add, rate, rename or retire activities",
        description="The weekly function score (PSFS): 3 to 5 activities your back makes hard, "
        "each rated 0 (cannot do it) to 10 (as before). With no action it lists them and your ratings.",
    )
    _json(psfs)
    psub = psfs.add_subparsers(dest="psfs_command", metavar="ACTION")
    add = psub.add_parser("add", help="name an activity your back makes hard")
    add.add_argument("name", metavar="ACTIVITY", help='in your own words, e.g. "putting on socks"')
    rate = psub.add_parser(
        "rate", help="rate every active activity, 0 (cannot do it) to 10 (as before)"
    )
    _date(rate)
    rate.add_argument(
        "scores", nargs="+", metavar="N", help="one score per active activity, in listed order"
    )
    rename = psub.add_parser("rename", help="give an activity a new name (its ratings stay)")
    rename.add_argument("id", metavar="ID")
    rename.add_argument("name", metavar="NAME")
    retire = psub.add_parser("retire", help="stop rating an activity (its history is kept)")
    retire.add_argument("id", metavar="ID")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backjournal",
        description="A private terminal journal for recovering from back pain. "
        "With no command it opens the journal app.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"backjournal {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="journal folder (default: $BACKJOURNAL_DATA_DIR, else your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    log = sub.add_parser(
        "log",
        help="write tonight's (or a past day's) entry",
        epilog="Fields given replace the stored ones; the others stay.",
    )
    _date(log)
    log.add_argument(
        "--pain",
        metavar="N",
        help="pain today, 0 (none) to 10 (worst imaginable); needed for a new day",
    )
    log.add_argument("--worst", metavar="N", help="worst pain today, 0-10")
    log.add_argument(
        "--area",
        action=_Append,
        metavar="A",
        help="where it hurt (repeat): neck, upper-back, mid-back, lower-back, buttock-left, "
        "buttock-right, leg-left, leg-right (or as the app says them: 'lower back', 'left leg')",
    )
    log.add_argument("--sleep", metavar="N", help="sleep, 0-10 (10 = slept well)")
    log.add_argument("--mood", metavar="N", help="mood, 0-10 (10 = great)")
    log.add_argument(
        "--note", metavar="TEXT", help="notes for the day (replaces earlier notes; see --append)"
    )
    log.add_argument(
        "--append", action="store_true", help="add --note on a new line under the day's note"
    )
    log.add_argument(
        "--tag", action=_Append, metavar="T", help="a free word to find the day by (repeat)"
    )
    log.add_argument(
        "--red-flag",
        action=_Append,
        metavar="F",
        help="a red-flag symptom (repeat): saddle-numbness, bladder-bowel, leg-weakness, fever, weight-loss, trauma, night-pain, cancer-history",
    )
    log.add_argument(
        "--rest",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="mark (or unmark) a rest day",
    )

    show = sub.add_parser("show", help="print a day's entry and ticks")
    _date(show)
    _json(show)

    tick = sub.add_parser(
        "tick",
        help="record exercises as done",
        epilog="All or nothing: one unknown exercise, or one the advisor says is too soon "
        "(exit 3, unless --anyway), and nothing is ticked.",
    )
    tick.add_argument(
        "exercise",
        metavar="EXERCISE",
        nargs="*",
        help="exercise ids or names, in any case: pelvic-tilt, 'pelvic tilt' "
        "(see `backjournal exercises`)",
    )
    tick.add_argument(
        "--routine", metavar="R", help="tick every exercise of a routine (id or name)"
    )
    _date(tick)
    tick.add_argument(
        "--sets", metavar="N", help="sets done (default: the dose; one exercise only)"
    )
    tick.add_argument("--reps", metavar="N", help="reps done (one exercise only)")
    tick.add_argument("--hold", metavar="S", help="seconds held (one exercise only)")
    tick.add_argument("--side", metavar="SIDE", help="left, right or both (one exercise only)")
    tick.add_argument(
        "--anyway",
        action="store_true",
        help="tick even though the advisor says it is too soon (recorded)",
    )

    untick = sub.add_parser("untick", help="remove a tick")
    untick.add_argument("exercise", metavar="EXERCISE")
    _date(untick)

    episode = sub.add_parser("episode", help="start, end or list pain episodes")
    esub = episode.add_subparsers(dest="episode_command", metavar="ACTION", required=True)
    _date(
        esub.add_parser("start", help="open an episode (a flare); day 1 is its start"),
        "first day of the episode",
    )
    _date(
        esub.add_parser("end", help="close the open episode"),
        "the first day no longer in the episode",
    )
    _json(esub.add_parser("list", help="list episodes"))

    advise = sub.add_parser("advise", help="the phase advisor's view of a day")
    _date(advise)
    advise.add_argument(
        "--exercise", metavar="ID", help="also check ticking this exercise on that day"
    )
    _json(advise)

    flags = sub.add_parser(
        "red-flags",
        help="record that a doctor saw you about red flags, or list them",
        epilog="From the day of a clearance on, red flags logged on or before it no longer hold "
        "the phase; the days before keep their history.",
    )
    fsub = flags.add_subparsers(dest="red_flags_command", metavar="ACTION", required=True)
    clear = fsub.add_parser("clear", help="you were seen about the red flags logged so far")
    _date(clear, "the day you were seen")
    clear.add_argument("--note", metavar="TEXT", help="what the doctor said (optional)")
    _json(fsub.add_parser("list", help="red-flag days and clearances"))

    session = sub.add_parser(
        "session",
        help="tonight's guided session plan: order, doses, sides and minutes",
        epilog="The session itself plays in the app (g on Tonight). Exercises that hurt in your "
        "last two sessions are left out; --add-back plays one anyway.",
    )
    session.add_argument("--plan", action="store_true", help="print the plan (required)")
    _date(session)
    session.add_argument(
        "--drop", action="append", metavar="EXERCISE", help="leave an exercise out (repeat)"
    )
    session.add_argument(
        "--add-back",
        action="append",
        metavar="EXERCISE",
        help="play an exercise that hurt lately, knowingly (repeat)",
    )
    _json(session)

    streaks = sub.add_parser("streaks", help="journal and routine streaks")
    _date(streaks)
    _json(streaks)

    _json(sub.add_parser("exercises", help="list the exercise library"))
    _json(sub.add_parser("routines", help="list the routines"))

    exp = sub.add_parser(
        "export",
        help="write an export (JSON, CSV, a Markdown summary or an HTML report for your clinician)",
    )
    exp.add_argument(
        "--format", default="json", metavar="FMT", help="json (default), csv, md or html"
    )
    exp.add_argument("--from", dest="start", metavar="D", help="first day to include")
    exp.add_argument("--to", dest="end", metavar="D", help="last day to include")
    exp.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (readable by you only) instead of standard output; never inside the journal's folder",
    )
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    exp.add_argument(
        "--open", action="store_true", help="html: open the report in your web browser"
    )
    exp.add_argument(
        "--all-notes",
        action="store_true",
        help="html: add every note of the period in full, on pages after the summary",
    )

    _psfs_parser(sub)
    insights = sub.add_parser(
        "insights",
        help="what goes with better days: next-day pain after days with and without each factor",
    )
    _date(insights, "the last day to look at")
    _json(insights)

    imp = sub.add_parser("import", help="read a JSON export into an empty journal (all or nothing)")
    imp.add_argument("file", metavar="FILE")

    demo = sub.add_parser(
        "demo",
        help="fill an empty journal with realistic sample data",
        epilog="To try it without touching your journal: "
        "backjournal --data-dir /tmp/bj-demo demo, then backjournal --data-dir /tmp/bj-demo",
    )
    demo.add_argument("--days", default="120", metavar="N", help="how many days (default 120)")
    demo.add_argument("--seed", default="1", metavar="S", help="random seed (default 1)")
    demo.add_argument(
        "--clear",
        action="store_true",
        help="remove a journal that holds only demo data (asks first; --yes to skip)",
    )
    demo.add_argument("--yes", action="store_true", help="with --clear: do not ask")

    check = sub.add_parser("check", help="verify the journal files")
    check.add_argument(
        "--repair",
        action="store_true",
        help="move unreadable files aside (never deletes) and offer the newest good backup",
    )

    _json(
        sub.add_parser(
            "backups",
            help="list the backups: date, kind, size and diary entries",
            epilog="One backup is taken before the first change of each day (the last 14 days are kept), "
            "and one before every restore, import or migration.",
        )
    )
    restore = sub.add_parser(
        "restore",
        help="restore a backup (the current journal is backed up first, so a restore can be undone)",
        epilog="The journal as it was is saved as a new backup first; restoring that one undoes the restore.",
    )
    restore.add_argument(
        "backup",
        metavar="BACKUP",
        help="a NAME listed by `backjournal backups`, a backup folder's path, or a DATE (that day's daily backup)",
    )
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    sub.add_parser("locate", help="print where the journal, settings and themes live")
    return parser
