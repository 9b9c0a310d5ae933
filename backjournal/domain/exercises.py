"""The built-in exercise library and default routines, and how routines are ordered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from backjournal.domain.models import Exercise, Routine
from backjournal.domain.vocab import REGIONS


def _ex(**kw: Any) -> Exercise:
    return Exercise(builtin=True, **kw)


BUILTIN_EXERCISES: tuple[Exercise, ...] = (
    _ex(
        id="march-in-place",
        name="Easy march in place",
        kind="warm-up",
        region="whole-body",
        sets=1,
        reps=60,
        hold_s=None,
        sides="one",
        how_to="Stand tall near a wall or chair for balance. Lift one knee a little, then the "
        "other, at an easy pace, letting the arms swing. Count each step; keep breathing "
        "steadily. This warms the muscles before anything else.",
        caution="Keep the knees low if lifting them pulls on your back. No bouncing.",
    ),
    _ex(
        id="chin-tuck",
        name="Chin tuck",
        kind="mobility",
        region="neck",
        sets=1,
        reps=10,
        hold_s=None,
        sides="one",
        how_to="Sit or stand with your shoulders relaxed. Draw your chin straight back as if "
        "making a double chin, keeping your eyes level, then let it return. Move slowly and "
        "smoothly.",
        caution="Stay in a range that feels easy; stop if it sends pain or tingling into an arm.",
    ),
    _ex(
        id="cat-cow",
        name="Cat-cow",
        kind="mobility",
        region="mid-back",
        sets=1,
        reps=10,
        hold_s=None,
        sides="one",
        how_to="On hands and knees, slowly round your back up towards the ceiling while you "
        "breathe out, then let it sink gently while you breathe in. Keep the movement small "
        "and fluid.",
        caution="Only move as far as is comfortable; this is about movement, not stretch.",
    ),
    _ex(
        id="pelvic-tilt",
        name="Pelvic tilt",
        kind="mobility",
        region="lower-back",
        sets=1,
        reps=10,
        hold_s=None,
        sides="one",
        how_to="Lie on your back, knees bent and feet flat. Gently flatten the small of your "
        "back into the floor by tightening your stomach and tipping the pelvis, then relax. "
        "Breathe out as you tilt.",
        caution="A small, easy movement is enough. Do not hold your breath.",
    ),
    _ex(
        id="knee-to-chest",
        name="Knee to chest",
        kind="mobility",
        region="lower-back",
        sets=1,
        reps=5,
        hold_s=None,
        sides="both",
        how_to="Lie on your back with knees bent. Hold behind one knee and ease it towards "
        "your chest, then lower it and change legs, alternating sides each time.",
        caution="Bring the knee only as far as it goes without pain; keep the other foot down.",
    ),
    _ex(
        id="psoas-stretch",
        name="Psoas (hip flexor) stretch",
        kind="stretching",
        region="hips",
        sets=2,
        reps=None,
        hold_s=30,
        sides="both",
        # Side-neutral: the guided session names the side, and it may start on either.
        how_to="Kneel on the knee of the side you are stretching, the other foot flat in front "
        "with its knee bent. Set a hand on the buttock of the kneeling side and tighten it, then "
        "lean forward from the hip, keeping your back straight, until you feel a stretch at the "
        "front of that hip. Hold about 30 seconds, then change knees; alternate sides.",
        caution="Do not arch or bend the spine to go further. Use a cushion under the knee.",
    ),
    _ex(
        id="glute-stretch",
        name="Seated glute stretch",
        kind="stretching",
        region="glutes",
        sets=3,
        reps=None,
        hold_s=10,
        hold_max_s=20,
        sides="both",
        how_to="Sit in a firm, straight-backed chair and slide your bottom a few inches forward. "
        "Press your feet lightly into the floor, then squeeze your buttock muscles together and "
        "hold 10-20 seconds. Breathe out as you hold; alternate a left-leaning and a "
        "right-leaning hold.",
        caution="Slow and gentle: it should never raise your pain. Do not bounce.",
    ),
    _ex(
        id="piriformis-stretch",
        name="Piriformis stretch",
        kind="stretching",
        region="glutes",
        sets=2,
        reps=None,
        hold_s=20,
        hold_max_s=30,
        sides="both",
        how_to="Lie on your back with the hip and knee of the side you are stretching bent. "
        "With the opposite hand take that knee and draw it towards the opposite shoulder; with "
        "the other hand, hold just above the ankle and ease it outwards. Hold, then change "
        "sides, alternating.",
        caution="You should feel a stretch deep in the buttock, not pain down the leg.",
    ),
    _ex(
        id="hamstring-stretch",
        name="Hamstring stretch",
        kind="stretching",
        region="legs",
        sets=2,
        reps=None,
        hold_s=20,
        hold_max_s=30,
        sides="both",
        how_to="Rest one heel on a chair with that leg straight. Lean forward from the hips, "
        "bringing your chest towards the knee of the raised leg, and gently ease the other "
        "thigh back from the chair. Hold 20-30 seconds, then change legs; alternate sides.",
        caution="Keep the back long instead of rounding it; ease off if the pull becomes pain.",
    ),
    _ex(
        id="bird-dog",
        name="Bird dog",
        kind="strengthening",
        region="core",
        sets=2,
        reps=8,
        hold_s=5,
        sides="both",
        how_to="On hands and knees with a flat back, reach one arm forward and the opposite leg "
        "back until both are level with your body. Hold a few seconds, return, and switch, "
        "alternating sides.",
        caution="Keep the hips level and the back still; lift the leg lower if it sways.",
    ),
    _ex(
        id="bridge",
        name="Bridge",
        kind="strengthening",
        region="glutes",
        sets=2,
        reps=10,
        hold_s=3,
        sides="one",
        how_to="Lie on your back with knees bent and feet hip-width apart. Tighten your buttocks "
        "and lift the hips until knees, hips and shoulders line up, hold briefly, then roll "
        "down slowly.",
        caution="Lift with the buttocks, not by arching the lower back. Stop if it hurts.",
    ),
    _ex(
        id="walk",
        name="Easy walk",
        kind="aerobic",
        region="whole-body",
        sets=1,
        reps=None,
        hold_s=None,
        sides="both",
        how_to="A relaxed walk at a pace where you could still chat, on level ground. Start "
        "with 10 minutes and build up as your back allows.",
        caution="Low impact keeps the rest of the body moving; turn back early on a bad day.",
    ),
    _ex(
        id="cool-down-breathing",
        name="Lying cool-down breaths",
        kind="cool-down",
        region="whole-body",
        sets=1,
        reps=10,
        hold_s=None,
        sides="one",
        how_to="Lie on your back with knees bent. Breathe in slowly through the nose, let the "
        "belly rise, then breathe out longer than you breathed in. Let the back settle into "
        "the floor.",
        caution="Roll onto your side to get up, rather than sitting straight up.",
    ),
)

BUILTIN_BY_ID: dict[str, Exercise] = {e.id: e for e in BUILTIN_EXERCISES}

DEFAULT_ROUTINES: tuple[Routine, ...] = (
    Routine(
        id="mobility",
        name="Gentle mobility",
        exercises=(
            "march-in-place",
            "chin-tuck",
            "cat-cow",
            "pelvic-tilt",
            "knee-to-chest",
            "cool-down-breathing",
        ),
    ),
    Routine(
        id="stretching",
        name="Stretching",
        exercises=(
            "march-in-place",
            "psoas-stretch",
            "glute-stretch",
            "piriformis-stretch",
            "hamstring-stretch",
            "cool-down-breathing",
        ),
    ),
    Routine(
        id="strengthening",
        name="Strengthening",
        exercises=("march-in-place", "bird-dog", "bridge", "cool-down-breathing"),
        times_per_week=2,
        max_per_week=3,
    ),
)


def order_key(exercise: Exercise) -> tuple[int, int]:
    """Warm-up first, then the body from the top down, cool-down last."""
    group = 0 if exercise.kind == "warm-up" else 2 if exercise.kind == "cool-down" else 1
    region = REGIONS.index(exercise.region) if exercise.region in REGIONS else len(REGIONS)
    return group, region


def ordered(ids: Iterable[str], library: Mapping[str, Exercise]) -> tuple[str, ...]:
    """Exercise ids in routine order; the user's order breaks ties, unknown ids go last."""
    ids = list(ids)
    last = (3, 0)
    return tuple(sorted(ids, key=lambda i: order_key(library[i]) if i in library else last))


def dose_text(exercise: Exercise) -> str:
    """A short human dose, e.g. "hold 20-30 s, each side, 2 times"."""
    parts: list[str] = []
    if exercise.kind == "stretching" and exercise.hold_s:
        hold = exercise.hold_s
        top = exercise.hold_max_s
        parts.append(f"hold {hold}-{top} s" if top and top != hold else f"hold {hold} s")
        if exercise.sides == "both":
            parts.append("each side")
        if exercise.sets:
            parts.append(f"{exercise.sets} times")
        return ", ".join(parts)
    if exercise.reps:
        sets = f"{exercise.sets} x " if exercise.sets and exercise.sets > 1 else ""
        parts.append(f"{sets}{exercise.reps} reps")
    if exercise.hold_s:
        parts.append(f"hold {exercise.hold_s} s")
    if exercise.sides == "both" and exercise.reps:
        parts.append("each side")
    if not parts and exercise.kind == "aerobic":
        parts.append("10-30 min, easy pace")
    return ", ".join(parts)
