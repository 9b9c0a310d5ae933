"""Bad input: the right exit code, a message naming the field, and a byte-identical journal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

# The real console script on the real clock: "today" and the future move at 04:00.
pytestmark = pytest.mark.journal_day

TOMORROW = (date.today() + timedelta(days=2)).isoformat()

CASES = [
    (["log", "--date", "2026-01-05", "--pain", "11"], "pain"),
    (["log", "--date", "2026-01-05", "--pain", "-1"], "pain"),
    (["log", "--date", "2026-01-05", "--pain", "abc"], "pain"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--worst", "12"], "worst"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--sleep", "x"], "sleep"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--area", "knee"], "area"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--red-flag", "headache"], "red-flag"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--note", "x" * 10_001], "notes"),
    (["log", "--date", "2026-01-05", "--pain", "3", "--tag", "two words"], "tag"),
    (["log", "--date", TOMORROW, "--pain", "3"], "date"),
    (["log", "--date", "2026-13-45", "--pain", "3"], "date"),
    (["log", "--date", "someday", "--pain", "3"], "date"),
    (["log", "--date", "2026-01-05"], "pain"),
    (["tick", "no-such-exercise", "--date", "2026-01-05"], "exercise"),
    (["tick", "pelvic-tilt", "--date", "2026-01-05", "--side", "middle"], "side"),
    (["tick", "pelvic-tilt", "--date", "2026-01-05", "--reps", "0"], "reps"),
    (["tick", "pelvic-tilt", "--date", TOMORROW], "date"),
    (["untick", "no-such-exercise", "--date", "2026-01-05"], "exercise"),
    (["episode", "start", "--date", TOMORROW], "date"),
    (["episode", "end"], "episode"),
    (["advise", "--exercise", "nope"], "exercise"),
    (["export", "--format", "pdf"], "format"),
    (["demo", "--days", "0"], "days"),
]


@pytest.mark.parametrize(
    "argv,field", CASES, ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else v
)
def test_bad_input_exits_2_names_the_field_and_changes_nothing(
    bj, fingerprint, data_dir, argv, field
):
    assert bj("log", "--date", "2026-01-04", "--pain", "3").code == 0
    before = fingerprint(data_dir)
    result = bj(*argv)
    assert result.code == 2, (result.out, result.err)
    assert field in result.err
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"format": "backjournal-export", "schema": 1, "days": [{"date": "2026-01-01", "entry": {"pain": "high"}}]}',
        '{"format": "backjournal-export", "schema": 1, "days": [{"date": "2026-01-01", "entry": null, "ticks": [{"exercise": "nope"}]}]}',
        "[]",
    ],
    ids=["malformed", "wrong-shape", "unknown-exercise", "not-an-object"],
)
def test_bad_import_changes_nothing(bj, fingerprint, data_dir, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = bj("import", str(path))
    assert result.code == 2, result.err
    assert "import" in result.err or "file" in result.err
    assert not data_dir.exists() or fingerprint(data_dir) == {}


def test_corrupt_journal_exits_4_and_stays_byte_identical(bj, fingerprint, data_dir):
    assert bj("log", "--date", "2026-01-05", "--pain", "3").code == 0
    year_file = next(data_dir.glob("journal-2026*.json"))
    year_file.write_bytes(year_file.read_bytes()[:-7])
    before = fingerprint(data_dir)
    for argv in (
        ["show", "--date", "2026-01-05"],
        ["log", "--date", "2026-01-06", "--pain", "2"],
        ["check"],
    ):
        result = bj(*argv)
        assert result.code == 4, (argv, result.err)
        assert str(year_file) in result.err or year_file.name in result.err
    assert fingerprint(data_dir) == before
