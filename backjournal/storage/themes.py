"""Theme files: every *.toml in the given folders, parsed or with the reason it could not be."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def read_theme_files(dirs: Iterable[Path]) -> list[tuple[Path, dict[str, Any] | None, str | None]]:
    """(path, parsed, None) or (path, None, error) for each theme file, folder by folder, by name."""
    found: list[tuple[Path, dict[str, Any] | None, str | None]] = []
    for folder in dirs:
        try:
            paths = sorted(p for p in Path(folder).iterdir() if p.suffix == ".toml" and p.is_file())
        except OSError:
            continue  # a missing themes folder simply has no themes
        for path in paths:
            try:
                found.append((path, tomllib.loads(path.read_text(encoding="utf-8")), None))
            except OSError as error:
                found.append((path, None, f"cannot be read ({error.strerror or error})"))
            except UnicodeDecodeError as error:
                found.append(
                    (path, None, f"is not UTF-8 text ({error.reason} at byte {error.start})")
                )
            except tomllib.TOMLDecodeError as error:
                found.append((path, None, f"is not valid TOML ({error})"))
    return found
