"""Errors the storage raises; the CLI maps JournalUnusable to exit 4."""

from __future__ import annotations

from pathlib import Path


class JournalUnusable(Exception):
    """The journal cannot be used: corrupt, unreadable, too new, or locked. Nothing was changed."""

    def __init__(self, path: Path, problem: str, hint: str = "") -> None:
        self.path = Path(path)
        self.problem = problem.rstrip(".")
        self.hint = hint
        super().__init__(f"{self.path}: {self.problem}. {hint}".rstrip())


class StoreWriteError(Exception):
    """A write failed (disk full, I/O error, read-only): the previous journal is intact."""

    def __init__(
        self, path: Path, error: OSError | str, detail: str = "the journal was not changed"
    ) -> None:
        self.path = Path(path)
        self.error = error
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else error
        super().__init__(f"{self.path}: could not write ({reason}); {detail}")


class JournalNotEmpty(Exception):
    """An import or demo found the journal holding data under the write lock: nothing was written."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: the journal is not empty")


class BackupNotFound(LookupError):
    """There is no backup for the requested day."""


class SettingsError(ValueError):
    """The settings file cannot be read; the caller decides whether to use defaults."""

    def __init__(self, path: Path, problem: str, hint: str = "fix or remove the file") -> None:
        self.path = Path(path)
        self.problem = problem
        self.hint = hint
        super().__init__(f"{self.path}: {problem}. {hint}")
