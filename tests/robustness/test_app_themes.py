"""A bad user theme never crashes the app: chosen from the palette or Settings, it gives a notice
and the last good theme comes back; an unsaved pain value in the form survives it."""

from __future__ import annotations

import json

import pytest
from app_support import SIZE, make_app, start
from robustness_support import report
from support import settle
from textual.theme import Theme
from textual.widgets import Select

from backjournal.tui.widgets.score_bar import ScoreBar

SUITE = "app themes"
# Variables Textual accepts in a Theme yet refuses when the theme is applied. As files they are
# refused at load; registered directly they exercise the app's last line of defence.
APPLIES_BADLY = {
    "background-auto": {"background": "auto"},
    "border-auto": {"border": "auto 100%"},
    "primary-initial": {"primary": "initial"},
}
REFUSED_AT_LOAD = {
    "not-a-colour": 'primary = "banana"\n',
    **{
        name: 'primary = "#79B4A9"\n[variables]\n'
        + "".join(f'"{key}" = "{value}"\n' for key, value in variables.items())
        for name, variables in APPLIES_BADLY.items()
    },
}


@pytest.fixture
def user_themes(config_dir):
    folder = config_dir / "themes"
    folder.mkdir()
    for name, text in REFUSED_AT_LOAD.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def register_bad_themes(app) -> None:
    for name, variables in APPLIES_BADLY.items():
        app.register_theme(Theme(name=name, primary="#79B4A9", variables=variables))


async def test_bad_theme_files_are_refused_at_load_naming_the_file(journal_dir, user_themes):
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for name in REFUSED_AT_LOAD:
            assert name not in app.available_themes
            assert any(f"{name}.toml" in n for n in notices(app)), name
    report(SUITE, f"{len(REFUSED_AT_LOAD)} theme files refused at load, each named")


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("theme", list(APPLIES_BADLY))
async def test_a_theme_chosen_from_the_palette_that_fails_falls_back_and_keeps_the_form(
    journal_dir, config_dir, user_themes, theme
):
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        register_bad_themes(app)
        assert "not-a-colour" not in app.available_themes
        assert any("not-a-colour" in n for n in notices(app))  # named at start, with its file
        app.theme = "backjournal-night"  # a good choice first: the one to come back to
        await settle(pilot)
        await pilot.press("6")
        app.theme = theme  # what the palette's theme picker does
        await settle(pilot, 6)
        assert app.is_running and app.return_code is None
        assert app.theme == "backjournal-night"
        assert theme not in app.available_themes  # not offered again
        assert any(theme in n and "backjournal-night" in n for n in notices(app))
        assert app.screen is screen
        assert screen.query_one("#pain", ScoreBar).value == 6
        assert screen.changes() == {"pain": 6}
    saved = json.loads((config_dir / "settings.json").read_text("utf-8"))
    assert saved["theme"] == "backjournal-night"
    report(SUITE, f"{theme} from the palette: notice, fallback, the unsaved pain kept")


@pytest.mark.parametrize("theme", list(APPLIES_BADLY))
async def test_a_theme_chosen_in_settings_that_fails_falls_back(journal_dir, user_themes, theme):
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        register_bad_themes(app)
        await pilot.press("s")
        await settle(pilot, 5)
        select = app.screen.query_one("#settings-theme", Select)
        select.value = theme
        await settle(pilot, 6)
        assert app.is_running
        assert app.theme == "backjournal-calm"
        assert any(theme in n for n in notices(app))
        # The form shows the theme in use, and showing it chooses nothing (no back-and-forth).
        assert select.value == "backjournal-calm"
        await pilot.press("t")
        await settle(pilot)
        assert app.theme == "backjournal-calm"
    report(SUITE, f"{theme} from Settings: notice, fallback")


async def test_every_theme_in_settings_can_be_chosen_in_turn(journal_dir, user_themes):
    app = make_app(journal_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        register_bad_themes(app)
        await pilot.press("s")
        await settle(pilot, 5)
        select = app.screen.query_one("#settings-theme", Select)
        for name in list(app.available_themes):
            if name in app.available_themes:
                select.value = name
                await settle(pilot, 4)
                assert app.is_running
                assert app.theme in app.available_themes
        applied = app.theme
        await pilot.press("t")
        await settle(pilot, 5)
        assert app.theme == applied  # settles: no theme flips back and forth
