"""Guided sessions through the service (issue 11): ticks as you go, the session record, pain now,
keeping nothing, and the new fields surviving the store, exports and imports."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import orjson
import pytest

from backjournal.domain.errors import InputError
from backjournal.domain.models import DONE, SKIPPED, STOPPED, GuidedItem, Tick
from backjournal.domain.session_engine import ItemResult
from backjournal.service import JournalService
from backjournal.storage import Store

NIGHT = date(2026, 11, 29)


class WallClock:
    """The service's wall clock, moved by hand; 02:45 on the 30th is still the night of the 29th."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 2, 45, 10, 500_000)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def wall():
    return WallClock()


@pytest.fixture
def service(tmp_path, wall):
    return JournalService(Store(tmp_path / "data"), clock=wall)


def played(service, wall, *exercises: str):
    plan = service.session_plan(NIGHT)
    return service.start_session(plan), plan


def index_of(plan, exercise):
    return [i.exercise.id for i in plan.items].index(exercise)


def test_plan_is_for_the_night_before_after_midnight(service):
    assert service.today() == NIGHT
    assert service.session_plan(service.today()).day == NIGHT


def test_ticks_as_you_go_and_the_record_holds_the_items_in_order(service, wall):
    handle, plan = played(service, wall)
    assert service.day(NIGHT).sessions[0].start == datetime(2026, 11, 30, 2, 45, 10)
    psoas = index_of(plan, "psoas-stretch")
    tick = service.record_session_item(
        handle, ItemResult(psoas, "psoas-stretch", DONE, 2, None, 30, "both")
    )
    assert tick == Tick("psoas-stretch", sets=2, hold_s=30, side="both")
    assert service.day(NIGHT).ticks["psoas-stretch"] == tick  # stored at once
    service.record_session_item(handle, ItemResult(0, "march-in-place", SKIPPED))
    hurt = index_of(plan, "bridge")
    service.record_session_item(
        handle, ItemResult(hurt, "bridge", STOPPED, 1, 4, None, None, pain=6)
    )
    stored = service.day(NIGHT)
    assert stored.ticks["bridge"] == Tick(
        "bridge", sets=1, reps=4, hold_s=3, stopped=True, pain_during=6
    )
    assert "march-in-place" not in stored.ticks
    (session,) = stored.sessions
    assert session.items == (
        GuidedItem("march-in-place", SKIPPED),
        GuidedItem("psoas-stretch", DONE),
        GuidedItem("bridge", STOPPED),
    )
    assert session.end is None  # still running: a crash now keeps all of this


def test_finish_with_pain_fills_an_empty_entry_and_skips_what_was_not_reached(service, wall):
    handle, plan = played(service, wall)
    service.record_session_item(handle, ItemResult(0, "march-in-place", DONE, 1, 60))
    wall.now += timedelta(minutes=14)
    rest = [ItemResult(n, i.exercise.id, SKIPPED) for n, i in enumerate(plan.items)]
    session = service.finish_session(handle, 3, skipped=rest)
    stored = service.day(NIGHT)
    assert stored.entry.pain == 3 and session.pain_after == 3
    assert stored.sessions == (session,)
    assert round(session.minutes) == 14
    assert [i.outcome for i in session.items] == [DONE] + [SKIPPED] * (len(plan.items) - 1)


def test_finish_keeps_an_existing_entry_and_stores_the_pain_with_the_session(service, wall):
    service.log(NIGHT, {"pain": 5, "notes": "long day"})
    handle, _ = played(service, wall)
    service.finish_session(handle, 2)
    stored = service.day(NIGHT)
    assert stored.entry.pain == 5 and stored.entry.notes == "long day"
    assert stored.sessions[0].pain_after == 2


def test_bad_pain_changes_nothing(service, wall):
    handle, _ = played(service, wall)
    before = service.day(NIGHT)
    with pytest.raises(InputError):
        service.finish_session(handle, 11)
    assert service.day(NIGHT) == before


def test_keeping_nothing_undoes_the_ticks_and_puts_earlier_ones_back(service, wall):
    earlier = service.tick(NIGHT, "psoas-stretch", hold_s=25).tick
    handle, plan = played(service, wall)
    service.record_session_item(handle, ItemResult(0, "march-in-place", DONE, 1, 60))
    n = index_of(plan, "psoas-stretch")
    service.record_session_item(handle, ItemResult(n, "psoas-stretch", DONE, 2, None, 30, "both"))
    service.discard_session(handle)
    stored = service.day(NIGHT)
    assert stored.ticks == {"psoas-stretch": earlier}
    assert stored.sessions == ()


def test_logging_or_unticking_later_keeps_the_session(service, wall):
    handle, _ = played(service, wall)
    service.record_session_item(handle, ItemResult(0, "march-in-place", DONE, 1, 60))
    service.finish_session(handle, 4)
    service.log(NIGHT, {"mood": 7})
    service.untick(NIGHT, "march-in-place")
    service.delete_entry(NIGHT)
    assert len(service.day(NIGHT).sessions) == 1


def test_two_sessions_in_one_second_get_distinct_starts(service, wall):
    first, _ = played(service, wall)
    second, _ = played(service, wall)
    assert second.start == first.start + timedelta(seconds=1)
    assert len(service.day(NIGHT).sessions) == 2


