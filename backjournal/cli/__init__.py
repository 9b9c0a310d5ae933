"""The `backjournal` command's headless half: arguments, commands, and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO, cast

from backjournal.domain.errors import AdvisorRefusal, InputError
from backjournal.domain.text import visible

if TYPE_CHECKING:
    from argparse import Namespace

    from backjournal.cli.context import Context

EXIT_OK, EXIT_INPUT, EXIT_REFUSED, EXIT_UNUSABLE = 0, 2, 3, 4


def main(argv: list[str] | None = None, run_app: Callable[[Context], int] | None = None) -> int:
    """Run one command and return its exit code; with no command, `run_app` (the entry gives it)."""
    words = sys.argv[1:] if argv is None else argv
    args = _app_arguments(words)
    if args is None:
        from backjournal.cli.parser import build_parser, check_repeats

        with visible_output():  # argparse quotes what was typed in its errors
            try:
                check_repeats(words)
            except InputError as error:
                print(f"backjournal: {error.field}: {error.problem}", file=sys.stderr)
                return EXIT_INPUT
            args = build_parser().parse_args(argv)
    if args.command is None:
        return _run(args, run_app)
    with visible_output():
        return _run(args, run_app)


class _VisibleWriter:
    """A text stream that escapes control characters: stored or typed text never reaches the
    terminal raw (no escape sequence from a note can set a title or the clipboard)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def visible_output() -> Iterator[None]:
    """For the length of a command, stdout and stderr escape control characters (not for the app)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, _VisibleWriter(sys.stdout))
    sys.stderr = cast(TextIO, _VisibleWriter(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _run(args: Namespace | SimpleNamespace, run_app: Callable[[Context], int] | None) -> int:
    from backjournal.service import STORE_ERRORS

    context = None
    failed_on = None  # the file a JournalUnusable named: its own message says it already
    try:
        from backjournal.cli.context import open_context

        if args.command is None and run_app is None:
            raise InputError("command", "missing; see `backjournal --help`")
        context = open_context(args.data_dir)
        if args.command is None and run_app is not None:
            return run_app(context)
        from backjournal.cli.commands import run_command

        # A command was given, so argparse read the arguments (not _app_arguments).
        return run_command(cast("Namespace", args), context)
    except InputError as error:
        print(f"backjournal: {error.field}: {error.problem}", file=sys.stderr)
        return EXIT_INPUT
    except AdvisorRefusal as refusal:
        print(f"backjournal: refused by the advisor: {refusal}", file=sys.stderr)
        print(
            "Use --anyway to record it regardless (the override is noted on the tick).",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except STORE_ERRORS as error:
        failed_on = getattr(error, "path", None)
        print(f"backjournal: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        # `backjournal show | head -1` closed the pipe early: the reader has what it wanted, and
        # nothing is wrong with the journal (a BrokenPipeError is an OSError: caught first).
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        # The environment (permissions, a name too long, a symlink loop) in a path of the journal's:
        # a sentence and exit 4, never a traceback. Paths the user gives are checked where used (exit 2).
        where = f"{error.filename}: " if error.filename else ""
        print(
            f"backjournal: {where}{error.strerror or error}; the journal cannot be used. "
            "Nothing was changed",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    finally:
        if context is not None and args.command not in (None, "check"):
            _warn_about_problems(context, failed_on)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot raise again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _warn_about_problems(context: object, skip: object) -> None:
    """While any journal file is damaged, every command says so once on stderr (`check` lists them
    itself). The file a failing command already named is not repeated."""
    try:
        problems = context.service.journal_problems()  # type: ignore[attr-defined]
    except (InputError, OSError):
        return  # the command has said what went wrong (a bad BACKJOURNAL_NOW, say)
    for problem in problems:
        if problem.path != skip:
            print(f"backjournal: warning: {problem}", file=sys.stderr)


def _app_arguments(argv: list[str]) -> Namespace | SimpleNamespace | None:
    """`backjournal` or `backjournal --data-dir DIR`: the app, read without argparse.

    Building the parser of every command takes argparse about 10 ms, on the way to the app's
    first frame. Anything else (None) goes to the full parser, errors and --help included.
    """
    if not argv:
        return SimpleNamespace(command=None, data_dir=None)
    if len(argv) == 1 and argv[0].startswith("--data-dir="):
        return SimpleNamespace(command=None, data_dir=argv[0].partition("=")[2])
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return SimpleNamespace(command=None, data_dir=argv[1])
    return None
