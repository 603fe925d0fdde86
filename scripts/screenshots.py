"""Screenshots of the real window, in French, on a fictitious dataset (for the README and for looking at).

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/screenshots   (or: make screenshots)
Everything happens in a temporary directory with an in-memory keyring: nothing touches the real profile.

The main pictures are taken on a 1920×1080 screen. Then, for the laptops associations use, the household file
(each tab), Mes ménages, the alerts and the first-run wizard showing an error are taken again on a 1366×768
and a 1024×768 screen, each in a process of its own (the offscreen screen's size is set when Qt starts), into
``<target>/1366x768`` and ``<target>/1024x768``.
"""

from __future__ import annotations

import json
import os
import subprocess
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


DESKTOP = (1920, 1080)
LAPTOPS = ((1366, 768), (1024, 768))


def main(target: Path, laptop: tuple[int, int] | None = None) -> int:
    """Take the main pictures, then those of each laptop screen (``laptop``: only those, in this process)."""
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="caseworker-shots-") as temporary:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(temporary) / variable.lower())
        os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(Path(temporary), laptop or DESKTOP)
        if laptop is not None:
            return _shoot_laptop(Path(temporary) / "data", target, laptop)
        status = _shoot(Path(temporary) / "data", target)
    for width, height in LAPTOPS:
        size = f"{width}x{height}"
        status = status or subprocess.call(
            [sys.executable, __file__, "--laptop", size, str(target / size)], env=dict(os.environ)
        )
    return status


