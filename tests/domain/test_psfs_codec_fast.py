"""The PSFS ratings' fast decoding accepts exactly what the checked path accepts, decoded the same."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.codec import ShapeError
from backjournal.domain.psfs_codec import _rating_fast, psfs_from_parts, rating_from_dict

KNOWN = {"1", "2", "3"}
# Values that look alike to Python (1 == True == 1.0) but are different JSON, out of range, wrong type.
SCORE = st.sampled_from([None, True, False, 0, 1, 1.0, 5, 10, 11, -1, "3", [], {}])
KEY = st.sampled_from(["1", "2", "3", "4", "0", "01", "x", ""])
DATE = st.sampled_from(
    [None, 3, "", "2026-11-30", "2026-02-30", "20261130", "0001-01-01", "9999-12-31", "nope"]
)
DOC = st.one_of(
    st.fixed_dictionaries(
        {}, optional={"date": DATE, "scores": st.one_of(SCORE, st.dictionaries(KEY, SCORE))}
    ),
    SCORE,
)


def checked(doc: object) -> object:
    try:
        return rating_from_dict(doc, KNOWN)
    except ShapeError as error:
        return ("refused", error.where, error.problem)


@settings(max_examples=400, deadline=None)
@given(DOC)
def test_fast_path_is_the_checked_path_or_defers_to_it(doc):
    fast = _rating_fast(doc, KNOWN)
    if fast is not None:  # what it decodes, the checked path decodes the same
        assert fast == checked(doc)


def test_a_good_rating_takes_the_fast_path_and_a_bad_one_gets_the_checked_message():
    good = {"date": "2026-11-30", "scores": {"1": 4, "2": 0, "3": 10}}
    assert _rating_fast(good, KNOWN) == rating_from_dict(good, KNOWN)
    assert _rating_fast(good, KNOWN).scores == {"1": 4, "2": 0, "3": 10}
    activities = [{"id": i, "name": f"task {i}"} for i in sorted(KNOWN)]
    psfs = psfs_from_parts(activities, [good])
    assert [r.date for r in psfs.ratings] == [date(2026, 11, 30)]
    with pytest.raises(ShapeError, match="must be a whole number from 0 to 10, got True"):
        psfs_from_parts(activities, [{"date": "2026-11-30", "scores": {"1": True}}])
    with pytest.raises(ShapeError, match="scores an unknown activity '4'"):
        psfs_from_parts(activities, [{"date": "2026-11-30", "scores": {"4": 3}}])
