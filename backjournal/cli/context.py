"""What every command gets: the journal service, opened from the options and environment."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from backjournal.domain.text import visible
from backjournal.service import JournalService, Paths, open_journal


@dataclass
class Context:
    """What every command needs: where things live and the journal service."""

    paths: Paths
    service: JournalService
    settings_problem: str | None = None


def open_context(data_dir: str | None) -> Context:
    service = open_journal(data_dir)
    if service.settings_problem:
        warning = f"backjournal: warning: {service.settings_problem}"
        print(visible(warning, newlines=False), file=sys.stderr)
    return Context(paths=service.paths, service=service, settings_problem=service.settings_problem)
