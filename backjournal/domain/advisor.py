"""The phase advisor: the advice for a day, its warnings, and the checks for ticking an exercise.

Pure domain code: no clock, no files. The walk lives in `backjournal.domain.advisor_phase` and
the pain tests in `backjournal.domain.pain_tests` (both re-exported here); read their docstrings
for the exact readings of the rules. This module adds:

* ``next``: the next phase and its earliest date by the time rules alone, never before D+1
  (mobility: stretching on max(D+1, day 11); stretching: strengthening on
  max(D+1, day 21, stretching start + 10 days)); None while a red flag holds.
* Warnings, in this order when several apply:

  - ``red_flag``: an entry in D-6..D (``red_flag_window_days`` [7] days ending D) has red flags
    that no clearance on or before D released (`backjournal.domain.red_flags`). While one
    holds, the phase does not move forward.
  - ``pain_rising``: the entry on D shows rising pain (in or out of an episode).
  - ``flare_suspected``: no episode is open on D and the entry on D shows rising pain.
  - ``too_soon`` (with an exercise): its kind is not allowed in D's phase. The earliest date of
    the phase it needs is the same date as ``next`` when that phase is the next one; for
    strengthening seen from mobility it is max(day 21, E + 10 days), E being stretching's
    earliest date. Never raised outside an episode (maintenance allows every kind).
  - ``strengthening_overdone`` (with a strengthening exercise): counting D as a strengthening
    day, the ``strengthening_window_days`` [7] days ending D (D-6..D) hold more than
    ``max_strengthening_days`` [3] days with a strengthening tick.
  - ``stretch_first``: D has a strengthening tick and no stretching or warm-up tick, counting
    the given exercise as ticked.
  - ``exercise_hurt``: an exercise was stopped because it hurt in the ``hurt_window_days`` [7]
    days ending D (`backjournal.domain.hurt`); the advice is to go gently with it.
  - ``not_settled``: in mobility or stretching, the time rules already allow the next phase on D
    (day >= 11; or day >= 21 and stretching began 10 or more days ago) but pain has not settled.

A tick's kind comes from the journal's exercise library; ticks of unknown exercises are ignored.
Every timing is the program's default from its source material, not medical advice: the
messages say so briefly and point to the user's physiotherapist. Messages name days ("25 Nov"),
never "today": the day advised on may be a past one. Each warning has a short `title`; its
message does not repeat it, so "title: message" reads once.
"""

from __future__ import annotations

from datetime import date, timedelta

from backjournal.domain.advice import (
    EXERCISE_HURT,
    FLARE_SUSPECTED,
    NOT_SETTLED,
    PAIN_RISING,
    RED_FLAG,
    STRENGTHENING_OVERDONE,
    STRETCH_FIRST,
    TOO_SOON,
    WARNING_CODES,
    WARNING_TITLES,
    Advice,
    AdvisorWarning,
)
from backjournal.domain.advisor_phase import (
    ADVANCED,
    START,
    STEPPED_BACK,
    PhaseChange,
    date_of_day,
    earliest_for,
    episode_day,
    episode_phase_summary,
    next_phase,
    phase_history,
    phase_on,
    phases_by_day,
    strengthening_time_earliest,
    stretching_time_earliest,
)
from backjournal.domain.dates import day_list, short_day
from backjournal.domain.hurt import hurt_message, hurt_recently
from backjournal.domain.models import Episode, Exercise, Journal
from backjournal.domain.pain_tests import (
    EntrySource,
    entry_getter,
    is_rising,
    is_settled,
    rising_detail,
)
from backjournal.domain.red_flags import holding_flags
from backjournal.domain.settings import AdvisorSettings
from backjournal.domain.vocab import (
    MAINTENANCE,
    MOBILITY,
    PHASE_LABELS,
    RED_FLAG_LABELS,
    RED_FLAGS,
    STRENGTHENING,
    STRETCHING,
    allowed_kinds,
    phase_needed_for,
)

__all__ = [
    "ADVANCED",
    "START",
    "STEPPED_BACK",
    "EntrySource",
    "PhaseChange",
    "AdvisorWarning",
    "Advice",
    "WARNING_CODES",
    "WARNING_TITLES",
    "EXERCISE_HURT",
    "FLARE_SUSPECTED",
    "NOT_SETTLED",
    "PAIN_RISING",
    "RED_FLAG",
    "STRENGTHENING_OVERDONE",
    "STRETCH_FIRST",
    "TOO_SOON",
    "advise",
    "is_settled",
    "is_rising",
    "rising_detail",
    "phase_history",
    "phase_on",
    "phases_by_day",
    "episode_phase_summary",
    "episode_day",
    "date_of_day",
    "next_phase",
    "earliest_for",
    "entry_getter",
    "stretching_time_earliest",
    "strengthening_time_earliest",
    "strengthening_days",
    "history_start",
]