def _offscreen_screen(directory: Path, size: tuple[int, int]) -> str:
    """The offscreen platform with one screen of ``size`` (dialogs fit the screen they are shown on)."""
    config = directory / "screen.json"
    screen = {"name": "Screen", "x": 0, "y": 0, "width": size[0], "height": size[1], "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [{**screen, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _shoot(data_dir: Path, target: Path) -> int:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application, key_tools
    from caseworker.demo.generator import generate_demo
    from caseworker.ui.common.coming_soon_page import ComingSoonPage
    from caseworker.ui.households.contact_dialog import ContactDialog
    from caseworker.ui.households.household_dialog import HouseholdDialog
    from caseworker.ui.households.occupancy_dialogs import OccupancyChangeDialog
    from caseworker.ui.setup.first_run_wizard import FirstRunWizard
    from caseworker.ui.setup.unlock_dialog import UnlockDialog

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths, store, database, services = _new_store(data_dir)
    generate_demo(database.engine, households=400, actor_staff_id=services.context.actor.staff_member_id)
    story, landlord, adult = _seed_story(services)
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

    live = application.services
    dialog = HouseholdDialog(live.households, live.reference, live.context.clock.today, parent=window)
    dialog.person_form.birth_year_edit.setText("19")
    dialog.person_form.first_name_edit.setText("Jo")
    dialog.person_form.deadline_field.line_edit.setText("31/02/2026")
    dialog.show()
    save(dialog, "07-nouveau-menage-validation")
    dialog.close()

    household = application.services.households.open_file(story.id, record_view=False)
    change = OccupancyChangeDialog(window.households.file_panel.housing_deps, household, parent=window)
    change.status_combo.set_code("hebergement_insertion")
    change.show()
    save(change, "08-changement-de-situation")
    change.close()

    wizard = FirstRunWizard(
        keyring_is_secure=True,
        keys=key_tools(),
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

    def wrong(_secret: object) -> None:
        from caseworker.errors import WrongKeyError

        raise WrongKeyError("Phrase de passe incorrecte. La base n'a pas été modifiée.")

    unlock = UnlockDialog(wrong, passphrase_possible=True)
    unlock.passphrase_edit.setText("mauvaise phrase")
    unlock.show()
    unlock.open_button.click()
    save(unlock, "11-deverrouillage-erreur")
    unlock.close()

    window.show_widget(window.settings)
    save(window, "12-parametres")
    # The board is no longer to come (issue 14): a section still to come is.
    window.show_widget(window.stack.findChildren(ComingSoonPage)[0])
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
    contact = ContactDialog(
        window.households.file_panel.contact_deps, supported, f"{summary.display_name} · {summary.reference}", window
    )
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


def _shoot_laptop(data_dir: Path, target: Path, size: tuple[int, int]) -> int:
    """The household file (each tab), Mes ménages, the alerts and the wizard with an error, on a laptop screen."""
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application, key_tools
    from caseworker.demo.generator import generate_demo
    from caseworker.ui.setup.first_run_wizard import FirstRunWizard

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths, store, database, services = _new_store(data_dir)
    generate_demo(database.engine, households=60, actor_staff_id=services.context.actor.staff_member_id)
    story, landlord, _adult = _seed_story(services)
    contract = _seed_support_and_contract(services, story.id, landlord.id)
    _seed_alerts(services, story.id, landlord.id)
    _seed_contacts_debts_and_procedure(services, story.id, landlord.id, contract.episode_id)
    database.dispose()

    application = Application(paths, store)
    assert application.start()
    window = application.window
    assert window is not None
    window.resize(*size)  # the whole screen, as a maximised window without a task bar
    window.show()

    def save(widget: QWidget, name: str) -> None:
        for _ in range(3):  # layout requests post further events (a wrapped label's height, a resize)
            QApplication.processEvents()
        widget.grab().save(str(target / f"{name}.png"))
        print(f"{target / name}.png")

    window.open_household(story.id)
    panel = window.households.file_panel
    for index in range(panel.tabs.count()):
        panel.show_tab(panel.tabs.widget(index))
        slug = panel.tabs.tabText(index).replace("&", "").lower().replace(" ", "-").replace("é", "e")
        save(window, f"dossier-{index + 1:02d}-{slug}")
    window.show_widget(window.my_households)
    save(window, "mes-menages")
    window.show_widget(window.alerts)
    window.alerts.table.selectRow(0)
    save(window, "alertes")

    wizard = FirstRunWizard(
        keyring_is_secure=False,
        keys=key_tools(),
        create_store=lambda _material: (application.services, "demo"),
        generate_demo=lambda *_args: None,
    )
    wizard.show()
    wizard.next()
    key_page = wizard.key_page
    assert key_page is not None
    key_page.passphrase_edit.setText("le chat de la voisine dort")
    key_page.confirm_edit.setText("le chat de la voisine dors")
    save(wizard, "assistant-erreur")
    wizard.close()

    window.close()
    application.shutdown()
    del app
    return 0


def _seed_contacts_debts_and_procedure(services, household_id: int, landlord_id: int, episode_id: int | None) -> None:  # type: ignore[no-untyped-def]
    """What fills the other tabs: a step down and a suspension, visits, a repayment plan, an eviction procedure."""
    from datetime import datetime
    from decimal import Decimal

    from caseworker.domain import ProcedureStage
    from caseworker.services.prevention import DebtInput, PaymentInput, PlanInput, ProcedureInput, StageInput
    from caseworker.services.support import ContactInput, IntensityChangeInput, SuspensionInput

    if episode_id is not None:
        episodes = services.episodes
        version = episodes.episode(episode_id).row_version
        version = episodes.change_intensity(
            episode_id,
            IntensityChangeInput("standard", date(2026, 1, 5), "Bilan de décembre"),
            expected_version=version,
        ).row_version
        version = episodes.suspend(
            episode_id, SuspensionInput(date(2026, 3, 2), "hospitalisation"), expected_version=version
        ).row_version
        episodes.resume(episode_id, on=date(2026, 4, 6), expected_version=version)
    for day, hour, outcome in (
        (date(2026, 9, 8), 18, "porte_close"),
        (date(2026, 9, 10), 10, "absent"),
        (date(2026, 9, 15), 19, "rencontre"),
        (date(2026, 10, 20), 11, "rencontre"),
    ):
        services.contacts.record_contact(
            household_id,
            ContactInput(datetime(day.year, day.month, day.day, hour, 0).astimezone(), "visite_domicile", outcome),
        )
    debt = services.debts.add_debt(
        household_id, DebtInput(Decimal("1250.00"), date(2026, 9, 1), creditor_id=landlord_id, note="Loyers de l'été")
    )
    plan = services.debts.add_plan(
        debt.id, PlanInput(Decimal("60.00"), Decimal("412.50"), date(2026, 10, 1), 12, date(2026, 9, 20))
    )
    for month, paid_on in ((date(2026, 10, 1), date(2026, 10, 5)), (date(2026, 11, 1), date(2026, 11, 4))):
        services.debts.record_payment(plan.id, PaymentInput(month, Decimal("472.50"), paid_on))
    procedure = services.procedures.open_procedure(household_id, ProcedureInput(landlord_id, date(2026, 5, 4)))
    for stage, on in (
        (ProcedureStage.RELANCES, date(2026, 6, 1)),
        (ProcedureStage.COMMANDEMENT_DE_PAYER, date(2026, 9, 15)),
    ):
        services.procedures.add_stage(procedure.id, StageInput(stage, on))


def _new_store(data_dir: Path):  # type: ignore[no-untyped-def]
    """A new encrypted store, its first run done: "Association Le Toit (fictive)" and its user Claire MARTIN."""
    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.secret_store import KeyringSecretStore

    paths = DataPaths(data_dir)
    store = KeyringSecretStore()
    database = create_database(paths, NewKeyMaterial.for_keyring(), store)
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(
            OrganisationInput("Association Le Toit (fictive)", "association", territory="Rennes Métropole"),
            "Claire",
            "Martin",
            "travailleur_social",
        )
    )
    return paths, store, database, services


def _seed_story(services):  # type: ignore[no-untyped-def]
    """Hélène Çelik and her two children, from a sister's home to their own lease; her consent for the landlord."""
    from caseworker.services.directory import DwellingInput, OrganisationInput
    from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
    from caseworker.services.sharing import ConsentInput, FilingReference

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
            expected_version=services.households.open_file(story.id, record_view=False).row_version,
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
    return story, landlord, adult


def _seed_support_and_contract(services, household_id: int, landlord_id: int):  # type: ignore[no-untyped-def]
    """The landlord's contact, the team, an AVDL episode with two objectives, a signed contract being amended."""
    from dataclasses import replace

    from caseworker.domain import Party, SignatureMethod
    from caseworker.services.contracts import ClauseInput, DraftRequest, ObjectiveLine, SignatureInput
    from caseworker.services.directory import PartnerContactInput
    from caseworker.services.support import ObjectiveInput, OrientationInput, TeamMemberInput

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
    active = services.episodes.activate(
        episode.id, on=date(2025, 9, 1), level_code="renforce", expected_version=episode.row_version
    )
    services.episodes.add_objective(
        episode.id,
        ObjectiveInput("Payer mon loyer chaque mois, sans retard", Party.MENAGE, "droits_devoirs_locataire"),
        expected_version=active.row_version,
    )
    services.episodes.add_objective(
        episode.id,
        ObjectiveInput("Reprendre mes rendez-vous au CMP", Party.MENAGE, "sante_mentale"),
        expected_version=active.row_version + 1,
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
    contract = services.contracts.update_draft(
        contract.latest.id, replace(content, clauses=clauses), expected_version=contract.row_version
    )
    contract = services.contracts.send_for_signature(contract.latest.id, expected_version=contract.row_version)
    for signatory in contract.latest.signatories:
        contract = services.contracts.record_signature(
            signatory.id,
            SignatureInput(today, SignatureMethod.EN_MAIN_PROPRE, "Rennes"),
            expected_version=contract.row_version,
        )
    contract = services.contracts.amend(
        contract.id, note="Objectif revu au bilan des six mois", expected_version=contract.row_version
    )
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
        expected_version=contract.row_version,
    )
    return contract


def _contract_shots(application, window, household_id, landlord_id, person_id, save) -> None:  # type: ignore[no-untyped-def]
    """Contracts (issue 4): a signed contrat d'objectifs with an amendment in preparation, the fiche navette."""
    from caseworker.services.sharing import ConsentInput, FilingReference
    from caseworker.ui.common.pdf_preview import PdfPreviewDialog
    from caseworker.ui.contracts.contract_editor import ContractEditorDialog
    from caseworker.ui.contracts.liaison_sheet_dialog import LiaisonSheetDialog
    from caseworker.ui.main_window import contracts_deps

    services = application.services
    today = services.context.clock.today()
    contract = _seed_support_and_contract(services, household_id, landlord_id)
    window.open_contract(household_id, contract.id)
    save(window, "19-dossier-contrats")
    contract = services.contracts.contract(contract.id)
    editor = ContractEditorDialog(contracts_deps(services), contract, contract.latest, window)
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
    sheet = LiaisonSheetDialog(services.liaison_sheets, household_id, window)
    sheet.show()
    save(sheet, "22-fiche-navette-refusee")
    sheet.close()
    services.consents.record_granted(
        household_id,
        ConsentInput(person_id, landlord_id, ("identite", "situation_logement", "objectifs_logement"), "Fiche navette"),
        signed_on=today,
        filing=FilingReference("dossier_papier", "Dossier du ménage, chemise « Consentements »"),
    )
    sheet = LiaisonSheetDialog(services.liaison_sheets, household_id, window)
    sheet.show()
    save(sheet, "23-fiche-navette")
    sheet.close()
    window.show_widget(window.contracts)
    save(window, "24-contrats")
    _alert_shots(application, window, household_id, landlord_id, save)


def _seed_alerts(services, household_id: int, landlord_id: int):  # type: ignore[no-untyped-def]
    """Last Friday's call about unpaid rent (overdue), and a technical problem reported to the landlord."""
    from datetime import datetime, timedelta
    from decimal import Decimal

    from caseworker.domain import AlertActionKind, AlertChannel
    from caseworker.services.alerts import ActionInput, AlertInput

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
    services.alerts.add_action(
        technical.id,
        ActionInput(AlertActionKind.RELANCE_BAILLEUR, now - timedelta(hours=2)),
        expected_version=technical.row_version,
    )
    return arrears, technical


def _alert_shots(application, window, household_id, landlord_id, save) -> None:  # type: ignore[no-untyped-def]
    """Alerts (issue 5): last Friday's call about unpaid rent, overdue; a technical problem for the landlord."""
    from caseworker.domain import AlertActionKind
    from caseworker.ui.alerts.alert_dialogs import NewAlertDialog
    from caseworker.ui.main_window import alerts_deps

    services = application.services
    arrears, _technical = _seed_alerts(services, household_id, landlord_id)
    window.show_widget(window.alerts)
    window.alerts.reload()
    window.alerts.table.selectRow(0)
    save(window, "25-alertes")
    window.open_household(household_id)
    panel = window.households.file_panel
    panel.show_tab(panel.alerts_panel)
    save(window, "26-dossier-alertes")
    dialog = NewAlertDialog(alerts_deps(services), household_id, window)
    dialog.type_combo.set_code("impaye")
    dialog.amount_edit.setText("412,50")
    dialog.show()
    save(dialog, "27-nouvelle-alerte")
    dialog.close()
    from caseworker.ui.alerts.alert_dialogs import ActionDialog

    action = ActionDialog(alerts_deps(services), services.alerts.alert(arrears.id), window)
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
    arguments = sys.argv[1:]
    if arguments[:1] == ["--laptop"]:
        width, height = (int(part) for part in arguments[1].split("x"))
        sys.exit(main(Path(arguments[2]), (width, height)))
    sys.exit(main(Path(arguments[0] if arguments else "docs/screenshots")))
