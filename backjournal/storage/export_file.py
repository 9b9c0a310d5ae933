"""Writing an export file: health data, so 0600 whatever the umask, and atomic."""

from __future__ import annotations

from pathlib import Path

from backjournal.storage.atomic import write_atomic


def write_export_file(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) through a 0600 temp file; raises StoreWriteError."""
    write_atomic(path, text.encode("utf-8"))
