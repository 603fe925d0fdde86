"""First run: the association, the person using this laptop, and who the current actor is afterwards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal_column, select

from caseworker.models import Organisation, StaffMember
from caseworker.services.context import ServiceContext
from caseworker.services.credentials import CredentialService
from caseworker.services.directory import DirectoryService, OrganisationInput, StaffInput, StaffView
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.settings import CURRENT_STAFF_MEMBER, OWN_ORGANISATION, SettingsService


@dataclass(frozen=True)
class FirstRunInput:
    """What the first-run wizard collects (the key is handled by the storage layer before this)."""

    organisation: OrganisationInput
    first_name: str
    last_name: str
    role_code: str
    fte_percent: int = 100


class SetupService:
    """Completes the first run and keeps track of the person using this laptop."""

    def __init__(
        self,
        ctx: ServiceContext,
        directory: DirectoryService,
        settings: SettingsService,
        credentials: CredentialService,
    ) -> None:
        self._ctx = ctx
        self._directory = directory
        self._settings = settings
        self._credentials = credentials

    def is_complete(self) -> bool:
        """Return True once an organisation and a current staff member exist (team mode: the organisation)."""
        if self._ctx.team_mode:
            return self.own_organisation_id() is not None
        staff_id = self._settings.get(CURRENT_STAFF_MEMBER)
        if staff_id is None:
            return False
        with self._ctx.read() as session:
            return session.get(StaffMember, staff_id) is not None

    def complete_first_run(self, data: FirstRunInput) -> StaffView:
        """Create the association and its first user, and make that user the current actor.

        Both are validated before anything is written, so a mistake on the second page loses nothing. Done once:
        a second call (a double click on "Terminer") is refused and writes nothing.
        """
        if self.is_complete():
            raise TransitionError("La mise en service est déjà faite : l'organisation et l'utilisateur existent.")
        self._check(data)
        # One transaction: a mistake on the user's page (role, working time…) must not leave an organisation.
        with self._ctx.transaction() as session:
            organisation = self._directory.create_organisation_in(session, data.organisation, is_own=True)
            member = self._directory.create_staff_in(
                session,
                StaffInput(
                    first_name=data.first_name,
                    last_name=data.last_name,
                    role_code=data.role_code,
                    organisation_id=organisation.id,
                    fte_percent=data.fte_percent,
                ),
            )
            organisation_id, staff_id = organisation.id, member.id
        self._settings.set(OWN_ORGANISATION, organisation_id)
        if self._ctx.team_mode:
            # On the team's server nobody is "the user of this laptop": each session is one person's login.
            return self._directory.get_staff(staff_id)
        return self._make_current(staff_id)

    def _check(self, data: FirstRunInput) -> None:
        errors: dict[str, str] = {}
        if not data.organisation.name.strip():
            errors["organisation_name"] = "Nom de l'organisation : ce champ est obligatoire."
        if not data.first_name.strip():
            errors["first_name"] = "Prénom : ce champ est obligatoire."
        if not data.last_name.strip():
            errors["last_name"] = "Nom : ce champ est obligatoire."
        if errors:
            raise ValidationError(errors)

    def load_actor(self) -> StaffView | None:
        """Set the context's actor (from the session's login in team mode, else the stored setting); return who."""
        if self._ctx.team_mode:
            with self._ctx.read() as session:
                staff_id = session.scalar(
                    select(StaffMember.id).where(StaffMember.login == literal_column("session_user"))
                )
            self._ctx.actor.staff_member_id = staff_id
            return self._directory.get_staff(staff_id) if staff_id is not None else None
        staff_id = self._settings.get(CURRENT_STAFF_MEMBER)
        if staff_id is None:
            return None
        try:
            staff = self._directory.get_staff(staff_id)
        except NotFoundError:
            return None
        self._ctx.actor.staff_member_id = staff.id
        return staff

    def switch_user(self, staff_id: int, secret: str | None = None) -> StaffView:
        """Record that ``staff_id`` now uses this laptop, once their own credential is given (local mode only).

        In team mode each person logs in. Locally the author of every record is the person switched to, so they
        prove it with their passphrase or PIN (docs/domain.md §9.3); a wrong one is refused under ``secret`` and
        counts towards their waits. Staying the same person asks nothing.
        """
        if self._ctx.team_mode:
            raise TransitionError(
                "En mode équipe, chaque personne se connecte avec son propre identifiant : pour changer "
                "d'utilisateur, fermez la session et reconnectez-vous."
            )
        staff = self._directory.get_staff(staff_id)
        if staff.id == self._ctx.actor.staff_member_id:
            return staff
        if not secret:
            raise ValidationError({"secret": f"Saisissez le code personnel de {staff.display_name}."})
        check = self._credentials.verify(staff.id, secret)
        if not check.accepted:
            raise ValidationError({"secret": check.message})
        return self._make_current(staff.id)

    def _make_current(self, staff_id: int) -> StaffView:
        staff = self._directory.get_staff(staff_id)
        self._settings.set(CURRENT_STAFF_MEMBER, staff.id)
        self._ctx.actor.staff_member_id = staff.id
        return staff

    def forget_current_user(self) -> None:
        """Record that nobody in particular uses this database (a team's server: each session is a login)."""
        self._settings.set(CURRENT_STAFF_MEMBER, None)
        self._ctx.actor.staff_member_id = None

    def own_organisation_id(self) -> int | None:
        """Return the association's own organisation id."""
        stored = self._settings.get(OWN_ORGANISATION)
        if stored is not None:
            return stored
        with self._ctx.read() as session:
            return session.scalar(select(Organisation.id).where(Organisation.is_own.is_(True)).limit(1))
