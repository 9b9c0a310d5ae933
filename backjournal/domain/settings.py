"""Every tunable number of the advisor and the journal, in one place."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import time
from typing import Any

from backjournal.domain.errors import InputError

NAME_MAX = 60


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


@dataclass(frozen=True, slots=True)
class Settings:
    """User settings kept in the config directory."""

    day_starts_at: time = time(4, 0)
    week_start: int = 0  # 0 = Monday, 6 = Sunday: for calendar display only
    theme: str = "backjournal-calm"
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)
    name: str = ""  # a name or nickname for the clinician report; empty: none shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "day_starts_at": self.day_starts_at.strftime("%H:%M"),
            "week_start": self.week_start,
            "theme": self.theme,
            "advisor": self.advisor.to_dict(),
            **({"name": self.name} if self.name else {}),
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
        name = data.get("name", "")
        if (
            not isinstance(name, str)
            or len(name) > NAME_MAX
            or any(unicodedata.category(c) in ("Cc", "Cs") for c in name)
        ):
            raise InputError("name", f"must be text of at most {NAME_MAX} characters, no controls")
        return cls(
            day_starts_at=day_starts_at,
            week_start=week_start,
            theme=theme,
            advisor=advisor,
            name=" ".join(name.split()),
        )