_PHYSIO = "These are the program's default timings, not medical advice: your physiotherapist's word comes first."


def _label(phase: str) -> str:
    return PHASE_LABELS.get(phase, phase).lower()


def history_start(journal: Journal, day: date, s: AdvisorSettings) -> date:
    """The earliest date whose entry or ticks `advise(journal, day, s, ...)` reads.

    The walk of the episode open on `day` starts a look-back window before the episode's
    start; the warnings look at most a window back from `day`. Days before this date do not
    change the advice, so a caller may load only the days from here to `day` (the episodes,
    exercises and routines must be complete).
    """
    look = max(
        s.rising_lookback_days,
        s.settled_window_days - 1,
        s.red_flag_window_days - 1,
        s.strengthening_window_days - 1,
        s.hurt_window_days - 1,
        0,
    )
    episode = journal.episode_on(day)
    first = day if episode is None else min(episode.start, day)
    return first - timedelta(days=look)


def strengthening_days(
    journal: Journal, day: date, s: AdvisorSettings, count_day: bool = False
) -> list[date]:
    """Days in the strengthening window ending `day` (D-6..D) with a strengthening tick.

    With `count_day`, `day` itself counts as one (the tick about to be made).
    """
    found = []
    for back in range(max(s.strengthening_window_days, 1) - 1, -1, -1):
        when = day - timedelta(days=back)
        if (count_day and when == day) or "strengthening" in _kinds_on(journal, when):
            found.append(when)
    return found


def _kinds_on(journal: Journal, day: date) -> set[str]:
    library = journal.exercises
    return {library[e].kind for e in journal.ticks_on(day) if e in library}


def _red_flag(
    journal: Journal, day: date, s: AdvisorSettings, in_episode: bool
) -> AdvisorWarning | None:
    held = holding_flags(journal.entry_on, day, s.red_flag_window_days, journal.clearances)
    if not held:
        return None
    flags = {f for _, found in held for f in found}
    names = [RED_FLAG_LABELS.get(f, f) for f in RED_FLAGS if f in flags]
    names += sorted(f for f in flags if f not in RED_FLAG_LABELS)
    hold = (
        " Until you have been seen about them, the advisor keeps your phase where it is "
        "(it can still step back)."
        if in_episode
        else ""
    )
    return AdvisorWarning(
        RED_FLAG,
        f"On {day_list([d for d, _ in held], day)} you logged warning signs: {'; '.join(names)}. "
        f"They need medical care soon: contact your doctor or an urgent care service, "
        f"or emergency services if they are severe.{hold} Once a doctor has seen you about them, "
        f"record that you were cleared (red-flags clear) and the advisor goes on from that day.",
    )


def _rising_warnings(
    day: date, reason: str, episode: Episode | None, history: tuple[PhaseChange, ...]
) -> list[AdvisorWarning]:
    text = f"On {short_day(day, day)} you logged {reason}."
    if (
        episode is not None
        and history
        and history[-1].day == day
        and history[-1].reason == STEPPED_BACK
    ):
        text += (
            f" The advisor steps you back to the {_label(history[-1].phase)} phase from that day."
        )
    text += (
        " Slow down, step back to gentler exercises, and stop anything that hurts;"
        " if it keeps rising, check with your physiotherapist."
    )
    warnings = [AdvisorWarning(PAIN_RISING, text)]
    if episode is None:
        warnings.append(
            AdvisorWarning(
                FLARE_SUSPECTED,
                f"Your pain went up ({reason}) and no episode is open. "
                f"Consider starting an episode from {short_day(day, day)}, so the advisor can guide "
                f"you back up from gentle mobility.",
            )
        )
    return warnings


def _too_soon(
    exercise: Exercise,
    episode: Episode,
    number: int,
    phase: str,
    phase_start: date,
    day: date,
    s: AdvisorSettings,
) -> AdvisorWarning:
    needed = phase_needed_for(exercise.kind) or phase
    earliest = earliest_for(episode, phase, phase_start, day, needed, s)
    when = f"on {short_day(earliest, day)} at the earliest" if earliest else "later"
    return AdvisorWarning(
        TOO_SOON,
        f"{exercise.name} ({exercise.kind}) is too soon: {short_day(day, day)} is day {number} of "
        f"your episode (started {short_day(episode.start, day)}), in the {_label(phase)} phase. "
        f"The {_label(needed)} phase begins {when}, once your pain has settled. {_PHYSIO}",
    )


