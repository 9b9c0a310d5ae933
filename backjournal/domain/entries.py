"""Validating what the user typed and merging it into a day's record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from backjournal.domain.errors import InputError
from backjournal.domain.models import NOTES_MAX, Day, Entry, Exercise, Journal, Routine, Tick
from backjournal.domain.text import check_text, has_lone_surrogate, visible
from backjournal.domain.vocab import AREA_LABELS, AREAS, RED_FLAGS, TICK_SIDES

ENTRY_FIELDS = ("pain", "worst", "areas", "sleep", "mood", "notes", "tags", "red_flags", "rest")
TAG_MAX = 40
TAGS_MAX = 50  # tags on one day
# --area and --red-flag may repeat a word; more than this many is a script gone wrong, not a night.
CHOICES_MAX = 50


def score(value: Any, field: str, lo: int = 0, hi: int = 10) -> int:
    """A whole number in lo..hi, from an int or the text a user typed."""
    if isinstance(value, bool):
        raise InputError(field, f"must be a whole number from {lo} to {hi}")
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit() or not text.isascii():
            raise InputError(field, f"{_shown(value)} is not a whole number from {lo} to {hi}")
        value = int(text)
    if not isinstance(value, int) or not lo <= value <= hi:
        raise InputError(
            field, f"{_shown(value)} is out of range: use a whole number from {lo} to {hi}"
        )
    return value


def _shown(value: Any) -> str:
    """A value quoted in a message: escaped, and cut short, since messages reach the terminal."""
    text = repr(value)
    return visible(text[:60] + "..." if len(text) > 60 else text, newlines=False)


def check_count(count: int, most: int, field: str) -> None:
    """Refuse more than `most` values of a repeated field (checked before any other rule)."""
    if count > most:
        raise InputError(field, f"{count:,} given; at most {most} are kept for a day")


def _counted(values: Iterable[Any], most: int, field: str) -> list[Any]:
    """The values as a list, refused when there are more than `most`."""
    if isinstance(values, str):  # one string is one value, not a list of letters
        values = [values]
    given = list(values)
    check_count(len(given), most, field)
    return given


def word_key(text: str) -> str:
    """How names are compared: case, spaces, hyphens and underscores between words do not matter.

    'Pelvic tilt', 'pelvic-tilt' and 'Pelvic_Tilt' all read 'pelvic-tilt'; other characters
    count, so '../walk' is not 'walk'.
    """
    words = str(text).lower().replace("_", " ").replace("-", " ").split()
    return "-".join(words)


def resolve(value: str, known: Mapping[str, str], field: str, what: str, listing: str = "") -> str:
    """The id that `value` names in `known` (word_key of an id or a label -> id).

    Unknown values get difflib's closest suggestion: "did you mean pelvic-tilt?".
    """
    key = word_key(value)
    if key in known:
        return known[key]
    import difflib  # only on the way to an error message

    # (a name is short: a long value gets no suggestion, and no quadratic search for one)
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6) if len(key) <= 80 else []
    hint = f": did you mean {known[close[0]]}?" if close else ""
    raise InputError(
        field, f"unknown {what} {_shown(value)}{hint}" + (f" ({listing})" if listing else "")
    )


def _keys(ids: Iterable[str], labels: Mapping[str, str]) -> dict[str, str]:
    known = {word_key(label): i for i, label in labels.items()}
    known.update((word_key(i), i) for i in ids)  # ids win over a label that reads the same
    return known


def choices(
    values: Iterable[str],
    allowed: tuple[str, ...],
    field: str,
    labels: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Known words only, each once, in the vocabulary's order; ids or labels, in any case."""
    known = _keys(allowed, labels or {})
    listing = f"choose from {', '.join(allowed)}"
    given = set()
    for value in _counted(values, CHOICES_MAX, field):
        if not isinstance(value, str):
            raise InputError(field, f"unknown value {_shown(value)}; {listing}")
        given.add(resolve(value, known, field, "value", listing))
    return tuple(v for v in allowed if v in given)


def tags(values: Iterable[str]) -> tuple[str, ...]:
    """Free words: trimmed, no spaces inside, each at most TAG_MAX characters, no repeats.

    At most TAGS_MAX, counted first: the check is linear in what was typed."""
    result: dict[str, None] = {}  # a dict keeps the order and finds repeats in constant time
    for raw in _counted(values, TAGS_MAX, "tag"):
        # argparse turns "--tag=--" into [], which must not be stored as "[]"
        if not isinstance(raw, str):
            raise InputError("tag", f"{_shown(raw)} must be a single word")
        if len(raw) > 4 * TAG_MAX:
            raise InputError("tag", f"is longer than {TAG_MAX} characters")
        tag = raw.strip()
        if has_lone_surrogate(tag):
            raise InputError("tag", f"{_shown(raw)} contains bytes that are not valid UTF-8 text")
        if not tag or any(c.isspace() for c in tag) or not tag.isprintable():
            raise InputError("tag", f"{_shown(raw)} must be a single word of printable characters")
        if len(tag) > TAG_MAX:
            raise InputError("tag", f"is longer than {TAG_MAX} characters")
        result[tag] = None
    return tuple(result)


