"""While a journal file is damaged, every journal screen shows a banner naming it and the repair."""

from __future__ import annotations

from datetime import date

from app_support import SIZE, make_app, other_process, start
from robustness_support import report
from support import DEMO_TODAY, settle

from backjournal.tui.widgets.problem_banner import ProblemBanner


def banner_text(app) -> str:
    banner = app.screen.query_one(ProblemBanner)
    return str(banner.render()) if banner.display else ""


async def test_a_problem_found_at_start_is_on_every_screen_and_goes_once_mended(
    journal_dir, tmp_path
):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    backups = journal_dir / "backups"
    if backups.exists():
        backups.rename(tmp_path / "real-backups")
    backups.symlink_to(elsewhere)  # a link out of the data folder: never followed, reported
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert app.unusable is None
        for key in ("t", "d", "p", "r", "e", "s"):
            await pilot.press(key)
            await settle(pilot, 5)
            text = banner_text(app)
            assert "backups" in text and "backjournal check --repair" in text, key
        backups.unlink()  # mended; the next change to the journal's files refreshes the banner
        other.log(DEMO_TODAY, {"pain": 4})
        assert app.check_for_changes() is True
        await settle(pilot)
        assert banner_text(app) == ""
    report("app banner", "a problem at start: banner on 6 screens, gone once mended")


async def test_an_old_year_damaged_while_the_app_runs_is_a_banner_not_the_end(journal_dir):
    """Tonight's year still works: the banner names the file, views that need every year say so."""
    other = other_process(journal_dir)
    other.log(date(2025, 6, 1), {"pain": 2})
    other.log(DEMO_TODAY, {"pain": 3})
    old_year = journal_dir / "journal-2025.json"
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert banner_text(app) == ""
        old_year.write_bytes(old_year.read_bytes()[:25])  # truncated by a sync tool
        assert app.check_for_changes() is True
        await settle(pilot, 5)
        assert app.unusable is None
        text = banner_text(app)
        assert "journal-2025.json" in text and "backjournal check --repair" in text
        await pilot.press("p")  # Progress needs every year
        await settle(pilot, 5)
        assert app.unusable is None and app.is_running
        assert any(
            "journal-2025.json" in n.message and "check --repair" in n.message
            for n in app._notifications
        )
        await pilot.press("t")
        await settle(pilot, 5)
        assert "journal-2025.json" in banner_text(app)
    report("app banner", "an old year damaged while open: banner and a notice, the app goes on")


async def test_tonights_year_damaged_is_the_unusable_screen(journal_dir):
    other = other_process(journal_dir)
    other.log(DEMO_TODAY, {"pain": 3})
    this_year = journal_dir / f"journal-{DEMO_TODAY.year}.json"
    this_year.write_bytes(this_year.read_bytes()[:25])
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert app.unusable is not None
        assert app.unusable.path.name == this_year.name
    report("app banner", "tonight's year damaged: the unusable screen names it")
