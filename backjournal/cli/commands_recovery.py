"""Handlers for looking after the journal: check (and repair), the backups, restore."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path
from typing import Any

from backjournal.cli.context import Context
from backjournal.cli.output import print_json
from backjournal.domain.errors import InputError
from backjournal.domain.text import visible


def _confirm(question: str) -> bool:
    """A y/N answer at the terminal; end of input (Ctrl-D) or Ctrl-C is an answer too: no."""
    try:
        answer = input(visible(question, newlines=False))
    except (EOFError, KeyboardInterrupt):
        print()  # the prompt's line is left open
        raise NoAnswer from None
    return answer.strip().lower() in ("y", "yes")


class NoAnswer(Exception):
    """The user closed the input or pressed Ctrl-C at a question: nothing is done."""


def cmd_check(args: Namespace, ctx: Context) -> int:
    store = ctx.service.store
    if args.repair:
        done = store.repair()
        for line in done:
            print(line)
        if not done:
            print(
                f"Nothing to repair: the journal in {ctx.paths.data_dir} is fine. Nothing was changed."
            )
        answered = True
        if any(line.startswith("newest good backup") for line in done):
            try:
                _offer_restore(ctx)
            except NoAnswer:
                answered = False
                print("No answer: nothing restored.", file=sys.stderr)
        problems, _ = store.check_report()
        for problem in problems:
            print(f"problem (still): {problem}", file=sys.stderr)
        return 4 if problems else 0 if answered else 2
    problems, notes = store.check_report()
    for note in notes:
        print(f"note: {note}")
    if not problems:
        print(f"The journal in {ctx.paths.data_dir} is fine.")
        return 0
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(
        "`backjournal check --repair` moves unreadable files aside (it deletes nothing) and points at the "
        "newest good backup; `backjournal backups` lists them all.",
        file=sys.stderr,
    )
    return 4


def _offer_restore(ctx: Context) -> None:
    """After a repair, at a terminal: offer to restore the newest good backup there and then."""
    store = ctx.service.store
    folder = store.newest_good_backup()
    if folder is None or not sys.stdin.isatty():
        return
    if _confirm(f"Restore {folder.name} now? The journal as it is now is backed up first. [y/N] "):
        saved = store.restore(folder)
        print(
            f"Restored {folder.name}. The journal as it was is saved as {saved.name}; "
            f"to undo: backjournal restore {saved.name}"
        )
    else:
        print("Nothing restored.")


def _backup_row(info: Any) -> dict[str, Any]:
    return {
        "name": info.path.name,
        "date": info.day.isoformat(),
        "kind": info.kind,
        "size": info.size,
        "entries": info.entries,
        "path": str(info.path),
        "problem": info.problem,
    }


def cmd_backups(args: Namespace, ctx: Context) -> int:
    backups = ctx.service.store.backups()
    if args.json:
        print_json([_backup_row(b) for b in backups])
        return 0
    if not backups:
        print(
            "No backups yet: one is taken before the first change of each day, "
            f"and kept for 14 days, in {ctx.service.store.backups_dir}."
        )
        return 0
    print(
        f"Backups in {ctx.service.store.backups_dir}, newest first. Restore one with `backjournal restore NAME`."
    )
    width = max(len(b.path.name) for b in backups)
    print(f"{'NAME':<{width}}  {'DATE':<10}  {'KIND':<16}  {'SIZE':>11}  {'ENTRIES':>7}")
    for b in backups:
        print(
            f"{b.path.name:<{width}}  {b.day.isoformat():<10}  {b.kind:<16}  {_size(b.size):>11}  {b.entries:>7,}"
        )
        if b.problem:
            print(f"{'':<{width}}  damaged, cannot be restored: {b.problem}")
    return 0


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def _find_backup(ctx: Context, text: str) -> Any:
    """A backup named by `backjournal backups` (NAME), a backup folder's path, or a date."""
    store = ctx.service.store
    backups = store.backups()
    by_name = {b.path.name: b for b in backups}
    cleaned = text.strip()
    if not cleaned:
        raise InputError(
            "backup", "is empty; give a backup's name or date from `backjournal backups`"
        )
    if cleaned in by_name:
        return by_name[cleaned]
    path = Path(cleaned).expanduser()
    try:
        given_folder = ("/" in cleaned or cleaned.startswith(".")) and path.is_dir()
    except OSError as error:  # a name too long, a loop: a path the user gave, so exit 2
        raise InputError("backup", f"cannot use {cleaned}: {error.strerror or error}") from None
    if given_folder:
        resolved = path.resolve()
        for b in backups:
            if b.path.resolve() == resolved:
                return b
        return ctx.service.backup_folder(resolved)
    day = ctx.service.parse_date(cleaned, "backup")
    same_day = [b for b in backups if b.day == day]
    if not same_day:
        known = (
            ", ".join(sorted({b.day.isoformat() for b in backups}, reverse=True)[:5]) or "none yet"
        )
        raise InputError(
            "backup", f"there is no backup from {day} (newest: {known}); see `backjournal backups`"
        )
    daily = [b for b in same_day if b.kind == "daily"]
    return daily[0] if daily else same_day[0]


def cmd_restore(args: Namespace, ctx: Context) -> int:
    store = ctx.service.store
    backup = _find_backup(ctx, args.backup)
    if backup.problem:
        raise InputError(
            "backup", f"{backup.path.name} is damaged and cannot be restored: {backup.problem}"
        )
    what = f"{backup.path.name} ({backup.kind}, {backup.entries:,} diary {'entry' if backup.entries == 1 else 'entries'})"
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(
                "yes",
                f"restoring {what} replaces the journal; confirm with --yes when not at a terminal",
            )
        try:
            confirmed = _confirm(
                f"Replace the journal with {what}? The current journal is backed up first. [y/N] "
            )
        except NoAnswer:
            print("No answer: nothing changed.", file=sys.stderr)
            return 2
        if not confirmed:
            print("Nothing changed.")
            return 0
    from backjournal.service import BackupNotFound

    try:
        saved, set_aside = store.restore_report(backup.path)
    except BackupNotFound as error:
        raise InputError("backup", str(error)) from None
    print(f"Restored {what}.")
    for path, aside in set_aside:
        print(f"Set {path} aside as {aside.name}: it could not be read, and nothing was deleted.")
    print(
        f"The journal as it was is saved as the backup {saved.name}; to undo: backjournal restore {saved.name}"
    )
    return 0
