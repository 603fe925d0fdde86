"""The demo's entry criteria: ticked from each episode's own measure, some referrals with nothing ticked (F19)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.models import EntryCriterion, Episode, EpisodeCriterion
from caseworker.storage.database import Database

Demo = tuple[Database, DemoReport]


def test_criteria_are_ticked_from_the_episodes_measure_and_some_referrals_have_none(demo: Demo) -> None:
    database, report = demo
    with Session(database.engine) as session:
        ticks = session.execute(
            select(EpisodeCriterion.episode_id, Episode.measure_id, EntryCriterion.measure_id, EntryCriterion.code)
            .join(Episode, Episode.id == EpisodeCriterion.episode_id)
            .join(EntryCriterion, EntryCriterion.id == EpisodeCriterion.criterion_id)
        ).all()
        offered = set(session.scalars(select(EntryCriterion.measure_id)))
        episodes = session.scalars(select(Episode.id).where(Episode.measure_id.in_(offered))).all()
    assert all(episode_measure == criterion_measure for _e, episode_measure, criterion_measure, _c in ticks)
    ticked = {episode_id for episode_id, *_rest in ticks}
    assert 0.5 * len(episodes) < len(ticked) < 0.95 * len(episodes)  # most, not all: information, not a gate
    codes = Counter(code for *_rest, code in ticks)
    assert codes["siao"] > codes["dalo"] > 0  # likelihoods that suit each public (both AVDL criteria)
    assert report.episodes >= len(ticked)
