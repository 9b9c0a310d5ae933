"""Progress's function score (PSFS) trend and its "what goes with better days" panel."""

from __future__ import annotations

from datetime import timedelta

from support import DEMO_TODAY
from test_progress import open_progress

from backjournal.domain import insights as insight_rules
from backjournal.domain import psfs as psfs_rules
from backjournal.tui.widgets.psfs_trend import InsightsPanel, PsfsTrend


def text_of(widget) -> str:
    return str(widget.render())


async def test_the_psfs_trend_shows_each_mean_and_the_change_against_2_points(
    empty_service, make_app
):
    service = empty_service
    for name in ("socks", "desk", "stairs"):
        service.psfs_add(name)
    service.psfs_rate(DEMO_TODAY - timedelta(days=14), [2, 3, 4])  # mean 3.0
    service.psfs_rate(DEMO_TODAY - timedelta(days=7), [5, 6, 7])  # mean 6.0
    app = make_app(service)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_progress(pilot)
        shown = text_of(screen.query_one(PsfsTrend))
    assert "3.0" in shown and "6.0" in shown
    assert "+3 points" in shown or "+3.0 points" in shown
    assert psfs_rules.mic_words(3.0, psfs_rules.MIC_MEAN) in shown  # the domain's words
    for verdict in ("better", "worse", "improved", "success"):
        assert verdict not in shown.lower()


async def test_the_psfs_trend_teaches_when_nothing_is_named(empty_service, make_app):
    app = make_app(empty_service)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_progress(pilot)
        assert "backjournal psfs add" in text_of(screen.query_one(PsfsTrend))


async def test_the_insights_panel_shows_the_domain_factors_as_associations(demo_service, make_app):
    service = demo_service(days=120)
    expected = insight_rules.find_insights(service.journal(), DEMO_TODAY)
    assert expected.factors  # the demo has enough days on each side for some factor
    app = make_app(service)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_progress(pilot)
        shown = text_of(screen.query_one(InsightsPanel)).replace("\n", " ")
    for factor in expected.factors:
        assert factor.with_days >= insight_rules.MIN_DAYS <= factor.without_days
        assert insight_rules.sentence(factor).split(",")[0] in shown
    assert "not causes" in shown


async def test_the_insights_panel_shows_nothing_with_too_few_days(empty_service, make_app):
    for n in range(4):  # 3 pairs of days: under 5 on any side
        empty_service.log(DEMO_TODAY - timedelta(days=n), {"pain": 3, "sleep": 8})
    app = make_app(empty_service)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_progress(pilot)
        shown = text_of(screen.query_one(InsightsPanel))
    assert "Nothing to show yet" in shown
    assert "On days after" not in shown
