"""The settings file and the theme files."""

from __future__ import annotations

import stat
from datetime import time

import pytest

from backjournal.domain.settings import AdvisorSettings, Settings
from backjournal.storage import SettingsError, load_settings, read_theme_files, save_settings


def test_missing_settings_are_the_defaults(tmp_path):
    assert load_settings(tmp_path / "nope" / "settings.json") == Settings()
    assert not (tmp_path / "nope").exists()


def test_settings_round_trip_privately(tmp_path):
    path = tmp_path / "config" / "settings.json"
    settings = Settings(
        day_starts_at=time(3, 30),
        week_start=6,
        theme="dark",
        advisor=AdvisorSettings(rising_pain=8),
    )
    save_settings(path, settings)
    assert load_settings(path) == settings
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"theme": ', "not valid JSON"),
        (b"[1, 2]", "settings"),
        (b'{"week_start": 9}', "week_start"),
        (b'{"advisor": {"nonsense": 1}}', "advisor.nonsense"),
        (b'{"day_starts_at": "25:00"}', "day_starts_at"),
    ],
)
def test_a_broken_settings_file_names_itself_and_is_left_alone(tmp_path, content, words):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(str(path)) and words in str(caught.value)
    assert path.read_bytes() == content


def test_theme_files_parsed_or_explained(tmp_path):
    shipped, user, missing = tmp_path / "shipped", tmp_path / "user", tmp_path / "missing"
    shipped.mkdir()
    user.mkdir()
    (shipped / "calm.toml").write_text('name = "calm"\n[colors]\nbackground = "#000000"\n')
    (shipped / "README.md").write_text("not a theme")
    (user / "broken.toml").write_text("name = \n")
    (user / "binary.toml").write_bytes(b"\xff\xfe")
    (user / "mine.toml").write_text('name = "mine"\n')
    found = read_theme_files([shipped, missing, user])
    assert [(p.name, parsed, error is None) for p, parsed, error in found] == [
        ("calm.toml", {"name": "calm", "colors": {"background": "#000000"}}, True),
        ("binary.toml", None, False),
        ("broken.toml", None, False),
        ("mine.toml", {"name": "mine"}, True),
    ]
    errors = {p.name: error for p, _, error in found}
    assert "UTF-8" in errors["binary.toml"] and "TOML" in errors["broken.toml"]
