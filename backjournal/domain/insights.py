"""What goes with better days: next-day pain after days with and without each factor.

For each factor (sleep rated 7+, each routine done, each tag used on 3+ days, rest days) the
pairs (day D, day D+1) with an entry on both are split by whether D had the factor, and the
mean pain on D+1 is compared with a 95% Welch t-interval. A pair is left out when either day
falls in the first 10 days of an episode: that pain mostly reflects the flare itself. A
factor is shown only with at least 5 days on each side. It is an association, not a cause.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backjournal.domain.models import Entry, Journal

MIN_DAYS = 5
EARLY_EPISODE_DAYS = 10
TAG_MIN_DAYS = 3
SLEEP_GOOD = 7
CONFIDENCE = 0.95
# Pain is a whole number: rounding alone spreads a score by 1/12 (a uniform error of +-0.5), so
# no group's variance is taken as smaller; otherwise 7 identical scores claim certainty.
ROUNDING_VARIANCE = 1 / 12
ONE_DAY = timedelta(days=1)


# ---------------------------------------------------------------------------- statistics


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            break
    return h


def _beta_regularized(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with df degrees of freedom (df may be fractional, as Welch's is)."""
    tail = 0.5 * _beta_regularized(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def _t_pdf(t: float, df: float) -> float:
    log_norm = math.lgamma((df + 1.0) / 2.0) - math.lgamma(df / 2.0) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - (df + 1.0) / 2.0 * math.log1p(t * t / df))


def t_quantile(p: float, df: float) -> float:
    """The t with P(T <= t) = p (exact to about 1e-10)."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must be in (0, 1) and df positive")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    # Newton's method from 0: the cdf is concave for t >= 0, so each step stays below the root
    # and climbs to it (a few cdf evaluations where bisection took ~45: ten years of insights
    # spent most of their time here). Bisection remains for the case it does not settle.
    t = 0.0
    for _ in range(60):
        step = (p - t_cdf(t, df)) / _t_pdf(t, df)
        t += step
        if abs(step) <= 1e-12 * max(1.0, t):
            return t
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _variance(values: Sequence[float], mean: float) -> float:
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Mean of `with` minus mean of `without`, and its Welch t-interval."""

    with_mean: float
    without_mean: float
    difference: float
    low: float
    high: float


def welch_interval(
    with_values: Sequence[float],
    without_values: Sequence[float],
    confidence: float = CONFIDENCE,
    min_variance: float = 0.0,
) -> Comparison:
    """The difference of means with a Welch t-interval; both samples need 2 values or more.

    Each sample's variance is taken as at least `min_variance`: seven identical whole-number
    scores do not mean their true spread is zero.
    """
    if len(with_values) < 2 or len(without_values) < 2:
        raise ValueError("each side needs at least 2 values")
    m1, m2 = _mean(with_values), _mean(without_values)
    difference = m1 - m2
    a = max(_variance(with_values, m1), min_variance) / len(with_values)
    b = max(_variance(without_values, m2), min_variance) / len(without_values)
    se = math.sqrt(a + b)
    if se == 0.0:
        return Comparison(m1, m2, difference, difference, difference)
    df = (a + b) ** 2 / (a * a / (len(with_values) - 1) + b * b / (len(without_values) - 1))
    half = t_quantile(0.5 + confidence / 2.0, df) * se
    return Comparison(m1, m2, difference, difference - half, difference + half)


# ---------------------------------------------------------------------------- factors


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor's comparison of next-day pain; `label` completes "On days after ..."."""

    factor: str
    label: str
    with_days: int
    without_days: int
    comparison: Comparison

    def to_dict(self) -> dict[str, Any]:
        c = self.comparison
        return {
            "factor": self.factor,
            "label": self.label,
            "with_days": self.with_days,
            "without_days": self.without_days,
            "with_mean": round(c.with_mean, 2),
            "without_mean": round(c.without_mean, 2),
            "difference": round(c.difference, 2),
            "low": round(c.low, 2),
            "high": round(c.high, 2),
        }


@dataclass(frozen=True, slots=True)
class Insights:
    """The factors shown as of `date`, and how many day pairs were used and left out."""

    date: date
    factors: tuple[Factor, ...]
    pairs: int
    left_out: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "factors": [f.to_dict() for f in self.factors],
            "pairs": self.pairs,
            "left_out_early_episode": self.left_out,
        }


def _early_in_episode(journal: Journal, day: date) -> bool:
    episode = journal.episode_on(day)
    return episode is not None and (day - episode.start).days < EARLY_EPISODE_DAYS


