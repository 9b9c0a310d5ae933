"""Resolving paths and settings, and opening the store and service they describe."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from backjournal.domain.errors import InputError
from backjournal.domain.settings import Settings
from backjournal.service import JournalService
from backjournal.storage import Paths, SettingsError, Store, load_settings, resolve_paths


@dataclass
class Context:
    """What every command needs: where things live and the journal service."""

    paths: Paths
    service: JournalService
    settings_problem: str | None = None


def open_context(data_dir: str | None) -> Context:
    if data_dir is not None and not data_dir.strip():
        raise InputError("data-dir", "is empty; give the journal's folder, or leave the option out")
    paths = resolve_paths(data_dir)
    problem = None
    try:
        settings = load_settings(paths.config_file)
    except (InputError, SettingsError) as error:
        # A broken settings file must not stop the nightly entry; it is left untouched.
        problem = f"{error}; using default settings"
        print(f"backjournal: warning: {problem}", file=sys.stderr)
        settings = Settings()
    service = JournalService(Store(paths.data_dir), settings)
    return Context(paths=paths, service=service, settings_problem=problem)
