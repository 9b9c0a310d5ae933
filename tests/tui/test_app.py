"""The app shell: themes and their files, settings, the unusable-journal screen, Help and the palette."""

from __future__ import annotations

import json

from support import settle

from backjournal.storage import resolve_paths
from backjournal.tui.app import SCREENS, BackjournalApp, run_app
from backjournal.tui.screens.help import HelpScreen
from backjournal.tui.screens.tonight import TonightScreen
from backjournal.tui.screens.unusable import UnusableJournalScreen
from backjournal.tui.themes import DEFAULT_THEME, load_themes, theme_dirs

SIZE = (100, 30)


def record_notices(app: BackjournalApp) -> list[tuple[str, str]]:
    """Capture the app's notifications as (message, severity)."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append((str(message), kwargs.get("severity", "information")))
        return original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def test_shipped_themes_load_cleanly():
    themes, problems = load_themes(theme_dirs(None))
    names = {t.name for t in themes}
    assert {"backjournal-calm", "backjournal-night", "backjournal-contrast"} <= names
    assert problems == []


async def test_shipped_themes_are_registered_and_default_applies(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
        for name in (
            "backjournal-calm",
            "backjournal-night",
            "backjournal-contrast",
            "textual-dark",
        ):
            assert name in app.available_themes


async def test_switching_theme_is_remembered(empty_service, make_service, make_app, config_dir):
    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "backjournal-night"  # what the palette's theme switcher does
        await settle(pilot)
    stored = json.loads((config_dir / "settings.json").read_text())
    assert stored["theme"] == "backjournal-night"

    from backjournal.storage import load_settings

    settings = load_settings(config_dir / "settings.json")
    again = make_app(make_service(settings=settings))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "backjournal-night"


async def test_theme_switcher_lists_our_themes(empty_service, make_app):
    from textual.command import CommandPalette

    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_change_theme()
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"night")
        await settle(pilot, 6)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "backjournal-night"


async def test_broken_user_theme_gives_one_notice_and_the_default(
    empty_service, make_service, make_app, config_dir
):
    from backjournal.domain.settings import Settings

    themes = config_dir / "themes"
    themes.mkdir()
    broken = themes / "sunrise.toml"
    broken.write_text('name = "sunrise"\nprimary = "#12345"\n')  # not a colour
    (config_dir / "settings.json").write_text(json.dumps({"theme": "sunrise"}))
    app = make_app(make_service(settings=Settings(theme="sunrise")))
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
    about_theme = [m for m, _ in notices if "sunrise" in m]
    assert len(about_theme) == 1
    assert str(broken) in about_theme[0] and "primary" in about_theme[0]
    # Falling back is not a choice: the user's setting stays, for when the file is fixed.
    assert json.loads((config_dir / "settings.json").read_text())["theme"] == "sunrise"


async def test_unreadable_toml_names_the_file(empty_service, make_app, config_dir):
    themes = config_dir / "themes"
    themes.mkdir()
    (themes / "half.toml").write_text("name = 'half\n")
    app = make_app(empty_service)
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
    assert [m for m, _ in notices if "half.toml" in m and "TOML" in m]


async def test_a_good_user_theme_is_listed(empty_service, make_app, config_dir):
    themes = config_dir / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text(
        'name = "mine"\nprimary = "#336699"\n[variables]\n"footer-key-foreground" = "#ffcc00"\n'
    )
    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "mine" in app.available_themes
        app.theme = "mine"
        await settle(pilot)


async def test_every_theme_renders_tonight(demo_service, make_app):
    app = make_app(demo_service())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for name in list(app.available_themes):
            app.theme = name
            await pilot.pause()
            assert isinstance(app.screen, TonightScreen)
        app.screen.query_one("#red-flags").focus()
        await pilot.press("space")
        await pilot.pause()


async def test_corrupt_journal_shows_the_screen_and_leaves_the_file(
    demo_service, make_service, journal_dir, make_app
):
    demo_service()
    target = journal_dir / "journal-2026.json"
    target.write_bytes(b'{"days": {"1": garbage')
    before = {p.name: p.read_bytes() for p in journal_dir.iterdir() if p.is_file()}
    app = make_app(make_service())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UnusableJournalScreen)
        text = str(screen.query_one("#unusable-text").render())
        assert str(target) in text
        assert "backjournal check" in text and "backjournal restore" in text
        await pilot.press("t")  # app keys do nothing here; any key quits
        await settle(pilot)
    assert app.return_code == 4
    after = {p.name: p.read_bytes() for p in journal_dir.iterdir() if p.is_file()}
    assert after == before


def test_run_app_returns_4_for_an_unusable_journal(demo_service, journal_dir, monkeypatch):
    """run_app's exit code, without a terminal: the app's own exit decides it."""
    monkeypatch.setattr(BackjournalApp, "run", lambda self: self.exit(return_code=4) or None)
    from backjournal.cli.context import Context

    context = Context(paths=resolve_paths(str(journal_dir)), service=demo_service())
    assert run_app(context) == 4


async def test_help_lists_keys_and_the_advisor(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query(".help-table"))
        for words in ("Tonight", "Diary", "Progress", "Save the check-in", "day before", "space"):
            assert words in text
        advisor = str(app.screen.query_one("#help-advisor").render())
        assert "day 11" in advisor and "not medical advice" in advisor
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TonightScreen)


async def test_palette_offers_every_screen(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for _, _, title, _ in SCREENS.values():
            assert f"Go to {title}" in titles
        assert "Theme" in titles
