"""Rules for naming things in the library: ids made from names, and names that must be new."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from backjournal.domain.errors import InputError
from backjournal.domain.models import Exercise

MAX_ID_LENGTH = 60


def slug(text: str) -> str:
    """A kebab-case id from a name: 'Wall slide (easy)' -> 'wall-slide-easy'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")


def new_routine_id(name: str, taken: Iterable[str]) -> str:
    """An id for a new routine named `name`: its slug, numbered (-2, -3...) past those taken."""
    used = set(taken)
    base = slug(name) or "routine"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_new_exercise(exercise: Exercise, library: Mapping[str, Exercise]) -> None:
    """A new exercise needs a name, and one no exercise in the library has (ids come from names)."""
    if not exercise.id:
        raise InputError("name", "give the exercise a name")
    if exercise.id in library:
        raise InputError("name", f"there is already an exercise called {exercise.name!r}")
