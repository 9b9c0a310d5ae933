"""Plain-dict shapes of the PSFS activities and ratings, for journal-meta.json and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from backjournal.domain.codec_fields import ShapeError, read_date
from backjournal.domain.dates import EARLIEST, LATEST
from backjournal.domain.errors import InputError
from backjournal.domain.models import Psfs, PsfsActivity, PsfsRating
from backjournal.domain.psfs import SCORE_MAX, SCORE_MIN, check_name


def activity_to_dict(activity: PsfsActivity) -> dict[str, Any]:
    return {"id": activity.id, "name": activity.name, "retired": activity.retired}


def rating_to_dict(rating: PsfsRating, with_mean: bool = False) -> dict[str, Any]:
    doc: dict[str, Any] = {"date": rating.date.isoformat(), "scores": dict(rating.scores)}
    if with_mean:
        doc["mean"] = round(rating.mean, 2)
    return doc


def psfs_to_dict(psfs: Psfs) -> dict[str, Any]:
    return {
        "activities": [activity_to_dict(a) for a in psfs.activities],
        "ratings": [rating_to_dict(r) for r in psfs.ratings],
    }


def _id(value: Any, where: str) -> str:
    if (
        not isinstance(value, str)
        or not (value.isascii() and value.isdigit())
        or str(int(value)) != value
        or value == "0"
        or len(value) > 6
    ):
        raise ShapeError(where, f"an activity id is a whole number from 1 as text, got {value!r}")
    return value


def activity_from_dict(doc: Any, where: str = "psfs activity") -> PsfsActivity:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    activity_id = _id(doc.get("id"), f"{where}.id")
    where = f"{where} {activity_id}"
    try:
        name = check_name(doc.get("name"))
    except InputError as error:
        raise ShapeError(f"{where}.name", error.problem) from None
    if name != doc.get("name"):
        raise ShapeError(f"{where}.name", "has spaces at its ends or runs of spaces inside")
    retired = doc.get("retired", False)
    if not isinstance(retired, bool):
        raise ShapeError(f"{where}.retired", "must be true or false")
    return PsfsActivity(activity_id, name, retired)


def rating_from_dict(doc: Any, known: set[str], where: str = "psfs rating") -> PsfsRating:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object")
    day = read_date(doc.get("date"), f"{where}.date")
    where = f"{where} {day}"
    raw = doc.get("scores")
    if not isinstance(raw, dict) or not raw:
        raise ShapeError(f"{where}.scores", "must be an object of activity id to score")
    scores: dict[str, int] = {}
    for key, value in raw.items():
        activity_id = _id(key, f"{where}.scores")
        if activity_id not in known:
            raise ShapeError(f"{where}.scores", f"scores an unknown activity {activity_id!r}")
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not SCORE_MIN <= value <= SCORE_MAX
        ):
            raise ShapeError(
                f"{where}.scores.{activity_id}",
                f"must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {value!r}",
            )
        scores[activity_id] = value
    return PsfsRating(day, scores)


def _rating_fast(doc: Any, known: set[str]) -> PsfsRating | None:
    """rating_from_dict's checks inline, with no message built; None on any doubt.

    Every start reads the ratings with the journal's meta (years of weekly ratings): the checked
    path's call and f-strings per score cost milliseconds before the first frame.
    """
    if type(doc) is not dict:
        return None
    raw_date, raw = doc.get("date"), doc.get("scores")
    if type(raw_date) is not str or type(raw) is not dict or not raw:
        return None
    try:
        day = date.fromisoformat(raw_date)
    except ValueError:
        return None
    if not EARLIEST <= day <= LATEST:
        return None
    for key, value in raw.items():
        # A key in `known` is a checked activity id (activity_from_dict).
        if key not in known or type(value) is not int or not SCORE_MIN <= value <= SCORE_MAX:
            return None
    return PsfsRating(day, dict(raw))


def psfs_from_parts(raw_activities: Any, raw_ratings: Any, where: str = "psfs") -> Psfs:
    """Activities and ratings checked whole: unique ids, one rating per date, known activities."""
    if not isinstance(raw_activities, list) or not isinstance(raw_ratings, list):
        raise ShapeError(where, "activities and ratings must be lists")
    activities = [
        activity_from_dict(doc, f"{where} activities[{i}]") for i, doc in enumerate(raw_activities)
    ]
    ids = [a.id for a in activities]
    if len(set(ids)) != len(ids):
        raise ShapeError(f"{where} activities", "an activity id appears twice")
    known = set(ids)
    ratings = [
        _rating_fast(doc, known) or rating_from_dict(doc, known, f"{where} ratings[{i}]")
        for i, doc in enumerate(raw_ratings)
    ]
    dates = [r.date for r in ratings]
    if len(set(dates)) != len(dates):
        raise ShapeError(f"{where} ratings", "two ratings have the same date")
    return Psfs(tuple(activities), tuple(sorted(ratings, key=lambda r: r.date)))


def psfs_from_dict(doc: Any, where: str = "psfs") -> Psfs:
    if not isinstance(doc, dict):
        raise ShapeError(where, "must be an object with activities and ratings")
    return psfs_from_parts(doc.get("activities", []), doc.get("ratings", []), where)
