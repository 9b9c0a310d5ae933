"""Theme files (shipped and the user's own) turned into Textual themes and registered with the app."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

DEFAULT_THEME = "backjournal-calm"
# Used only when the shipped default itself cannot be loaded.
LAST_RESORT_THEME = "textual-dark"
# The text-style words Textual's CSS accepts (kept here: textual.css is not a public API).
STYLE_WORDS = frozenset(
    [
        "b",
        "blink",
        "bold",
        "dim",
        "i",
        "italic",
        "none",
        "not",
        "o",
        "overline",
        "reverse",
        "strike",
        "u",
        "underline",
        "uu",
    ]
)

_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_OTHER_KEYS = ("name", "description", "dark", "luminosity_spread", "text_alpha", "variables")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_VARIABLE = re.compile(r"[a-z0-9][a-z0-9-]*")
# A colour variable's value: a colour (or auto, or initial), and maybe an opacity.
_WITH_OPACITY = re.compile(r"(?P<colour>\S.*?)(?:\s+(?P<percent>\d{1,3})%)?")


@dataclass(frozen=True)
class ThemeProblem:
    """A theme file that could not be used, and why."""

    path: Path
    problem: str

    def message(self) -> str:
        return f"Theme file {self.path} was not loaded: {self.problem}."


def _colour(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f'{key} must be a colour in quotes, like "#79B4A9"')
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f'{key} = {value!r} is not a colour (use "#rrggbb")') from None
    return value


def _fraction(value: Any, key: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{key} must be a number from 0 to 1")
    return float(value)


def _variables(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError('[variables] must be a table of name = "value" pairs')
    variables: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not _VARIABLE.fullmatch(key):
            raise ValueError(f"variable name {key!r} must be lower-case words joined by dashes")
        if not isinstance(value, str):
            raise ValueError(f"variable {key} must be a value in quotes")
        _variable_value(key, value.strip())
        variables[key] = value
    return variables


# The colours Textual derives every other theme colour from.
_BASE_COLOURS = frozenset((*_COLOURS, "border"))


def _variable_value(key: str, value: str) -> None:
    """Checked here, at load time: a value Textual cannot use crashes the app when the theme is
    chosen (the stylesheet is re-parsed then), so each must be a style or a colour."""
    if key.endswith("-style"):  # "bold", "b reverse", "bold not underline", "none"
        words = value.split()
        if not words or any(word not in STYLE_WORDS for word in words):
            raise ValueError(
                f"variable {key} = {value!r} is not a text style "
                f"(use words from: {', '.join(sorted(STYLE_WORDS))})"
            )
        return
    colour = _WITH_OPACITY.fullmatch(value)  # "#FFD400 40%" is a colour with an opacity
    if colour is None or colour["colour"] in ("auto", "initial"):
        # "auto" and "initial" suit a text or a component colour ("text" = "auto 87%"), but a
        # base colour set to them crashes the app when Textual derives the others from it.
        if (
            colour is None
            or key in _BASE_COLOURS
            or (colour["colour"] == "initial" and colour["percent"])
        ):
            raise ValueError(f'variable {key} = {value!r} is not a colour (use "#rrggbb")')
        return
    _colour(colour["colour"], f"variable {key}")


def theme_from_dict(data: dict[str, Any], path: Path) -> Theme:
    """A Textual Theme from one file's data; raises ValueError naming the problem."""
    if not isinstance(data, dict):
        raise ValueError("the file must hold key = value pairs")
    unknown = sorted(k for k in data if k not in _COLOURS and k not in _OTHER_KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(_COLOURS + _OTHER_KEYS)})")
    name = data.get("name", path.stem)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError('name must be letters, digits and dashes, like "my-theme"')
    if "primary" not in data:
        raise ValueError('primary is missing (the main colour, like "#79B4A9")')
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("dark must be true or false")
    colours: dict[str, Any] = {key: _colour(data[key], key) for key in _COLOURS if key in data}
    return Theme(
        name=name,
        dark=dark,
        luminosity_spread=_fraction(data.get("luminosity_spread"), "luminosity_spread", 0.15),
        text_alpha=_fraction(data.get("text_alpha"), "text_alpha", 0.95),
        variables=_variables(data.get("variables")),
        **colours,
    )


def theme_dirs(user_themes_dir: Path | None) -> list[Path]:
    """The shipped themes first, then the user's: a user file may replace a shipped theme."""
    from backjournal.service import shipped_themes_dir

    dirs = [shipped_themes_dir()]
    if user_themes_dir is not None:
        dirs.append(user_themes_dir)
    return dirs


def load_themes(dirs: Iterable[Path]) -> tuple[list[Theme], list[ThemeProblem]]:
    """Every readable theme in the folders, and a problem for each file that is not."""
    from backjournal.service import read_theme_files

    themes: list[Theme] = []
    problems: list[ThemeProblem] = []
    for path, data, error in read_theme_files(list(dirs)):
        path = Path(path)
        if error is not None or data is None:
            problems.append(ThemeProblem(path, str(error or "it could not be read").rstrip(".")))
            continue
        try:
            themes.append(theme_from_dict(data, path))
        except ValueError as problem:
            problems.append(ThemeProblem(path, str(problem)))
    return themes, problems


def install_themes(app: App, user_themes_dir: Path | None) -> list[ThemeProblem]:
    """Register every good theme with the app; returns the files that were skipped."""
    themes, problems = load_themes(theme_dirs(user_themes_dir))
    for theme in themes:
        app.register_theme(theme)
    return problems


def choose_theme(app: App, wanted: str) -> str:
    """The theme to show: the wanted one if it loaded, else the default, else Textual's own."""
    for name in (wanted, DEFAULT_THEME, LAST_RESORT_THEME):
        if name in app.available_themes:
            return name
    return LAST_RESORT_THEME


class ThemeGuard(App[int]):
    """An app no theme can crash: one Textual can't apply is dropped with a notice, and the last
    theme that applied comes back (what the user was typing stays where it was)."""

    _good_theme: str | None = None

    def set_theme_safely(self, name: str) -> bool:
        """Apply a registered theme; False (and a notice) when there is none of that name."""
        if name not in self.available_themes:
            self.notify(f"The theme {name!r} is not available.", title="Theme", severity="warning")
            return False
        self.theme = name
        return True

    def refresh_css(self, animate: bool = True) -> None:
        try:
            super().refresh_css(animate)
        except Exception:  # whatever Textual raises for a theme it can't use
            bad = self.theme
            fallback = next(
                (
                    name
                    for name in (self._good_theme, DEFAULT_THEME, LAST_RESORT_THEME)
                    if name is not None and name != bad and name in self.available_themes
                ),
                None,
            )
            if fallback is None or bad in (DEFAULT_THEME, LAST_RESORT_THEME):
                raise  # not a user theme's fault: a bug to see
            self.unregister_theme(bad)  # not offered again in the palette or Settings
            self.notify(
                f"The theme {bad} could not be applied: Textual refused one of its values. "
                f"Using {fallback} instead; fix or remove the theme's file.",
                title="Theme",
                severity="warning",
                timeout=12,
            )
            self.theme = fallback
            return
        self._good_theme = self.theme
