"""The service's use cases in-process, with a fixed clock: the 04:00 boundary and override recording."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from backjournal.domain.errors import AdvisorRefusal, InputError
from backjournal.domain.settings import Settings
from backjournal.service import JournalService
from backjournal.storage import Store


def service_at(tmp_path, now: datetime, settings: Settings | None = None) -> JournalService:
    return JournalService(Store(tmp_path / "data"), settings or Settings(), clock=lambda: now)


@pytest.mark.journal_day
@pytest.mark.parametrize(
    "now,expected",
    [
        (datetime(2026, 11, 21, 0, 30), date(2026, 11, 20)),
        (datetime(2026, 11, 21, 3, 59), date(2026, 11, 20)),
        (datetime(2026, 11, 21, 4, 0), date(2026, 11, 21)),
        (datetime(2026, 11, 21, 23, 59), date(2026, 11, 21)),
    ],
)
def test_logging_after_midnight_goes_to_the_night_before(tmp_path, now, expected):
    service = service_at(tmp_path, now)
    service.log(service.parse_date(None), {"pain": 3})
    assert service.day(expected).entry.pain == 3
    assert service.parse_date("yesterday") == date.fromordinal(expected.toordinal() - 1)


@pytest.mark.journal_day
def test_day_starts_at_is_a_setting(tmp_path):
    late = Settings(day_starts_at=time(2, 0))
    assert service_at(tmp_path, datetime(2026, 11, 21, 3, 0), late).today() == date(2026, 11, 21)
    assert service_at(tmp_path, datetime(2026, 11, 21, 1, 0), late).today() == date(2026, 11, 20)


def test_after_midnight_today_is_not_in_the_future(tmp_path):
    service = service_at(tmp_path, datetime(2026, 11, 21, 1, 0))
    with pytest.raises(InputError) as error:
        service.log(date(2026, 11, 21), {"pain": 3})
    assert error.value.field == "date"


def test_too_soon_refused_then_overridden(tmp_path):
    service = service_at(tmp_path, datetime(2026, 1, 10, 21, 0))
    service.start_episode(date(2026, 1, 5))
    with pytest.raises(AdvisorRefusal):
        service.tick(date(2026, 1, 10), "bridge")
    assert service.day(date(2026, 1, 10)).ticks == {}
    outcome = service.tick(date(2026, 1, 10), "bridge", anyway=True)
    assert outcome.tick.overridden is True
    assert service.day(date(2026, 1, 10)).ticks["bridge"].overridden is True


def test_tick_defaults_to_the_prescribed_dose(tmp_path):
    service = service_at(tmp_path, datetime(2026, 1, 10, 21, 0))
    tick = service.tick(date(2026, 1, 10), "hamstring-stretch").tick
    assert (tick.sets, tick.hold_s, tick.side) == (2, 20, "both")
    assert tick.overridden is False


def test_failed_rule_touches_nothing(tmp_path):
    service = service_at(tmp_path, datetime(2026, 1, 10, 21, 0))
    with pytest.raises(InputError):
        service.end_episode(date(2026, 1, 9))
    assert not (tmp_path / "data").exists()
