"""The `backjournal` command: headless commands, or the TUI when no command is given."""

from __future__ import annotations

import sys

from backjournal.domain.errors import AdvisorRefusal, InputError

EXIT_OK, EXIT_INPUT, EXIT_REFUSED, EXIT_UNUSABLE = 0, 2, 3, 4


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    from backjournal.cli.parser import build_parser
    from backjournal.storage import JournalUnusable, StoreWriteError

    args = build_parser().parse_args(argv)
    try:
        from backjournal.cli.context import open_context

        context = open_context(args.data_dir)
        if args.command is None:
            from backjournal.tui.app import run_app

            return run_app(context)
        from backjournal.cli.commands import run_command

        return run_command(args, context)
    except InputError as error:
        print(f"backjournal: {error.field}: {error.problem}", file=sys.stderr)
        return EXIT_INPUT
    except AdvisorRefusal as refusal:
        print(f"backjournal: refused by the advisor: {refusal}", file=sys.stderr)
        print("Use --anyway to record it regardless (the override is noted on the tick).", file=sys.stderr)
        return EXIT_REFUSED
    except (JournalUnusable, StoreWriteError) as error:
        print(f"backjournal: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `backjournal show | head` closed the pipe early: not an error worth a traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
