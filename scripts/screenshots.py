"""Screenshots of the real window, in French, on a fictitious dataset (for the README and for looking at).

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/screenshots   (or: make screenshots)
Everything happens in a temporary directory with an in-memory keyring: nothing touches the real profile.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def main(target: Path) -> int:
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="caseworker-shots-") as temporary:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(temporary) / variable.lower())
        return _shoot(Path(temporary) / "data", target)


def _shoot(data_dir: Path, target: Path) -> int:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application
    from caseworker.demo.generator import generate_demo
    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.consents import ConsentInput, FilingReference
    from caseworker.services.directory import DwellingInput, OrganisationInput
    from caseworker.services.households import HouseholdInput, PersonInput
    from caseworker.services.occupancy import OccupancyChangeInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.secret_store import KeyringSecretStore
    from caseworker.ui.households.contact_dialog import ContactDialog
    from caseworker.ui.households.household_dialog import HouseholdDialog
    from caseworker.ui.households.occupancy_dialogs import OccupancyChangeDialog
    from caseworker.ui.setup.first_run_wizard import FirstRunWizard
    from caseworker.ui.setup.unlock_dialog import UnlockDialog

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths = DataPaths(data_dir)
    store = KeyringSecretStore()
    material = NewKeyMaterial.for_keyring()
    database = create_database(paths, material, store)
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(
            OrganisationInput("Association Le Toit (fictive)", "association", territory="Rennes Métropole"),
            "Claire",
            "Martin",
            "travailleur_social",
        )
    )
    generate_demo(database.engine, households=400, actor_staff_id=services.context.actor.staff_member_id)
    landlord = services.directory.create_organisation(
        OrganisationInput("Habitat Solidaire d'Ille-et-Vilaine (fictif)", "bailleur_social")
    )
    story = services.households.create_household(
        HouseholdInput(
            composition_code="famille_monoparentale",
            pet_count=1,
            pets_note="1 chien",
            situation_before_entry_code="urgence",
            referral_source_code="siao",
            siao_reference="SIAO-35-2023-00412",
        ),
        PersonInput(first_name="Hélène", last_name="Çelik", birth_year=1986, administrative_status_code="ue"),
        start_date=date(2023, 2, 1),
    )
    for first, year in (("Léo", 2014), ("Inès", 2018)):
        services.households.add_member(
            story.id,
            PersonInput(first_name=first, last_name="Çelik", birth_year=year),
            role_code="enfant",
            start_date=date(2023, 2, 1),
        )
    occupancy = services.occupancy
    occupancy.change_occupancy(story.id, OccupancyChangeInput("heberge_tiers", date(2022, 3, 1), "situation_initiale"))
    occupancy.change_occupancy(
        story.id,
        OccupancyChangeInput(
            "hebergement_urgence", date(2023, 1, 10), "autre", note="Fin de l'hébergement chez sa sœur."
        ),
    )
    sublease = occupancy.change_occupancy(
        story.id,
        OccupancyChangeInput(
            "sous_locataire",
            date(2023, 9, 1),
            "acces_logement",
            new_dwelling=DwellingInput(
                landlord.id,
                "14 rue de Brest",
                "35000",
                "Rennes",
                stock_code="social",
                typology_code="t3",
                rent=Decimal("412.50"),
                charges=Decimal("85"),
            ),
            bail_glissant=True,
        ),
    )
    assert sublease.dwelling is not None
    occupancy.change_occupancy(
        story.id,
        OccupancyChangeInput("locataire_titre", date(2025, 9, 1), "glissement", dwelling_id=sublease.dwelling.id),
    )
    adult = services.households.open_file(story.id, record_view=False).members[0]
    services.consents.record_granted(
        story.id,
        ConsentInput(
            adult.person_id,
            landlord.id,
            ("situation_logement", "loyer_dette", "alertes"),
            "Fiche navette et alertes",
        ),
        signed_on=date.today().replace(day=1),
        filing=FilingReference("dossier_papier", "Dossier du ménage, chemise « Consentements »"),
    )
    database.dispose()

    application = Application(paths, store)
    assert application.start()
    window = application.window
    assert window is not None
    window.resize(1280, 800)
    window.show()

    def save(widget: QWidget, name: str) -> None:
        for _ in range(3):  # layout requests post further events (a wrapped label's height, a resize)
            QApplication.processEvents()
        widget.grab().save(str(target / f"{name}.png"))
        print(f"{target / name}.png")

    save(window, "01-menages")
    section = window.households
    QTest.keyClicks(section.list_panel.search_edit, "celik")
    save(window, "02-recherche")
    section.open_household(story.id)
    panel = section.file_panel
    save(window, "03-dossier-composition")
    panel.show_tab(panel.housing_tab)
    save(window, "04-dossier-logement")
    panel.show_tab(panel.consent_tab)
    save(window, "05-dossier-consentements")
    panel.show_tab(panel.history_tab)
    save(window, "06-dossier-historique")

    dialog = HouseholdDialog(application.services, parent=window)
    dialog.person_form.birth_year_edit.setText("19")
    dialog.person_form.first_name_edit.setText("Jo")
    dialog.person_form.deadline_field.line_edit.setText("31/02/2026")
    dialog.show()
    save(dialog, "07-nouveau-menage-validation")
    dialog.close()

    household = application.services.households.open_file(story.id, record_view=False)
    change = OccupancyChangeDialog(application.services, household, parent=window)
    change.status_combo.set_code("hebergement_insertion")
    change.show()
    save(change, "08-changement-de-situation")
    change.close()

    wizard = FirstRunWizard(
        keyring_is_secure=True,
        create_store=lambda _material: (application.services, "demo"),
        generate_demo=lambda *_args: None,
    )
    wizard.resize(760, 560)
    wizard.show()
    wizard.next()
    save(wizard, "09-assistant-protection")
    wizard.next()
    save(wizard, "10-assistant-cle-de-secours")
    wizard.close()

    def wrong(_credentials: object) -> object:
        from caseworker.errors import WrongKeyError

        raise WrongKeyError("Phrase de passe incorrecte. La base n'a pas été modifiée.")

    unlock = UnlockDialog(wrong, passphrase_possible=True)  # type: ignore[arg-type]
    unlock.passphrase_edit.setText("mauvaise phrase")
    unlock.show()
    unlock.open_button.click()
    save(unlock, "11-deverrouillage-erreur")
    unlock.close()

    window.show_widget(window.settings)
    save(window, "12-parametres")
    window.show_section(2)
    save(window, "13-bientot-disponible")

    # Support (issue 3): a demo household of the current user with a rich history.
    supported = _richest_supported_household(application.services)
    window.open_household(supported)
    panel.show_tab(panel.support_tab)
    save(window, "14-dossier-accompagnement")
    panel.show_tab(panel.team_panel)
    save(window, "15-dossier-equipe")
    panel.show_tab(panel.contacts_panel)
    save(window, "16-dossier-contacts")
    window.show_widget(window.my_households)
    save(window, "17-mes-menages")
    summary = application.services.households.summary(supported)
    contact = ContactDialog(application.services, supported, f"{summary.display_name} · {summary.reference}", window)
    contact.outcome_combo.set_code("porte_close")
    contact.note_edit.setPlainText("Porte close, mot laissé au gardien ; repasser mardi vers 19 h.")
    contact.show()
    save(contact, "18-saisie-rapide-contact")
    contact.close()
    _contract_shots(application, window, story.id, landlord.id, adult.person_id, save)

    window.close()
    application.shutdown()
    del app
    return 0


def _contract_shots(application, window, household_id, landlord_id, person_id, save) -> None:  # type: ignore[no-untyped-def]
    """Contracts (issue 4): a signed contrat d'objectifs with an amendment in preparation, the fiche navette."""
    from dataclasses import replace

    from caseworker.models import ObjectiveOwner, SignatureMethod
    from caseworker.services.consents import ConsentInput, FilingReference
    from caseworker.services.contract_templates import ClauseInput
    from caseworker.services.contracts import DraftRequest, ObjectiveLine, SignatureInput
    from caseworker.services.directory import PartnerContactInput
    from caseworker.services.episodes import ObjectiveInput, OrientationInput
    from caseworker.services.team import TeamMemberInput
    from caseworker.ui.common.pdf_preview import PdfPreviewDialog
    from caseworker.ui.contracts.contract_editor import ContractEditorDialog
    from caseworker.ui.contracts.liaison_sheet_dialog import LiaisonSheetDialog

    services = application.services
    today = services.context.clock.today()
    services.directory.create_partner_contact(
        PartnerContactInput(landlord_id, "Sophie", "Morel", role_code="gestion_locative", phone="02 99 00 11 22")
    )
    services.team.add_member(
        household_id,
        TeamMemberInput(
            "referent_social",
            date(2025, 9, 1),
            staff_member_id=services.context.actor.staff_member_id,
            is_coordinator=True,
        ),
    )
    episode = services.episodes.open_episode(
        household_id, OrientationInput("avdl", date(2025, 8, 4), referral_source_code="siao")
    )
    services.episodes.activate(episode.id, on=date(2025, 9, 1), level_code="renforce")
    services.episodes.add_objective(
        episode.id,
        ObjectiveInput("Payer mon loyer chaque mois, sans retard", ObjectiveOwner.MENAGE, "droits_devoirs_locataire"),
    )
    services.episodes.add_objective(
        episode.id, ObjectiveInput("Reprendre mes rendez-vous au CMP", ObjectiveOwner.MENAGE, "sante_mentale")
    )
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", household_id))
    content = contract.latest.content()
    clauses = tuple(
        ClauseInput(
            c.code, c.title, "Rester dans ce logement avec mes enfants et en devenir locataire en titre.", c.required
        )
        if c.code == "projet"
        else c
        for c in content.clauses
    )
    services.contracts.update_draft(contract.latest.id, replace(content, clauses=clauses))
    contract = services.contracts.send_for_signature(contract.latest.id)
    for signatory in contract.latest.signatories:
        contract = services.contracts.record_signature(
            signatory.id, SignatureInput(today, SignatureMethod.EN_MAIN_PROPRE, "Rennes")
        )
    contract = services.contracts.amend(contract.id, note="Objectif revu au bilan des six mois")
    amended = contract.latest.content()
    services.contracts.update_draft(
        contract.latest.id,
        replace(
            amended,
            objectives=(
                *amended.objectives,
                ObjectiveLine("Entretenir le logement et le jardin", theme_code="installation"),
            ),
        ),
    )
    window.open_contract(household_id, contract.id)
    save(window, "19-dossier-contrats")
    contract = services.contracts.contract(contract.id)
    editor = ContractEditorDialog(services, contract, contract.latest, window)
    editor.show()
    save(editor, "20-editeur-contrat")
    editor.close()
    pdf = services.contracts.version_pdf(contract.versions[0].id)
    preview = PdfPreviewDialog(
        pdf.content,
        f"{contract.reference} — {contract.kind_label}",
        pdf.filename,
        window,
        notice="L'exemplaire soumis à la signature.",
    )
    preview.resize(900, 760)
    preview.show()
    save(preview, "21-apercu-contrat")
    preview.close()
    sheet = LiaisonSheetDialog(services, household_id, window)
    sheet.show()
    save(sheet, "22-fiche-navette-refusee")
    sheet.close()
    services.consents.record_granted(
        household_id,
        ConsentInput(person_id, landlord_id, ("identite", "situation_logement", "objectifs_logement"), "Fiche navette"),
        signed_on=today,
        filing=FilingReference("dossier_papier", "Dossier du ménage, chemise « Consentements »"),
    )
    sheet = LiaisonSheetDialog(services, household_id, window)
    sheet.show()
    save(sheet, "23-fiche-navette")
    sheet.close()
    window.show_widget(window.contracts)
    save(window, "24-contrats")
    _alert_shots(application, window, household_id, landlord_id, save)


