"""Settings screen: saving to the config dir, refusing bad values, resetting the advisor."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

from textual.widgets import Input, Select

from backjournal.domain.settings import AdvisorSettings
from backjournal.storage import load_settings
from backjournal.tui.screens.settings import SettingsScreen


async def open_settings(pilot) -> SettingsScreen:
    await pilot.press("s")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def field(screen: SettingsScreen, name: str) -> Input:
    return screen.query_one(f"#settings-{name}", Input)


async def test_save_writes_settings_json(empty_service, make_app, config_dir: Path):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        field(screen, "day_starts_at").value = "03:30"
        field(screen, "stretching_from_day").value = "14"
        screen.query_one("#settings-week_start", Select).value = 6
        assert screen.has_unsaved_changes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.has_unsaved_changes()
        assert "Saved" in str(screen.query_one("#settings-message").render())
        assert app.settings.advisor.stretching_from_day == 14
    stored = load_settings(config_dir / "settings.json")
    assert stored.day_starts_at == time(3, 30)
    assert stored.week_start == 6
    assert stored.advisor.stretching_from_day == 14


async def test_a_bad_value_saves_nothing(empty_service, make_app, config_dir: Path):
    settings_file = config_dir / "settings.json"
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        before = settings_file.read_bytes() if settings_file.exists() else None
        field(screen, "rising_pain").value = "12"
        field(screen, "stretching_from_day").value = "15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(screen.query_one("#settings-message").render())
        assert "Not saved" in message and "0 to 10" in message
        assert (settings_file.read_bytes() if settings_file.exists() else None) == before
        assert app.settings.advisor.stretching_from_day == 11

        field(screen, "rising_pain").value = "7"
        field(screen, "day_starts_at").value = "13:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "before noon" in str(screen.query_one("#settings-message").render())
        field(screen, "day_starts_at").value = "late"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "like 04:00" in str(screen.query_one("#settings-message").render())
        assert (settings_file.read_bytes() if settings_file.exists() else None) == before


async def test_reset_to_defaults(empty_service, make_app, config_dir: Path):
    settings_file = config_dir / "settings.json"
    data = {"advisor": {"stretching_from_day": 15, "rising_pain": 8}}
    settings_file.write_text(json.dumps(data))
    empty_service.settings = load_settings(settings_file)
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        assert field(screen, "stretching_from_day").value == "15"
        await pilot.click("#settings-reset")
        assert field(screen, "stretching_from_day").value == "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_settings(settings_file).advisor == AdvisorSettings()


async def test_theme_choice_applies_and_is_kept(empty_service, make_app, config_dir: Path):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#settings-theme", Select)
        other = next(
            name
            for name in app.available_themes
            if name != app.theme and name.startswith("backjournal")
        )
        select.value = other
        await pilot.pause()
        assert app.theme == other
    assert load_settings(config_dir / "settings.json").theme == other


async def test_leaving_with_unsaved_changes_asks(empty_service, make_app):
    from backjournal.tui.modals.unsaved import UnsavedChangesModal

    app = make_app(empty_service)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        field(screen, "pain_jump").value = "3"
        screen.query_one("#settings-form").focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChangesModal)


async def test_guided_session_pacing_and_alert_are_saved_and_kept(
    make_service, make_app, config_dir: Path
):
    from backjournal.domain.settings import Settings

    # Values the form does not show (the report's name, the hurt window) survive a save.
    kept = Settings(name="Sam", advisor=AdvisorSettings(hurt_window_days=5))
    app = make_app(make_service(settings=kept))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        field(screen, "settle_s").value = "8"
        screen.query_one("#settings-alert", Select).value = "flash"
        screen.query_one("#settings-tempo", Select).value = True
        assert screen.has_unsaved_changes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.has_unsaved_changes()
        # Saving the advisor again keeps the session's settings (and the hurt window) as they are.
        field(screen, "stretching_from_day").value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = load_settings(config_dir / "settings.json")
    assert (stored.session.settle_s, stored.session.alert, stored.session.tempo) == (
        8,
        "flash",
        True,
    )
    assert stored.advisor.stretching_from_day == 12
    assert stored.advisor.hurt_window_days == 5 and stored.name == "Sam"
