"""open_journal: the one door the CLI and the app use to reach a journal, its settings and paths."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from support import fingerprint

from backjournal import entry
from backjournal.cli import EXIT_INPUT
from backjournal.cli import main as cli_main
from backjournal.domain.errors import InputError
from backjournal.domain.settings import Settings
from backjournal.service import (
    JOURNAL_ERRORS,
    STORE_ERRORS,
    JournalUnusable,
    StoreWriteError,
    open_journal,
)


def test_paths_settings_and_clock_come_from_the_arguments(tmp_path):
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "settings.json").write_text('{"day_starts_at": "02:00"}')
    env = {
        "BACKJOURNAL_DATA_DIR": str(tmp_path / "env-data"),
        "BACKJOURNAL_CONFIG_DIR": str(config),
    }
    service = open_journal(str(tmp_path / "mine"), env=env, clock=lambda: datetime(2026, 3, 5, 3))
    assert service.paths.data_dir == tmp_path / "mine"  # the option beats the environment
    assert service.paths.config_file == config / "settings.json"
    assert service.store.data_dir == tmp_path / "mine"
    assert service.settings_problem is None
    assert service.today() == date(2026, 3, 5)  # 03:00 is past a 02:00 day start
    service.log(service.today(), {"pain": 2})
    assert service.day(date(2026, 3, 5)).entry.pain == 2


def test_a_broken_settings_file_gives_the_defaults_and_is_left_alone(tmp_path):
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "settings.json").write_text('{"day_starts_at": [1]')
    before = fingerprint(config)
    env = {"BACKJOURNAL_CONFIG_DIR": str(config)}
    service = open_journal(str(tmp_path / "data"), env=env)
    assert service.settings.day_starts_at.hour == 4
    assert service.settings_problem and "settings.json" in service.settings_problem
    assert fingerprint(config) == before


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_data_dir_is_refused(blank):
    with pytest.raises(InputError) as error:
        open_journal(blank)
    assert error.value.field == "data-dir"


def test_saved_settings_are_written_and_used(tmp_path):
    env = {"BACKJOURNAL_CONFIG_DIR": str(tmp_path / "cfg")}
    service = open_journal(str(tmp_path / "data"), env=env)
    changed = Settings(theme="backjournal-contrast")
    service.save_settings(changed)
    assert service.settings is changed
    assert open_journal(str(tmp_path / "data"), env=env).settings.theme == "backjournal-contrast"


def test_the_storage_errors_keep_one_home():
    from backjournal import storage

    assert JournalUnusable is storage.JournalUnusable and StoreWriteError is storage.StoreWriteError
    assert (JournalUnusable, StoreWriteError) == STORE_ERRORS
    assert (InputError, *STORE_ERRORS) == JOURNAL_ERRORS


def test_the_cli_alone_needs_a_command(journal_dir, capsys):
    assert cli_main([]) == EXIT_INPUT
    assert "command" in capsys.readouterr().err
    assert not journal_dir.exists()


def test_the_console_script_opens_the_app_with_no_command(journal_dir, monkeypatch):
    opened = []
    drawn = []

    def run_app(context, when_drawn=None):
        opened.append(context)
        drawn.append(when_drawn)
        return 0

    monkeypatch.setattr("backjournal.tui.app.run_app", run_app)
    assert entry.main(["--data-dir", str(journal_dir)]) == 0
    assert [c.service.paths.data_dir for c in opened] == [journal_dir]
    assert drawn[0] is not None  # the collector comes back on once the first frame is drawn
