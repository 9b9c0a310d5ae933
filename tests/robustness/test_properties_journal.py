"""Property tests over random journals, end to end.

* export -> import -> export through the CLI is the identity, for random journals over several years
  (unicode notes, every field, custom exercises, routines, episodes);
* random operations applied through the CLI (cli.main) and replayed in-process through the service
  give the same journal, and fail the same way (exit 2 <-> InputError, exit 3 <-> AdvisorRefusal);
* the advisor through the real service never lets strengthening through before day 21 nor stretching
  before day 11 (and, for random thresholds, never allows a kind before its day);
* a day paused by the episode's phase never breaks a routine streak; current <= best in the CLI's JSON.

The rest of the advisor and streak properties (a step back never moves a phase forward, current <=
best, a paused rest day never breaks a streak, adding a tick never lowers a streak) are in
tests/domain/test_properties.py.
"""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from robustness_support import n, report, run_main

from backjournal.domain.advisor import advise
from backjournal.domain.errors import AdvisorRefusal, InputError
from backjournal.domain.exercises import BUILTIN_EXERCISES, DEFAULT_ROUTINES
from backjournal.domain.journal import build_journal
from backjournal.domain.models import Day, Entry, Episode, Exercise, JournalMeta, Routine, Tick
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.streaks import compute_streaks
from backjournal.domain.vocab import AREAS, RED_FLAGS, REGIONS
from backjournal.service import JournalService
from backjournal.storage import Store

TODAY = JournalService(Store(Path("/nonexistent"))).today()
PROPS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
COUNTS = {"journals": 0, "days": 0, "ops": 0, "refused": 0, "advisor": 0, "streaks": 0}

# Stored text is what input accepts: no control characters but newline and tab.
text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), max_size=60
)
word = st.from_regex(
    r"[a-z0-9äöé][a-z0-9äöé-]{0,9}", fullmatch=True
)  # "--" is not a value argparse can pass
score = st.integers(0, 10)
maybe_score = st.none() | score

entries = st.builds(
    Entry,
    pain=score,
    worst=maybe_score,
    sleep=maybe_score,
    mood=maybe_score,
    areas=st.lists(st.sampled_from(AREAS), unique=True).map(
        lambda a: tuple(x for x in AREAS if x in a)
    ),
    notes=text,
    tags=st.lists(word, unique=True, max_size=3).map(tuple),
    red_flags=st.lists(st.sampled_from(RED_FLAGS), unique=True, max_size=2).map(
        lambda a: tuple(x for x in RED_FLAGS if x in a)
    ),
    rest=st.booleans(),
)


@st.composite
def custom_exercises(draw) -> list[Exercise]:
    ids = draw(
        st.lists(
            st.sampled_from(["wall-slide", "side-plank", "chin-nod", "hip-hinge"]),
            unique=True,
            max_size=2,
        )
    )
    out = []
    for exercise_id in ids:
        kind = draw(
            st.sampled_from(
                ["warm-up", "mobility", "stretching", "strengthening", "aerobic", "cool-down"]
            )
        )
        out.append(
            Exercise(
                id=exercise_id,
                name=draw(st.from_regex(r"[A-Z][a-z]{2,12}( [a-z]{2,8})?", fullmatch=True)),
                kind=kind,
                region=draw(st.sampled_from(REGIONS)),
                sets=draw(st.none() | st.integers(1, 5)),
                reps=draw(st.integers(5, 20)) if kind in ("mobility", "strengthening") else None,
                hold_s=draw(st.integers(10, 60)) if kind == "stretching" else None,
                sides=draw(st.sampled_from(["one", "both"])),
                how_to=draw(text),
                caution=draw(text),
            )
        )
    return out


