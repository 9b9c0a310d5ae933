"""`backjournal psfs`: add, rate, rename, retire, --json; bad input changes nothing; export/import."""

from __future__ import annotations

import json

import pytest

D1, D2 = "2026-01-05", "2026-01-12"


def setup3(bj):
    for name in ("putting on socks", "sitting an hour at my desk", "lifting the kettle"):
        result = bj("psfs", "add", name)
        assert result.code == 0, result.err


def listing(bj) -> dict:
    result = bj("psfs", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_empty_psfs_explains_the_scale_and_how_to_start(bj):
    result = bj("psfs")
    assert result.code == 0
    assert "0 means you cannot do it at all" in result.out and "psfs add" in result.out
    assert listing(bj) == {"activities": [], "ratings": [], "due": False}


def test_add_rate_rename_retire_and_the_json_shape(bj):
    setup3(bj)
    assert listing(bj)["due"] is True  # never rated
    assert bj("psfs", "rate", "--date", D1, "2", "3", "4").code == 0
    result = bj("psfs", "rate", "--date", D2, "5", "3", "8")
    assert result.code == 0 and "average 5.3" in result.out
    assert "+2.3 points, at least the 2-point change" in result.out
    assert bj("psfs", "rename", "2", "sitting 1 hour").code == 0
    assert bj("psfs", "retire", "3").code == 0
    data = listing(bj)
    assert data["activities"] == [
        {"id": "1", "name": "putting on socks", "retired": False},
        {"id": "2", "name": "sitting 1 hour", "retired": False},
        {"id": "3", "name": "lifting the kettle", "retired": True},
    ]
    assert data["ratings"] == [
        {"date": D1, "scores": {"1": 2, "2": 3, "3": 4}, "mean": 3.0},
        {"date": D2, "scores": {"1": 5, "2": 3, "3": 8}, "mean": 5.33},
    ]
    assert isinstance(data["due"], bool)
    text = bj("psfs").out
    assert "lifting the kettle  (retired)" in text and "Add 1 more to start rating" in text


@pytest.mark.parametrize(
    "args",
    [
        ("psfs", "rate", "1", "2"),  # too few scores
        ("psfs", "rate", "1", "2", "3", "4"),  # too many
        ("psfs", "rate", "1", "2", "11"),
        ("psfs", "rate", "1", "2", "x"),
        ("psfs", "rate", "--date", "2999-01-01", "1", "2", "3"),
        ("psfs", "rate", "--date", "soon", "1", "2", "3"),
        ("psfs", "add", "putting on socks"),  # duplicate
        ("psfs", "add", "evil \x1b]52;c;aGk=\x07"),
        ("psfs", "add", "two\nlines"),
        ("psfs", "add", "x" * 81),
        ("psfs", "add", ""),
        ("psfs", "rename", "1", "\x9b31m"),
        ("psfs", "rename", "9", "stairs"),
        ("psfs", "retire", "9"),
        ("psfs", "retire", "abc"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(bj, data_dir, fingerprint, args):
    setup3(bj)
    before = fingerprint(data_dir)
    result = bj(*args)
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("backjournal: ") and "Traceback" not in result.err
    assert "\x1b" not in result.err and "\x9b" not in result.err
    assert fingerprint(data_dir) == before


def test_rating_before_three_activities_says_how(bj, data_dir, fingerprint):
    bj("psfs", "add", "socks")
    before = fingerprint(data_dir)
    result = bj("psfs", "rate", "5")
    assert result.code == 2 and "add at least 3" in result.err
    assert fingerprint(data_dir) == before


def test_sixth_active_activity_is_refused(bj):
    setup3(bj)
    assert bj("psfs", "add", "d").code == 0 and bj("psfs", "add", "e").code == 0
    result = bj("psfs", "add", "f")
    assert result.code == 2 and "retire one first" in result.err


def test_export_and_import_round_trip_psfs(bj, data_dir, tmp_path, monkeypatch):
    setup3(bj)
    bj("log", "--date", D1, "--pain", "3")
    bj("psfs", "rate", "--date", D1, "2", "3", "4")
    bj("psfs", "retire", "2")
    bj("psfs", "add", "stairs")
    bj("psfs", "rate", "--date", D2, "4", "5", "6")
    exported = bj("export")
    assert exported.code == 0
    doc = json.loads(exported.out)
    assert doc["schema"] == 2 and len(doc["psfs"]["activities"]) == 4
    path = tmp_path / "export.json"
    path.write_text(exported.out)
    monkeypatch.setenv("BACKJOURNAL_DATA_DIR", str(tmp_path / "other"))
    assert bj("import", str(path)).code == 0
    again = bj("export")
    assert again.out == exported.out
    assert listing(bj)["activities"][1] == {
        "id": "2",
        "name": "sitting an hour at my desk",
        "retired": True,
    }


def test_import_refuses_bad_psfs_naming_it(bj, tmp_path, data_dir, fingerprint):
    doc = {
        "format": "backjournal-export",
        "schema": 2,
        "days": [],
        "episodes": [],
        "exercises": [],
        "routines": None,
        "psfs": {
            "activities": [{"id": "1", "name": "a"}],
            "ratings": [{"date": D1, "scores": {"1": 99}}],
        },
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    result = bj("import", str(path))
    assert result.code == 2 and "psfs" in result.err
    assert fingerprint(data_dir) == {}


def test_a_schema_1_export_without_psfs_still_imports(bj, tmp_path):
    doc = {
        "format": "backjournal-export",
        "schema": 1,
        "days": [],
        "episodes": [],
        "exercises": [],
        "routines": None,
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps({**doc, "days": [{"date": D1, "entry": {"pain": 2}, "ticks": []}]}))
    assert bj("import", str(path)).code == 0
    assert listing(bj)["activities"] == []


def test_markdown_export_has_the_psfs_section(bj):
    setup3(bj)
    bj("log", "--date", D1, "--pain", "3")
    bj("psfs", "rate", "--date", D1, "2", "3", "4")
    bj("psfs", "rate", "--date", D2, "6", "3", "4")
    result = bj("export", "--format", "md", "--from", D1, "--to", D2)
    assert result.code == 0, result.err
    assert "## Function (PSFS)" in result.out
    assert f"| {D2} | 6 | 3 | 4 | 4.3 |" in result.out
    assert "+1.3 points, smaller than the 2-point change" in result.out
