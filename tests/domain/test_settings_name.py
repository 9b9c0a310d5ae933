"""The `name` setting: an optional name or nickname shown on the clinician report."""

from __future__ import annotations

import pytest

from backjournal.domain.errors import InputError
from backjournal.domain.settings import NAME_MAX, Settings


def test_name_is_optional_and_left_out_of_the_file_when_empty():
    assert Settings().name == ""
    assert "name" not in Settings().to_dict()


def test_name_round_trips_and_is_trimmed():
    settings = Settings.from_dict({"name": "  Sam   O'Neil "})
    assert settings.name == "Sam O'Neil"
    assert Settings.from_dict(settings.to_dict()) == settings


@pytest.mark.parametrize(
    "bad", [5, None, ["Sam"], "x" * (NAME_MAX + 1), "Sam\x1b[2J", "a\nb", "\x85"]
)
def test_bad_names_are_refused_naming_the_field(bad):
    with pytest.raises(InputError) as caught:
        Settings.from_dict({"name": bad})
    assert caught.value.field == "name"