@st.composite
def journals(draw) -> tuple[dict[date, Day], JournalMeta]:
    customs = draw(custom_exercises())
    library = [e.id for e in BUILTIN_EXERCISES] + [e.id for e in customs]
    offsets = draw(st.lists(st.integers(0, 1500), unique=True, max_size=30))  # four years and more
    # and sometimes a dense stretch of nightly entries, drawn from a seed (kept out of shrinking)
    dense = random.Random(draw(st.integers(0, 2**32))).sample(
        range(1500), draw(st.sampled_from([0, 0, 60, 250]))
    )
    for offset in dense:
        if offset not in offsets:
            offsets.append(offset)
    days = {}
    for offset in offsets:
        day = TODAY - timedelta(days=offset)
        entry = draw(st.none() | entries)
        ticked = draw(st.lists(st.sampled_from(library), unique=True, max_size=4))
        ticks = {
            ex: Tick(
                ex,
                sets=draw(st.none() | st.integers(1, 100)),
                reps=draw(st.none() | st.integers(1, 1000)),
                hold_s=draw(st.none() | st.integers(1, 3600)),
                side=draw(st.none() | st.sampled_from(["left", "right", "both"])),
                overridden=draw(st.booleans()),
            )
            for ex in ticked
        }
        if entry is None and not ticks:
            entry = Entry(pain=draw(score))
        days[day] = Day(day, entry, ticks)
    starts = sorted(draw(st.lists(st.integers(1, 1500), unique=True, max_size=3)), reverse=True)
    episodes = []
    for i, back in enumerate(starts):
        start = TODAY - timedelta(days=back)
        limit = (TODAY - timedelta(days=starts[i + 1])) if i + 1 < len(starts) else None
        length = draw(st.integers(1, 60))
        end = start + timedelta(days=length)
        if i + 1 < len(starts) and end > TODAY - timedelta(days=starts[i + 1]):
            end = TODAY - timedelta(days=starts[i + 1])
        if i + 1 == len(starts) and draw(st.booleans()):
            end = None  # the last one may still be open
        if end is not None and end <= start:
            continue
        del limit
        episodes.append(Episode(start, end))
    routines = None
    if draw(st.booleans()):
        routines = [replace(r, exercises=tuple(e for e in r.exercises)) for r in DEFAULT_ROUTINES]
        if customs:
            routines.append(
                Routine(
                    "mine",
                    "My routine",
                    tuple(e.id for e in customs),
                    times_per_week=draw(st.none() | st.integers(1, 7)),
                )
            )
    return days, JournalMeta(episodes=episodes, exercises=customs, routines=routines)


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report(
        "properties",
        (
            f"{n(COUNTS['journals'])} random journals ({n(COUNTS['days'])} days) exported, imported and exported again "
            f"identically; {n(COUNTS['ops'])} random operations through cli.main replayed through the service "
            f"({n(COUNTS['refused'])} refused alike); {n(COUNTS['advisor'])} advisor and {n(COUNTS['streaks'])} streak "
            "checks end to end"
        ),
    )


def comparable(loaded: tuple[dict[date, Day], JournalMeta]) -> tuple[dict[date, Day], JournalMeta]:
    """The journal with its custom exercises in id order (the order an export writes them in)."""
    days, meta = loaded
    return days, replace(meta, exercises=sorted(meta.exercises, key=lambda e: e.id))


@pytest.mark.slow
@PROPS
@given(journal=journals())
def test_export_import_export_is_the_identity(journal):
    days, meta = journal
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first", Path(tmp) / "second"
        Store(first).replace_all(days, meta)
        out1, out2 = Path(tmp) / "one.json", Path(tmp) / "two.json"
        assert run_main("--data-dir", str(first), "export", "--out", str(out1)).code == 0
        imported = run_main("--data-dir", str(second), "import", str(out1))
        assert imported.code == 0, imported.err
        assert run_main("--data-dir", str(second), "export", "--out", str(out2)).code == 0
        assert out1.read_bytes() == out2.read_bytes()
        assert comparable(Store(first).load()) == comparable(Store(second).load())
        # The CLI's streaks hold current <= best on every journal.
        streaks = json.loads(run_main("--data-dir", str(second), "streaks", "--json").out)
        for streak in [streaks["journal"], *streaks["routines"]]:
            assert 0 <= streak["current"] <= streak["best"]
    COUNTS["journals"] += 1
    COUNTS["days"] += len(days)
    COUNTS["streaks"] += 1


EXERCISES = [
    "walk",
    "pelvic-tilt",
    "cat-cow",
    "bridge",
    "bird-dog",
    "hamstring-stretch",
    "glute-stretch",
]
offsets = st.integers(0, 40)

log_ops = st.fixed_dictionaries(
    {"op": st.just("log"), "day": offsets},
    # (argparse reads "--note=--" as an empty list, a CPython quirk the CLI reports as bad input)
    optional={
        "pain": st.integers(-1, 11),
        "worst": score,
        "sleep": score,
        "mood": score,
        "note": text.filter(lambda t: t != "--"),
        "tags": st.lists(word, max_size=2),
        "areas": st.lists(st.sampled_from(AREAS), max_size=2),
        "red_flags": st.lists(st.sampled_from(RED_FLAGS), max_size=1),
        "rest": st.booleans(),
    },
).filter(lambda op: len(op) > 2)
tick_ops = st.fixed_dictionaries(
    {
        "op": st.just("tick"),
        "day": offsets,
        "exercise": st.sampled_from(EXERCISES),
        "anyway": st.booleans(),
    },
    optional={
        "sets": st.integers(0, 5),
        "reps": st.integers(1, 30),
        "hold": st.integers(1, 60),
        "side": st.sampled_from(["left", "right", "both"]),
    },
)
operations = st.lists(
    st.one_of(
        log_ops,
        log_ops,
        tick_ops,
        tick_ops,
        st.fixed_dictionaries(
            {"op": st.just("untick"), "day": offsets, "exercise": st.sampled_from(EXERCISES)}
        ),
        st.fixed_dictionaries(
            {"op": st.sampled_from(["episode start", "episode end"]), "day": offsets}
        ),
    ),
    min_size=4,
    max_size=16,
)


