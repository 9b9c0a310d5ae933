"""Storage: the only code that touches TinyDB and the disk."""

from backjournal.storage.backups import BackupInfo
from backjournal.storage.clock import NOW_ENV, system_clock
from backjournal.storage.errors import (
    BackupNotFound,
    JournalNotEmpty,
    JournalUnusable,
    SettingsError,
    StoreWriteError,
)
from backjournal.storage.paths import Paths, resolve_paths
from backjournal.storage.settings_file import load_settings, read_settings, save_settings
from backjournal.storage.store import Store
from backjournal.storage.verify import JournalProblem


def __getattr__(name: str) -> object:
    # Theme files need tomllib, which only the app and `locate` use: imported on first use.
    if name == "read_theme_files":
        from backjournal.storage.themes import read_theme_files

        return read_theme_files
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BackupInfo",
    "BackupNotFound",
    "JournalNotEmpty",
    "JournalProblem",
    "JournalUnusable",
    "Paths",
    "SettingsError",
    "Store",
    "StoreWriteError",
    "NOW_ENV",
    "load_settings",
    "read_settings",
    "read_theme_files",
    "resolve_paths",
    "save_settings",
    "system_clock",
]