def notes(value: Any) -> str:
    if not isinstance(value, str):
        raise InputError("notes", "must be text")
    # Line ends from Windows or a paste become plain newlines; any other CR is refused below.
    value = value.replace("\r\n", "\n")
    if len(value) > NOTES_MAX:
        raise InputError("notes", f"is {len(value):,} characters; the limit is {NOTES_MAX:,}")
    return check_text(value, "notes")


def clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate entry fields given by the user; unknown fields are an error."""
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in ENTRY_FIELDS:
            raise InputError(field, "is not an entry field")
        if field in ("pain", "worst", "sleep", "mood"):
            clean[field] = None if value is None and field != "pain" else score(value, field)
        elif field == "areas":
            clean[field] = choices(value, AREAS, "area", AREA_LABELS)
        elif field == "red_flags":
            clean[field] = choices(value, RED_FLAGS, "red-flag")
        elif field == "tags":
            clean[field] = tags(value)
        elif field == "notes":
            clean[field] = notes(value)
        elif field == "rest":
            if not isinstance(value, bool):
                raise InputError("rest", "must be true or false")
            clean[field] = value
    return clean


def merge_entry(existing: Entry | None, changes: Mapping[str, Any]) -> Entry:
    """Fields given replace the stored ones; the others stay. A new day needs pain."""
    clean = clean_changes(changes)
    if existing is None:
        if "pain" not in clean:
            raise InputError("pain", "is required for a day with no entry yet (0-10)")
        return Entry(**clean)
    return replace(existing, **clean)


def with_note_added(
    existing: Entry | None, changes: Mapping[str, Any], note: Any
) -> dict[str, Any]:
    """`changes` with the note added on a new line under the stored one (jrnl's way)."""
    text = notes(note)
    before = existing.notes.rstrip("\n") if existing is not None else ""
    return {**changes, "notes": f"{before}\n{text}" if before and text else before or text}


def check_entry(entry: Entry) -> Entry:
    """An entry from outside (an import, a backup) through the very rules of typed input.

    Refused where input would refuse (InputError naming the field); otherwise returned as input
    would store it (areas in order, repeats dropped, tags trimmed)."""
    return merge_entry(None, {field: getattr(entry, field) for field in ENTRY_FIELDS})


def find_exercise(journal: Journal, exercise_id: str) -> Exercise:
    """The exercise named by its id or its name, in any case ('Pelvic tilt' is pelvic-tilt)."""
    exercise = journal.exercises.get(exercise_id)
    if exercise is not None:
        return exercise
    known = _keys(journal.exercises, {e.id: e.name for e in journal.exercises.values()})
    found = resolve(
        exercise_id, known, "exercise", "exercise", "`backjournal exercises` lists them"
    )
    return journal.exercises[found]


def find_routine(journal: Journal, routine_id: str) -> Routine:
    """The routine named by its id or its name, in any case."""
    by_id = {r.id: r for r in journal.routines}
    known = _keys(by_id, {r.id: r.name for r in journal.routines})
    listing = f"choose from {', '.join(by_id)}" if by_id else "there are no routines"
    return by_id[resolve(routine_id, known, "routine", "routine", listing)]


def make_tick(
    exercise: Exercise,
    *,
    sets: Any = None,
    reps: Any = None,
    hold_s: Any = None,
    side: str | None = None,
    overridden: bool = False,
    stopped: bool = False,
    pain_during: Any = None,
) -> Tick:
    """A tick as done; what is not given is taken from the exercise's dose."""
    if side is not None and side not in TICK_SIDES:
        raise InputError("side", f"unknown side {side!r}; choose from {', '.join(TICK_SIDES)}")
    return Tick(
        exercise=exercise.id,
        sets=score(sets, "sets", 1, 100) if sets is not None else exercise.sets,
        reps=score(reps, "reps", 1, 1000) if reps is not None else exercise.reps,
        hold_s=score(hold_s, "hold", 1, 3600) if hold_s is not None else exercise.hold_s,
        side=side if side is not None else ("both" if exercise.sides == "both" else None),
        overridden=overridden,
        stopped=stopped,
        pain_during=score(pain_during, "pain") if pain_during is not None else None,
    )


def with_tick(day: Day, tick: Tick) -> Day:
    return replace(day, ticks={**day.ticks, tick.exercise: tick})


def without_tick(day: Day, exercise_id: str) -> Day:
    return replace(day, ticks={k: v for k, v in day.ticks.items() if k != exercise_id})
