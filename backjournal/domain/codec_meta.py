"""Plain-dict shapes of the journal meta's records: episodes, exercises, routines, clearances, demo."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from backjournal.domain.codec_fields import ShapeError, read_date, read_int, read_whole, read_words
from backjournal.domain.models import Clearance, DemoOrigin, Episode, Exercise, Routine
from backjournal.domain.vocab import KINDS, REGIONS, SIDES


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    return {
        "start": episode.start.isoformat(),
        "end": episode.end.isoformat() if episode.end else None,
    }


def episode_from_dict(doc: Any, where: str = "episode") -> Episode:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    start = read_date(doc.get("start"), f"{where}.start")
    end = None if doc.get("end") is None else read_date(doc.get("end"), f"{where}.end")
    if end is not None and end <= start:
        raise ShapeError(where, f"ends {end} on or before it starts {start}")
    return Episode(start=start, end=end)


def check_episodes(episodes: list[Episode], where: str = "episodes") -> list[Episode]:
    """Sort episodes and refuse overlaps or more than one open episode."""
    episodes = sorted(episodes, key=lambda e: e.start)
    for before, after in pairwise(episodes):
        if before.end is None or after.start < before.end:
            raise ShapeError(
                where, f"episode starting {after.start} overlaps the one starting {before.start}"
            )
    return episodes


EXERCISE_FIELDS = ("id", "name", "kind", "region", "sets", "reps", "hold_s", "sides")


def exercise_to_dict(exercise: Exercise, full: bool = True) -> dict[str, Any]:
    doc = {
        "id": exercise.id,
        "name": exercise.name,
        "kind": exercise.kind,
        "region": exercise.region,
        "sets": exercise.sets,
        "reps": exercise.reps,
        "hold_s": exercise.hold_s,
        "sides": exercise.sides,
    }
    if full:
        doc.update(
            hold_max_s=exercise.hold_max_s,
            how_to=exercise.how_to,
            caution=exercise.caution,
            builtin=exercise.builtin,
        )
    return doc


def exercise_from_dict(doc: Any, where: str = "exercise") -> Exercise:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    for key in ("id", "name", "how_to", "caution"):
        if not isinstance(doc.get(key, ""), str):
            raise ShapeError(f"{where}.{key}", "must be text")
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ShapeError(f"{where}.id", "is missing")
    where = f"{where} {doc['id']}"
    if doc.get("kind") not in KINDS:
        raise ShapeError(f"{where}.kind", f"unknown kind {doc.get('kind')!r}")
    if doc.get("region") not in REGIONS:
        raise ShapeError(f"{where}.region", f"unknown region {doc.get('region')!r}")
    if doc.get("sides") not in SIDES:
        raise ShapeError(f"{where}.sides", "must be 'one' or 'both'")
    return Exercise(
        id=doc["id"],
        name=doc.get("name") or doc["id"],
        kind=doc["kind"],
        region=doc["region"],
        sets=read_int(doc.get("sets"), f"{where}.sets", 1, 100),
        reps=read_int(doc.get("reps"), f"{where}.reps", 1, 1000),
        hold_s=read_int(doc.get("hold_s"), f"{where}.hold_s", 1, 3600),
        hold_max_s=read_int(doc.get("hold_max_s"), f"{where}.hold_max_s", 1, 3600),
        sides=doc["sides"],
        how_to=doc.get("how_to", ""),
        caution=doc.get("caution", ""),
        builtin=False,
    )


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    return {
        "id": routine.id,
        "name": routine.name,
        "frequency": routine.frequency,
        "times_per_week": routine.times_per_week,
        "max_per_week": routine.max_per_week,
        "exercises": list(routine.exercises),
    }


def routine_from_dict(doc: Any, where: str = "routine") -> Routine:
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ShapeError(where, "must be an object with an id")
    where = f"{where} {doc['id']}"
    name = doc.get("name", doc["id"])
    if not isinstance(name, str):
        raise ShapeError(f"{where}.name", "must be text")
    times = read_int(doc.get("times_per_week"), f"{where}.times_per_week", 1, 7)
    most = read_int(doc.get("max_per_week"), f"{where}.max_per_week", 1, 7)
    return Routine(
        id=doc["id"],
        name=name,
        exercises=read_words(doc.get("exercises", []), f"{where}.exercises"),
        times_per_week=times,
        max_per_week=most,
    )


CLEARANCE_NOTE_MAX = 1000


def clearance_to_dict(clearance: Clearance) -> dict[str, Any]:
    return {"date": clearance.date.isoformat(), "note": clearance.note}


def clearance_from_dict(doc: Any, where: str = "clearance") -> Clearance:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    day = read_date(doc.get("date"), f"{where}.date")
    note = doc.get("note", "")
    if not isinstance(note, str) or len(note) > CLEARANCE_NOTE_MAX:
        raise ShapeError(
            f"{where}.note", f"must be text of at most {CLEARANCE_NOTE_MAX} characters"
        )
    return Clearance(date=day, note=note)


def check_clearances(clearances: list[Clearance], where: str = "clearances") -> list[Clearance]:
    """Sort clearances by date and refuse two on the same date."""
    ordered = sorted(clearances, key=lambda c: c.date)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.date == after.date:
            raise ShapeError(where, f"two clearances are dated {after.date}")
    return ordered


def demo_to_dict(origin: DemoOrigin) -> dict[str, Any]:
    return {"days": origin.days, "seed": origin.seed, "today": origin.today.isoformat()}


def demo_from_dict(doc: Any, where: str = "meta.demo") -> DemoOrigin:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    days = read_whole(doc.get("days"), f"{where}.days", 1, 36_500)
    seed = read_whole(doc.get("seed"), f"{where}.seed", 0, 2**31)
    return DemoOrigin(days=days, seed=seed, today=read_date(doc.get("today"), f"{where}.today"))