def test_hurt_exercise_is_left_out_of_the_next_plan_and_named_by_the_advisor(service, wall):
    handle, plan = played(service, wall)
    n = index_of(plan, "bridge")
    service.record_session_item(handle, ItemResult(n, "bridge", STOPPED, 1, 4, pain=6))
    service.finish_session(handle, 4)
    later = service.session_plan(NIGHT)
    assert "bridge" not in [i.exercise.id for i in later.items]
    assert "bridge" in [
        i.exercise.id for i in service.session_plan(NIGHT, add_back=["bridge"]).items
    ]
    advice = service.advise(NIGHT + timedelta(days=6))
    (hurt,) = [w for w in advice.warnings if w.code == "exercise_hurt"]
    assert "Bridge" in hurt.message and "pain 6/10" in hurt.message
    assert not any(
        w.code == "exercise_hurt" for w in service.advise(NIGHT + timedelta(days=7)).warnings
    )


def test_unknown_exercise_to_drop_is_bad_input(service):
    with pytest.raises(InputError):
        service.session_plan(NIGHT, dropped=["no-such"])


def test_sessions_and_new_tick_fields_survive_export_and_import(service, wall, tmp_path):
    handle, plan = played(service, wall)
    n = index_of(plan, "psoas-stretch")
    service.record_session_item(
        handle, ItemResult(n, "psoas-stretch", STOPPED, 1, None, 12, "left", 7)
    )
    wall.now += timedelta(minutes=3)
    service.finish_session(handle, 5)
    text = service.export("json")
    data = json.loads(text)
    (day,) = [d for d in data["days"] if d["date"] == NIGHT.isoformat()]
    assert day["sessions"][0]["items"] == [{"exercise": "psoas-stretch", "outcome": "stopped"}]
    assert {"stopped": True, "pain_during": 7}.items() <= day["ticks"][0].items()
    other = JournalService(Store(tmp_path / "other"), clock=wall)
    other.import_text(text)
    assert other.day(NIGHT) == service.day(NIGHT)


def test_a_schema_1_day_without_the_new_keys_reads_unchanged(tmp_path, wall):
    data = tmp_path / "old"
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(
        orjson.dumps({"meta": {"1": {"schema": 1, "routines_custom": False}}})
    )
    (data / "journal-2026.json").write_bytes(
        orjson.dumps(
            {
                "days": {
                    "1": {
                        "date": "2026-11-20",
                        "entry": {"pain": 4},
                        "ticks": [{"exercise": "bridge", "sets": 2, "reps": 10}],
                    }
                }
            }
        )
    )
    day = JournalService(Store(data), clock=wall).day(date(2026, 11, 20))
    assert day.ticks["bridge"] == Tick("bridge", sets=2, reps=10)
    assert day.ticks["bridge"].stopped is False and day.sessions == ()


@pytest.mark.parametrize(
    "bad",
    [
        {"ticks": [{"exercise": "bridge", "stopped": "yes"}]},
        {"ticks": [{"exercise": "bridge", "pain_during": 11}]},
        {
            "sessions": [
                {
                    "start": "2026-11-20T21:00:00",
                    "items": [{"exercise": "bridge", "outcome": "meh"}],
                }
            ]
        },
        {"sessions": [{"start": "2026-11-20T21:00:00", "end": "2026-11-20T20:00:00"}]},
        {"sessions": [{"start": "yesterday"}]},
        {"sessions": [{"start": "2026-11-20T21:00:00"}, {"start": "2026-11-20T21:00:00"}]},
        {"sessions": {"start": "2026-11-20T21:00:00"}},
    ],
)
def test_wrongly_shaped_new_fields_make_the_file_unusable_not_half_read(tmp_path, wall, bad):
    from backjournal.storage import JournalUnusable

    data = tmp_path / "bad"
    data.mkdir(mode=0o700)
    (data / "journal-meta.json").write_bytes(
        orjson.dumps({"meta": {"1": {"schema": 2, "routines_custom": False}}})
    )
    doc = {"date": "2026-11-20", "entry": None, "ticks": [], **bad}
    (data / "journal-2026.json").write_bytes(orjson.dumps({"days": {"1": doc}}))
    with pytest.raises(JournalUnusable):
        JournalService(Store(data), clock=wall).day(date(2026, 11, 20))


def test_markdown_export_names_sessions_and_what_hurt(service, wall):
    handle, plan = played(service, wall)
    n = index_of(plan, "bridge")
    service.record_session_item(handle, ItemResult(n, "bridge", STOPPED, 1, 4, pain=6))
    wall.now += timedelta(minutes=12)
    service.finish_session(handle, 4)
    text = service.export("md")
    assert "- 1 session, 12 min on average" in text
    assert f"- {NIGHT.isoformat()}: Bridge (pain 6/10)" in text


def test_html_report_names_sessions_and_what_hurt(service, wall):
    handle, plan = played(service, wall)
    n = index_of(plan, "bridge")
    service.record_session_item(handle, ItemResult(n, "bridge", STOPPED, 1, 4, pain=6))
    wall.now += timedelta(minutes=12)
    service.finish_session(handle, 4)
    html = service.export("html", NIGHT - timedelta(days=30), NIGHT)
    assert "Guided sessions: 1 session, 12 min on average." in html
    assert f"Stopped because it hurt (1): {NIGHT.day} {NIGHT:%b}: Bridge (pain 6/10)." in html