def _overdone(days: list[date], day: date, s: AdvisorSettings) -> AdvisorWarning:
    first = day - timedelta(days=max(s.strengthening_window_days, 1) - 1)
    listed = day_list(days, day)
    return AdvisorWarning(
        STRENGTHENING_OVERDONE,
        f"This would make {len(days)} strengthening days in the {s.strengthening_window_days} days "
        f"from {short_day(first, day)} to {short_day(day, day)} ({listed}). The program suggests at most "
        f"{s.max_strengthening_days}: muscles get stronger on the rest days in between.",
    )


def _stretch_first(day: date) -> AdvisorWarning:
    return AdvisorWarning(
        STRETCH_FIRST,
        f"Strengthening is ticked on {short_day(day, day)} with no warm-up or stretch that day: "
        f"the muscles take the load better once they are warm.",
    )


def _not_settled(
    episode: Episode, number: int, upcoming: str, missing: str, s: AdvisorSettings
) -> AdvisorWarning:
    return AdvisorWarning(
        NOT_SETTLED,
        f"Day {number} of your episode is late enough for {_label(upcoming)} by the program's "
        f"default timings; the advisor first waits for {s.settled_entries} entries within "
        f"{s.settled_window_days} days, each {s.settled_max_pain}/10 or less and none "
        f"{s.pain_jump} or more above the one before. Still missing: {missing}.",
    )


def advise(
    journal: Journal, day: date, s: AdvisorSettings, exercise: Exercise | None = None
) -> Advice:
    """The advice for `day`; with `exercise`, also the checks for ticking it on `day`."""
    episode = journal.episode_on(day)
    history: tuple[PhaseChange, ...] = ()
    # The episode's day number and the current phase's start: meaningful only with an episode.
    number, phase_start = 0, day
    nxt: tuple[str, date] | None = None
    if episode is None:
        phase = MAINTENANCE
    else:
        history = tuple(phase_history(journal, episode, day, s))
        phase, phase_start = history[-1].phase, history[-1].day
        number = episode_day(episode, day)
        nxt = next_phase(episode, phase, phase_start, day, s)
    allowed = allowed_kinds(phase)

    warnings: list[AdvisorWarning] = []
    red = _red_flag(journal, day, s, episode is not None)
    if red is not None:
        warnings.append(red)
    reason = rising_detail(journal, day, s)
    if reason is not None:
        warnings += _rising_warnings(day, reason, episode, history)

    kinds = _kinds_on(journal, day)
    if exercise is not None:
        kinds.add(exercise.kind)
        if episode is not None and exercise.kind not in allowed:
            warnings.append(_too_soon(exercise, episode, number, phase, phase_start, day, s))
        if exercise.kind == "strengthening":
            days = strengthening_days(journal, day, s, count_day=True)
            if len(days) > s.max_strengthening_days:
                warnings.append(_overdone(days, day, s))
    if "strengthening" in kinds and not kinds & {"stretching", "warm-up"}:
        warnings.append(_stretch_first(day))
    hurts = hurt_recently(journal, day, s.hurt_window_days)
    if hurts:
        warnings.append(AdvisorWarning(EXERCISE_HURT, hurt_message(hurts, journal, day)))

    if episode is not None and phase in (MOBILITY, STRETCHING):
        if phase == MOBILITY:
            upcoming, allowed_from = STRETCHING, stretching_time_earliest(episode, s)
        else:
            upcoming, allowed_from = (
                STRENGTHENING,
                strengthening_time_earliest(episode, phase_start, s),
            )
        if day >= allowed_from:
            settled, missing = is_settled(journal, day, s)
            if not settled:
                warnings.append(_not_settled(episode, number, upcoming, missing, s))

    if red is not None:
        nxt = None
    return Advice(
        date=day,
        phase=phase,
        episode=episode,
        episode_day=None if episode is None else number,
        allowed=allowed,
        next_phase=nxt[0] if nxt else None,
        next_earliest=nxt[1] if nxt else None,
        warnings=tuple(warnings),
        history=history,
        phase_start=None if episode is None else phase_start,
    )
