"""Text from the journal on its way to a widget: shown as written, never as markup or raw escapes."""

from __future__ import annotations

from textual.content import Content

from backjournal.domain.text import visible


def plain(text: str, *, newlines: bool = True) -> Content:
    """Content that shows `text` literally: no markup is parsed, control characters are escaped."""
    return Content(visible(text, newlines=newlines))


def one_line(text: str) -> str:
    """`text` with every control character (newlines too) escaped, for a label or a cell."""
    return visible(text, newlines=False)
