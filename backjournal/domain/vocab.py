"""Fixed vocabularies of the journal: body areas, red flags, exercise kinds, phases."""

from __future__ import annotations

AREAS: tuple[str, ...] = (
    "neck",
    "upper-back",
    "mid-back",
    "lower-back",
    "buttock-left",
    "buttock-right",
    "leg-left",
    "leg-right",
)

AREA_LABELS: dict[str, str] = {
    "neck": "Neck",
    "upper-back": "Upper back",
    "mid-back": "Mid back",
    "lower-back": "Lower back",
    "buttock-left": "Left buttock",
    "buttock-right": "Right buttock",
    "leg-left": "Left leg",
    "leg-right": "Right leg",
}

RED_FLAGS: tuple[str, ...] = (
    "saddle-numbness",
    "bladder-bowel",
    "leg-weakness",
    "fever",
    "weight-loss",
    "trauma",
    "night-pain",
    "cancer-history",
)

# Plain words for each red flag, as a user would recognise the symptom.
RED_FLAG_LABELS: dict[str, str] = {
    "saddle-numbness": "numbness around the groin, buttocks or inner thighs",
    "bladder-bowel": "new trouble controlling bladder or bowel",
    "leg-weakness": "leg weakness that is getting worse",
    "fever": "fever or feeling unwell with the back pain",
    "weight-loss": "weight loss you cannot explain",
    "trauma": "the pain started after a fall or accident",
    "night-pain": "constant pain at night that rest does not ease",
    "cancer-history": "a past history of cancer",
}

KINDS: tuple[str, ...] = (
    "warm-up",
    "mobility",
    "stretching",
    "strengthening",
    "aerobic",
    "cool-down",
)

# Body regions from the top down: routines run neck first, lower body last.
REGIONS: tuple[str, ...] = (
    "neck",
    "upper-back",
    "mid-back",
    "lower-back",
    "core",
    "hips",
    "glutes",
    "legs",
    "whole-body",
)

SIDES: tuple[str, ...] = ("one", "both")
TICK_SIDES: tuple[str, ...] = ("left", "right", "both")

MOBILITY, STRETCHING, STRENGTHENING, MAINTENANCE = (
    "mobility",
    "stretching",
    "strengthening",
    "maintenance",
)
PHASES: tuple[str, ...] = (MOBILITY, STRETCHING, STRENGTHENING, MAINTENANCE)
# The three phases an episode walks through, in order.
RECOVERY_PHASES: tuple[str, ...] = (MOBILITY, STRETCHING, STRENGTHENING)

PHASE_LABELS: dict[str, str] = {
    MOBILITY: "Gentle mobility",
    STRETCHING: "Stretching",
    STRENGTHENING: "Strengthening",
    MAINTENANCE: "Maintenance",
}

ALWAYS_ALLOWED_KINDS: frozenset[str] = frozenset({"warm-up", "mobility", "aerobic", "cool-down"})


def allowed_kinds(phase: str) -> tuple[str, ...]:
    """The exercise kinds a phase allows, in KINDS order."""
    allowed = set(ALWAYS_ALLOWED_KINDS)
    if phase in (STRETCHING, STRENGTHENING, MAINTENANCE):
        allowed.add("stretching")
    if phase in (STRENGTHENING, MAINTENANCE):
        allowed.add("strengthening")
    return tuple(k for k in KINDS if k in allowed)


def phase_needed_for(kind: str) -> str | None:
    """The first recovery phase in which an exercise kind is allowed (None: always)."""
    if kind == "stretching":
        return STRETCHING
    if kind == "strengthening":
        return STRENGTHENING
    return None


def kind_rank(kind: str) -> int:
    """How demanding a kind is: strengthening 2, stretching 1, the rest 0."""
    return {"strengthening": 2, "stretching": 1}.get(kind, 0)


# The one pain scale every screen, command and export colours or names pain by. The bands follow
# the advisor: up to 3 is what "settled" allows, 7 and above always counts as rising pain.
PAIN_BANDS: tuple[tuple[str, int, int], ...] = (("low", 0, 3), ("mid", 4, 6), ("high", 7, 10))
PAIN_BAND_LABELS: dict[str, str] = {"low": "low", "mid": "moderate", "high": "high"}


def pain_band(pain: float) -> str:
    """'low' (0-3), 'mid' (4-6) or 'high' (7-10); an average is banded as it would round."""
    for band, _, top in PAIN_BANDS:
        if pain < top + 0.5:
            return band
    return PAIN_BANDS[-1][0]


def pain_band_legend() -> str:
    """'low 0-3, moderate 4-6, high 7-10'."""
    return ", ".join(f"{PAIN_BAND_LABELS[b]} {lo}-{hi}" for b, lo, hi in PAIN_BANDS)
