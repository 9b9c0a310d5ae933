"""The CLI for the same night (issue 10): several ticks at once, forgiving names, --append, dates, demo."""

from __future__ import annotations

import json

import pytest

D = "2026-01-05"


def ticks(bj, day=D):
    result = bj("show", "--date", day, "--json")
    assert result.code == 0, result.err
    return sorted(t["exercise"] for t in json.loads(result.out)["ticks"])


def test_several_exercises_in_one_command_by_id_or_name_in_any_case(bj):
    result = bj("tick", "--date", D, "pelvic tilt", "Chin-Tuck", "MARCH-IN-PLACE")
    assert result.code == 0, result.err
    assert ticks(bj) == ["chin-tuck", "march-in-place", "pelvic-tilt"]
    assert "Ticked 3" in result.out


def test_a_whole_routine(bj):
    assert bj("tick", "--date", D, "chin tuck").code == 0
    result = bj("tick", "--date", D, "--routine", "mobility")
    assert result.code == 0, result.err
    assert ticks(bj) == sorted(
        ["march-in-place", "chin-tuck", "cat-cow", "pelvic-tilt", "knee-to-chest"]
        + ["cool-down-breathing"]
    )
    assert "Already ticked, left as they were: Chin tuck" in result.out


def test_one_typo_and_nothing_is_ticked(bj, data_dir, fingerprint):
    assert bj("log", "--date", D, "--pain", "2").code == 0
    before = fingerprint(data_dir)
    result = bj("tick", "--date", D, "chin-tuck", "pelvik-tilt")
    assert result.code == 2
    assert "did you mean pelvic-tilt?" in result.err
    assert fingerprint(data_dir) == before


def test_one_too_soon_and_nothing_is_ticked(bj, data_dir, fingerprint):
    assert bj("episode", "start", "--date", D).code == 0
    before = fingerprint(data_dir)
    result = bj("tick", "--date", D, "chin-tuck", "bridge")
    assert result.code == 3 and "too soon" in result.err
    assert fingerprint(data_dir) == before
    assert bj("tick", "--date", D, "chin-tuck", "bridge", "--anyway").code == 0
    assert ticks(bj) == ["bridge", "chin-tuck"]


def test_untick_by_name(bj):
    assert bj("tick", "--date", D, "pelvic-tilt").code == 0
    result = bj("untick", "Pelvic Tilt", "--date", D)
    assert result.code == 0 and ticks(bj) == []


def test_area_labels_as_the_app_shows_them(bj):
    result = bj("log", "--date", D, "--pain", "3", "--area", "Lower Back", "--area", "left leg")
    assert result.code == 0, result.err
    entry = json.loads(bj("show", "--date", D, "--json").out)["entry"]
    assert entry["areas"] == ["lower-back", "leg-left"]
    bad = bj("log", "--date", D, "--pain", "3", "--area", "lower bak")
    assert bad.code == 2 and "did you mean lower-back?" in bad.err


def test_log_note_append(bj):
    assert bj("log", "--date", D, "--pain", "3", "--note", "Stiff after the drive").code == 0
    assert bj("log", "--date", D, "--note", "Better after the walk", "--append").code == 0
    entry = json.loads(bj("show", "--date", D, "--json").out)["entry"]
    assert entry["notes"] == "Stiff after the drive\nBetter after the walk"
    assert entry["pain"] == 3
    assert bj("log", "--date", D, "--append", "--pain", "4").code == 2


@pytest.mark.parametrize("text", ["2 weeks ago", "a week ago", "last week"])
def test_relative_dates(bj, text):
    result = bj("log", "--date", text, "--pain", "2")
    assert result.code == 0, result.err


def test_tomorrow_is_refused_as_the_future(bj, data_dir, fingerprint):
    result = bj("log", "--date", "tomorrow", "--pain", "2")
    assert result.code == 2
    assert "is in the future" in result.err and "could not read" not in result.err
    assert fingerprint(data_dir) == {}


def test_demo_says_how_to_try_it_elsewhere_and_clear_removes_only_demo_data(bj, data_dir):
    made = bj("demo", "--days", "40")
    assert made.code == 0, made.err
    assert "--data-dir" in made.out
    # EOF at the question: nothing changed, non-zero.
    refused = bj("demo", "--clear", stdin="")
    assert refused.code != 0 and "Nothing changed" in refused.out
    assert (data_dir / "journal-meta.json").exists()
    cleared = bj("demo", "--clear", stdin="y\n")
    assert cleared.code == 0, cleared.err
    assert not (data_dir / "journal-meta.json").exists()
    assert not list(data_dir.glob("journal-*.json"))
    kinds = [b["kind"] for b in json.loads(bj("backups", "--json").out)]
    assert "before-clear" in kinds  # a copy of the demo journal was kept


def test_demo_clear_refuses_a_journal_with_the_users_own_entries(bj, data_dir, fingerprint):
    assert bj("demo", "--days", "30").code == 0
    assert bj("log", "--date", "yesterday", "--note", "mine", "--append").code == 0
    before = fingerprint(data_dir)
    result = bj("demo", "--clear", "--yes")
    assert result.code == 2 and "more than the demo data" in result.err
    assert fingerprint(data_dir) == before


def test_demo_clear_refuses_a_journal_never_filled_by_demo(bj, data_dir, fingerprint):
    assert bj("log", "--date", D, "--pain", "2").code == 0
    before = fingerprint(data_dir)
    result = bj("demo", "--clear", "--yes")
    assert result.code == 2 and "not filled by" in result.err
    assert fingerprint(data_dir) == before
