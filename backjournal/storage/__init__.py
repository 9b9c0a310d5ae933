"""Storage: the only code that touches TinyDB and the disk."""

from backjournal.storage.backups import BackupInfo
from backjournal.storage.errors import BackupNotFound, JournalUnusable, SettingsError, StoreWriteError
from backjournal.storage.paths import Paths, resolve_paths
from backjournal.storage.settings_file import load_settings, save_settings
from backjournal.storage.store import Store
from backjournal.storage.themes import read_theme_files

__all__ = [
    "BackupInfo",
    "BackupNotFound",
    "JournalUnusable",
    "Paths",
    "SettingsError",
    "Store",
    "StoreWriteError",
    "load_settings",
    "read_theme_files",
    "resolve_paths",
    "save_settings",
]
