"""Shown instead of the journal when the store refuses it: names the file and what to do, then quits."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from backjournal.domain.text import visible
from backjournal.service import JournalUnusable
from backjournal.tui.plain import one_line


def explanation(error: JournalUnusable, data_dir: object) -> Content:
    """What happened, that nothing changed, and what to do: the store's own hint first."""
    hint = f"{visible(error.hint).rstrip('.')}." if error.hint else ""
    parts: list[str | tuple[str, str]] = [
        ("Your journal can't be opened", "bold $error"),
        "\n\n",
        ("File     ", "$foreground-muted"),
        (f"{one_line(str(error.path))}\n", "bold"),
        ("Problem  ", "$foreground-muted"),
        (f"{visible(error.problem)}.\n\n", "$warning"),
    ]
    if hint:
        parts += [hint, "\n\n"]
    if "newer" not in error.hint.lower():
        parts += [
            "In a terminal, these help:\n",
            ("  backjournal check", "bold $primary"),
            "          what is wrong, and where\n",
            ("  backjournal backups", "bold $primary"),
            "        the daily copies (last 14 days)\n",
            ("  backjournal restore DATE", "bold $primary"),
            "   put one back (the current files are saved first)\n",
            (
                f"  Add --data-dir {data_dir} before the command if that is not your usual folder.\n\n",
                "$foreground-muted",
            ),
        ]
    if "not changed" not in hint and "Nothing was" not in hint:
        parts.append(("Nothing was changed.", "bold"))
    return Content.assemble(*parts)


class UnusableJournalScreen(Screen[None]):
    """Any key quits with exit code 4; the journal files are never opened for writing here."""

    DEFAULT_CSS = """
    UnusableJournalScreen {
        align: center middle;
    }
    #unusable-panel {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: heavy $error;
        background: $surface;
    }
    #unusable-scroll {
        height: auto;
        max-height: 1fr;
    }
    #unusable-text, #unusable-quit {
        height: auto;
    }
    #unusable-quit {
        color: $accent;
    }
    """

    def __init__(self, error: JournalUnusable, data_dir: Path) -> None:
        super().__init__(id="unusable-screen")
        self.error = error
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        folder = self.data_dir
        with Vertical(id="unusable-panel"):
            with VerticalScroll(id="unusable-scroll"):
                yield Static(explanation(self.error, folder), id="unusable-text")
            yield Static(Content.styled("Press any key to quit.", "bold"), id="unusable-quit")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.app.exit(return_code=4)
