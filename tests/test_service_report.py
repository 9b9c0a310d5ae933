"""PSFS, insights and the HTML report through the service, with a fixed clock (04:00 boundary)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from backjournal.domain import psfs as rules
from backjournal.domain.errors import InputError
from backjournal.domain.export import parse_export
from backjournal.service import JournalService
from backjournal.storage import Store

D = date(2026, 11, 20)


def service_at(tmp_path, now: datetime) -> JournalService:
    return JournalService(Store(tmp_path / "data"), clock=lambda: now)


def rated(tmp_path) -> JournalService:
    service = service_at(tmp_path, datetime(2026, 11, 20, 21, 0))
    for name in ("socks", "sitting", "kettle"):
        service.psfs_add(name)
    service.psfs_rate(service.today(), ["3", "4", "5"])
    return service


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 11, 26, 23, 0), False),  # journal day 26th: 6 days
        (datetime(2026, 11, 27, 2, 0), False),  # 02:00 on the 27th is still the night of the 26th
        (datetime(2026, 11, 27, 4, 0), True),  # the journal day 27th: 7 days
    ],
)
def test_psfs_due_follows_the_journal_day(tmp_path, now, due):
    rated(tmp_path)
    later = service_at(tmp_path, now)
    assert rules.is_due(later.psfs(), later.today()) is due


def test_rating_after_midnight_goes_to_the_night_before(tmp_path):
    service = rated(tmp_path)
    night = service_at(tmp_path, datetime(2026, 11, 28, 1, 30))
    rating = night.psfs_rate(night.parse_date(None), [6, 6, 6])
    assert rating.date == date(2026, 11, 27)
    assert [r.date for r in service.psfs().ratings] == [D, date(2026, 11, 27)]


def test_future_rating_refused_and_nothing_written(tmp_path):
    service = rated(tmp_path)
    before = service.psfs()
    with pytest.raises(InputError, match="future"):
        service.psfs_rate(D + timedelta(days=1), [1, 1, 1])
    assert service.psfs() == before


def test_export_import_round_trip_keeps_psfs_exactly(tmp_path):
    service = rated(tmp_path)
    service.psfs_retire("2")
    service.psfs_add("stairs")
    text = service.export("json")
    days, meta = parse_export(text, today=D)
    assert meta.psfs == service.psfs()
    other = service_at(tmp_path / "other", datetime(2026, 11, 20, 21, 0))
    other.import_text(text)
    assert other.psfs() == service.psfs() and other.export("json") == text


def test_import_refuses_a_future_rating(tmp_path):
    service = rated(tmp_path)
    doc = json.loads(service.export("json"))
    doc["psfs"]["ratings"][0]["date"] = "2026-12-25"
    other = service_at(tmp_path / "other", datetime(2026, 11, 20, 21, 0))
    with pytest.raises(InputError, match="future"):
        other.import_text(json.dumps(doc))
    assert other.store.is_empty()


def test_ranged_export_keeps_the_period_ratings(tmp_path):
    rated(tmp_path)
    later = service_at(tmp_path, datetime(2026, 11, 28, 21, 0))
    later.psfs_rate(later.today(), [5, 5, 5])
    doc = json.loads(later.export("json", date(2026, 11, 25), None))
    assert [r["date"] for r in doc["psfs"]["ratings"]] == ["2026-11-28"]
    assert len(doc["psfs"]["activities"]) == 3


def test_report_covers_the_journal_up_to_today(tmp_path):
    service = service_at(tmp_path, datetime(2026, 11, 28, 2, 0))  # journal day: the 27th
    service.demo(30, 1)
    html = service.report_html()
    assert "to 27 Nov 2026</b> (30 days)" in html
    with pytest.raises(InputError):
        service.report_html(date(2026, 11, 20), date(2026, 11, 10))


def test_the_html_report_dates_red_flags_and_their_clearances_in_order(tmp_path):
    service = service_at(tmp_path, datetime(2026, 11, 20, 21, 0))
    service.log(date(2026, 11, 10), {"pain": 5, "red_flags": ["bladder-bowel"]})
    service.clear_red_flags(date(2026, 11, 12), "seen by <b>Dr</b> Lee")
    html = service.export("html", date(2026, 11, 1), date(2026, 11, 20))
    section = html[html.index("Warning signs") :]
    section = section[: section.index("</ul>")]
    flagged = section.index("10 Nov")
    cleared = section.index("12 Nov")
    assert flagged < cleared
    assert "cleared, seen by a clinician: seen by &lt;b&gt;Dr&lt;/b&gt; Lee" in section
    outside = service.export("html", date(2026, 11, 13), date(2026, 11, 20))
    assert "seen by a clinician" not in outside  # a clearance outside the period stays out
