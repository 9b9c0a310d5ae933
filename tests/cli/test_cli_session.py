"""`backjournal session --plan` and the advisor naming an exercise that hurt (issue 11)."""

from __future__ import annotations

import json
from datetime import datetime

from backjournal.domain.models import STOPPED, GuidedItem, GuidedSession
from backjournal.service import JournalService
from backjournal.storage import Store


def test_plan_json_has_the_documented_shape(bj):
    result = bj("session", "--plan", "--json", "--date", "2026-03-02")
    assert result.code == 0, result.err
    plan = json.loads(result.out)
    assert set(plan) == {"date", "minutes", "items"}
    assert plan["date"] == "2026-03-02" and plan["minutes"] > 0
    first, *_, last = plan["items"]
    assert first["kind"] == "warm-up" and last["kind"] == "cool-down"
    psoas = next(i for i in plan["items"] if i["exercise"] == "psoas-stretch")
    assert psoas == {
        "exercise": "psoas-stretch",
        "kind": "stretching",
        "sets": 2,
        "reps": None,
        "hold_s": 30,
        "sides": ["left", "right", "left", "right"],
    }
    assert next(i for i in plan["items"] if i["exercise"] == "bridge")["sides"] is None


def test_plan_in_the_first_days_of_an_episode_is_gentle(bj):
    assert bj("episode", "start", "--date", "2026-03-01").code == 0
    plan = json.loads(bj("session", "--plan", "--json", "--date", "2026-03-03").out)
    assert {i["kind"] for i in plan["items"]} <= {"warm-up", "mobility", "cool-down"}


def test_plan_text_drop_and_bad_input(bj, data_dir):
    text = bj("session", "--plan", "--date", "2026-03-02", "--drop", "bridge")
    assert text.code == 0 and "about" in text.out and "min" in text.out
    assert "left out: Bridge (bridge): dropped for tonight" in text.out
    assert bj("session", "--plan", "--drop", "no-such").code == 2
    assert bj("session").code == 2
    assert not data_dir.exists() or not any(data_dir.glob("journal-*.json"))


def test_hurt_exercise_left_out_shown_by_advise_and_added_back(bj, data_dir):
    service = JournalService(Store(data_dir))
    service.tick(datetime(2026, 3, 2).date(), "bridge", reps=3, sets=1)
    start = datetime(2026, 3, 2, 21, 0)
    from dataclasses import replace

    service.store.update_day(
        start.date(),
        lambda d: replace(
            d,
            ticks={"bridge": replace(d.ticks["bridge"], stopped=True, pain_during=6)},
            sessions=(GuidedSession(start, None, (GuidedItem("bridge", STOPPED),)),),
        ),
    )
    plan = bj("session", "--plan", "--date", "2026-03-03")
    assert "left out: Bridge (bridge): it hurt in one of your last two sessions" in plan.out
    assert "--add-back" in plan.out
    back = json.loads(
        bj("session", "--plan", "--json", "--date", "2026-03-03", "--add-back", "bridge").out
    )
    assert "bridge" in [i["exercise"] for i in back["items"]]
    advise = bj("advise", "--date", "2026-03-04")
    assert "[exercise_hurt]" in advise.out and "Bridge on 2 Mar, pain 6/10" in advise.out
    data = json.loads(bj("show", "--date", "2026-03-02", "--json").out)
    assert data["sessions"][0]["items"] == [{"exercise": "bridge", "outcome": "stopped"}]
    assert data["ticks"][0]["stopped"] is True and data["ticks"][0]["pain_during"] == 6
    shown = bj("show", "--date", "2026-03-02")
    assert (
        "stopped: it hurt, pain 6/10" in shown.out
        and "Guided session at 21:00 (not finished): 1 stopped" in shown.out
    )
