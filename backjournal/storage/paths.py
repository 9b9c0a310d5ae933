"""Where the journal, the settings and the user's themes live, and the journal's file names."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "backjournal"
META_FILE = "journal-meta.json"
LOCK_FILE = ".lock"
BACKUPS_DIR = "backups"
_YEAR_FILE = re.compile(r"journal-(\d{4})\.json")


@dataclass(frozen=True)
class Paths:
    """The data and config locations for one run."""

    data_dir: Path
    config_dir: Path
    config_file: Path
    user_themes_dir: Path


def resolve_paths(data_dir: str | None = None, env: Mapping[str, str] = os.environ) -> Paths:
    """--data-dir, then BACKJOURNAL_DATA_DIR, then platformdirs; config from BACKJOURNAL_CONFIG_DIR or platformdirs."""
    chosen = data_dir or env.get("BACKJOURNAL_DATA_DIR")
    config = env.get("BACKJOURNAL_CONFIG_DIR")
    if not chosen or not config:
        import platformdirs  # only when needed: it costs a few ms of every command's start

        chosen = chosen or platformdirs.user_data_dir(APP_NAME)
        config = config or platformdirs.user_config_dir(APP_NAME)
    data = Path(chosen).expanduser().absolute()
    config_dir = Path(config).expanduser().absolute()
    return Paths(
        data_dir=data,
        config_dir=config_dir,
        config_file=config_dir / "settings.json",
        user_themes_dir=config_dir / "themes",
    )


def year_file_name(year: int) -> str:
    return f"journal-{year:04d}.json"


def year_of(name: str) -> int | None:
    """The year a journal file name stands for, or None when it is not a year file."""
    match = _YEAR_FILE.fullmatch(name)
    return int(match.group(1)) if match else None


def is_journal_file(name: str) -> bool:
    return name == META_FILE or year_of(name) is not None
