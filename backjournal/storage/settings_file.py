"""The settings file: <config dir>/settings.json, read leniently, written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson

from backjournal.domain.settings import Settings
from backjournal.storage.atomic import ensure_dir, write_atomic
from backjournal.storage.errors import SettingsError

SETTINGS_MAX_BYTES = 1024 * 1024  # a settings file is a few hundred bytes


def read_settings(path: Path) -> tuple[Settings, list[SettingsError]]:
    """The saved settings and what was wrong with them. Whatever the file holds, this returns:
    a missing file gives the defaults, a bad value its default, a file that cannot be read or
    parsed (or a pipe or device in its place, never waited on) all the defaults."""
    try:
        raw = _read_regular(path)
    except FileNotFoundError:
        return Settings(), []
    except SettingsError as error:
        return Settings(), [error]
    except OSError as error:
        return Settings(), [SettingsError(path, f"cannot be read ({error.strerror or error})")]
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return Settings(), [SettingsError(path, f"is not valid JSON ({error})")]
    settings, problems = Settings.read(data)
    return settings, [SettingsError(path, f"{p.field}: {p.problem}") for p in problems]


def load_settings(path: Path) -> Settings:
    """The saved settings; a missing file means the defaults, any problem raises SettingsError."""
    settings, problems = read_settings(path)
    if problems:
        raise problems[0]
    return settings


def _read_regular(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO in the file's place must not hang the nightly entry; fstat refuses it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SettingsError(path, "is not a regular file")
        if info.st_size > SETTINGS_MAX_BYTES:
            raise SettingsError(path, f"is {info.st_size:,} bytes, too large to be settings")
        return os.read(fd, SETTINGS_MAX_BYTES + 1)
    finally:
        os.close(fd)


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically with mode 0600; raises StoreWriteError on failure."""
    ensure_dir(path.parent)
    write_atomic(path, orjson.dumps(settings.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
