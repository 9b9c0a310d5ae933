"""The three-way merge of a day's fields, and a save onto a day changed elsewhere meanwhile."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backjournal.domain.errors import InputError
from backjournal.domain.merge import (
    SaveConflict,
    both_notes,
    changes_to_write,
    entry_fields,
    merge,
    save_onto,
)
from backjournal.domain.models import Day, Entry, Tick

KEYS = st.sampled_from(["pain", "worst", "notes", "tags", "rest"])
VALUES = st.one_of(st.none(), st.integers(0, 10), st.text(max_size=5), st.booleans())
FIELDS = st.dictionaries(KEYS, VALUES)
DAY = date(2026, 11, 20)
# No deadline: the machine is shared, and a slow example is not a wrong one.
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(FIELDS, FIELDS)
def test_the_same_change_on_both_sides_is_that_change(base, a):
    assert merge(base, a, a).values == a
    assert merge(base, a, a).conflicts == ()


@PROPS
@given(FIELDS, FIELDS)
def test_a_change_on_one_side_only_is_taken(base, b):
    assert merge(base, base, b).values == b
    assert merge(base, b, base).values == b
    assert merge(base, base, b).conflicts == merge(base, b, base).conflicts == ()


@PROPS
@given(FIELDS, FIELDS, FIELDS)
def test_a_conflict_is_only_where_both_sides_changed_a_field_differently(base, a, b):
    result = merge(base, a, b)
    missing = object()
    for key in result.conflicts:
        ours, theirs, was = a.get(key, missing), b.get(key, missing), base.get(key, missing)
        assert ours != was and theirs != was and ours != theirs
    for key in set(base) | set(a) | set(b):
        if key not in result.conflicts:
            ours, theirs, was = a.get(key, missing), b.get(key, missing), base.get(key, missing)
            expected = theirs if ours == was else ours
            assert result.values.get(key, missing) == expected


def test_disjoint_changes_are_both_kept():
    base = {"pain": 3, "notes": "", "tags": ()}
    result = merge(base, {**base, "pain": 5}, {**base, "notes": "from the CLI"})
    assert result.values == {"pain": 5, "notes": "from the CLI", "tags": ()}
    assert result.conflicts == ()


def stored(**fields) -> Day:
    return Day(DAY, Entry(**{"pain": 3, **fields}), {"cat-cow": Tick("cat-cow", 1, 10)})


def test_a_field_changed_only_elsewhere_is_not_written_over():
    base = entry_fields(Entry(pain=3))
    now = stored(notes="written by backjournal log")
    saved = save_onto(now, {"pain": 6}, base)
    assert saved.entry == Entry(pain=6, notes="written by backjournal log")
    assert saved.ticks == now.ticks  # ticks from elsewhere stay


def test_a_field_changed_on_both_sides_is_a_conflict_naming_both_values():
    base = entry_fields(Entry(pain=3))
    with pytest.raises(SaveConflict) as raised:
        save_onto(stored(pain=7, notes="elsewhere"), {"pain": 6, "notes": "here"}, base)
    conflict = raised.value
    assert (conflict.day, conflict.fields) == (DAY, ("pain", "notes"))
    assert conflict.mine == {"pain": 6, "notes": "here"}
    assert (conflict.theirs["pain"], conflict.theirs["notes"]) == (7, "elsewhere")


def test_the_same_value_on_both_sides_is_no_conflict_and_nothing_to_write():
    assert changes_to_write(stored(pain=6), {"pain": 6}, entry_fields(Entry(pain=3))) == {}
    day = stored(pain=6)
    assert save_onto(day, {"pain": 6}, entry_fields(Entry(pain=3))) is day


def test_a_new_day_logged_elsewhere_meanwhile_conflicts_on_pain_and_keeps_the_rest():
    base = entry_fields(None)
    with pytest.raises(SaveConflict) as raised:
        save_onto(stored(pain=2, tags=("walk",)), {"pain": 5, "mood": 7}, base)
    assert raised.value.fields == ("pain",)
    assert save_onto(stored(pain=2, tags=("walk",)), {"mood": 7}, base).entry == Entry(
        pain=2, tags=("walk",), mood=7
    )


def test_bad_input_is_refused_before_any_merge():
    with pytest.raises(InputError):
        save_onto(stored(), {"pain": 11}, entry_fields(Entry(pain=3)))


@pytest.mark.parametrize(
    ("mine", "theirs", "both"),
    [
        ("mine", "theirs", "theirs\n\nmine"),
        ("", "theirs", "theirs"),
        ("mine", "", "mine"),
        ("same", "same", "same"),
        ("start and more", "start", "start and more"),
    ],
)
def test_both_notes_keeps_each_once(mine, theirs, both):
    assert both_notes(mine, theirs) == both
