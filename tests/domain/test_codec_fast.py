"""The codec's fast decoding path accepts exactly what the checked path accepts, and decodes it the same."""

from __future__ import annotations

from datetime import date

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain import codec
from backjournal.domain.codec import ShapeError
from backjournal.domain.models import Day, Entry, Tick

# Storage names a tick list by its JSON bytes (the domain itself never imports orjson).
TICKS_KEY = orjson.dumps

# Values that look alike to Python (1 == True == 1.0) but are different JSON, plus out-of-range,
# wrong-type and unknown ones.
TRICKY = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        1.0,
        3,
        10,
        11,
        -1,
        100,
        101,
        3600,
        3601,
        "",
        "3",
        "walk",
        "left",
        "both",
        "up",
        "lower-back",
        "toe",
        "fever",
        [],
        ["lower-back"],
        ["toe"],
        [1],
        ["fever"],
        {},
        {"pain": 3},
        "2026-03-05",
    ]
)
ENTRY_KEYS = ("pain", "worst", "areas", "sleep", "mood", "notes", "tags", "red_flags", "rest")
TICK_KEYS = ("exercise", "sets", "reps", "hold_s", "side", "overridden", "stopped", "pain_during")
SESSIONS = st.sampled_from(
    [
        None,
        [],
        [{"start": "2026-03-05T21:00:00"}],
        [
            {
                "start": "2026-03-05T21:00:00",
                "end": "2026-03-05T21:14:00",
                "pain_after": 3,
                "items": [{"exercise": "walk", "outcome": "done"}],
            }
        ],
        [{"start": "2026-03-05T21:00:00", "items": [{"exercise": "walk", "outcome": "meh"}]}],
        [{"start": "2026-03-05T21:00:00", "pain_after": True}],
        [{"start": "2026-03-05T21:00:00"}, {"start": "2026-03-05T21:00:00"}],
        {"start": "2026-03-05T21:00:00"},
        "2026-03-05T21:00:00",
    ]
)


def outcome(decode, doc):
    try:
        return ("ok", decode(doc))
    except ShapeError as error:
        return ("error", str(error))


def entry_docs():
    return st.dictionaries(st.sampled_from(ENTRY_KEYS), TRICKY, max_size=9)


def tick_docs():
    return st.dictionaries(st.sampled_from(TICK_KEYS), TRICKY, max_size=8).map(
        lambda d: d if "exercise" in d and d["exercise"] is None else {"exercise": "walk", **d}
    )


@settings(max_examples=400, deadline=None)
@given(entry_docs())
def test_entries_decode_the_same_on_both_paths(doc):
    assert outcome(codec.entry_from_dict, doc) == outcome(
        lambda d: codec._entry_checked(d, "entry"), doc
    )


@settings(max_examples=400, deadline=None)
@given(tick_docs())
def test_ticks_decode_the_same_on_both_paths(doc):
    assert outcome(codec.tick_from_dict, doc) == outcome(
        lambda d: codec._tick_checked(d, "tick"), doc
    )


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), entry_docs()),
    st.lists(tick_docs(), max_size=3),
    st.sampled_from(["ticks", "none", "null"]),
    st.sampled_from([None, TICKS_KEY]),
    SESSIONS,
)
def test_days_decode_the_same_on_both_paths(entry, ticks, how, key, sessions):
    doc: dict = {"date": "2026-03-05", "entry": entry}
    if sessions is not None:
        doc["sessions"] = sessions
    if how == "ticks":
        doc["ticks"] = ticks
    elif how == "null":
        doc["ticks"] = None
    # Twice: with a key, the second time the tick-list pool answers.
    for _ in range(2):
        assert outcome(lambda d: codec.day_from_dict(d, ticks_key=key), doc) == outcome(
            lambda d: codec._day_checked(d, "day"), doc
        )


@pytest.mark.parametrize("bad", [True, 1.0, "1"])
def test_a_pooled_tick_list_never_lets_a_look_alike_value_through(bad):
    good = {"date": "2026-03-05", "ticks": [{"exercise": "walk", "sets": 1}]}
    assert codec.day_from_dict(good, ticks_key=TICKS_KEY).ticks["walk"].sets == 1
    with pytest.raises(ShapeError):
        codec.day_from_dict(
            {"date": "2026-03-05", "ticks": [{"exercise": "walk", "sets": bad}]},
            ticks_key=TICKS_KEY,
        )


def test_decoded_ticks_are_shared_read_only_mappings():
    doc = {"date": "2026-03-05", "ticks": [{"exercise": "walk"}]}
    first = codec.day_from_dict(doc, ticks_key=TICKS_KEY)
    second = codec.day_from_dict({**doc, "date": "2026-03-06"}, ticks_key=TICKS_KEY)
    assert first.ticks == second.ticks == {"walk": Tick("walk")}
    assert first.ticks is second.ticks
    with pytest.raises(TypeError):
        first.ticks["bridge"] = Tick("bridge")  # type: ignore[index]
    assert codec.day_from_dict({"date": "2026-03-05"}).ticks == {}


def test_the_compact_document_omits_defaults_and_reads_back_the_same_day():
    bare = Day(date(2026, 3, 5), Entry(pain=2), {"walk": Tick("walk")})
    assert codec.day_to_doc(bare) == {
        "date": "2026-03-05",
        "entry": {"pain": 2},
        "ticks": [{"exercise": "walk"}],
    }
    # The top-level keys stay, even empty: TinyDB's update merges documents key by key.
    assert codec.day_to_doc(Day(date(2026, 3, 5), None, {"walk": Tick("walk")})) == {
        "date": "2026-03-05",
        "entry": None,
        "ticks": [{"exercise": "walk"}],
    }
    assert codec.day_to_doc(Day(date(2026, 3, 5), Entry(pain=1))) == {
        "date": "2026-03-05",
        "entry": {"pain": 1},
        "ticks": [],
    }
    full = Day(
        date(2026, 3, 5),
        Entry(
            pain=4,
            worst=6,
            areas=("lower-back",),
            sleep=5,
            mood=6,
            notes="stiff",
            tags=("desk-day",),
            red_flags=("fever",),
            rest=True,
        ),
        {"bridge": Tick("bridge", 2, 10, 5, "both", True), "walk": Tick("walk")},
    )
    for day in (bare, full):
        assert codec.day_from_dict(codec.day_to_doc(day)) == day
        assert codec.day_from_dict(codec.day_to_dict(day)) == day