def cli_argv(op: dict) -> list[str]:
    day = (TODAY - timedelta(days=op["day"])).isoformat()
    if op["op"] == "log":
        argv = ["log", "--date", day]
        for key, option in (
            ("pain", "--pain"),
            ("worst", "--worst"),
            ("sleep", "--sleep"),
            ("mood", "--mood"),
            ("note", "--note"),
        ):
            if key in op:
                argv += [f"{option}={op[key]}"]
        for key, option in (("tags", "--tag"), ("areas", "--area"), ("red_flags", "--red-flag")):
            for value in op.get(key, []):
                argv.append(f"{option}={value}")  # "--tag -a" would read -a as an option
        if "rest" in op:
            argv.append("--rest" if op["rest"] else "--no-rest")
        return argv
    if op["op"] == "tick":
        argv = ["tick", op["exercise"], "--date", day]
        for key in ("sets", "reps", "hold", "side"):
            if key in op:
                argv += [f"--{key}", str(op[key])]
        return argv + (["--anyway"] if op["anyway"] else [])
    if op["op"] == "untick":
        return ["untick", op["exercise"], "--date", day]
    return [*op["op"].split(), "--date", day]


def replay(service: JournalService, op: dict) -> None:
    day = TODAY - timedelta(days=op["day"])
    if op["op"] == "log":
        changes = {key: op[key] for key in ("pain", "worst", "sleep", "mood") if key in op}
        changes.update(
            {
                new: op[old]
                for old, new in (
                    ("note", "notes"),
                    ("tags", "tags"),
                    ("areas", "areas"),
                    ("red_flags", "red_flags"),
                    ("rest", "rest"),
                )
                if old in op
            }
        )
        if (
            changes.get("tags") == []
            or changes.get("areas") == []
            or changes.get("red_flags") == []
        ):
            # the CLI passes no option at all for an empty list
            changes = {k: v for k, v in changes.items() if v != []}
        if not changes:
            raise InputError("log", "nothing to record")
        service.log(day, changes)
    elif op["op"] == "tick" and not any(k in op for k in ("sets", "reps", "hold", "side")):
        # Without a dose the CLI ticks as a batch: an exercise already ticked is left as it was.
        service.tick_many(day, [op["exercise"]], None, anyway=op["anyway"])
    elif op["op"] == "tick":
        service.tick(
            day,
            op["exercise"],
            sets=op.get("sets"),
            reps=op.get("reps"),
            hold_s=op.get("hold"),
            side=op.get("side"),
            anyway=op["anyway"],
        )
    elif op["op"] == "untick":
        service.untick(day, op["exercise"])
    elif op["op"] == "episode start":
        service.start_episode(day)
    else:
        service.end_episode(day)


