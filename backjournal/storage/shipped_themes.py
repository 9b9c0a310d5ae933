"""Where the shipped theme files are: inside the installed package, or the checkout's themes/."""

from __future__ import annotations

from pathlib import Path


def shipped_themes_dir() -> Path:
    """The folder holding the themes that ship with backjournal."""
    try:
        from importlib.resources import files

        located = Path(str(files("backjournal.themes")))
        if located.is_dir() and any(located.glob("*.toml")):
            return located
    except (ModuleNotFoundError, TypeError):
        pass
    # Running from a source checkout without an install: the top-level themes/ folder.
    return Path(__file__).resolve().parents[2] / "themes"
