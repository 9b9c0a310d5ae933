"""The settings file: <config dir>/settings.json, read leniently only when missing, written atomically."""

from __future__ import annotations

from pathlib import Path

import orjson

from backjournal.domain.errors import InputError
from backjournal.domain.settings import Settings
from backjournal.storage.atomic import ensure_dir, write_atomic
from backjournal.storage.errors import SettingsError


def load_settings(path: Path) -> Settings:
    """The saved settings; a missing file means the defaults, a broken one raises SettingsError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        raise SettingsError(path, f"cannot be read ({error.strerror or error})") from error
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise SettingsError(path, f"is not valid JSON ({error})") from None
    try:
        return Settings.from_dict(data)
    except InputError as error:
        raise SettingsError(path, f"{error.field}: {error.problem}") from None


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically with mode 0600; raises StoreWriteError on failure."""
    ensure_dir(path.parent)
    write_atomic(path, orjson.dumps(settings.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
