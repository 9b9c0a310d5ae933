"""The PSFS rules: activities, ratings, due dates, retiring, and change against the MIC."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backjournal.domain import psfs as rules
from backjournal.domain.codec import ShapeError
from backjournal.domain.errors import InputError
from backjournal.domain.models import Psfs, PsfsRating
from backjournal.domain.psfs_codec import psfs_from_dict, psfs_to_dict

D = date(2026, 3, 2)


def three(*names: str) -> Psfs:
    psfs = Psfs()
    for name in names or ("putting on socks", "sitting an hour", "lifting the kettle"):
        psfs = rules.add_activity(psfs, name)
    return psfs


def test_activities_get_short_ids_in_order_and_names_are_trimmed():
    psfs = rules.add_activity(three(), "  walking   to the shop ")
    assert [(a.id, a.name) for a in psfs.activities][-2:] == [
        ("3", "lifting the kettle"),
        ("4", "walking to the shop"),
    ]


def test_at_most_five_active_and_a_retired_one_frees_a_place():
    psfs = rules.add_activity(rules.add_activity(three(), "d"), "e")
    with pytest.raises(InputError, match="5 activities are active"):
        rules.add_activity(psfs, "f")
    psfs = rules.add_activity(rules.retire_activity(psfs, "2"), "f")
    assert [a.id for a in rules.active(psfs)] == ["1", "3", "4", "5", "6"]


def test_ids_are_never_reused_after_a_retire():
    psfs = rules.add_activity(rules.retire_activity(three(), "3"), "new one")
    assert [a.id for a in psfs.activities] == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "name",
    ["", "   ", "a\x1bb", "tab\there", "line\nbreak", "del\x7f", "c1\x85", "x" * 81, "\ud800", 5],
)
def test_bad_names_are_refused(name):
    with pytest.raises(InputError):
        rules.add_activity(Psfs(), name)
    with pytest.raises(InputError):
        rules.rename_activity(three(), "1", name)


def test_names_may_hold_any_printable_text_up_to_the_cap():
    psfs = rules.add_activity(Psfs(), "Schuhe anziehen 👟 <b>&" + "x" * 58)
    assert len(psfs.activities[0].name) == rules.NAME_MAX


def test_duplicate_active_names_are_refused_whatever_the_case():
    with pytest.raises(InputError, match="already activity 1"):
        rules.add_activity(three(), "PUTTING ON SOCKS")
    renamed = rules.rename_activity(three(), "1", "Putting On Socks")  # itself: fine
    assert renamed.activities[0].name == "Putting On Socks"
    with pytest.raises(InputError):
        rules.rename_activity(three(), "2", "putting on socks")
    # a retired name can be used again
    again = rules.add_activity(rules.retire_activity(three(), "1"), "putting on socks")
    assert again.activities[-1].id == "4"


def test_rate_needs_three_active_and_one_score_each():
    with pytest.raises(InputError, match="add at least 3"):
        rules.rate(rules.add_activity(Psfs(), "a"), D, [1])
    with pytest.raises(InputError, match="give 3 scores"):
        rules.rate(three(), D, [1, 2])
    with pytest.raises(InputError, match="give 3 scores"):
        rules.rate(three(), D, [1, 2, 3, 4])
    for bad in (["11", "2", "3"], ["-1", "2", "3"], ["x", "2", "3"], [True, 2, 3], ["1.5", 2, 3]):
        with pytest.raises(InputError):
            rules.rate(three(), D, bad)


def test_rating_scores_active_activities_in_order_and_replaces_the_same_day():
    psfs = rules.rate(rules.retire_activity(rules.add_activity(three(), "d"), "2"), D, ["4", 5, 6])
    assert psfs.ratings == (PsfsRating(D, {"1": 4, "3": 5, "4": 6}),)
    assert psfs.ratings[0].mean == 5.0
    psfs = rules.rate(psfs, D, [1, 1, 1])
    assert len(psfs.ratings) == 1 and psfs.ratings[0].mean == 1.0


def test_ratings_stay_sorted_by_date_whatever_order_they_are_given():
    psfs = three()
    for offset in (14, 0, 7):
        psfs = rules.rate(psfs, D + timedelta(days=offset), [offset % 10] * 3)
    assert [r.date for r in psfs.ratings] == [D, D + timedelta(days=7), D + timedelta(days=14)]


def test_retired_activity_keeps_its_history_and_cannot_be_retired_twice():
    psfs = rules.retire_activity(rules.rate(three(), D, [2, 3, 4]), "2")
    assert psfs.ratings[0].scores["2"] == 3
    assert rules.find(psfs, "2").retired
    with pytest.raises(InputError, match="already retired"):
        rules.retire_activity(psfs, "2")
    with pytest.raises(InputError, match="no activity '9'"):
        rules.retire_activity(psfs, "9")
    renamed = rules.rename_activity(psfs, "2", "sitting")
    assert rules.find(renamed, "2").name == "sitting" and rules.find(renamed, "2").retired


# ---------------------------------------------------------------------------- due


def test_due_needs_three_active_activities():
    assert not rules.is_due(Psfs(), D)
    assert not rules.is_due(rules.add_activity(Psfs(), "a"), D)
    assert rules.is_due(three(), D)  # never rated: due now
    assert rules.next_due(three(), D) == D


@pytest.mark.parametrize(
    ("days_since", "due"), [(0, False), (1, False), (6, False), (7, True), (30, True)]
)
def test_due_seven_days_after_the_last_rating(days_since, due):
    psfs = rules.rate(three(), D, [1, 2, 3])
    today = D + timedelta(days=days_since)
    assert rules.is_due(psfs, today) is due
    assert rules.next_due(psfs, today) == D + timedelta(days=7)


def test_a_rating_after_today_is_not_the_last_one_as_of_today():
    psfs = rules.rate(rules.rate(three(), D, [1, 2, 3]), D + timedelta(days=20), [1, 2, 3])
    assert rules.is_due(psfs, D + timedelta(days=8))


# ---------------------------------------------------------------------------- change and MIC


def test_change_is_against_the_first_rating_over_activities_both_scored():
    psfs = rules.rate(three(), D, [2, 3, 4])
    psfs = rules.retire_activity(psfs, "3")
    psfs = rules.add_activity(psfs, "d")
    psfs = rules.rate(psfs, D + timedelta(days=7), [5, 4, 9])
    change = rules.change_between(psfs)
    assert change is not None
    assert [a.id for a in change.activities] == ["1", "2"]
    assert (change.first_mean, change.last_mean, change.change) == (2.5, 4.5, 2.0)
    assert change.reaches_mic  # exactly 2 points
    assert [(a.change, a.reaches_mic) for a in change.activities] == [(3, True), (1, False)]


def test_change_just_under_the_mic_does_not_reach_it_and_a_drop_counts_too():
    psfs = rules.rate(three(), D, [5, 5, 5])
    up = rules.change_between(rules.rate(psfs, D + timedelta(days=7), [6, 7, 7]))
    down = rules.change_between(rules.rate(psfs, D + timedelta(days=7), [3, 3, 3]))
    assert up is not None and up.change == pytest.approx(1.67) and not up.reaches_mic
    assert down is not None and down.change == -2.0 and down.reaches_mic


def test_no_change_with_one_rating_or_nothing_in_common():
    psfs = rules.rate(three(), D, [1, 2, 3])
    assert rules.change_between(psfs) is None
    for activity_id in ("1", "2", "3"):
        psfs = rules.retire_activity(psfs, activity_id)
    for name in "abc":
        psfs = rules.add_activity(psfs, name)
    assert rules.change_between(rules.rate(psfs, D + timedelta(days=7), [5, 5, 5])) is None


def test_change_words_state_the_size_against_the_mic_and_never_judge():
    psfs = rules.rate(rules.rate(three(), D, [2, 2, 2]), D + timedelta(days=7), [5, 3, 1])
    change = rules.change_between(psfs)
    assert change is not None
    text = "\n".join(rules.change_lines(change))
    assert "+1.0 points, smaller than the 2-point change" in text
    assert "putting on socks: 2 to 5 (+3, at least the 3-point change" in text
    assert "lifting the kettle: 2 to 1 (-1, smaller than the 3-point change" in text
    for verdict in ("improv", "better", "worse", "success", "fail", "good", "bad"):
        assert verdict not in text.lower()


def test_change_between_a_period_uses_its_first_and_last_rating():
    psfs = three()
    for week, score in enumerate((1, 4, 8)):
        psfs = rules.rate(psfs, D + timedelta(weeks=week), [score] * 3)
    change = rules.change_between(psfs, D + timedelta(days=1), None)
    assert change is not None and change.first_mean == 4 and change.last_mean == 8


@given(
    st.lists(st.integers(0, 10), min_size=3, max_size=3),
    st.lists(st.integers(0, 10), min_size=3, max_size=3),
)
def test_change_is_the_difference_of_means_and_the_mic_is_symmetric(first, last):
    psfs = rules.rate(rules.rate(three(), D, first), D + timedelta(days=7), last)
    change = rules.change_between(psfs)
    assert change is not None
    assert change.change == pytest.approx(sum(last) / 3 - sum(first) / 3, abs=0.005)
    back = rules.change_between(
        rules.rate(rules.rate(three(), D, last), D + timedelta(days=7), first)
    )
    assert back is not None and back.reaches_mic == change.reaches_mic
    assert [a.reaches_mic for a in change.activities] == [
        abs(b - a) >= rules.MIC_ACTIVITY for a, b in zip(first, last, strict=True)
    ]


# ---------------------------------------------------------------------------- codec


def test_codec_round_trips_activities_ratings_and_retired():
    psfs = rules.retire_activity(rules.rate(three(), D, [1, 2, 3]), "2")
    assert psfs_from_dict(psfs_to_dict(psfs)) == psfs


@pytest.mark.parametrize(
    "doc",
    [
        {"activities": [{"id": 1, "name": "a"}], "ratings": []},
        {"activities": [{"id": "01", "name": "a"}], "ratings": []},
        {"activities": [{"id": "1", "name": "a\x1b"}], "ratings": []},
        {"activities": [{"id": "1", "name": " a"}], "ratings": []},
        {"activities": [{"id": "1", "name": "a", "retired": "yes"}], "ratings": []},
        {"activities": [{"id": "1", "name": "a"}, {"id": "1", "name": "b"}], "ratings": []},
        {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": "2026-01-01", "scores": {"2": 1}}],
        },
        {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": "2026-01-01", "scores": {"1": 11}}],
        },
        {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": "2026-01-01", "scores": {}}],
        },
        {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": "2026-02-30", "scores": {"1": 1}}],
        },
        {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": "2026-01-01", "scores": {"1": 1}}] * 2,
        },
        {"activities": {}, "ratings": []},
        [],
    ],
)
def test_codec_refuses_wrong_shapes(doc):
    with pytest.raises(ShapeError):
        psfs_from_dict(doc)


def test_markdown_section_lists_ratings_and_the_change_with_names_escaped():
    psfs = rules.rename_activity(three(), "1", "# <b>socks</b> | *x*")
    psfs = rules.rate(rules.rate(psfs, D, [2, 2, 2]), D + timedelta(days=7), [6, 4, 2])
    text = "\n".join(rules.markdown_lines(psfs, None, None))
    assert "| 2026-03-02 | 2 | 2 | 2 | 2.0 |" in text
    assert "| 2026-03-09 | 6 | 4 | 2 | 4.0 |" in text
    assert "<b>" not in text and "\\<b\\>" in text and "\\|" in text and "\\# " in text
    assert "+2.0 points, at least the 2-point change" in text
