"""Every tunable number of the advisor and the journal, in one place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import time
from typing import Any

from backjournal.domain.errors import InputError


@dataclass(frozen=True, slots=True)
class AdvisorSettings:
    """The phase advisor's thresholds: the program's defaults, drawn from its source material."""

    stretching_from_day: int = 11
    strengthening_from_day: int = 21
    min_stretching_days: int = 10
    settled_entries: int = 3
    settled_window_days: int = 5  # the last entries must fall in D-4..D
    settled_max_pain: int = 3
    pain_jump: int = 2
    rising_pain: int = 7
    rising_lookback_days: int = 7
    rising_lookback_entries: int = 3
    max_strengthening_days: int = 3  # per strengthening window; one more is "overdone"
    strengthening_window_days: int = 7
    red_flag_window_days: int = 7  # D-6..D
    hurt_window_days: int = 7  # an exercise that hurt in D-6..D is named, with advice to go gently

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AdvisorSettings:
        """Build from a dict, validating every known key; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        values: dict[str, int] = {}
        for key, value in data.items():
            if key not in known:
                raise InputError(f"advisor.{key}", "is not a known advisor setting")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
                raise InputError(f"advisor.{key}", "must be a whole number from 0 to 365")
            values[key] = value
        return replace(cls(), **values)


ALERTS: tuple[str, ...] = ("bell", "flash")


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """The guided session's pacing: our defaults (the source gives holds and reps, not pauses)."""

    settle_s: int = 5  # between two holds, to change side or settle into the next one
    rest_s: int = 20  # between two sets of repetitions
    tempo: bool = False  # count repetitions at a steady tempo instead of on `space`
    alert: str = "bell"  # at a hold's end: the terminal bell, or a visual flash

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> SessionSettings:
        if not isinstance(data, dict):
            raise InputError("session", "must be a JSON object")
        base = cls()
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("settle_s", "rest_s"):
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 300:
                    raise InputError(f"session.{key}", "must be a whole number of seconds, 0-300")
            elif key == "tempo":
                if not isinstance(value, bool):
                    raise InputError("session.tempo", "must be true or false")
            elif key == "alert":
                if value not in ALERTS:
                    raise InputError("session.alert", f"must be one of {', '.join(ALERTS)}")
            else:
                raise InputError(f"session.{key}", "is not a known session setting")
            values[key] = value
        return replace(base, **values)


@dataclass(frozen=True, slots=True)
class Settings:
    """User settings kept in the config directory."""

    day_starts_at: time = time(4, 0)
    week_start: int = 0  # 0 = Monday, 6 = Sunday: for calendar display only
    theme: str = "backjournal-calm"
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)
    session: SessionSettings = field(default_factory=SessionSettings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "day_starts_at": self.day_starts_at.strftime("%H:%M"),
            "week_start": self.week_start,
            "theme": self.theme,
            "advisor": self.advisor.to_dict(),
            "session": self.session.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from stored settings; a bad value raises InputError naming it."""
        if not isinstance(data, dict):
            raise InputError("settings", "must be a JSON object")
        base = cls()
        day_starts_at = base.day_starts_at
        if "day_starts_at" in data:
            raw = data["day_starts_at"]
            try:
                day_starts_at = time.fromisoformat(raw)
            except (TypeError, ValueError):
                raise InputError("day_starts_at", "must be a time like 04:00") from None
            if day_starts_at.hour >= 12:
                raise InputError("day_starts_at", "must be before noon")
        week_start = data.get("week_start", base.week_start)
        if isinstance(week_start, bool) or week_start not in range(7):
            raise InputError("week_start", "must be 0 (Monday) to 6 (Sunday)")
        theme = data.get("theme", base.theme)
        if not isinstance(theme, str) or not theme:
            raise InputError("theme", "must be a theme name")
        advisor = AdvisorSettings.from_dict(data.get("advisor", {}) or {})
        session = SessionSettings.from_dict(data.get("session", {}) or {})
        return cls(
            day_starts_at=day_starts_at,
            week_start=week_start,
            theme=theme,
            advisor=advisor,
            session=session,
        )
