"""Errors the domain raises; the CLI maps them to exit codes."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Bad input from the user: names the field and the problem (exit 2)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class AdvisorRefusal(Exception):
    """The advisor refused an action (too soon) and the user did not override (exit 3)."""

    def __init__(self, message: str, warnings: list[Any] | None = None) -> None:
        super().__init__(message)
        self.warnings = warnings or []
