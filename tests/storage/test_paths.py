"""Where the journal and the config live: --data-dir, then env, then platformdirs."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from backjournal.storage import Paths, resolve_paths


def test_data_dir_option_wins_over_env(tmp_path):
    env = {
        "BACKJOURNAL_DATA_DIR": str(tmp_path / "env"),
        "BACKJOURNAL_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    paths = resolve_paths(str(tmp_path / "opt"), env)
    assert paths.data_dir == tmp_path / "opt"


def test_env_wins_over_platformdirs(tmp_path):
    paths = resolve_paths(None, {"BACKJOURNAL_DATA_DIR": str(tmp_path / "env")})
    assert paths.data_dir == tmp_path / "env"


def test_platformdirs_when_nothing_given():
    paths = resolve_paths(None, {})
    assert paths.data_dir == Path(platformdirs.user_data_dir("backjournal")).absolute()
    assert paths.config_dir == Path(platformdirs.user_config_dir("backjournal")).absolute()


def test_empty_env_value_counts_as_unset():
    paths = resolve_paths(None, {"BACKJOURNAL_DATA_DIR": "", "BACKJOURNAL_CONFIG_DIR": ""})
    assert paths.data_dir == Path(platformdirs.user_data_dir("backjournal")).absolute()


def test_config_paths_follow_config_env(tmp_path):
    paths = resolve_paths(str(tmp_path / "d"), {"BACKJOURNAL_CONFIG_DIR": str(tmp_path / "cfg")})
    assert paths == Paths(
        data_dir=tmp_path / "d",
        config_dir=tmp_path / "cfg",
        config_file=tmp_path / "cfg" / "settings.json",
        user_themes_dir=tmp_path / "cfg" / "themes",
    )


def test_relative_and_home_paths_become_absolute(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert resolve_paths("~/j", {}).data_dir == tmp_path / "j"
    assert resolve_paths("rel", {}).data_dir == tmp_path / "rel"


def test_resolving_creates_nothing(tmp_path):
    resolve_paths(str(tmp_path / "d"), {"BACKJOURNAL_CONFIG_DIR": str(tmp_path / "c")})
    assert list(tmp_path.iterdir()) == []
