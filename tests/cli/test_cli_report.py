"""`export --format html` and `insights` through the CLI: files 0600, --open, options, errors."""

from __future__ import annotations

import json
import os
import stat
import webbrowser

import pytest

from backjournal.cli import main


@pytest.fixture
def demo_journal(bj):
    result = bj("demo", "--days", "90", "--seed", "2")
    assert result.code == 0, result.err


def test_html_report_file_is_0600_even_under_umask_000(bj, demo_journal, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.html"
    old = os.umask(0)
    try:
        result = bj("export", "--format", "html", "--out", str(out))
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temp file left


def test_other_exports_are_0600_too(bj, demo_journal, tmp_path):
    for fmt in ("json", "csv", "md"):
        out = tmp_path / f"export.{fmt}"
        assert bj("export", "--format", fmt, "--out", str(out)).code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_html_report_on_stdout_and_with_a_period(bj, demo_journal):
    result = bj("export", "--format", "html", "--from", "30 days ago", "--to", "yesterday")
    assert result.code == 0, result.err
    assert "<h1>Back pain journal</h1>" in result.out and "(30 days)" in result.out


def test_name_setting_appears_escaped(bj, demo_journal, isolated_dirs):
    config = isolated_dirs[1]
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"name": "Sam <&> O'Neil"}))
    result = bj("export", "--format", "html")
    assert result.code == 0, result.err
    assert "<h1>Back pain journal \u2014 Sam &lt;&amp;&gt; O&#x27;Neil</h1>" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "html", "--open"), "needs --out"),
        (("--format", "md", "--all-notes"), "--format html"),
        (("--format", "json", "--open", "--out", "x.json"), "--format html"),
        (("--format", "html", "--from", "2026-05-01", "--to", "2026-04-01"), "after"),
        (("--format", "pdf"), "unknown format"),
        (("--format", "html", "--out", "/nonexistent-dir/r.html"), "cannot write"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(
    bj, demo_journal, data_dir, fingerprint, tmp_path, args, message
):
    before = fingerprint(data_dir)
    result = bj("export", *args)
    assert result.code == 2, (result.out, result.err)
    assert message in result.err
    assert fingerprint(data_dir) == before
    assert not (tmp_path / "x.json").exists()


def test_open_hands_the_file_to_the_web_browser(bj, demo_journal, tmp_path, monkeypatch, capsys):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    out = tmp_path / "r.html"
    assert main(["export", "--format", "html", "--out", str(out), "--open"]) == 0
    assert opened == [out.resolve().as_uri()]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_open_says_so_when_no_browser_starts(bj, demo_journal, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: False)
    out = tmp_path / "r.html"
    assert main(["export", "--format", "html", "--out", str(out), "--open"]) == 0
    assert "open " in capsys.readouterr().out and out.exists()


def test_all_notes_adds_the_full_notes_section(bj, demo_journal):
    short = bj("export", "--format", "html").out
    full = bj("export", "--format", "html", "--all-notes").out
    assert "All notes" not in short and 'class="all-notes"' in full


def test_insights_on_a_demo_journal(bj, demo_journal):
    result = bj("insights", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert set(doc) >= {"date", "factors"}
    for factor in doc["factors"]:
        assert factor["with_days"] >= 5 and factor["without_days"] >= 5
        assert factor["low"] <= factor["difference"] <= factor["high"]
    text = bj("insights").out
    assert "not causes" in text and "first 10 days of a flare-up" in text


def test_insights_on_an_empty_journal_says_there_is_nothing_yet(bj):
    result = bj("insights")
    assert result.code == 0 and "Nothing to show yet" in result.out
    assert json.loads(bj("insights", "--json").out)["factors"] == []


def test_only_to_before_the_journal_starts_gives_an_empty_one_day_report(bj, demo_journal):
    result = bj("export", "--format", "html", "--to", "2000-01-01")
    assert result.code == 0, result.err
    assert "(1 day)" in result.out
    assert "No entries in this period" in result.out
