"""Our list of text-style words must match what Textual's stylesheet accepts."""

from __future__ import annotations

from textual.css.constants import VALID_STYLE_FLAGS  # a test may pin an internal; the app may not

from backjournal.tui.themes import STYLE_WORDS


def test_style_words_match_textuals_own() -> None:
    # A Textual upgrade that adds or drops a word fails here instead of refusing good themes.
    assert STYLE_WORDS == VALID_STYLE_FLAGS
