"""Resolving paths and settings, and opening the store and service they describe."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from backjournal.domain.errors import InputError
from backjournal.domain.text import visible
from backjournal.service import JournalService
from backjournal.storage import Paths, Store, read_settings, resolve_paths


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
    # A broken settings file must not stop the nightly entry; it is left untouched, and each bad
    # value falls back to its default.
    settings, problems = read_settings(paths.config_file)
    if problems:
        problem = (
            f"{paths.config_file}: {'; '.join(p.problem for p in problems)}. "
            "Fix or remove the file; until then the default is used for each value named"
        )
        print(visible(f"backjournal: warning: {problem}", newlines=False), file=sys.stderr)
    service = JournalService(Store(paths.data_dir), settings)
    return Context(paths=paths, service=service, settings_problem=problem)
