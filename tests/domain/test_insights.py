"""Insights: next-day pain with and without each factor, Welch intervals, and the rules for showing."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backjournal.domain import insights
from backjournal.domain.insights import find_insights, t_quantile, welch_interval

BASE = date(2026, 3, 2)


# Student's t 0.975 quantiles from published tables.
T_TABLE = {1: 12.7062, 2: 4.3027, 4: 2.7764, 5: 2.5706, 10: 2.2281, 30: 2.0423, 120: 1.9799}


@pytest.mark.parametrize(("df", "expected"), sorted(T_TABLE.items()))
def test_t_quantile_matches_the_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)
    assert t_quantile(0.025, df) == pytest.approx(-expected, abs=1e-4)


def test_t_quantile_tends_to_the_normal_and_takes_fractional_df():
    assert t_quantile(0.975, 1e6) == pytest.approx(1.959964, abs=1e-4)
    assert T_TABLE[5] < t_quantile(0.975, 4.5) < T_TABLE[4]


@pytest.mark.parametrize("df", [0.3, 1, 2.5, 10.52, 300.2, 5000.3, 1e6])
@pytest.mark.parametrize("p", [0.5, 0.6, 0.9, 0.975, 0.999, 0.9999, 0.025])
def test_t_quantile_inverts_the_cdf_at_any_df(df, p):
    t = t_quantile(p, df)
    assert insights.t_cdf(t, df) == pytest.approx(p, abs=1e-10)
    assert t_quantile(1 - p, df) == pytest.approx(-t, rel=1e-9, abs=1e-12)


def test_welch_interval_on_known_samples():
    # means 3 and 5, variances 2.5 each: se = 1, Welch df = 8, t(0.975, 8) = 2.306004
    c = welch_interval([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    assert c.difference == -2.0
    assert c.low == pytest.approx(-2 - 2.306004, abs=1e-5)
    assert c.high == pytest.approx(-2 + 2.306004, abs=1e-5)


def test_welch_interval_with_unequal_variances_and_sizes():
    a, b = [2, 4, 4, 4, 5, 5, 7, 9], [1, 2, 3, 4, 5]
    va, vb = 32 / 7 / 8, 2.5 / 5  # variance / n for each side
    df = (va + vb) ** 2 / (va**2 / 7 + vb**2 / 4)
    c = welch_interval(a, b)
    assert c.difference == 2.0
    half = t_quantile(0.975, df) * math.sqrt(va + vb)
    assert (c.low, c.high) == (pytest.approx(2 - half), pytest.approx(2 + half))
    assert df == pytest.approx(10.52, abs=0.01)
    # by hand: t(0.975, 10.52) ~ 2.214 (between 2.228 at 10 and 2.201 at 11), se = 1.0351
    assert (c.low, c.high) == (pytest.approx(-0.29, abs=0.01), pytest.approx(4.29, abs=0.01))


def test_no_spread_gives_a_point_interval_unless_a_floor_is_set():
    c = welch_interval([3] * 5, [5] * 6)
    assert (c.difference, c.low, c.high) == (-2, -2, -2)
    floored = welch_interval([3] * 5, [5] * 6, min_variance=1 / 12)
    se = math.sqrt(1 / 12 / 5 + 1 / 12 / 6)
    df = (1 / 60 + 1 / 72) ** 2 / ((1 / 60) ** 2 / 4 + (1 / 72) ** 2 / 5)
    half = t_quantile(0.975, df) * se
    assert (floored.low, floored.high) == (pytest.approx(-2 - half), pytest.approx(-2 + half))
    assert half > 0.35  # about 2.3 x 0.175


def test_a_few_identical_days_do_not_claim_certainty(new_journal):
    """7 days all at pain 3 against 300 steady days: the interval stays honest about 7 days."""
    jb = new_journal()
    for i in range(308):
        tagged = i % 44 == 0
        jb.entry(BASE + timedelta(days=i), 2 + (i % 3 == 0), tags=("busy",) if tagged else ())
    for i in range(1, 308, 44):  # the day after each tagged day: always 3
        jb.entry(BASE + timedelta(days=i), 3)
    found = by_factor(find_insights(jb.build(), BASE + timedelta(days=400)))["tag:busy"]
    assert found.with_days == 7
    assert found.comparison.high - found.comparison.low > 0.4


@given(st.lists(st.integers(0, 10), min_size=2, max_size=40), st.randoms())
def test_symmetric_samples_give_zero_difference_and_a_centred_interval(values, rnd):
    other = list(values)
    rnd.shuffle(other)
    c = welch_interval(values, other)
    assert c.difference == 0.0
    assert c.low == pytest.approx(-c.high, abs=1e-9) and c.low <= 0 <= c.high


@given(
    st.lists(st.integers(0, 10), min_size=2, max_size=30),
    st.lists(st.integers(0, 10), min_size=2, max_size=30),
)
def test_swapping_sides_flips_the_interval(a, b):
    one, two = welch_interval(a, b), welch_interval(b, a)
    assert one.difference == pytest.approx(-two.difference)
    assert (one.low, one.high) == (pytest.approx(-two.high), pytest.approx(-two.low))


# ---------------------------------------------------------------------------- journals


def alternating(builder, n: int, *, good_sleep_pain: int, poor_sleep_pain: int):
    """Days alternate sleep 8 / sleep 4; a day's pain follows the previous night's sleep."""
    jb = builder()
    for i in range(n):
        good = i % 2 == 0
        previous_good = i % 2 == 1
        pain = good_sleep_pain if previous_good else poor_sleep_pain
        jb.entry(BASE + timedelta(days=i), pain, sleep=8 if good else 4)
    return jb


def by_factor(result) -> dict:
    return {f.factor: f for f in result.factors}


def test_known_journal_gives_the_known_difference_and_days(new_journal):
    journal = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5).build()
    result = find_insights(journal, BASE + timedelta(days=30))
    sleep = by_factor(result)["sleep-7"]
    assert (sleep.with_days, sleep.without_days) == (10, 10)
    assert sleep.comparison.difference == -3.0
    # no spread on either side: each variance floored at 1/12; df 18, t(0.975, 18) = 2.1009 (table)
    half = 2.1009 * math.sqrt(2 / 12 / 10)
    assert sleep.comparison.low == pytest.approx(-3 - half, abs=1e-3)
    assert sleep.comparison.high == pytest.approx(-3 + half, abs=1e-3)
    assert result.pairs == 20 and result.left_out == 0
    text = insights.sentence(sleep)
    assert text.startswith(
        "On days after you rated your sleep 7+, your pain was 3.0 lower on average"
    )
    assert "(10 vs 10 days;" in text


def test_too_few_days_on_a_side_shows_nothing(new_journal):
    jb = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5)
    for i in range(4):  # 4 rest days: not enough
        jb.entry(BASE + timedelta(days=i), 3, sleep=8, rest=True)
    result = find_insights(jb.build(), BASE + timedelta(days=30))
    assert "rest" not in by_factor(result)
    short = find_insights(
        alternating(new_journal, 9, good_sleep_pain=2, poor_sleep_pain=5).build(), BASE
    )
    assert short.factors == ()  # 8 pairs: 4 on each side


@given(st.integers(0, 4), st.integers(5, 12))
def test_fewer_than_five_days_on_either_side_gives_no_factor(new_journal, few, many):
    jb = new_journal()
    day = BASE
    for i in range(few + many + 1):
        jb.entry(day + timedelta(days=i), 3, rest=i < few)
    assert "rest" not in by_factor(find_insights(jb.build(), BASE + timedelta(days=60)))


def test_only_pairs_with_entries_on_both_days_count_and_last_day_bounds_them(new_journal):
    jb = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5)
    result = find_insights(jb.build(), BASE + timedelta(days=10))
    assert result.pairs == 10  # pairs whose next day is on or before BASE+10


def test_early_episode_days_are_left_out(new_journal):
    jb = alternating(new_journal, 40, good_sleep_pain=2, poor_sleep_pain=5).episode(11)
    result = find_insights(jb.build(), BASE + timedelta(days=60))
    # days 11..20 are the first 10 episode days; pairs touching them: (10,11) .. (20,21)
    assert result.left_out == 11 and result.pairs == 39 - 11
    sleep = by_factor(result)["sleep-7"]
    assert sleep.with_days + sleep.without_days == 28


def test_routines_and_tags_are_factors(new_journal):
    jb = new_journal()
    for i in range(24):
        d = BASE + timedelta(days=i)
        did = i % 3 == 0
        jb.entry(d, 1 if (i - 1) % 3 == 0 else 4, tags=("desk-day",) if i % 2 else ())
        if did:
            jb.do(d, "mobility")
    jb.entry(BASE + timedelta(days=24), 4)
    found = by_factor(find_insights(jb.build(), BASE + timedelta(days=40)))
    mobility = found["routine:mobility"]
    assert mobility.comparison.difference == -3.0 and mobility.with_days == 8
    assert "tag:desk-day" in found and found["tag:desk-day"].with_days == 12


def test_a_tag_on_fewer_than_three_days_is_not_a_factor(new_journal):
    jb = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5)
    jb.entry(BASE, 3, tags=("swim",)).entry(BASE + timedelta(days=2), 3, tags=("swim",))
    assert not any(
        f.startswith("tag:")
        for f in by_factor(find_insights(jb.build(), BASE + timedelta(days=30)))
    )


def test_json_shape(new_journal):
    journal = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5).build()
    doc = find_insights(journal, date(2026, 4, 1)).to_dict()
    assert doc["date"] == "2026-04-01"
    factor = doc["factors"][0]
    assert {"factor", "with_days", "without_days", "difference", "low", "high"} <= set(factor)
    assert factor["difference"] == -3.0


def test_words_say_association_not_cause_and_mention_the_exclusion(new_journal):
    journal = alternating(new_journal, 21, good_sleep_pain=2, poor_sleep_pain=5).build()
    lines = insights.insight_lines(find_insights(journal, BASE + timedelta(days=30)))
    text = "\n".join(lines)
    assert "not causes" in text and "first 10 days of a flare-up" in text
    empty = "\n".join(insights.insight_lines(find_insights(new_journal().build(), BASE)))
    assert "Nothing to show yet" in empty
