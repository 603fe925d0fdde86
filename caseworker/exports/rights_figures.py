"""The rights opened during support, by right, in a funder export (DOMAIN §7.1 « droits ouverts », docs/domain.md §13).

A right counts when it was opened in the period on a day one of the household's supports under the profile's
measures ran (:class:`~caseworker.exports.facts.EpisodeFact.running_on`, as the activity figures count events).
The table counts households, not rights: a household that opened a right of a kind counts once in that row (twice
the RSA in the period is one RSA), with its persons of the day of the first opening. A household may open several
kinds: the rows overlap, so the table has no total (``totals=False``) and each cell is protected on its own
(primary secrecy, and its twin in the other unit). For the same reason its small rows are not merged: a merged row
would count a household twice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.activity_figures import Spans, in_scope
from caseworker.exports.facts import ExportScope, Members
from caseworker.exports.report import CountTable
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.models import RightKind, RightOpened


def rights_opened(session: Session, spans: Spans, members: Members, scope: ExportScope) -> tuple[CountTable, ...]:
    """The households that opened each right in the period while supported, in both units."""
    kinds = session.execute(
        select(RightKind.id, RightKind.label, RightKind.active).order_by(RightKind.sort_order, RightKind.label)
    ).all()
    labels = {kind_id: label for kind_id, label, _active in kinds}
    opened = session.execute(
        select(RightOpened.household_id, RightOpened.kind_id, RightOpened.opened_on)
        .where(
            RightOpened.opened_on >= scope.period_start,
            RightOpened.opened_on <= scope.period_end,
            RightOpened.household_id.in_(in_scope(scope)),
        )
        .order_by(RightOpened.opened_on, RightOpened.id)
    )
    first: dict[tuple[int, int], date] = {}  # (household, kind): the first day it was opened during support
    for household_id, kind_id, day in opened:
        if any(episode.running_on(day) for episode in spans.get(household_id, ())):
            first.setdefault((household_id, kind_id), day)
    used = {kind_id for _household, kind_id in first}
    table = TwinTables(
        TableText(
            "rights_opened",
            "Ménages ayant ouvert des droits, par droit",
            period_words(scope),
            "Ménages ayant ouvert dans la période, pendant leur accompagnement, chacun des droits de la liste (un "
            "ménage compte une fois par droit, avec ses personnes du jour de la première ouverture). Un ménage peut "
            "en ouvrir plusieurs : les lignes ne s'additionnent pas et le tableau n'a pas de total.",
            "Droit ouvert",
        ),
        rows=list(dict.fromkeys(label for kind_id, label, active in kinds if active or kind_id in used)),
        totals=False,
    )
    for (household_id, kind_id), day in first.items():
        table.add(labels[kind_id], members.count_on(household_id, day))
    return table.tables()
