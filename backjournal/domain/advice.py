"""What the advisor says about a day: the Advice, its warnings, their codes and titles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from backjournal.domain.advisor_phase import PhaseChange
from backjournal.domain.models import Episode

TOO_SOON = "too_soon"
PAIN_RISING = "pain_rising"
NOT_SETTLED = "not_settled"
STRENGTHENING_OVERDONE = "strengthening_overdone"
STRETCH_FIRST = "stretch_first"
EXERCISE_HURT = "exercise_hurt"
RED_FLAG = "red_flag"
FLARE_SUSPECTED = "flare_suspected"
WARNING_CODES: tuple[str, ...] = (
    RED_FLAG,
    PAIN_RISING,
    FLARE_SUSPECTED,
    TOO_SOON,
    STRENGTHENING_OVERDONE,
    STRETCH_FIRST,
    EXERCISE_HURT,
    NOT_SETTLED,
)

# A short heading for each warning, in kind words; the message follows it and does not repeat it.
WARNING_TITLES: dict[str, str] = {
    RED_FLAG: "Please get medical advice",
    PAIN_RISING: "Your pain is up",
    FLARE_SUSPECTED: "Could this be a flare?",
    TOO_SOON: "Not yet",
    STRENGTHENING_OVERDONE: "Plenty of strengthening this week",
    STRETCH_FIRST: "Warm up or stretch first",
    EXERCISE_HURT: "Something hurt lately",
    NOT_SETTLED: "Not quite settled yet",
}


@dataclass(frozen=True, slots=True)
class AdvisorWarning:
    """One piece of advice with a stable code and a plain message."""

    code: str
    message: str

    @property
    def title(self) -> str:
        return WARNING_TITLES.get(self.code, self.code.replace("_", " ").capitalize())

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "title": self.title, "message": self.message}


_Date = date  # inside Advice, the field `date` hides the type


@dataclass(frozen=True, slots=True)
class Advice:
    """What the advisor says about a day."""

    date: date
    phase: str
    episode: Episode | None
    episode_day: int | None
    allowed: tuple[str, ...]
    next_phase: str | None
    next_earliest: _Date | None
    warnings: tuple[AdvisorWarning, ...]
    history: tuple[PhaseChange, ...]  # the open episode's phase changes up to date
    phase_start: _Date | None  # when the current phase (last) began; None in maintenance

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)

    def has(self, code: str) -> bool:
        return any(w.code == code for w in self.warnings)

    @property
    def too_soon(self) -> AdvisorWarning | None:
        """The warning that blocks a tick unless the user confirms."""
        return next((w for w in self.warnings if w.code == TOO_SOON), None)

    def to_dict(self) -> dict[str, Any]:
        episode = None
        if self.episode is not None:
            episode = {"start": self.episode.start.isoformat(), "day": self.episode_day}
        nxt = None
        if self.next_phase is not None and self.next_earliest is not None:
            nxt = {"phase": self.next_phase, "earliest": self.next_earliest.isoformat()}
        return {
            "date": self.date.isoformat(),
            "phase": self.phase,
            "episode": episode,
            "allowed": list(self.allowed),
            "next": nxt,
            "warnings": [w.to_dict() for w in self.warnings],
            "phase_start": self.phase_start.isoformat() if self.phase_start else None,
            "episode_end": self.episode.end.isoformat()
            if self.episode and self.episode.end
            else None,
            "history": [c.to_dict() for c in self.history],
        }
