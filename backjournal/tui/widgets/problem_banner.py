"""The banner every journal screen shows while a journal file is damaged, missing or foreign."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from backjournal.domain.text import visible


class ProblemBanner(Static):
    """Names each damaged file and `backjournal check --repair`; hidden while all is well."""

    DEFAULT_CSS = """
    ProblemBanner {
        dock: top;
        display: none;
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $error 25%;
        border-left: thick $error;
        color: $foreground;
    }
    """

    def show_problems(self, problems: list[str]) -> None:
        """One line per problem (already sentences naming the file and the repair command)."""
        self.display = bool(problems)
        if problems:
            shown = Content("\n").join(Content(visible(p, newlines=False)) for p in problems)
            self.update(Content.styled("The journal needs a repair. ", "bold") + shown)