def _alert_shots(application, window, household_id, landlord_id, save) -> None:  # type: ignore[no-untyped-def]
    """Alerts (issue 5): last Friday's call about unpaid rent, overdue; a technical problem for the landlord."""
    from datetime import datetime, timedelta
    from decimal import Decimal

    from caseworker.models import AlertActionKind, AlertChannel
    from caseworker.services.alerts import ActionInput, AlertInput
    from caseworker.ui.alerts.alert_dialogs import NewAlertDialog

    services = application.services
    now = datetime.now().astimezone()
    friday = (now - timedelta(days=(now.weekday() - 4) % 7 or 7)).replace(hour=17, minute=0, second=0, microsecond=0)
    contact = services.alerts.suggested_contacts(landlord_id, "impaye")
    arrears = services.alerts.create(
        AlertInput(
            "impaye",
            household_id,
            landlord_id,
            friday,
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés (octobre et novembre), appel de la gestionnaire.",
            amount=Decimal("825.00"),
            partner_contact_id=contact[0].id if contact else None,
        )
    )
    technical = services.alerts.create(
        AlertInput(
            "probleme_technique",
            household_id,
            landlord_id,
            now - timedelta(days=1),
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus depuis le 24 novembre.",
        )
    )
    services.alerts.add_action(technical.id, ActionInput(AlertActionKind.RELANCE_BAILLEUR, now - timedelta(hours=2)))
    window.show_widget(window.alerts)
    window.alerts.reload()
    window.alerts.table.selectRow(0)
    save(window, "25-alertes")
    window.open_household(household_id)
    panel = window.households.file_panel
    panel.show_tab(panel.alerts_panel)
    save(window, "26-dossier-alertes")
    dialog = NewAlertDialog(services, household_id, window)
    dialog.type_combo.set_code("impaye")
    dialog.amount_edit.setText("412,50")
    dialog.show()
    save(dialog, "27-nouvelle-alerte")
    dialog.close()
    from caseworker.ui.alerts.alert_dialogs import ActionDialog

    action = ActionDialog(services, services.alerts.alert(arrears.id), window)
    action.kind_combo.set_code(AlertActionKind.MEDIATION.value)
    action.others_edit.setText("M. Leroy, gardien de l'immeuble")
    action.agreement_edit.setPlainText(
        "Le ménage reprend le loyer courant et verse 40 € de plus chaque mois ; le bailleur suspend les relances."
    )
    action.show()
    save(action, "28-mediation-tripartite")
    action.close()


def _richest_supported_household(services) -> int:  # type: ignore[no-untyped-def]
    """One of "Mes ménages" whose running episode changed intensity and was suspended (the most telling one)."""

    def richness(household_id: int) -> tuple[int, int, int]:
        episodes = services.episodes.episodes_for(household_id)
        running = [episode for episode in episodes if episode.is_running]
        if not running:
            return (0, 0, 0)
        episode = running[0]
        return (1, min(len(episode.intensity), 3) + min(len(episode.suspensions), 1), len(episodes))

    rows = services.my_households.for_staff()
    return max((row.household_id for row in rows), key=richness)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
