"""User text on its way in (no control characters) and on its way out (never raw to a terminal)."""

from __future__ import annotations

import re

from backjournal.domain.errors import InputError

# C0 except tab and newline, DEL, and C1: what a terminal may read as part of an escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Shown escaped on the way out: every control character, lone surrogates (undecodable bytes), and
# the bidirectional overrides that can make text read differently from what it holds.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_HIDDEN_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
# json.dumps writes C0 as \u escapes itself; these it leaves raw (with ensure_ascii=False).
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# Markdown and HTML punctuation a note could use to add a heading, a link, an image or a tag;
# ":" and "@" and "www." because GitHub-flavoured Markdown turns bare URLs and e-mails into links.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~!&@:])|(?i:\b(www)\.)")
# At the start of a line only: list items, block quotes, setext underlines, numbered lists.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """Text safe to show: control characters and the like as escapes (\\x1b); newlines and tabs
    kept unless `newlines` is False."""
    pattern = _HIDDEN_KEEP_LINES if newlines else _HIDDEN
    return pattern.sub(_escape, text)


def control_character(text: str) -> str | None:
    """The first character input refuses (C0 but tab and newline, DEL, C1), or None."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def has_lone_surrogate(text: str) -> bool:
    """True for text holding lone surrogates: what undecodable bytes in a command line become."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_text(value: str, field: str) -> str:
    """Refuse control characters and undecodable bytes in text the user gives; returns it as is."""
    bad = control_character(value)
    if bad is not None:
        raise InputError(field, f"contains the control character {_escape_one(bad)}; remove it")
    if has_lone_surrogate(value):
        raise InputError(field, "contains bytes that are not valid UTF-8 text")
    return value


def _escape_one(char: str) -> str:
    return _HIDDEN.sub(_escape, char)


def json_safe(text: str) -> str:
    """JSON text (as json.dumps writes it) with DEL, C1 and lone surrogates as \\u escapes too."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not read as a formula: a leading ' before = + - @ tab or CR."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _markdown_char(match: re.Match[str]) -> str:
    return f"\\{match.group(1)}" if match.group(1) else f"{match.group(2)}\\."


def _markdown_line_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def markdown_text(text: str) -> str:
    """User text as literal Markdown: anything that could start markup, a link or HTML is escaped."""
    lines = _MARKDOWN.sub(_markdown_char, visible(text)).split("\n")
    return "\n".join(_MARKDOWN_LINE_START.sub(_markdown_line_start, line) for line in lines)
