"""Forgiving names (issue 10, CLI): ids, display names and area labels in any case, with suggestions."""

from __future__ import annotations

import pytest

from backjournal.domain.entries import choices, find_exercise, find_routine, with_note_added
from backjournal.domain.errors import InputError
from backjournal.domain.models import Entry
from backjournal.domain.vocab import AREA_LABELS, AREAS


@pytest.mark.parametrize(
    "text", ["pelvic-tilt", "Pelvic-Tilt", "pelvic tilt", "PELVIC_TILT", "  Pelvic   tilt "]
)
def test_ids_and_names_match_in_any_case(jb, text):
    assert find_exercise(jb.build(), text).id == "pelvic-tilt"


def test_a_display_name_with_punctuation(jb):
    assert find_exercise(jb.build(), "psoas (hip flexor) stretch").id == "psoas-stretch"


@pytest.mark.parametrize("text,hint", [("pelvik-tilt", "pelvic-tilt"), ("brige", "bridge")])
def test_a_typo_gets_a_suggestion(jb, text, hint):
    with pytest.raises(InputError) as error:
        find_exercise(jb.build(), text)
    assert f"did you mean {hint}?" in error.value.problem


def test_no_suggestion_for_nonsense_and_punctuation_still_counts(jb):
    with pytest.raises(InputError) as error:
        find_exercise(jb.build(), "zzzz")
    assert "did you mean" not in error.value.problem
    with pytest.raises(InputError, match="did you mean walk"):
        find_exercise(jb.build(), "../walk")  # refused, though close


def test_routines_by_id_or_name(jb):
    assert find_routine(jb.build(), "Gentle Mobility").id == "mobility"
    with pytest.raises(InputError, match="did you mean stretching"):
        find_routine(jb.build(), "streching")


def test_area_labels_as_the_app_shows_them():
    assert choices(["Lower back", "left leg", "neck"], AREAS, "area", AREA_LABELS) == (
        "neck",
        "lower-back",
        "leg-left",
    )
    with pytest.raises(InputError, match="did you mean lower-back"):
        choices(["lower bak"], AREAS, "area", AREA_LABELS)


def test_a_note_is_added_on_a_new_line():
    changes = with_note_added(Entry(pain=2, notes="Stiff\n"), {"notes": "Better"}, "Better")
    assert changes["notes"] == "Stiff\nBetter"
    assert with_note_added(None, {"notes": "First"}, "First")["notes"] == "First"
    assert with_note_added(Entry(pain=2), {"notes": "x"}, "x")["notes"] == "x"
