"""The `backjournal` console script: the app when no command is given, else a headless command.

The one module that knows both front ends, so that the CLI and the TUI never import each other.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backjournal.cli.context import Context


def main(argv: list[str] | None = None) -> int:
    """Run the command line given (sys.argv by default) and return its exit code."""
    # Importing makes many long-lived objects (modules, classes, Textual's styles) and the cycle
    # collector rescans them again and again (~15 ms before the app's first frame): it is off
    # while importing, and back on before any command runs (the app: once its first frame shows).
    gc.disable()
    try:
        from backjournal.cli import main as run
    finally:
        gc.enable()
    return run(argv, run_app=_run_app)


def _run_app(context: Context) -> int:
    gc.disable()
    try:
        from backjournal.tui.app import run_app

        return run_app(context, when_drawn=gc.enable)
    finally:
        gc.enable()
