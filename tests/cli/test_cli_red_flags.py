"""`backjournal red-flags` (issue 10, item 2): clear and list, and what the advisor does with them."""

from __future__ import annotations

import json

START = "2026-01-01"  # day 1 of the episode


def day(n: int) -> str:
    return f"2026-01-{n:02d}"


def advise(bj, n):
    result = bj("advise", "--date", day(n), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def settled_with_a_flag(bj):
    assert bj("episode", "start", "--date", START).code == 0
    for n in range(1, 14):
        args = ["log", "--date", day(n), "--pain", "2"]
        if n == 9:
            args += ["--red-flag", "bladder-bowel"]
        assert bj(*args).code == 0


def test_a_red_flag_holds_the_phase_until_cleared(bj, tmp_path):
    settled_with_a_flag(bj)
    held = advise(bj, 11)
    assert held["phase"] == "mobility" and held["next"] is None
    red = [w for w in held["warnings"] if w["code"] == "red_flag"]
    assert red and red[0]["message"].startswith("On 9 Jan you logged")
    assert "today" not in red[0]["message"].lower()

    result = bj("red-flags", "clear", "--date", day(12), "--note", "GP: all fine")
    assert result.code == 0, result.err
    assert "9 Jan" in result.out and "12 Jan" in result.out

    assert advise(bj, 11)["phase"] == "mobility"  # the day before keeps its history
    cleared = advise(bj, 12)
    assert cleared["phase"] == "stretching"
    assert "red_flag" not in [w["code"] for w in cleared["warnings"]]

    listed = json.loads(bj("red-flags", "list", "--json").out)
    assert listed == {
        "flagged_days": [{"date": day(9), "red_flags": ["bladder-bowel"], "cleared_on": day(12)}],
        "clearances": [{"date": day(12), "note": "GP: all fine"}],
    }
    text = bj("red-flags", "list").out
    assert "cleared 2026-01-12" in text and "GP: all fine" in text

    # Exported, and imported again into an empty journal: the clearance comes along.
    export = tmp_path / "j.json"
    assert bj("export", "--out", str(export)).code == 0
    assert json.loads(export.read_text())["clearances"] == listed["clearances"]
    other = tmp_path / "other"
    assert bj("--data-dir", str(other), "import", str(export)).code == 0
    again = json.loads(bj("--data-dir", str(other), "red-flags", "list", "--json").out)
    assert again == listed


def test_nothing_to_clear_is_refused_and_changes_nothing(bj, data_dir, fingerprint):
    assert bj("log", "--date", day(3), "--pain", "2").code == 0
    before = fingerprint(data_dir)
    result = bj("red-flags", "clear", "--date", day(4))
    assert result.code == 2 and "nothing to clear" in result.err
    assert fingerprint(data_dir) == before


def test_a_future_clearance_is_refused(bj, data_dir, fingerprint):
    assert bj("log", "--date", day(3), "--pain", "2", "--red-flag", "fever").code == 0
    before = fingerprint(data_dir)
    result = bj("red-flags", "clear", "--date", "2099-01-01")
    assert result.code == 2 and "in the future" in result.err
    assert fingerprint(data_dir) == before


def test_show_and_log_name_the_pain_band(bj):
    """Issue 10, item 6: the CLI names pain on the domain's one scale."""
    result = bj("log", "--date", day(3), "--pain", "4", "--worst", "7")
    assert result.code == 0 and "pain 4/10 (moderate)" in result.out
    shown = bj("show", "--date", day(3)).out
    assert "Pain 4/10 (moderate), worst 7/10 (high)" in shown


def test_list_json_of_a_hand_edited_note_parses_back_exactly_and_carries_no_raw_control(
    bj, journal_dir
):
    settled_with_a_flag(bj)
    assert bj("red-flags", "clear", "--date", day(12), "--note", "placeholder").code == 0
    meta = journal_dir / "journal-meta.json"
    hostile = "ok\u007f\u0085\u009b31m\u202e"  # DEL, C1 NEL, C1 CSI, a bidi override
    meta.write_text(
        meta.read_text("utf-8").replace(
            "placeholder", hostile.encode("unicode_escape").decode().replace("\\x", "\\u00")
        ),
        "utf-8",
    )
    result = bj("red-flags", "list", "--json")
    assert result.code == 0, result.err
    assert not any(c in result.out for c in "\u007f\u0085\u009b\u202e")
    data = json.loads(result.out)
    assert hostile in json.dumps(data, ensure_ascii=False)
