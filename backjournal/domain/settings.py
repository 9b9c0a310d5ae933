"""Every tunable number of the advisor and the journal, in one place."""

from __future__ import annotations

import re
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
    hurt_window_days: int = 7  # an exercise that hurt in D-6..D is named, with advice to go gently

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> AdvisorSettings:
        """Build from a dict, validating every known key; unknown keys are an error."""
        settings, problems = cls.read(data)
        if problems:
            raise problems[0]
        return settings

    @classmethod
    def read(cls, data: Any) -> tuple[AdvisorSettings, list[InputError]]:
        """Build from stored data of any shape: each bad value is a problem, and its default is used."""
        if not isinstance(data, dict):
            return cls(), [InputError("advisor", "must be an object of name: number pairs")]
        known = {f.name for f in fields(cls)}
        values: dict[str, int] = {}
        problems: list[InputError] = []
        for key, value in data.items():
            if key not in known:
                problems.append(
                    InputError(f"advisor.{_key(key)}", "is not a known advisor setting")
                )
            elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
                problems.append(
                    InputError(f"advisor.{key}", "must be a whole number from 0 to 365")
                )
            else:
                values[key] = value
        return replace(cls(), **values), problems


def _key(key: Any) -> str:
    """A key from the file, cut short, for a message."""
    text = str(key)
    return text[:40] + "..." if len(text) > 40 else text


def _day_start(raw: Any) -> time:
    if not isinstance(raw, str) or len(raw) > 16:
        raise InputError("day_starts_at", "must be a time like 04:00")
    try:
        value = time.fromisoformat(raw)
    except ValueError:
        raise InputError("day_starts_at", "must be a time like 04:00") from None
    if value.tzinfo is not None:
        raise InputError("day_starts_at", "must be a local time like 04:00, with no time zone")
    if value.hour >= 12:
        raise InputError("day_starts_at", "must be before noon")
    return value


def _week_start(raw: Any) -> int:
    if type(raw) is not int or not 0 <= raw <= 6:
        raise InputError("week_start", "must be 0 (Monday) to 6 (Sunday)")
    return raw


def _theme(raw: Any) -> str:
    if not isinstance(raw, str) or not _THEME_NAME.fullmatch(raw):
        raise InputError("theme", "must be a theme name (letters, digits and dashes)")
    return raw


_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def _name(value: Any) -> str:
    if (
        not isinstance(value, str)
        or len(value) > NAME_MAX
        or any(unicodedata.category(c) in ("Cc", "Cs") for c in value)
    ):
        raise InputError("name", f"must be text of at most {NAME_MAX} characters, no controls")
    return " ".join(value.split())


_FIELDS = {
    "day_starts_at": _day_start,
    "week_start": _week_start,
    "theme": _theme,
    "name": _name,
}


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
        """Build from a dict, validating every key; the first bad one raises InputError."""
        settings, problems = cls.read(data)
        if problems:
            raise problems[0]
        return settings

    @classmethod
    def read(cls, data: Any) -> tuple[SessionSettings, list[InputError]]:
        """Build from stored data of any shape: each bad value is a problem, and its default is used."""
        if not isinstance(data, dict):
            return cls(), [InputError("session", "must be an object of name: value pairs")]
        values: dict[str, Any] = {}
        problems: list[InputError] = []
        for key, value in data.items():
            problem = _session_problem(key, value)
            if problem is None:
                values[key] = value
            else:
                problems.append(problem)
        return replace(cls(), **values), problems


def _session_problem(key: Any, value: Any) -> InputError | None:
    if key in ("settle_s", "rest_s"):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 300:
            return InputError(f"session.{key}", "must be a whole number of seconds, 0-300")
    elif key == "tempo":
        if not isinstance(value, bool):
            return InputError("session.tempo", "must be true or false")
    elif key == "alert":
        if value not in ALERTS:
            return InputError("session.alert", f"must be one of {', '.join(ALERTS)}")
    else:
        return InputError(f"session.{_key(key)}", "is not a known session setting")
    return None


@dataclass(frozen=True, slots=True)
class Settings:
    """User settings kept in the config directory."""

    day_starts_at: time = time(4, 0)
    week_start: int = 0  # 0 = Monday, 6 = Sunday: for calendar display only
    theme: str = "backjournal-calm"
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)
    session: SessionSettings = field(default_factory=SessionSettings)
    name: str = ""  # a name or nickname for the clinician report; empty: none shown

    def to_dict(self) -> dict[str, Any]:
        return {
            "day_starts_at": self.day_starts_at.strftime("%H:%M"),
            "week_start": self.week_start,
            "theme": self.theme,
            "advisor": self.advisor.to_dict(),
            "session": self.session.to_dict(),
            **({"name": self.name} if self.name else {}),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Build from stored settings; a bad value raises InputError naming it."""
        settings, problems = cls.read(data)
        if problems:
            raise problems[0]
        return settings

    @classmethod
    def read(cls, data: Any) -> tuple[Settings, list[InputError]]:
        """Build from stored settings of any shape: each bad value is a problem naming it, and
        that value's default is used (all defaults when the whole is not an object)."""
        if not isinstance(data, dict):
            return cls(), [InputError("settings", "must be a JSON object")]
        values: dict[str, Any] = {}
        problems: list[InputError] = []
        for key, check in _FIELDS.items():
            if key in data:
                try:
                    values[key] = check(data[key])
                except InputError as problem:
                    problems.append(problem)
        advisor, advisor_problems = AdvisorSettings.read(data.get("advisor", {}))
        session, session_problems = SessionSettings.read(data.get("session", {}))
        return (
            replace(cls(), advisor=advisor, session=session, **values),
            problems + advisor_problems + session_problems,
        )
