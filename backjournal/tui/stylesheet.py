"""A Textual stylesheet that parses less on the way to the first frame.

- Textual re-parses every stylesheet source from scratch whenever it refreshes the CSS (setting
  the theme, starting a mode, switching to a mode after a theme change), even when neither the
  CSS nor the theme's variables changed; and each re-parse starts with an empty cache, so the
  next widget class that registers its DEFAULT_CSS parses app.tcss once more. At start-up that
  was app.tcss parsed four times before the first frame. Here the parse cache survives for as
  long as the variables are the same, and a re-parse with the same variables parses only what
  is new.
- app.tcss is read in two parts: up to its first "== B:" section, what the first screen needs
  (the app-wide pieces, Tonight, Help); from there on, the styles of the other screens, which the
  app adds before it first switches to one of them (or a moment after start-up).
"""

from __future__ import annotations

import os
from pathlib import PurePath

from textual.css.stylesheet import Stylesheet

LATER_MARK = "/* == B:"


class SteadyStylesheet(Stylesheet):
    """Re-parses only when the variables (the theme) changed; new sources parse once either way."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._variables_seen = dict(variables or {})
        self._later: list[tuple[tuple[str, str], str]] = []

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._variables_seen:
            return  # same theme: the parsed rules (and their cache) are still right
        self._variables_seen = dict(variables)
        super().set_variables(variables)  # clears the caches: everything parses again

    def reparse(self) -> None:
        # Textual's reparse parses every source into a new stylesheet with an empty cache, so
        # that an error leaves this one as it was. parse() does the same here: it raises before
        # replacing the rules. What set_variables kept in the cache is not parsed again.
        self.parse()

    def read(self, filename: str | PurePath) -> None:
        super().read(filename)
        path = os.path.abspath(os.path.expanduser(filename))
        try:
            source = self.source[(path, "")]
            first, mark, later = source.content.partition(LATER_MARK)
            held_back = source._replace(content=first)
        except (AttributeError, KeyError, TypeError, ValueError):
            # Textual keeps its sources differently than this was written for: read it whole.
            return
        if mark:
            self.source[(path, "")] = held_back
            self._later.append(((path, "later sections"), mark + later))

    def add_later_part(self) -> None:
        """Add the styles `read` held back; they parse on the next use of the rules. Once."""
        later, self._later = self._later, []
        for read_from, css in later:
            self.add_source(css, read_from=read_from)
