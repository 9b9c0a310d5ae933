"""Small slips of issue 10, item 8, as the CLI shows them."""

from __future__ import annotations

import json
import re

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(n: int) -> str:
    return f"2026-01-{n:02d}"


def test_warnings_do_not_say_their_title_twice(bj):
    assert bj("episode", "start", "--date", day(1)).code == 0
    for n, pain in ((8, 1), (9, 1), (10, 2), (11, 5)):
        assert bj("log", "--date", day(n), "--pain", str(pain)).code == 0
    text = bj("advise", "--date", day(11)).out
    assert "Your pain is up: On 11 Jan you logged pain 5/10" in text
    assert "Not quite settled yet: Day 11 of your episode" in text
    assert "Your pain is up: Your pain" not in text and "It is day" not in text
    logged = bj("log", "--date", day(11), "--pain", "5").out
    assert "! Your pain is up: On 11 Jan" in logged


def test_too_soon_gives_each_date_once_in_one_format(bj):
    assert bj("episode", "start", "--date", day(1)).code == 0
    result = bj("tick", "bridge", "--date", day(3))
    assert result.code == 3
    assert not ISO.search(result.err), result.err
    assert result.err.count("21 Jan") == 1  # day 21 = max(day 21, day 11 + 10 days), named once
    assert "1 Jan" in result.err and "3 Jan" in result.err


def test_import_names_the_file(bj, tmp_path, data_dir, fingerprint):
    csv = tmp_path / "j.csv"
    csv.write_text("date,pain\n2026-01-01,3\n")
    result = bj("import", str(csv))
    assert result.code == 2
    assert f"{csv}: is not valid JSON" in result.err and "not CSV" in result.err
    assert fingerprint(data_dir) == {}


def test_episode_end_and_list_agree_on_the_last_day(bj):
    assert bj("episode", "start", "--date", day(1)).code == 0
    ended = bj("episode", "end", "--date", day(21))
    assert ended.code == 0
    assert "2026-01-01 to 2026-01-20 (20 days; 2026-01-21 is the first day after it)" in ended.out
    listed = bj("episode", "list").out
    assert "2026-01-01 to 2026-01-20 (20 days; 2026-01-21 is the first day after it)" in listed
    row = json.loads(bj("episode", "list", "--json").out)[0]
    assert row["end"] == day(21) and row["last_day"] == day(20)
    # The advisor agrees: day 20 is inside the episode, day 21 is not.
    inside = json.loads(bj("advise", "--date", day(20), "--json").out)
    after = json.loads(bj("advise", "--date", day(21), "--json").out)
    assert inside["episode"] is not None and after["episode"] is None