def day_pairs(journal: Journal, last: date) -> tuple[list[tuple[date, Entry, int]], int]:
    """(day D, its entry, the pain on D+1) for each D+1 <= last with entries on both days,
    and how many such pairs were left out because a day was early in an episode."""
    pairs: list[tuple[date, Entry, int]] = []
    left_out = 0
    early: dict[date, bool] = {}  # each day is asked about twice: as D and as D+1

    def early_in_episode(day: date) -> bool:
        found = early.get(day)
        if found is None:
            found = early[day] = _early_in_episode(journal, day)
        return found

    for day in sorted(journal.days):
        after = day + ONE_DAY
        if after > last:
            break
        entry, next_entry = journal.entry_on(day), journal.entry_on(after)
        if entry is None or next_entry is None:
            continue
        if early_in_episode(day) or early_in_episode(after):
            left_out += 1
            continue
        pairs.append((day, entry, next_entry.pain))
    return pairs, left_out


def _factor(
    key: str,
    label: str,
    pairs: Sequence[tuple[date, Entry, int]],
    has: Callable[[date, Entry], bool | None],
) -> Factor | None:
    """Compare next-day pain with and without; `has` returning None leaves the pair out."""
    yes: list[float] = []
    no: list[float] = []
    for day, entry, pain in pairs:
        present = has(day, entry)
        if present is not None:
            (yes if present else no).append(pain)
    if len(yes) < MIN_DAYS or len(no) < MIN_DAYS:
        return None
    return Factor(
        key, label, len(yes), len(no), welch_interval(yes, no, min_variance=ROUNDING_VARIANCE)
    )


def _routine_done(journal: Journal, exercises: Sequence[str]) -> Callable[[date, Entry], bool]:
    def done(day: date, _entry: Entry) -> bool:
        ticks = journal.ticks_on(day)  # once per day, not once per exercise
        return all(x in ticks for x in exercises)

    return done


def _tagged(tag: str) -> Callable[[date, Entry], bool]:
    return lambda _day, entry: tag in entry.tags


def find_insights(journal: Journal, last: date) -> Insights:
    """Every factor with at least MIN_DAYS on each side, using day pairs up to `last`."""
    pairs, left_out = day_pairs(journal, last)
    candidates: list[Factor | None] = [
        _factor(
            "sleep-7",
            f"you rated your sleep {SLEEP_GOOD}+",
            pairs,
            lambda _d, e: None if e.sleep is None else e.sleep >= SLEEP_GOOD,
        ),
        _factor("rest", "a rest day", pairs, lambda _d, e: e.rest),
    ]
    for routine in journal.routines:
        if routine.exercises:
            candidates.append(
                _factor(
                    f"routine:{routine.id}",
                    f"you did your {routine.name} routine",
                    pairs,
                    _routine_done(journal, routine.exercises),
                )
            )
    tag_days = Counter(tag for _, entry, _ in pairs for tag in set(entry.tags))
    for tag in sorted(t for t, n in tag_days.items() if n >= TAG_MIN_DAYS):
        candidates.append(_factor(f"tag:{tag}", f"you tagged the day #{tag}", pairs, _tagged(tag)))
    factors = tuple(f for f in candidates if f is not None)
    return Insights(last, factors, len(pairs), left_out)


def _amount(value: float) -> str:
    size = f"{abs(value):.1f}"
    if size == "0.0":
        return "about the same"
    return f"{size} {'higher' if value > 0 else 'lower'}"


def sentence(factor: Factor, quote: Callable[[str], str] = str) -> str:
    """'On days after you rated your sleep 7+, your pain was 1.2 lower on average (38 vs 41 days)'."""
    c = factor.comparison
    if f"{abs(c.difference):.1f}" == "0.0":
        said = "your pain was about the same on average"
    else:
        said = f"your pain was {_amount(c.difference)} on average"
    interval = f"95% interval {c.low:+.1f} to {c.high:+.1f}"
    if c.low <= 0 <= c.high:
        interval += ", which includes no difference"
    return (
        f"On days after {quote(factor.label)}, {said} "
        f"({factor.with_days} vs {factor.without_days} days; {interval})."
    )


CAVEAT = (
    "These are associations in your own journal, not causes: a day you felt better may be the "
    "day you chose to do more. Days in the first 10 days of a flare-up, and the days after "
    "them, are left out, as their pain mostly reflects the flare itself. A factor is shown only "
    f"with at least {MIN_DAYS} days on each side."
)


def insight_lines(result: Insights, quote: Callable[[str], str] = str) -> list[str]:
    """The insights in plain words, then the caveat."""
    lines = [f"What goes with better days, up to {result.date}:"]
    if not result.factors:
        lines.append(
            f"  Nothing to show yet: no factor has {MIN_DAYS} or more days on each side "
            f"({result.pairs} usable pairs of days)."
        )
    lines += [f"  {sentence(f, quote)}" for f in result.factors]
    if result.left_out:
        lines.append(f"  ({result.left_out} pairs of days early in a flare-up were left out.)")
    lines.append(CAVEAT)
    return lines
