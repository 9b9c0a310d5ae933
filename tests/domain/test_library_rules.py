"""Ids from names and unique exercise names: the library's rules, outside any screen."""

from __future__ import annotations

import pytest

from backjournal.domain.errors import InputError
from backjournal.domain.exercises import BUILTIN_EXERCISES
from backjournal.domain.library_rules import check_new_exercise, new_routine_id, slug
from backjournal.domain.models import Exercise


def exercise(name: str) -> Exercise:
    return Exercise(
        id=slug(name),
        name=name,
        kind="mobility",
        region="lower-back",
        sets=None,
        reps=5,
        hold_s=None,
        sides="one",
        how_to="",
        caution="",
    )


def test_slug_makes_kebab_case_ids():
    assert slug("Wall slide (easy)") == "wall-slide-easy"
    assert slug("  ---  ") == ""
    assert len(slug("x" * 100)) == 60


def test_new_routine_ids_are_numbered_past_those_taken():
    assert new_routine_id("Evening", []) == "evening"
    assert new_routine_id("Evening", ["evening"]) == "evening-2"
    assert new_routine_id("Evening", ["evening", "evening-2"]) == "evening-3"
    assert new_routine_id("!!!", []) == "routine"
    assert new_routine_id("!!!", ["routine"]) == "routine-2"


def test_a_new_exercise_needs_a_name_nobody_has():
    library = {e.id: e for e in BUILTIN_EXERCISES}
    check_new_exercise(exercise("Wall slide"), library)  # new: accepted
    library["wall-slide"] = exercise("Wall slide")
    with pytest.raises(InputError, match="already an exercise called"):
        check_new_exercise(exercise("Wall  Slide!"), library)  # the same id, spelled otherwise
    with pytest.raises(InputError, match="give the exercise a name"):
        check_new_exercise(exercise("  "), library)