@pytest.mark.slow
@PROPS
@given(ops=operations)
@example(  # found in CI: a tick without a dose leaves an earlier tick's dose as it was
    ops=[
        {"op": "tick", "day": 0, "exercise": "walk", "anyway": False, "sets": 2},
        {"op": "tick", "day": 0, "exercise": "walk", "anyway": False},
    ]
)
def test_operations_through_the_cli_and_through_the_service_give_the_same_journal(ops):
    with tempfile.TemporaryDirectory() as tmp:
        via_cli, via_service = Path(tmp) / "cli", Path(tmp) / "service"
        service = JournalService(Store(via_service))
        for op in ops:
            result = run_main("--data-dir", str(via_cli), *cli_argv(op))
            try:
                replay(service, op)
                outcome = 0
            except InputError:
                outcome = 2
            except AdvisorRefusal:
                outcome = 3
            assert result.code == outcome, (op, result.err)
            COUNTS["ops"] += 1
            COUNTS["refused"] += outcome != 0
        assert Store(via_cli).load() == Store(via_service).load()
        a = run_main("--data-dir", str(via_cli), "export").out
        b = run_main("--data-dir", str(via_service), "export").out
        assert a == b


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    pains=st.lists(st.none() | st.integers(0, 3) | st.integers(0, 10), min_size=1, max_size=30),
    day_number=st.integers(1, 30),
    exercise=st.sampled_from(
        [
            "bridge",
            "bird-dog",
            "hamstring-stretch",
            "psoas-stretch",
            "glute-stretch",
            "piriformis-stretch",
        ]
    ),
)
def test_the_service_refuses_strengthening_before_day_21_and_stretching_before_day_11(
    pains, day_number, exercise
):
    start = TODAY - timedelta(days=40)
    days = {
        start + timedelta(days=i): Day(start + timedelta(days=i), Entry(pain=p))
        for i, p in enumerate(pains)
        if p is not None
    }
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        store.replace_all(days, JournalMeta(episodes=[Episode(start)]))
        service = JournalService(store)
        when = start + timedelta(days=day_number - 1)
        kind = service.journal().exercises[exercise].kind
        earliest = 21 if kind == "strengthening" else 11
        before = store.load()
        if day_number < earliest:
            with pytest.raises(AdvisorRefusal):
                service.tick(when, exercise)
            assert store.load() == before  # nothing written
            assert service.tick(when, exercise, anyway=True).tick.overridden
        else:
            try:
                outcome = service.tick(when, exercise)
                assert not outcome.tick.overridden
            except AdvisorRefusal:
                pass  # later days may still be too soon: pain not settled, or too few stretching days
    COUNTS["advisor"] += 1


@settings(max_examples=150, deadline=None)
@given(
    pains=st.lists(st.none() | st.integers(0, 3) | st.integers(0, 10), min_size=1, max_size=35),
    stretch_from=st.integers(1, 15),
    strength_from=st.integers(1, 25),
    min_stretch=st.integers(0, 12),
)
def test_no_kind_is_allowed_before_its_day_for_any_thresholds(
    pains, stretch_from, strength_from, min_stretch
):
    s = AdvisorSettings(
        stretching_from_day=stretch_from,
        strengthening_from_day=strength_from,
        min_stretching_days=min_stretch,
    )
    start = date(2026, 3, 2)
    days = {
        start + timedelta(days=i): Day(start + timedelta(days=i), Entry(pain=p))
        for i, p in enumerate(pains)
        if p is not None
    }
    journal = build_journal(days, JournalMeta(episodes=[Episode(start)]))
    for number in range(1, len(pains) + 1):
        advice = advise(journal, start + timedelta(days=number - 1), s)
        if number < stretch_from:
            assert "stretching" not in advice.allowed
        if number < max(strength_from, stretch_from + min_stretch):
            assert "strengthening" not in advice.allowed
    COUNTS["advisor"] += 1


STRETCHING = next(r for r in DEFAULT_ROUTINES if r.id == "stretching")


@settings(max_examples=150, deadline=None)
@given(
    pattern=st.lists(st.sampled_from(["done", "rest", "rest-done"]), min_size=1, max_size=30),
    episode_days=st.integers(1, 10),
    grace=st.booleans(),
    pains=st.lists(st.integers(0, 10), min_size=10, max_size=10),
)
def test_days_paused_by_the_episode_phase_never_break_a_streak(pattern, episode_days, grace, pains):
    """Done or rest days, then an episode whose mobility phase pauses the stretching routine: the
    paused days neither add to the streak nor break it, whatever the pain."""
    first = date(2026, 1, 5)
    days = {}
    for i, kind in enumerate(pattern):
        day = first + timedelta(days=i)
        ticks = {e: Tick(e) for e in STRETCHING.exercises} if kind.endswith("done") else {}
        days[day] = Day(day, Entry(pain=2, rest=True) if kind.startswith("rest") else None, ticks)
    start = first + timedelta(days=len(pattern))
    for i in range(episode_days):
        day = start + timedelta(days=i)
        days[day] = Day(day, Entry(pain=pains[i]))
    journal = build_journal(days, JournalMeta(episodes=[Episode(start)]))
    d = start + timedelta(days=episode_days - 1 + (1 if grace else 0))
    stretching = compute_streaks(journal, d, AdvisorSettings()).routine("stretching")
    done = sum(kind.endswith("done") for kind in pattern)
    assert stretching.current == stretching.best == done
    COUNTS["streaks"] += 1


def test_the_clock_is_not_frozen():
    """TODAY above is the journal's today when the module was imported; the suite runs in minutes."""
    assert abs((datetime.now().date() - TODAY).days) <= 1
