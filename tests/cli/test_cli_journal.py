"""Every command through the real entry point: what it prints and what it stores."""

from __future__ import annotations

import json

import pytest

# The real console script on the real clock: every "today" here is the journal day.
pytestmark = pytest.mark.journal_day

D = "2026-01-05"


def show(bj, day=D):
    result = bj("show", "--date", day, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_log_then_show(bj):
    result = bj(
        "log",
        "--date",
        D,
        "--pain",
        "4",
        "--worst",
        "6",
        "--area",
        "lower-back",
        "--area",
        "leg-left",
        "--sleep",
        "5",
        "--mood",
        "7",
        "--note",
        "Bent to lift the laundry 🧺",
        "--tag",
        "laundry",
        "--rest",
    )
    assert result.code == 0, result.err
    entry = show(bj)["entry"]
    assert entry["pain"] == 4 and entry["worst"] == 6
    assert entry["areas"] == ["lower-back", "leg-left"]
    assert entry["sleep"] == 5 and entry["mood"] == 7
    assert entry["notes"] == "Bent to lift the laundry 🧺"
    assert entry["tags"] == ["laundry"] and entry["rest"] is True


def test_log_update_replaces_given_fields_and_keeps_others(bj):
    assert bj("log", "--date", D, "--pain", "4", "--sleep", "5", "--tag", "a").code == 0
    assert bj("log", "--date", D, "--mood", "8", "--tag", "b").code == 0
    entry = show(bj)["entry"]
    assert entry["pain"] == 4 and entry["sleep"] == 5 and entry["mood"] == 8
    assert entry["tags"] == ["b"]


def test_new_day_needs_pain(bj, fingerprint, data_dir):
    result = bj("log", "--date", D, "--sleep", "5")
    assert result.code == 2
    assert "pain" in result.err
    assert not data_dir.exists()


def test_tick_and_untick(bj):
    assert bj("tick", "pelvic-tilt", "--date", D).code == 0
    assert bj("tick", "pelvic-tilt", "--date", D, "--reps", "12").code == 0  # ticking again updates
    ticks = show(bj)["ticks"]
    assert [t["exercise"] for t in ticks] == ["pelvic-tilt"]
    assert ticks[0]["reps"] == 12 and ticks[0]["overridden"] is False
    assert bj("untick", "pelvic-tilt", "--date", D).code == 0
    assert show(bj)["ticks"] == []


def test_too_soon_is_refused_with_exit_3_and_nothing_written(bj, fingerprint, data_dir):
    assert bj("episode", "start", "--date", D).code == 0
    before = fingerprint(data_dir)
    result = bj("tick", "bridge", "--date", "2026-01-07")
    assert result.code == 3
    assert "too soon" in result.err.lower() or "day 3" in result.err
    assert fingerprint(data_dir) == before


def test_anyway_records_the_override(bj):
    assert bj("episode", "start", "--date", D).code == 0
    result = bj("tick", "hamstring-stretch", "--date", "2026-01-06", "--anyway")
    assert result.code == 0, result.err
    tick = show(bj, "2026-01-06")["ticks"][0]
    assert tick["exercise"] == "hamstring-stretch" and tick["overridden"] is True


def test_episodes_start_end_list(bj):
    assert bj("episode", "start", "--date", "2026-01-01").code == 0
    again = bj("episode", "start", "--date", "2026-01-03")
    assert again.code == 2 and "episode" in again.err
    assert bj("episode", "end", "--date", "2026-02-01").code == 0
    overlap = bj("episode", "start", "--date", "2026-01-20")
    assert overlap.code == 2
    listed = json.loads(bj("episode", "list", "--json").out)
    assert [(e["start"], e["end"]) for e in listed] == [("2026-01-01", "2026-02-01")]
    assert listed[0]["phases"][0]["phase"] == "mobility"


def test_advise_json_shape(bj):
    assert bj("episode", "start", "--date", "2026-01-01").code == 0
    advice = json.loads(bj("advise", "--date", "2026-01-03", "--json").out)
    assert advice["date"] == "2026-01-03"
    assert advice["phase"] == "mobility"
    assert advice["episode"] == {"start": "2026-01-01", "day": 3}
    assert "stretching" not in advice["allowed"] and "mobility" in advice["allowed"]
    assert advice["next"] == {"phase": "stretching", "earliest": "2026-01-11"}
    assert isinstance(advice["warnings"], list)


def test_advise_with_exercise_reports_too_soon(bj):
    assert bj("episode", "start", "--date", "2026-01-01").code == 0
    advice = json.loads(bj("advise", "--date", "2026-01-03", "--exercise", "bridge", "--json").out)
    assert "too_soon" in [w["code"] for w in advice["warnings"]]


def test_streaks_json_shape(bj):
    for day in ("2026-01-03", "2026-01-04", "2026-01-05"):
        assert bj("log", "--date", day, "--pain", "2").code == 0
    streaks = json.loads(bj("streaks", "--date", "2026-01-05", "--json").out)
    assert streaks["date"] == "2026-01-05"
    assert streaks["journal"] == {"current": 3, "best": 3}
    ids = {r["id"] for r in streaks["routines"]}
    assert {"mobility", "stretching", "strengthening"} <= ids
    for r in streaks["routines"]:
        assert r["unit"] in ("day", "week") and r["today"] in ("done", "pending", "paused")


def test_exercises_json(bj):
    exercises = json.loads(bj("exercises", "--json").out)
    by_id = {e["id"]: e for e in exercises}
    required = {
        "pelvic-tilt": "mobility",
        "knee-to-chest": "mobility",
        "glute-stretch": "stretching",
        "hamstring-stretch": "stretching",
        "piriformis-stretch": "stretching",
        "psoas-stretch": "stretching",
        "bridge": "strengthening",
        "bird-dog": "strengthening",
        "walk": "aerobic",
    }
    for exercise_id, kind in required.items():
        assert by_id[exercise_id]["kind"] == kind
    kinds = {e["kind"] for e in exercises}
    assert {"warm-up", "cool-down"} <= kinds
    for e in exercises:
        assert set(e) >= {"id", "name", "kind", "region", "sets", "reps", "hold_s", "sides"}
        if e["kind"] == "stretching":
            assert e["hold_s"] >= 10
        if e["kind"] in ("mobility", "strengthening"):
            assert e["reps"] >= 5
    assert by_id["hamstring-stretch"]["hold_s"] >= 20
    assert 25 <= by_id["psoas-stretch"]["hold_s"] <= 35


def test_routines_json(bj):
    routines = {r["id"]: r for r in json.loads(bj("routines", "--json").out)}
    assert (
        routines["mobility"]["frequency"] == "daily"
        and routines["mobility"]["times_per_week"] is None
    )
    assert routines["stretching"]["frequency"] == "daily"
    assert routines["strengthening"]["frequency"] == "weekly"
    assert routines["strengthening"]["times_per_week"] == 2
    first, last = routines["stretching"]["exercises"][0], routines["stretching"]["exercises"][-1]
    exercises = {e["id"]: e for e in json.loads(bj("exercises", "--json").out)}
    assert exercises[first]["kind"] == "warm-up" and exercises[last]["kind"] == "cool-down"


def test_export_import_export_is_identical(bj, fingerprint, tmp_path):
    assert bj("demo", "--days", "60", "--seed", "3").code == 0
    first = bj("export", "--format", "json")
    assert first.code == 0, first.err
    path = tmp_path / "export.json"
    path.write_text(first.out)
    other = tmp_path / "other"
    assert bj("--data-dir", str(other), "import", str(path)).code == 0
    again = bj("--data-dir", str(other), "export", "--format", "json")
    assert again.out == first.out


@pytest.mark.parametrize("fmt,marker", [("csv", "date,pain"), ("md", "#")])
def test_other_export_formats(bj, fingerprint, fmt, marker, tmp_path):
    assert bj("demo", "--days", "30").code == 0
    out = tmp_path / f"export.{fmt}"
    assert bj("export", "--format", fmt, "--out", str(out)).code == 0
    assert marker in out.read_text()


def test_demo_refuses_a_journal_that_is_not_empty(bj, fingerprint, data_dir):
    assert bj("log", "--date", D, "--pain", "3").code == 0
    before = fingerprint(data_dir)
    result = bj("demo")
    assert result.code == 2 and "empty" in result.err
    assert fingerprint(data_dir) == before


def test_check_passes_on_a_good_journal(bj):
    assert bj("demo", "--days", "30").code == 0
    result = bj("check")
    assert result.code == 0, result.err


def test_log_refuses_before_writing_when_the_advisors_years_are_damaged(bj, fingerprint, data_dir):
    assert bj("episode", "start", "--date", "2025-12-20").code == 0
    assert bj("log", "--date", "2025-12-30", "--pain", "4").code == 0
    old_year = data_dir / "journal-2025.json"
    old_year.write_bytes(old_year.read_bytes()[:-3])  # truncated: unreadable
    before = fingerprint(data_dir)
    result = bj("log", "--date", "2026-01-03", "--pain", "3")
    assert result.code == 4
    assert "journal-2025.json" in result.err
    assert fingerprint(data_dir) == before
    assert not (data_dir / "journal-2026.json").exists()
