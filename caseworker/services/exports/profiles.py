"""Funders' profiles: what each funder receives, edited by the team lead without a release (docs/domain.md §13).

A profile names the measures whose supports it counts, the threshold of its statistical secret, and optionally the
indicators it asks for (none: every indicator). Two people editing one profile: the second save is refused, nothing
typed is lost (docs/domain.md §9.4).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.exports.compute import INDICATORS
from caseworker.models import FunderProfile, Measure
from caseworker.services import audit
from caseworker.services.access_policy import require_exporter
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ConcurrentChangeError, NotFoundError
from caseworker.services.validation import NAME_MAX, Problems

SMALLEST_THRESHOLD = 3
LARGEST_THRESHOLD = 20
"""The threshold of the secret a profile may set: below 3 a count of 1 or 2 shows; above 20 little is left."""


@dataclass(frozen=True)
class ProfileView:
    """A funder's profile as the export page lists it (``indicator_keys`` empty: every indicator)."""

    code: str
    label: str
    measure_codes: tuple[str, ...]
    threshold: int
    indicator_keys: tuple[str, ...] = ()
    row_version: int = 1


@dataclass(frozen=True)
class ProfileInput:
    """A profile as typed: its name, measures, threshold and indicators (none: all)."""

    label: str
    measure_codes: tuple[str, ...]
    threshold: int = 5
    indicator_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """A measure or an indicator a profile may name: its code and its French name."""

    code: str
    label: str


def profile_view(profile: FunderProfile) -> ProfileView:
    """The view of a stored profile."""
    return ProfileView(
        profile.code,
        profile.label,
        tuple(profile.measure_codes.split()),
        profile.threshold,
        tuple(profile.indicator_keys.split()),
        profile.row_version,
    )


def stored_profile(session: Session, code: str) -> FunderProfile:
    """The active profile ``code``, or a French "not found"."""
    profile = session.scalar(select(FunderProfile).where(FunderProfile.code == code))
    if profile is None or not profile.active:
        raise NotFoundError(f"Profil d'export inconnu : « {code[:40]} ».")
    return profile


class ProfileService:
    """Lists the funders' profiles and what they may name; the team lead edits them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def profiles(self) -> list[ProfileView]:
        """The active profiles, in their order."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(FunderProfile)
                .where(FunderProfile.active.is_(True))
                .order_by(FunderProfile.sort_order, FunderProfile.label)
            )
            return [profile_view(row) for row in rows]

    def measure_choices(self) -> list[Choice]:
        """Every measure of the catalogue, active or not (a profile may count a measure no longer offered)."""
        with self._ctx.read() as session:
            rows = session.execute(select(Measure.code, Measure.name).order_by(Measure.sort_order, Measure.name))
            return [Choice(code, name) for code, name in rows]

    def indicator_choices(self) -> list[Choice]:
        """Every indicator a profile may ask for, in the export's order."""
        return [Choice(key, label) for key, label in INDICATORS.items()]

    def update_profile(self, code: str, data: ProfileInput, *, expected_version: int) -> ProfileView:
        """Save a profile's name, measures, threshold and indicators (the team lead only)."""
        problems = Problems()
        label = problems.text("label", data.label, label="Nom du profil", max_length=NAME_MAX * 2, required=True)
        if not SMALLEST_THRESHOLD <= data.threshold <= LARGEST_THRESHOLD:
            problems.add(
                "threshold",
                f"Seuil du secret statistique : entre {SMALLEST_THRESHOLD} et {LARGEST_THRESHOLD}.",
            )
        unknown = [key for key in data.indicator_keys if key not in INDICATORS]
        if unknown:
            problems.add("indicator_keys", "Indicateurs : choisissez-les dans la liste.")
        with self._ctx.transaction() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            profile = stored_profile(session, code)
            known = set(session.scalars(select(Measure.code)))
            if not data.measure_codes:
                problems.add("measure_codes", "Mesures : choisissez au moins une mesure.")
            elif any(measure not in known for measure in data.measure_codes):
                problems.add("measure_codes", "Mesures : choisissez-les dans le catalogue.")
            problems.raise_if_any()
            claimed = session.execute(
                update(FunderProfile)
                .where(FunderProfile.id == profile.id, FunderProfile.row_version == expected_version)
                .values(
                    label=label,
                    measure_codes=" ".join(dict.fromkeys(data.measure_codes)),
                    threshold=data.threshold,
                    indicator_keys=" ".join(dict.fromkeys(data.indicator_keys)),
                    row_version=FunderProfile.row_version + 1,
                )
                .execution_options(synchronize_session="fetch")
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise ConcurrentChangeError(
                    "Ce profil a été modifié par une autre personne pendant que vous le modifiiez. Vos saisies sont "
                    "conservées : fermez cette fenêtre pour voir la nouvelle version, puis recommencez."
                )
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "funder_profile",
                profile.id,
                fields=["label", "measure_codes", "threshold", "indicator_keys"],
            )
            session.refresh(profile)
            return profile_view(profile)
