"""One pain scale (issue 10, item 6): the bands are defined once, in the domain."""

from __future__ import annotations

import pytest

from backjournal.domain.vocab import PAIN_BANDS, pain_band, pain_band_legend


@pytest.mark.parametrize(
    "pain,band",
    [(0, "low"), (3, "low"), (4, "mid"), (6, "mid"), (7, "high"), (10, "high")],
)
def test_bands_follow_the_advisor(pain, band, s):
    assert pain_band(pain) == band
    # Low is what "settled" allows; high is what always counts as rising.
    assert (pain <= s.settled_max_pain) == (band == "low")
    assert (pain >= s.rising_pain) == (band == "high")


def test_every_score_has_exactly_one_band_and_averages_band_as_they_round():
    covered = [p for _, lo, hi in PAIN_BANDS for p in range(lo, hi + 1)]
    assert covered == list(range(11))
    assert pain_band(3.4) == "low" and pain_band(3.5) == "mid"
    assert pain_band(6.49) == "mid" and pain_band(6.5) == "high"


def test_the_legend_is_built_from_the_bands():
    assert pain_band_legend() == "low 0-3, moderate 4-6, high 7-10"
