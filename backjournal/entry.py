"""The `backjournal` console script: the app when no command is given, else a headless command.

The one module that knows both front ends, so that the CLI and the TUI never import each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backjournal.cli.context import Context


def main(argv: list[str] | None = None) -> int:
    """Run the command line given (sys.argv by default) and return its exit code."""
    from backjournal.cli import main as run

    return run(argv, run_app=_run_app)


def _run_app(context: Context) -> int:
    from backjournal.tui.app import run_app

    return run_app(context)
